import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

interface Entry {
  id: number;
  createdAt: string;
  action: string;
  resource: { type: string; key: string };
  project: string | null;
  environment: string | null;
}

describe.each(await testDialects())('audit log API on %s', (dialect) => {
  let server: TestServer;
  const tokens: Record<string, { id: string; token: string }> = {};
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', '/api/v1/projects', { key: 'other' });
    await server.api('POST', '/api/v1/projects/default/flags', { key: 'checkout' });
    await server.api('PATCH', '/api/v1/projects/default/flags/checkout/environments/production', { on: true });
    await server.api('POST', '/api/v1/projects/other/flags', { key: 'search' });
    for (const [name, roles] of Object.entries({
      reader: [{ role: 'viewer' }],
      'default editor': [{ role: 'editor', project: 'default' }],
      'production viewer': [{ role: 'viewer', project: 'default', environment: 'production' }],
    })) {
      tokens[name] = (await server.api('POST', '/api/v1/api-tokens', { name, roles })).body;
    }
  });
  afterAll(() => server.close());

  const audit = async (query = '', token?: string) => server.api('GET', `/api/v1/audit${query}`, undefined, token);

  it('lists entries newest first, with actor, resource, scope and before/after', async () => {
    const response = await audit();
    expect(response.status).toBe(200);
    const ids = response.body.entries.map((entry: Entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const stateChange = response.body.entries.find((entry: Entry) => entry.action === 'flag.state.updated');
    expect(stateChange).toEqual({
      id: expect.any(Number),
      createdAt: expect.any(String),
      actor: { type: 'api-token', id: expect.any(String), name: 'first-start owner token' },
      action: 'flag.state.updated',
      resource: { type: 'flag', key: 'checkout' },
      project: 'default',
      environment: 'production',
      before: expect.objectContaining({ on: false }),
      after: expect.objectContaining({ on: true }),
    });
    expect(response.body.next).toBeNull();
  });

  it('filters by resource, actor, project and environment', async () => {
    const flag = await audit('?resourceType=flag&resource=checkout');
    expect(flag.body.entries.map((entry: Entry) => entry.action)).toEqual(['flag.state.updated', 'flag.created']);
    const production = await audit('?project=default&environment=production');
    expect(production.body.entries.map((entry: Entry) => entry.action)).toEqual([
      'flag.state.updated',
      'environment.created',
    ]);
    const other = await audit('?project=other&resourceType=flag');
    expect(other.body.entries.map((entry: Entry) => entry.resource.key)).toEqual(['search']);
    const byName = await audit(`?actor=${encodeURIComponent('first-start owner token')}&resourceType=api-token`);
    expect(byName.body.entries.map((entry: Entry) => entry.action)).toEqual([
      'api-token.created',
      'api-token.created',
      'api-token.created',
    ]);
    const byId = await audit(`?actor=${byName.body.entries[0].actor.id}&resourceType=api-token`);
    expect(byId.body.entries).toEqual(byName.body.entries);
    expect((await audit('?actor=nobody')).body.entries).toEqual([]);
  });

  it('filters by action, or by every action of a resource type with .*', async () => {
    const state = await audit('?action=flag.state.updated');
    expect(state.body.entries.map((entry: Entry) => [entry.action, entry.resource.key])).toEqual([
      ['flag.state.updated', 'checkout'],
    ]);
    const flags = await audit('?action=flag.*');
    expect(flags.body.entries.map((entry: Entry) => [entry.action, entry.resource.key])).toEqual([
      ['flag.created', 'search'],
      ['flag.state.updated', 'checkout'],
      ['flag.created', 'checkout'],
    ]);
    expect((await audit('?action=flag.deleted')).body.entries).toEqual([]);
    const bad = await audit('?action=flag%25');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('querystring.action');
  });

  it('filters by time: from inclusive, to exclusive, with any time zone offset', async () => {
    const all: Entry[] = (await audit('?limit=500')).body.entries;
    const created = all.find((entry) => entry.action === 'flag.created' && entry.resource.key === 'search') as Entry;
    const since = await audit(`?from=${encodeURIComponent(created.createdAt)}`);
    expect(since.body.entries.every((entry: Entry) => entry.createdAt >= created.createdAt)).toBe(true);
    expect(since.body.entries.map((entry: Entry) => entry.id)).toContain(created.id);
    const until = await audit(`?to=${encodeURIComponent(created.createdAt)}`);
    expect(until.body.entries.map((entry: Entry) => entry.id)).not.toContain(created.id);
    expect(since.body.entries.length + until.body.entries.length).toBe(all.length);

    const later = new Date(Date.parse(created.createdAt) + 3600_000);
    const offset = `${later.toISOString().slice(0, 23)}+01:00`; // the same instant as `created`, written in UTC+1
    expect((await audit(`?from=${encodeURIComponent(offset)}`)).body.entries.map((entry: Entry) => entry.id)).toEqual(
      since.body.entries.map((entry: Entry) => entry.id),
    );
  });

  it('pages with before=<next> until next is null', async () => {
    const all: Entry[] = (await audit('?limit=500')).body.entries;
    const seen: number[] = [];
    let next: number | null = null;
    do {
      const page = await audit(`?limit=3${next === null ? '' : `&before=${next}`}`);
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.entries.map((entry: Entry) => entry.id));
      next = page.body.next;
    } while (next !== null);
    expect(seen).toEqual(all.map((entry) => entry.id));
  });

  it('refuses bad query parameters, naming them', async () => {
    const from = await audit('?from=yesterday');
    expect(from.status).toBe(400);
    expect(from.body.errors[0].path).toBe('querystring.from');
    const order = await audit('?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(order.body.errors).toEqual([{ path: 'querystring.to', message: 'must be later than from' }]);
    for (const limit of ['0', '501', 'many']) {
      const response = await audit(`?limit=${limit}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].path).toBe('querystring.limit');
    }
    expect((await audit('?before=-1')).body.errors[0].path).toBe('querystring.before');
    expect((await audit('?flag=checkout')).body.errors).toEqual([
      { path: 'querystring.flag', message: 'is not a known field' },
    ]);
  });

  it('shows organisation-wide readers everything', async () => {
    const everything = await audit('?limit=500');
    const reader = await audit('?limit=500', tokens.reader?.token);
    expect(reader.body.entries).toEqual(everything.body.entries);
  });

  it('shows a project’s editor only that project’s entries', async () => {
    const response = await audit('?limit=500', tokens['default editor']?.token);
    expect(response.status).toBe(200);
    const entries: Entry[] = response.body.entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.project === 'default')).toBe(true);
    expect(entries.map((entry) => entry.action)).toContain('flag.created');
    expect((await audit('?project=other', tokens['default editor']?.token)).body.entries).toEqual([]);
  });

  it('shows an environment’s viewer that environment’s entries and its project’s, never another environment’s, a page at a time', async () => {
    const seen: Entry[] = [];
    let next: number | null = null;
    do {
      const page = await audit(`?limit=1${next === null ? '' : `&before=${next}`}`, tokens['production viewer']?.token);
      expect(page.body.entries.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.entries);
      next = page.body.next;
    } while (next !== null);
    expect(seen[0]?.action).toBe('flag.state.updated');
    expect(
      seen.every(
        (entry) => entry.project === 'default' && (entry.environment === null || entry.environment === 'production'),
      ),
    ).toBe(true);
    expect(seen.map((entry) => [entry.action, entry.environment])).toContainEqual([
      'environment.created',
      'production',
    ]);
    expect(seen.map((entry) => entry.action)).toContain('flag.created');
  });
});
