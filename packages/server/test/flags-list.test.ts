import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { sdkCall } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * GET /projects/{project}/flags: a page of flag summaries, sorted by key, filtered on the server
 * (the console stays fast at 10,000 flags × 3 environments: a page never carries targeting).
 */
const flags = '/api/v1/projects/default/flags';

describe.each(await testDialects())('the paged flag list on %s', (dialect) => {
  let server: TestServer;
  const list = async (query = '', token?: string) => {
    const response = await server.api('GET', `${flags}${query}`, undefined, token);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as {
      items: Record<string, any>[];
      total: number;
      nextCursor: string | null;
    };
  };
  const keys = async (query = '', token?: string) => (await list(query, token)).items.map((flag) => flag.key);
  const create = async (flag: Record<string, unknown>) => {
    const created = await server.api('POST', flags, flag);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await create({
      key: 'checkout.new-flow',
      name: 'New checkout',
      description: 'The one-page checkout',
      tags: ['checkout', 'team-payments'],
    });
    await create({ key: 'kill-switch_search', temporary: false, tags: ['ops'] });
    await create({
      key: 'Banner',
      name: 'Banner colour',
      type: 'string',
      variations: [
        { key: 'blue', value: 'blue' },
        { key: 'red', value: 'red' },
      ],
      description: 'Says "100% off" in red',
      clientSideAvailable: true,
    });
    await create({
      key: 'max-items',
      type: 'number',
      variations: [
        { key: 'few', value: 3 },
        { key: 'many', value: 30 },
      ],
      temporary: false,
    });
    await create({ key: 'old-promo', tags: ['promo'] });
    expect((await server.api('POST', `${flags}/old-promo/archive`)).status).toBe(200);
  });
  afterAll(() => server.close());

  it('answers a page of summaries sorted by key (byte order), with the total and no next page', async () => {
    const page = await list();
    expect(page.items.map((flag) => flag.key)).toEqual([
      'Banner',
      'checkout.new-flow',
      'kill-switch_search',
      'max-items',
    ]);
    expect(page.total).toBe(4);
    expect(page.nextCursor).toBeNull();
    const banner = page.items[0];
    expect(banner).toEqual({
      key: 'Banner',
      name: 'Banner colour',
      description: 'Says "100% off" in red',
      type: 'string',
      tags: [],
      temporary: true,
      clientSideAvailable: true,
      archived: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
      status: 'new',
      lastEvaluatedAt: null,
      lastChange: { actor: 'first-start owner token', at: banner?.createdAt },
      environments: {
        development: { on: false, version: 1, lastEvaluatedAt: null },
        staging: { on: false, version: 1, lastEvaluatedAt: null },
        production: { on: false, version: 1, lastEvaluatedAt: null },
      },
    });
    // Summaries carry no targeting: that is what keeps a page small.
    expect(JSON.stringify(page)).not.toContain('offVariation');
    expect(page.items.find((flag) => flag.key === 'kill-switch_search')).toMatchObject({
      name: 'kill-switch_search',
      description: '',
      temporary: false,
      tags: ['ops'],
    });
  });

  it('pages with an opaque cursor until every flag was listed once', async () => {
    for (let index = 0; index < 23; index++) await create({ key: `bulk-${String(index).padStart(2, '0')}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.total).toBe(27);
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((flag) => flag.key));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(27);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(27);

    // A cursor carries on with the same filters, and a flag created meanwhile ahead of it shows up.
    const first = await list('?q=bulk&limit=20');
    expect(first.total).toBe(23);
    await create({ key: 'bulk-99' });
    const second = await list(`?q=bulk&limit=20&cursor=${encodeURIComponent(first.nextCursor as string)}`);
    expect(second.items.map((flag) => flag.key)).toEqual(['bulk-20', 'bulk-21', 'bulk-22', 'bulk-99']);
    expect(second.total).toBe(24);
    expect(second.nextCursor).toBeNull();
    for (const flag of [...first.items, ...second.items])
      expect((await server.api('DELETE', `${flags}/${flag.key}`)).status).toBe(204);
  });

  it('searches key, name, description and tags literally, in any case', async () => {
    expect(await keys('?q=CHECKOUT')).toEqual(['checkout.new-flow']);
    expect(await keys('?q=one-page')).toEqual(['checkout.new-flow']);
    expect(await keys('?q=team-pay')).toEqual(['checkout.new-flow']);
    expect(await keys('?q=colour')).toEqual(['Banner']);
    expect(await keys(`?q=${encodeURIComponent('100%')}`)).toEqual(['Banner']);
    expect(await keys(`?q=${encodeURIComponent('"100')}`)).toEqual(['Banner']);
    expect(await keys('?q=ch_se')).toEqual(['kill-switch_search']);
    expect(await keys('?q=k_l')).toEqual([]);
    // Not the rest of the definition: types and variation values are not searched.
    expect(await keys('?q=boolean')).toEqual([]);
    expect(await keys('?q=blue')).toEqual([]);
    expect(await keys(`?q=${encodeURIComponent('","')}`)).toEqual([]);
  });

  it('filters by tag, type, lifetime and archived', async () => {
    expect(await keys('?tag=ops')).toEqual(['kill-switch_search']);
    expect(await keys('?tag=team')).toEqual([]);
    expect(await keys('?type=number')).toEqual(['max-items']);
    expect(await keys('?type=boolean')).toEqual(['checkout.new-flow', 'kill-switch_search']);
    expect(await keys('?lifetime=permanent')).toEqual(['kill-switch_search', 'max-items']);
    expect(await keys('?lifetime=temporary')).toEqual(['Banner', 'checkout.new-flow']);
    expect(await keys('?archived=true')).toEqual(['old-promo']);
    expect(await keys('?status=archived')).toEqual(['old-promo']);
    expect(await keys('?status=archived&archived=false')).toEqual([]);
    expect(await keys('?archived=true&tag=promo&type=boolean&lifetime=temporary')).toEqual(['old-promo']);
    const archived = (await list('?archived=true')).items[0];
    expect(archived).toMatchObject({ archived: true, status: 'archived' });
    expect((await list('?type=boolean&lifetime=permanent')).total).toBe(1);
  });

  it('tells new, active and inactive flags apart, and filters by status', async () => {
    // Evaluated now, through the SDK events endpoint.
    const now = Date.now();
    const reported = await sdkCall(server, 'POST', '/sdk/v1/events', {
      key: server.seeded.serverKey,
      body: {
        events: [
          {
            kind: 'summary',
            startDate: now,
            endDate: now,
            counters: [{ flag: 'max-items', variation: 'many', count: 12 }],
          },
        ],
      },
    });
    expect(reported.status).toBe(202);
    // Created long ago (no API makes the past): kill-switch_search is old and was evaluated 10 days ago.
    const longAgo = new Date(now - 30 * 86_400_000).toISOString();
    await server.ctx.db
      .updateTable('flags')
      .set({ createdAt: longAgo })
      .where('key', 'in', ['kill-switch_search', 'max-items'])
      .execute();
    const development = await server.ctx.db
      .selectFrom('environments')
      .select('id')
      .where('key', '=', 'development')
      .executeTakeFirstOrThrow();
    const tenDaysAgo = new Date(now - 10 * 86_400_000).toISOString().slice(0, 13);
    await server.ctx.db
      .insertInto('evaluationCounts')
      .values({
        environmentId: development.id,
        flagKey: 'kill-switch_search',
        variationKey: 'on',
        hour: tenDaysAgo,
        count: 1,
      })
      .execute();

    const page = await list();
    const statusOf = Object.fromEntries(page.items.map((flag) => [flag.key, flag.status]));
    expect(statusOf).toEqual({
      Banner: 'new',
      'checkout.new-flow': 'new',
      'kill-switch_search': 'inactive',
      'max-items': 'active',
    });
    const maxItems = page.items.find((flag) => flag.key === 'max-items');
    expect(maxItems?.lastEvaluatedAt).toBe(`${new Date(now).toISOString().slice(0, 13)}:00:00.000Z`);
    expect(page.items.find((flag) => flag.key === 'kill-switch_search')?.lastEvaluatedAt).toBe(
      `${tenDaysAgo}:00:00.000Z`,
    );
    // Per environment too: where it was evaluated, and nowhere else.
    expect(maxItems?.environments.development?.lastEvaluatedAt).toBe(maxItems?.lastEvaluatedAt);
    expect(maxItems?.environments.staging?.lastEvaluatedAt).toBeNull();
    expect(
      page.items.find((flag) => flag.key === 'kill-switch_search')?.environments.development?.lastEvaluatedAt,
    ).toBe(`${tenDaysAgo}:00:00.000Z`);
    expect(await keys('?status=active')).toEqual(['max-items']);
    expect(await keys('?status=new')).toEqual(['Banner', 'checkout.new-flow']);
    expect(await keys('?status=inactive')).toEqual(['kill-switch_search']);
    expect(await keys('?status=inactive&lifetime=temporary')).toEqual([]);
  });

  it('shows who changed a flag last, and only the environments the caller may read', async () => {
    const ops = await server.api('POST', '/api/v1/api-tokens', {
      name: 'ops bot',
      roles: [{ role: 'editor', project: 'default' }],
    });
    const productionReader = await server.api('POST', '/api/v1/api-tokens', {
      name: 'production reader',
      roles: [{ role: 'viewer', project: 'default', environment: 'production' }],
    });
    await server.api('PATCH', `${flags}/Banner/environments/staging`, { on: true }, ops.body.token);

    const owner = (await list('?q=colour')).items[0];
    expect(owner?.lastChange).toEqual({ actor: 'ops bot', at: expect.any(String) });
    expect(owner?.environments.staging).toEqual({ on: true, version: 2, lastEvaluatedAt: null });

    const reader = (await list('?q=colour', productionReader.body.token)).items[0];
    expect(Object.keys(reader?.environments ?? {})).toEqual(['production']);
    // The staging change is not theirs to see: the latest change they may read is the creation.
    expect(reader?.lastChange).toEqual({ actor: 'first-start owner token', at: reader?.createdAt });
  });

  it('refuses a bad cursor, limit or filter with a 400 naming the parameter', async () => {
    const cases: [query: string, path: string][] = [
      ['?cursor=not-a-cursor', 'querystring.cursor'],
      [`?cursor=${Buffer.from('{"after": 3}').toString('base64url')}`, 'querystring.cursor'],
      ['?limit=0', 'querystring.limit'],
      ['?limit=501', 'querystring.limit'],
      ['?limit=ten', 'querystring.limit'],
      ['?status=retired', 'querystring.status'],
      ['?type=date', 'querystring.type'],
      ['?lifetime=forever', 'querystring.lifetime'],
      ['?archived=maybe', 'querystring.archived'],
      ['?sort=name', 'querystring.sort'],
    ];
    for (const [query, path] of cases) {
      const response = await server.api('GET', `${flags}${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(
        response.body.errors.map((error: { path: string }) => error.path),
        query,
      ).toContain(path);
    }
    expect((await list('?limit=500')).items.length).toBeGreaterThan(0);
  });
});
