import { describe, expect, it } from 'vitest';
import { SeenContexts } from '../src/users/context-reports.js';

/** The users list's merge of reports (users/context-reports.ts): stored rows keep their JSON text until a merge changes it. */

const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 12, minute)).toISOString();
const stored = {
  environmentId: 'env',
  kind: 'user',
  key: 'ada',
  attributes: '{"plan":"pro","country":"GB"}',
  privateAttributes: '{"email":["email"]}',
  firstSeen: at(0),
  lastSeen: at(10),
};

function merged(...sightings: Parameters<SeenContexts['add']>[0][]) {
  const seen = new SeenContexts();
  for (const sighting of sightings) seen.add(sighting);
  const rows = seen.rows();
  expect(rows).toHaveLength(1);
  const [row] = rows as [ReturnType<SeenContexts['rows']>[number]];
  return { ...row, attributes: JSON.parse(row.attributes), privateAttributes: JSON.parse(row.privateAttributes) };
}

describe('seen contexts', () => {
  it('moves first and last seen only, when a report repeats the stored text', () => {
    const seen = new SeenContexts();
    seen.add({ ...stored, firstSeen: at(20), lastSeen: at(20) });
    seen.add(stored);
    expect(seen.rows()).toEqual([{ ...stored, lastSeen: at(20) }]);
  });

  it('gives rows as added, or in key order for writing over stored rows', () => {
    const seen = new SeenContexts();
    for (const [environmentId, key] of [
      ['env-b', 'ada'],
      ['env-a', 'grace'],
      ['env-a', 'ada'],
    ] as const)
      seen.add({ ...stored, environmentId, key });
    const ids = (rows: { environmentId: string; key: string }[]) =>
      rows.map((row) => `${row.environmentId}/${row.key}`);
    expect(ids(seen.rows())).toEqual(['env-b/ada', 'env-a/grace', 'env-a/ada']);
    expect(ids(seen.rowsInKeyOrder())).toEqual(['env-a/ada', 'env-a/grace', 'env-b/ada']);
  });

  it('keeps what a newer report leaves out, and takes what it gives or marks private', () => {
    const row = merged(stored, {
      ...stored,
      attributes: { plan: 'team', email: 'ada@example.com' },
      privateAttributes: { country: ['country'] },
      firstSeen: at(20),
      lastSeen: at(20),
    });
    expect(row.attributes).toEqual({ plan: 'team', email: 'ada@example.com' });
    expect(row.privateAttributes).toEqual({ country: ['country'] });
    expect([row.firstSeen, row.lastSeen]).toEqual([at(0), at(20)]);
  });

  it('lets an older report fill in only what the newer ones do not give, in any order', () => {
    const older = { ...stored, attributes: { plan: 'free', age: 36 }, privateAttributes: {}, lastSeen: at(5) };
    for (const row of [merged(stored, older), merged(older, stored)]) {
      expect(row.attributes).toEqual({ plan: 'pro', country: 'GB', age: 36 });
      expect(row.privateAttributes).toEqual({ email: ['email'] });
      expect(row.lastSeen).toBe(at(10));
    }
  });

  it('merges text and parsed reports of the same context alike', () => {
    const parsed = { ...stored, attributes: JSON.parse(stored.attributes), privateAttributes: { email: ['email'] } };
    const newer = { ...stored, attributes: '{"plan":"team"}', privateAttributes: '{}', lastSeen: at(30) };
    expect(merged(parsed, newer)).toEqual(merged(stored, newer));
    expect(merged(parsed, newer).attributes).toEqual({ plan: 'team', country: 'GB' });
  });
});
