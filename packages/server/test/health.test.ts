import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { createFlag, sdkCall, SseClient } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

/** One sample's value from Prometheus text: `name{labels} value`. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe.each(await testDialects())('health, readiness and metrics on %s', (dialect) => {
  let server: TestServer;
  const metrics = async (target = server) => {
    const response = await fetch(`${target.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createFlag(server, { key: 'new-checkout', clientSideAvailable: true });
  });
  afterAll(() => server.close());

  it('GET /healthz answers 200 {status: "ok"} without credentials', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 while the database answers', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('counts requests by route pattern, method and status, never by raw URL', async () => {
    await sdkCall(server, 'POST', '/sdk/v1/evaluate', {
      key: server.seeded.clientKey,
      body: { context: { key: 'u-1' } },
    });
    await sdkCall(server, 'POST', '/ofrep/v1/evaluate/flags/new-checkout', {
      key: server.seeded.clientKey,
      body: { context: { targetingKey: 'u-1' } },
    });
    await sdkCall(server, 'GET', '/sdk/v1/config', { key: server.seeded.clientKey });
    await fetch(`${server.url}/api/v1/no/such/path/u-12345`);
    await fetch(`${server.url}/projects/u-12345/flags`); // a console page: the app's catch-all
    const text = await metrics();
    expect(
      sample(text, 'vexil_http_request_duration_seconds_count', {
        route: '/sdk/v1/evaluate',
        method: 'POST',
        status: '200',
      }),
    ).toBe(1);
    expect(
      sample(text, 'vexil_http_request_duration_seconds_count', {
        route: '/ofrep/v1/evaluate/flags/:key',
        method: 'POST',
        status: '200',
      }),
    ).toBe(1);
    expect(
      sample(text, 'vexil_http_request_duration_seconds_count', {
        route: '/sdk/v1/config',
        method: 'GET',
        status: '403',
      }),
    ).toBe(1);
    expect(
      sample(text, 'vexil_http_request_duration_seconds_count', { route: 'unmatched', method: 'GET', status: '404' }),
    ).toBe(1);
    expect(sample(text, 'vexil_http_request_duration_seconds_count', { route: '/*', method: 'GET' })).toBe(1);
    expect(text).not.toContain('u-12345');
  });

  it('counts evaluations and ingested events', async () => {
    const before = await metrics();
    await sdkCall(server, 'POST', '/sdk/v1/evaluate', {
      key: server.seeded.serverKey,
      body: { context: { key: 'u-1' } },
    });
    await sdkCall(server, 'POST', '/sdk/v1/events', {
      key: server.seeded.clientKey,
      body: {
        events: [
          { kind: 'custom', key: 'clicked', context: { key: 'u-1' }, timestamp: Date.now() },
          { kind: 'context', context: { key: 'u-2' }, timestamp: Date.now() },
        ],
      },
    });
    const after = await metrics();
    const delta = (name: string, labels: Record<string, string>) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('vexil_flag_evaluations_total', { endpoint: 'sdk' })).toBe(1);
    expect(delta('vexil_events_ingested_total', { kind: 'custom' })).toBe(1);
    expect(delta('vexil_events_ingested_total', { kind: 'context' })).toBe(1);
  });

  it('shows open SSE streams, and leaves them out of the latency histogram', async () => {
    const stream = await SseClient.open(`${server.url}/sdk/v1/stream`, { authorization: server.seeded.serverKey });
    await stream.next();
    expect(sample(await metrics(), 'vexil_sse_streams_open', { protocol: 'sdk' })).toBe(1);
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const text = await metrics();
    expect(sample(text, 'vexil_sse_streams_open', { protocol: 'sdk' })).toBe(0);
    expect(text).not.toContain('route="/sdk/v1/stream"');
  });

  it('exports the process metrics, and keeps each server’s numbers to itself', async () => {
    const text = await metrics();
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    const other = await startTestServer(dialect);
    try {
      expect(sample(await metrics(other), 'vexil_flag_evaluations_total', { endpoint: 'sdk' })).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('GET /readyz answers 503 once the database stops answering, while /healthz stays 200', async () => {
    const failing = await startTestServer(dialect);
    try {
      await failing.ctx.db.destroy();
      const ready = await fetch(`${failing.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', detail: 'The database does not answer.' });
      expect((await fetch(`${failing.url}/healthz`)).status).toBe(200);
    } finally {
      await failing.close();
    }
  });
});
