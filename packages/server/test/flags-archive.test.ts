import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/** POST /projects/{project}/flags/archive: several flags archived in one transaction, all or none. */
const flags = '/api/v1/projects/default/flags';

describe.each(await testDialects())('archiving flags in bulk on %s', (dialect) => {
  let server: TestServer;
  const create = async (key: string, environments?: Record<string, unknown>) => {
    const created = await server.api('POST', flags, { key, ...(environments ? { environments } : {}) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  };
  const archived = async () =>
    (await server.api('GET', `${flags}?archived=true`)).body.items.map((flag: { key: string }) => flag.key);
  const written = async () => {
    const audit = await server.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const changes = await server.ctx.db
      .selectFrom('changes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { audit: Number(audit.n), changes: Number(changes.n) };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const key of ['old-a', 'old-b', 'old-c', 'base']) await create(key);
    await create('needs-base', { production: { on: true, prerequisites: [{ flag: 'base', variations: ['on'] }] } });
  });
  afterAll(() => server.close());

  it('archives every flag named, with one audit entry each, as archiving them one by one would', async () => {
    const before = await server.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const response = await server.api('POST', `${flags}/archive`, { keys: ['old-b', 'old-a'] });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ archived: ['old-b', 'old-a'] });
    expect(await archived()).toEqual(['old-a', 'old-b']);

    const entries = await server.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('id', '>', Number(before.id))
      .orderBy('id')
      .execute();
    expect(entries.map((entry) => [entry.action, entry.resourceKey, entry.before, entry.after])).toEqual([
      ['flag.archived', 'old-b', '{"archived":false}', '{"archived":true}'],
      ['flag.archived', 'old-a', '{"archived":false}', '{"archived":true}'],
    ]);
    // SDKs hear that each is gone, in every environment.
    const gone = await server.ctx.db
      .selectFrom('changes')
      .select(['key', 'payload'])
      .where('key', 'in', ['old-a', 'old-b'])
      .where('payload', 'is', null)
      .execute();
    expect(gone).toHaveLength(6);
    const restored = await server.api('POST', `${flags}/old-a/restore`);
    expect(restored.body.archived).toBe(false);
  });

  it('archives a prerequisite together with the flags that require it', async () => {
    const response = await server.api('POST', `${flags}/archive`, { keys: ['base', 'needs-base'] });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    // Restored the other way round: a live flag may not require an archived one.
    for (const key of ['base', 'needs-base'])
      expect((await server.api('POST', `${flags}/${key}/restore`)).status).toBe(200);
  });

  it('archives nothing when one key is missing (404), archived already or required by a live flag (409)', async () => {
    const before = await written();
    const missing = await server.api('POST', `${flags}/archive`, { keys: ['old-a', 'no-such-flag', 'old-c'] });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body.detail).toContain('"no-such-flag"');
    expect(missing.body.errors).toEqual([{ path: 'keys[1]', message: 'no flag "no-such-flag" in project "default"' }]);

    const again = await server.api('POST', `${flags}/archive`, { keys: ['old-c', 'old-b'] });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'keys[1]', message: 'flag "old-b" is already archived' }]);

    const required = await server.api('POST', `${flags}/archive`, { keys: ['old-c', 'base'] });
    expect(required.status).toBe(409);
    expect(required.body.detail).toContain('"base" is a prerequisite of "needs-base"');
    expect(required.body.errors).toEqual([
      { path: 'keys[1]', message: 'flag "base" is a prerequisite of "needs-base"' },
    ]);

    expect(await written()).toEqual(before);
    expect(await archived()).toEqual(['old-b']);
  });

  it('refuses an empty, oversized or repetitive list with a 400 naming keys', async () => {
    const cases: unknown[] = [
      { keys: [] },
      { keys: Array.from({ length: 501 }, (_, index) => `flag-${index}`) },
      { keys: ['old-c', 'old-c'] },
      { keys: ['not a key'] },
      {},
    ];
    for (const body of cases) {
      const response = await server.api('POST', `${flags}/archive`, body);
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(response.body.errors[0].path).toMatch(/^keys/);
    }
  });

  it('needs write on the project', async () => {
    const viewer = await server.api('POST', '/api/v1/api-tokens', { name: 'viewer', roles: [{ role: 'viewer' }] });
    const refused = await server.api('POST', `${flags}/archive`, { keys: ['old-c'] }, viewer.body.token);
    expect(refused.status).toBe(403);
    expect(await archived()).toEqual(['old-b']);
  });
});
