import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { sdkCall } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * GET /projects/{project}/flags/{flag}/insights: the counts SDKs report through POST /sdk/v1/events,
 * summed per hour (24 h, 7 d) or UTC day (30 d) and variation by the database, for one
 * environment, read as the flag's state there is (scoped callers see only their environments).
 */

const flags = '/api/v1/projects/default/flags';
const FLAG = 'checkout-layout';
/** The range's end in every test: counts are placed relative to it, whatever today is. */
const UNTIL = '2026-11-23T09:30:00.000Z';
const HOUR = 3_600_000;
const at = (hoursBefore: number, minutes = 10) =>
  Date.parse('2026-11-23T09:00:00.000Z') - hoursBefore * HOUR + minutes * 60_000;

describe.each(await testDialects())('flag insights on %s', (dialect) => {
  let server: TestServer;
  let productionKey: string;
  /** `environment=…&range=…`: the environment goes into the path, the rest stays the query. */
  const insights = (query: string, token?: string) => {
    const params = new URLSearchParams(query);
    const environment = params.get('environment') ?? '';
    params.delete('environment');
    return server.api('GET', `${flags}/${FLAG}/environments/${environment}/insights?${params}`, undefined, token);
  };
  /** One SDK summary: `counts` per variation (undefined = the caller's default), in the hour `startDate` falls in. */
  const report = async (key: string, startDate: number, counts: Record<string, number>, flag = FLAG) => {
    const answer = await sdkCall(server, 'POST', '/sdk/v1/events', {
      key,
      body: {
        events: [
          {
            kind: 'summary',
            startDate,
            endDate: startDate + 60_000,
            counters: Object.entries(counts).map(([variation, count]) =>
              variation === 'default' ? { flag, count } : { flag, variation, count },
            ),
          },
        ],
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const created = await server.api('POST', flags, {
      key: FLAG,
      type: 'string',
      variations: [
        { key: 'classic', value: 'classic' },
        { key: 'compact', value: 'compact' },
        { key: 'wide', value: 'wide' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const key = await server.api('POST', '/api/v1/projects/default/environments/production/sdk-keys', {
      name: 'insights',
      kind: 'server',
    });
    expect(key.status).toBe(201);
    productionKey = key.body.key;

    const development = server.seeded.serverKey;
    // The current hour, reported in two batches (summed), and an hour before it.
    await report(development, at(0), { classic: 5, compact: 2 });
    await report(development, at(0, 40), { classic: 1, default: 4 });
    await report(development, at(1), { compact: 3 });
    // Three days back: in 7 days and 30 days, not in 24 hours.
    await report(development, at(72), { classic: 10, retired: 6 });
    // Twenty days back: in 30 days only. And the evening before, in another day.
    await report(development, at(20 * 24), { wide: 8 });
    await report(development, at(20 * 24 + 10), { wide: 1 });
    // Outside every range: 31 days back, and the day after the range ends.
    await report(development, at(31 * 24), { classic: 1000 });
    await report(development, at(-15), { classic: 1000 });
    // Another flag, and another environment.
    await report(development, at(0), { classic: 500 }, 'other-flag');
    await report(productionKey, at(0), { wide: 42 });
  });
  afterAll(() => server?.close());

  it('sums the last 24 hours per hour and variation, only the hours with evaluations', async () => {
    const answer = await insights(`environment=development&range=24h&until=${UNTIL}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({
      environment: 'development',
      range: '24h',
      granularity: 'hour',
      from: '2026-11-22T10:00:00.000Z',
      to: '2026-11-23T10:00:00.000Z',
      total: 15,
      variations: [
        { key: 'classic', total: 6 },
        { key: 'compact', total: 5 },
        { key: 'wide', total: 0 },
        { key: '', total: 4 },
      ],
      buckets: [
        { start: '2026-11-23T08:00:00.000Z', counts: { compact: 3 } },
        { start: '2026-11-23T09:00:00.000Z', counts: { '': 4, classic: 6, compact: 2 } },
      ],
    });
  });

  it('covers 7 days hourly, with variations the flag no longer has after its own', async () => {
    const answer = await insights(`environment=development&range=7d&until=${UNTIL}`);
    expect(answer.status).toBe(200);
    expect(answer.body.granularity).toBe('hour');
    expect(answer.body.from).toBe('2026-11-16T10:00:00.000Z');
    expect(answer.body.variations).toEqual([
      { key: 'classic', total: 16 },
      { key: 'compact', total: 5 },
      { key: 'wide', total: 0 },
      { key: 'retired', total: 6 },
      { key: '', total: 4 },
    ]);
    expect(answer.body.buckets[0]).toEqual({ start: '2026-11-20T09:00:00.000Z', counts: { classic: 10, retired: 6 } });
    expect(answer.body.total).toBe(31);
  });

  it('covers 30 days in UTC days', async () => {
    const answer = await insights(`environment=development&range=30d&until=${UNTIL}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      granularity: 'day',
      from: '2026-10-25T00:00:00.000Z',
      to: '2026-11-24T00:00:00.000Z',
      total: 40,
    });
    expect(answer.body.buckets).toEqual([
      { start: '2026-11-02T00:00:00.000Z', counts: { wide: 1 } },
      { start: '2026-11-03T00:00:00.000Z', counts: { wide: 8 } },
      { start: '2026-11-20T00:00:00.000Z', counts: { classic: 10, retired: 6 } },
      { start: '2026-11-23T00:00:00.000Z', counts: { '': 4, classic: 6, compact: 5 } },
    ]);
  });

  it('counts each environment apart, and ends the range now by default', async () => {
    const production = await insights(`environment=production&range=24h&until=${UNTIL}`);
    expect(production.body.total).toBe(42);
    expect(production.body.buckets).toEqual([{ start: '2026-11-23T09:00:00.000Z', counts: { wide: 42 } }]);
    const now = await insights('environment=development');
    expect(now.status).toBe(200);
    expect(now.body.range).toBe('7d');
    expect(Date.parse(now.body.to)).toBeGreaterThan(Date.now());
    expect(Date.parse(now.body.to) - Date.parse(now.body.from)).toBe(7 * 24 * HOUR);
  });

  it('refuses bad input naming the field', async () => {
    const range = await insights('environment=development&range=1y');
    expect(range.status).toBe(400);
    expect(range.body.errors.map((error: { path: string }) => error.path)).toContain('querystring.range');
    const unknown = await insights('environment=moon');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([
      { path: 'params.environment', message: 'no environment "moon" in project "default"' },
    ]);
    const until = await insights('environment=development&until=yesterday');
    expect(until.status).toBe(400);
    expect(until.body.errors[0].path).toBe('querystring.until');
    expect((await server.api('GET', `${flags}/no-such-flag/environments/development/insights`)).status).toBe(404);
  });

  it('shows an environment’s viewer their environment’s counts and nothing of the others', async () => {
    const token = await server.api('POST', '/api/v1/api-tokens', {
      name: 'development viewer',
      roles: [{ role: 'viewer', project: 'default', environment: 'development' }],
    });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const viewer = token.body.token as string;
    const own = await insights(`environment=development&range=24h&until=${UNTIL}`, viewer);
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(15);
    const other = await insights(`environment=production&range=24h&until=${UNTIL}`, viewer);
    const absent = await insights(`environment=no-such-environment&range=24h&until=${UNTIL}`, viewer);
    expect(other.status).toBeGreaterThanOrEqual(400);
    expect(other.status).toBe(absent.status);
    expect(JSON.stringify(other.body)).not.toContain('42');
  });
});
