import { createHook } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { init } from '@vexil/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { startSilentServer } from './support/fake-server.js';
import { eventually, recordingLogger } from './support/server.js';

/**
 * What `close()` leaves behind: nothing. It sends the queued events (and waits for the server to
 * take them), then ends every connection the client opened — the stream, the keep-alive sockets of
 * polls and event batches — and every timer it started, so that the server (or a test's) `close()`
 * right after it returns at once, and the process can exit.
 */

/** The client sockets (`net.connect`) the process opens while watching: only the SDK's here. */
function watchClientSockets(): { sockets: Socket[]; open(): string[]; stop(): void } {
  const sockets: Socket[] = [];
  const onSocket = (message: unknown) => void sockets.push((message as { socket: Socket }).socket);
  subscribe('net.client.socket', onSocket);
  return {
    sockets,
    open: () => sockets.filter((socket) => !socket.destroyed).map((socket) => `a socket to port ${socket.remotePort}`),
    stop: () => unsubscribe('net.client.socket', onSocket),
  };
}

/** Timers created from the SDK's sources (by their stack) that are neither cleared nor run yet. */
function watchSdkTimers(): { pending(): Promise<string[]>; stop(): void } {
  const live = new Map<number, string>();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  const hook = createHook({
    init(asyncId, type) {
      if (type !== 'Timeout') return;
      const stack = new Error().stack ?? '';
      const frame = stack.split('\n').find((line) => line.includes('/sdk-node/src/'));
      if (frame) live.set(asyncId, frame.trim());
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    async pending() {
      // Destroy hooks run from the event loop, shortly after a timer is cleared.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      return [...live.values()];
    },
    stop() {
      hook.disable();
      Error.stackTraceLimit = limit;
    },
  };
}

function connectionsOf(server: TestServer): Promise<number> {
  return new Promise((resolve, reject) =>
    server.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

/** Rejects when `promise` takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('close()', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('sends the queued events, then ends its stream, connections and timers: the server closes at once after it', async () => {
    const server = await startTestServer('sqlite');
    let serverClosed = false;
    cleanup.push(() => serverClosed || server.close());
    await createFlag(
      server,
      { key: 'experiment' },
      {
        on: true,
        offVariation: 'off',
        allocations: [{ id: 'everyone', serve: { variation: 'on' }, track: true }],
        fallthrough: { variation: 'off' },
      },
    );
    // The test's own requests above left keep-alive sockets: from here on, every connection is the SDK's.
    server.app.server.closeAllConnections();
    await eventually(async () => (await connectionsOf(server)) === 0, 5000, "the test's connections to close");

    const sockets = watchClientSockets();
    cleanup.push(() => sockets.stop());
    const timers = watchSdkTimers();
    cleanup.push(() => timers.stop());
    const logger = recordingLogger();
    const sdk = init({
      sdkKey: server.seeded.serverKey,
      baseUrl: server.url,
      stream: true,
      events: true,
      flushIntervalMs: 60_000,
      logger,
    });
    expect(await sdk.waitForInitialization()).toBe(true);
    await eventually(
      () => logger.lines.some((line) => line.message === 'stream connected'),
      5000,
      'the stream to open',
    );
    const ada = { key: 'ada', plan: 'pro' };
    expect(sdk.boolean('experiment', ada, false)).toBe(true);
    expect(sdk.detail('experiment', { key: 'bob' }, false).value).toBe(true);
    sdk.track('checkout-completed', ada, 42);
    // A poll's socket and an event batch's socket may both be open now, besides the stream's.
    await sdk.flush();
    sdk.boolean('experiment', { key: 'cleo' }, false);

    await sdk.close();
    expect(sdk.status).toBe('closed');

    // The last events were delivered before close() resolved.
    const events = await server.ctx.db.selectFrom('events').selectAll().orderBy('id').execute();
    expect(events.map((event) => [event.type, event.flagKey ?? event.eventKey, event.contextKey])).toEqual([
      ['exposure', 'experiment', 'ada'],
      ['exposure', 'experiment', 'bob'],
      ['custom', 'checkout-completed', 'ada'],
      ['exposure', 'experiment', 'cleo'],
    ]);
    await server.ctx.events.flushContexts();
    const contexts = await server.ctx.db.selectFrom('contexts').select('key').orderBy('key').execute();
    expect(contexts.map((context) => context.key)).toEqual(['ada', 'bob', 'cleo']);
    // The two summaries (flush, close) may fall into two hours' rows: their sum is what counts.
    const counts = await server.ctx.db.selectFrom('evaluationCounts').selectAll().execute();
    expect(counts.every((count) => count.flagKey === 'experiment' && count.variationKey === 'on')).toBe(true);
    expect(counts.reduce((sum, count) => sum + Number(count.count), 0)).toBe(3);

    // Nothing of the client is left: its sockets are destroyed, its timers cleared.
    expect(sockets.sockets.length).toBeGreaterThanOrEqual(1);
    expect(sockets.open()).toEqual([]);
    expect(await timers.pending()).toEqual([]);
    // The server sees every connection end, and closes at once.
    await eventually(async () => (await connectionsOf(server)) === 0, 2000, "the server's connections to end");
    await within(server.close(), 5000, "the server's close()");
    serverClosed = true;
  });

  it('ends a request that gets no answer, and resolves at once (a server that accepts connections and never answers)', async () => {
    const silent = await startSilentServer();
    cleanup.push(() => silent.close());
    const sockets = watchClientSockets();
    cleanup.push(() => sockets.stop());
    const timers = watchSdkTimers();
    cleanup.push(() => timers.stop());
    const sdk = init({ sdkKey: 'vx_server_fake', baseUrl: silent.url, events: false, logger: recordingLogger() });
    await eventually(() => silent.connections > 0, 5000, 'the first request');

    // The config request waits for an answer (for 10 s at most): close() does not wait for it.
    await within(sdk.close(), 1000, 'close()');
    expect(sdk.status).toBe('closed');
    expect(sockets.sockets).toHaveLength(1);
    expect(sockets.open()).toEqual([]);
    expect(await timers.pending()).toEqual([]);
  });

  it('is idempotent: a second close() waits for the first, and evaluations still answer after it', async () => {
    const server = await startTestServer('sqlite');
    cleanup.push(() => server.close());
    await createFlag(server, { key: 'plain' }, { on: true, offVariation: 'off', fallthrough: { variation: 'on' } });
    const sdk = init({ sdkKey: server.seeded.serverKey, baseUrl: server.url, logger: recordingLogger() });
    expect(await sdk.waitForInitialization()).toBe(true);
    sdk.track('signed-up', { key: 'dan' });
    const first = sdk.close();
    const second = sdk.close();
    expect(second).toBe(first);
    await second;
    const events = await server.ctx.db.selectFrom('events').select('eventKey').execute();
    expect(events).toEqual([{ eventKey: 'signed-up' }]);
    expect(sdk.boolean('plain', { key: 'dan' }, false)).toBe(true);
    sdk.track('after-close', { key: 'dan' });
    await sdk.flush();
    expect(await server.ctx.db.selectFrom('events').select('eventKey').execute()).toHaveLength(1);
  });
});
