import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Issue 15: experiment metrics per project — CRUD, audited, and refused when they make no sense. */
describe.each(await testDialects())('metrics API on %s', (dialect) => {
  let server: TestServer;
  const metrics = '/api/v1/projects/default/metrics';
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  async function auditOf(key: string) {
    return server.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'actorName', 'before', 'after'])
      .where('resourceType', '=', 'metric')
      .where('resourceKey', '=', key)
      .orderBy('id')
      .execute();
  }

  async function written(): Promise<number> {
    const row = await server.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('creates a conversion metric with its defaults, lists it and reads it back', async () => {
    const created = await server.api('POST', metrics, { key: 'signup', eventKey: 'signed-up', kind: 'conversion' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      key: 'signup',
      name: 'signup',
      description: null,
      eventKey: 'signed-up',
      kind: 'conversion',
      aggregation: null,
      direction: 'higher',
      windowHours: null,
      capPercentile: null,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await server.api('GET', `${metrics}/signup`)).body).toEqual(created.body);
    expect((await server.api('GET', metrics)).body.map((metric: { key: string }) => metric.key)).toEqual(['signup']);
    const [entry] = await auditOf('signup');
    expect(entry).toMatchObject({ action: 'metric.created', before: null });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual(created.body);
  });

  it('creates a capped numeric metric and changes its window, audited with before and after', async () => {
    const created = await server.api('POST', metrics, {
      key: 'revenue',
      name: 'Revenue per user',
      eventKey: 'checkout-completed',
      kind: 'numeric',
      aggregation: 'sum',
      capPercentile: 99,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ aggregation: 'sum', capPercentile: 99, direction: 'higher' });

    const changed = await server.api('PATCH', `${metrics}/revenue`, { windowHours: 72, direction: 'higher' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ windowHours: 72, capPercentile: 99, version: 2, name: 'Revenue per user' });
    const cleared = await server.api('PATCH', `${metrics}/revenue`, { windowHours: null, capPercentile: null });
    expect(cleared.body).toMatchObject({ windowHours: null, capPercentile: null, version: 3 });

    const entries = await auditOf('revenue');
    expect(entries.map((entry) => entry.action)).toEqual(['metric.created', 'metric.updated', 'metric.updated']);
    expect(JSON.parse(entries[1]?.before ?? 'null')).toMatchObject({ windowHours: null, version: 1 });
    expect(JSON.parse(entries[1]?.after ?? 'null')).toMatchObject({ windowHours: 72, version: 2 });
  });

  it('turns a numeric metric into a conversion only when the numeric settings go too', async () => {
    const refused = await server.api('PATCH', `${metrics}/revenue`, { kind: 'conversion' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: 'aggregation', message: expect.stringContaining('numeric metrics only') },
    ]);
    const changed = await server.api('PATCH', `${metrics}/revenue`, { kind: 'conversion', aggregation: null });
    expect(changed.body).toMatchObject({ kind: 'conversion', aggregation: null });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a numeric metric without its aggregation', { kind: 'numeric' }, 'aggregation'],
    ['an aggregation on a conversion', { kind: 'conversion', aggregation: 'sum' }, 'aggregation'],
    ['a cap on a conversion', { kind: 'conversion', capPercentile: 99 }, 'capPercentile'],
    ['an unknown kind', { kind: 'ratio' }, 'kind'],
    ['an event key with a space', { kind: 'conversion', eventKey: 'signed up' }, 'eventKey'],
    ['a cap at 100 %', { kind: 'numeric', aggregation: 'sum', capPercentile: 100 }, 'capPercentile'],
    ['a window of no hours', { kind: 'conversion', windowHours: 0 }, 'windowHours'],
    ['a window of a fraction of an hour', { kind: 'conversion', windowHours: 1.5 }, 'windowHours'],
    ['an unknown direction', { kind: 'conversion', direction: 'up' }, 'direction'],
    ['a NUL in the name', { kind: 'conversion', name: 'a\u0000b' }, 'name'],
    ['an unknown field', { kind: 'conversion', goal: 'more' }, 'goal'],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_, fields, path) => {
    const before = await written();
    const response = await server.api('POST', metrics, { key: 'refused', eventKey: 'signed-up', ...fields });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    expect(await written()).toBe(before);
    expect((await server.api('GET', `${metrics}/refused`)).status).toBe(404);
  });

  it('refuses a second metric with the same key, and answers 404 for one that does not exist', async () => {
    const again = await server.api('POST', metrics, { key: 'signup', eventKey: 'other', kind: 'conversion' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'key', message: 'is taken' }]);
    expect((await server.api('GET', `${metrics}/nothing`)).status).toBe(404);
    expect((await server.api('PATCH', `${metrics}/nothing`, { windowHours: 1 })).status).toBe(404);
    expect((await server.api('GET', '/api/v1/projects/nothing/metrics')).status).toBe(404);
  });

  it('deletes a metric, audited with what it was', async () => {
    const deleted = await server.api('DELETE', `${metrics}/signup`);
    expect(deleted.status).toBe(204);
    expect((await server.api('GET', `${metrics}/signup`)).status).toBe(404);
    const entries = await auditOf('signup');
    expect(entries.at(-1)).toMatchObject({ action: 'metric.deleted', after: null });
    expect(JSON.parse(entries.at(-1)?.before ?? 'null')).toMatchObject({ key: 'signup', eventKey: 'signed-up' });
  });
});
