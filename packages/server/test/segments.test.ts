import { compile } from '@vexil/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleset } from '../src/rulesets/load.js';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('segments API on %s', (dialect) => {
  let server: TestServer;
  const segments = '/api/v1/projects/default/segments';
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  async function segmentChanges(key: string) {
    return server.ctx.db
      .selectFrom('changes')
      .innerJoin('environments', 'environments.id', 'changes.environmentId')
      .select(['environments.key as environment', 'changes.payload'])
      .where('changes.kind', '=', 'segment')
      .where('changes.key', '=', key)
      .orderBy('changes.revision')
      .execute();
  }

  async function environmentId(key: string) {
    const row = await server.ctx.db
      .selectFrom('environments')
      .select('id')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('creates a segment and announces it to every environment of the project', async () => {
    const created = await server.api('POST', segments, {
      key: 'beta-testers',
      name: 'Beta testers',
      included: ['alice'],
      excluded: ['mallory'],
      rules: [{ id: 'staff', clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }] }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'beta-testers', name: 'Beta testers', included: ['alice'], version: 1 });
    const changes = await segmentChanges('beta-testers');
    expect(changes.map((change) => change.environment).sort()).toEqual(['development', 'production', 'staging']);
    expect(JSON.parse(changes[0]?.payload ?? 'null')).toMatchObject({ key: 'beta-testers', included: ['alice'] });
    expect((await server.api('GET', `${segments}/beta-testers`)).body.rules).toEqual([
      { id: 'staff', clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }] },
    ]);
    expect((await server.api('GET', segments)).body.map((segment: { key: string }) => segment.key)).toEqual([
      'beta-testers',
    ]);
  });

  it('refuses a second segment with the same key', async () => {
    const again = await server.api('POST', segments, { key: 'beta-testers' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'key', message: 'is taken' }]);
  });

  it('refuses unknown fields, wrong types and malformed JSON with the field at fault', async () => {
    const unknown = await server.api('POST', segments, { key: 'x', members: ['alice'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      type: 'https://vexil.dev/problems/validation',
      errors: [{ path: 'members', message: 'is not a known field' }],
    });

    const wrongType = await server.api('POST', segments, { key: 'x', included: 'alice' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].path).toBe('included');

    const badKey = await server.api('POST', segments, { key: 'no spaces' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors[0].path).toBe('key');

    const malformed = await server.api('POST', segments, '{"key": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('https://vexil.dev/problems/malformed-json');
    expect((await server.api('GET', `${segments}/x`)).status).toBe(404);
  });

  it('checks clauses with the engine: values of the wrong type, unsafe regexes, duplicate rule ids', async () => {
    const wrongValue = await server.api('POST', segments, {
      key: 'adults',
      rules: [{ clauses: [{ attribute: 'age', operator: 'gte', values: ['eighteen'] }] }],
    });
    expect(wrongValue.status).toBe(400);
    expect(wrongValue.body.errors[0].path).toBe('rules[0].clauses[0].values[0]');

    const unsafe = await server.api('POST', segments, {
      key: 'adults',
      rules: [{ clauses: [{ attribute: 'name', operator: 'matches', values: ['^(a+)+$'] }] }],
    });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.errors[0].path).toBe('rules[0].clauses[0].values[0]');

    const rule = { id: 'r', clauses: [{ attribute: 'age', operator: 'gte', values: [18] }] };
    const duplicate = await server.api('POST', segments, { key: 'adults', rules: [rule, rule] });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors).toEqual([{ path: 'rules[1].id', message: 'duplicate rule id "r"' }]);

    const nested = await server.api('POST', segments, {
      key: 'adults',
      rules: [{ clauses: [{ segment: 'beta-testers' }] }],
    });
    expect(nested.status).toBe(400);
    expect(nested.body.errors.map((error: { path: string }) => error.path)).toContain('rules[0].clauses[0].attribute');
    expect((await server.api('GET', `${segments}/adults`)).status).toBe(404);
  });

  it('PATCH changes the fields it names, PUT replaces the definition; each bumps the version', async () => {
    const patched = await server.api('PATCH', `${segments}/beta-testers`, { included: ['alice', 'bob'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Beta testers',
      included: ['alice', 'bob'],
      excluded: ['mallory'],
      version: 2,
    });

    const replaced = await server.api('PUT', `${segments}/beta-testers`, { name: 'Beta', included: ['carol'] });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({
      key: 'beta-testers',
      name: 'Beta',
      included: ['carol'],
      version: 3,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const latest = (await segmentChanges('beta-testers')).at(-1);
    expect(JSON.parse(latest?.payload ?? 'null')).toEqual({ key: 'beta-testers', name: 'Beta', included: ['carol'] });
  });

  it('refuses changes that are invalid, or to segments that do not exist', async () => {
    const invalid = await server.api('PATCH', `${segments}/beta-testers`, { rules: [{ clauses: [] }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].path).toBe('rules[0].clauses');
    expect((await server.api('GET', `${segments}/beta-testers`)).body.version).toBe(3);

    expect((await server.api('PATCH', `${segments}/nobody`, { name: 'x' })).status).toBe(404);
    expect((await server.api('PUT', `${segments}/nobody`, {})).status).toBe(404);
    expect((await server.api('GET', '/api/v1/projects/nowhere/segments')).status).toBe(404);
  });

  it('changes what the flags using it serve', async () => {
    await server.api('POST', '/api/v1/projects/default/flags', {
      key: 'beta-banner',
      environments: {
        production: {
          on: true,
          allocations: [{ id: 'beta', conditions: [{ segment: 'beta-testers' }], serve: { variation: 'on' } }],
          fallthrough: { variation: 'off' },
        },
      },
    });
    const production = await environmentId('production');
    const serves = async (key: string) =>
      compile((await loadRuleset(server.ctx.db, production))!).evaluate('beta-banner', { key }).value;
    expect(await serves('carol')).toBe(true);
    expect(await serves('dave')).toBe(false);

    await server.api('PATCH', `${segments}/beta-testers`, { included: ['dave'] });
    expect(await serves('carol')).toBe(false);
    expect(await serves('dave')).toBe(true);
  });

  it('refuses to delete a segment that a flag uses, naming the flag, and deletes it once unused', async () => {
    const refused = await server.api('DELETE', `${segments}/beta-testers`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('"beta-banner" (production)');
    expect((await server.api('GET', `${segments}/beta-testers`)).status).toBe(200);

    await server.api('PATCH', '/api/v1/projects/default/flags/beta-banner/environments/production', {
      allocations: [],
    });
    expect((await server.api('DELETE', `${segments}/beta-testers`)).status).toBe(204);
    expect((await server.api('GET', `${segments}/beta-testers`)).status).toBe(404);
    const deletions = (await segmentChanges('beta-testers')).slice(-3);
    expect(deletions.map((change) => change.payload)).toEqual([null, null, null]);
    expect((await server.api('DELETE', `${segments}/beta-testers`)).status).toBe(404);
  });

  it('writes an audit entry with before and after for each change', async () => {
    const rows = await server.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('resourceType', '=', 'segment')
      .orderBy('id')
      .execute();
    expect(rows.map((row) => row.action)).toEqual([
      'segment.created',
      'segment.updated',
      'segment.updated',
      'segment.updated',
      'segment.deleted',
    ]);
    expect(JSON.parse(rows[1]?.before ?? '{}')).toMatchObject({ included: ['alice'] });
    expect(JSON.parse(rows[1]?.after ?? '{}')).toMatchObject({ included: ['alice', 'bob'] });
    expect(rows[4]?.after).toBeNull();
  });

  it('lets viewers read segments but not change them', async () => {
    const viewer = await server.api('POST', '/api/v1/api-tokens', { name: 'viewer', roles: [{ role: 'viewer' }] });
    expect((await server.api('GET', segments, undefined, viewer.body.token)).status).toBe(200);
    const refused = await server.api('POST', segments, { key: 'mine' }, viewer.body.token);
    expect(refused.status).toBe(403);
    expect((await server.api('GET', `${segments}/mine`)).status).toBe(404);
  });
});
