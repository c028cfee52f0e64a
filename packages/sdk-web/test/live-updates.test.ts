import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFlag, patchFlag } from '../../server/test/support/sdk.js';
import {
  clientFactory,
  eventually,
  openStreams,
  recordingFetch,
  startRestartableServer,
  streamBlockingProxy,
  type RestartableServer,
} from './support/setup.js';

const ada = { key: 'ada' };

describe('@vexil/web live updates', () => {
  let vexil: RestartableServer;
  const clients = clientFactory(() => ({ clientKey: vexil.server.seeded.clientKey, baseUrl: vexil.url }));
  let on = false;
  const toggle = async () => {
    on = !on;
    await patchFlag(vexil.server, 'live', { fallthrough: { variation: on ? 'on' : 'off' } });
    return on;
  };

  beforeAll(async () => {
    vexil = await startRestartableServer();
    await createFlag(
      vexil.server,
      { key: 'live', clientSideAvailable: true },
      { on: true, fallthrough: { variation: 'off' } },
    );
  });
  afterEach(() => clients.closeAll());
  afterAll(() => vexil.destroy());

  it('a change made through the management API reaches the client over the stream (latency printed)', async () => {
    const client = clients.create({ context: ada });
    await client.ready();
    await eventually(async () => (await openStreams(vexil.url)) > 0, 10_000, 'the stream to open');
    const changes: string[][] = [];
    client.on('change', ({ keys }) => changes.push(keys));
    const latencies: number[] = [];
    const afterAnswer: number[] = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      const expected = await toggle();
      const answered = performance.now();
      await eventually(() => client.boolean('live', !expected) === expected, 10_000, 'the change');
      latencies.push(performance.now() - started);
      afterAnswer.push(performance.now() - answered);
    }
    expect(changes).toEqual(Array.from({ length: 5 }, () => ['live']));
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `median ${sorted[2]?.toFixed(1)} ms, max ${sorted[4]?.toFixed(1)} ms`;
    };
    console.log(
      `change → client, 5 changes: from the PATCH through the management API ${summary(latencies)}; ` +
        `after its answer ${summary(afterAnswer)}`,
    );
  });

  it('reconnects with backoff after the server restarts, says stale meanwhile, and follows changes again', async () => {
    const client = clients.create({ context: ada, reconnectDelayMs: 100, maxReconnectDelayMs: 400 });
    await client.ready();
    const seen: string[] = [];
    client.on('stale', () => seen.push('stale'));
    client.on('ready', () => seen.push('ready'));
    await vexil.stop();
    await eventually(() => client.status === 'stale', 10_000, 'stale');
    const before = client.boolean('live', !on);
    expect(before).toBe(on); // the last values are still served
    await vexil.start();
    await eventually(() => client.status === 'ready', 10_000, 'ready again');
    await eventually(async () => (await openStreams(vexil.url)) > 0, 10_000, 'the stream to reopen');
    const expected = await toggle();
    await eventually(() => client.boolean('live', !expected) === expected, 10_000, 'the change after the restart');
    expect(seen.slice(0, 2)).toEqual(['stale', 'ready']);
  });

  it('falls back to polling when the stream keeps failing (a proxy refuses it), and still sees changes', async () => {
    const proxy = await streamBlockingProxy(() => vexil.url);
    try {
      const client = clients.create({
        context: ada,
        baseUrl: proxy.url,
        reconnectDelayMs: 50,
        maxReconnectDelayMs: 200,
        streamFailuresBeforePolling: 2,
        pollIntervalMs: 150,
      });
      expect(await client.ready()).toBe(true);
      await eventually(() => proxy.refused >= 2, 10_000, 'the stream to be refused twice');
      const expected = await toggle();
      await eventually(() => client.boolean('live', !expected) === expected, 10_000, 'the change, by polling');
    } finally {
      await clients.closeAll();
      await proxy.close();
    }
  });

  it('polls with If-None-Match when streaming is off: unchanged answers are 304s', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = clients.create({ context: ada, stream: false, pollIntervalMs: 100, fetch });
    await client.ready();
    await eventually(() => exchanges.filter((exchange) => exchange.status === 304).length >= 2, 10_000, 'two 304s');
    const expected = await toggle();
    await eventually(() => client.boolean('live', !expected) === expected, 10_000, 'the change, by polling');
    expect(exchanges.some((exchange) => exchange.status === 200 && exchanges.indexOf(exchange) > 0)).toBe(true);
  });

  it('asks once at start: the stream’s first message names the revision the values are already at', async () => {
    const { fetch, exchanges } = recordingFetch();
    const before = await openStreams(vexil.url);
    const client = clients.create({ context: ada, fetch });
    await client.ready();
    await eventually(async () => (await openStreams(vexil.url)) > before, 10_000, 'the stream to open');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const evaluations = () => exchanges.filter((exchange) => exchange.url.includes('/ofrep/v1/evaluate/flags'));
    expect(evaluations().map((exchange) => exchange.status)).toEqual([200]);
    // A change is a revision the values are not at: fetched at once.
    const expected = await toggle();
    await eventually(() => client.boolean('live', !expected) === expected, 10_000, 'the change');
    expect(evaluations()[1]?.url).toMatch(/\?flagConfigEtag=\d+$/);
    await client.close();
    await eventually(async () => (await openStreams(vexil.url)) === before, 10_000, 'the stream to close');
  });

  it('close() ends the stream, the timers and every request', async () => {
    const { fetch, exchanges } = recordingFetch();
    const before = await openStreams(vexil.url);
    const client = clients.create({ context: ada, fetch, pollIntervalMs: 50, events: true, flushIntervalMs: 50 });
    await client.ready();
    await eventually(async () => (await openStreams(vexil.url)) > before, 10_000, 'the stream to open');
    await client.close();
    expect(client.status).toBe('closed');
    expect(await client.ready()).toBe(false);
    await eventually(async () => (await openStreams(vexil.url)) === before, 10_000, 'the stream to close');
    const sent = exchanges.length;
    await toggle();
    client.track('after-close');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(exchanges.length).toBe(sent);
  });
});
