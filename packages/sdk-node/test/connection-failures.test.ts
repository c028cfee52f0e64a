import type { ServerResponse } from 'node:http';
import { init, type VexilClient } from '@vexil/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createFlag } from '../../server/test/support/sdk.js';
import { startTestServer } from '../../server/test/support/server.js';
import { checkoutFlag, startFakeServer, startSilentServer } from './support/fake-server.js';
import { eventually, recordingLogger, startRestartableServer } from './support/server.js';

const ada = { key: 'ada' };

describe('when the server is not there, or not right', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const track = <T extends { close(): Promise<unknown> }>(thing: T): T => {
    cleanups.push(() => thing.close());
    return thing;
  };

  it('serves defaults (PROVIDER_NOT_READY) while the server is down at init, then recovers when it comes up', async () => {
    const restartable = await startRestartableServer();
    cleanups.push(() => restartable.destroy());
    await createFlag(
      restartable.server,
      { key: 'checkout' },
      { on: true, offVariation: 'off', fallthrough: { variation: 'on' } },
    );
    await restartable.stop();

    const sdk: VexilClient = track(
      init({ sdkKey: restartable.serverKey, baseUrl: restartable.url, events: false, logger: recordingLogger() }),
    );
    expect(await sdk.waitForInitialization(300)).toBe(false);
    expect(sdk.status).toBe('initializing');
    expect(sdk.boolean('checkout', ada, false)).toBe(false);
    expect(sdk.detail('checkout', ada, false)).toMatchObject({
      value: false,
      reason: 'ERROR',
      errorCode: 'PROVIDER_NOT_READY',
    });

    const ready = new Promise<void>((resolve) => sdk.on('ready', () => resolve()));
    await restartable.start();
    await ready;
    expect(sdk.status).toBe('ready');
    expect(sdk.boolean('checkout', ada, false)).toBe(true);
  }, 40_000);

  it('stops with status error on a wrong key: waitForInitialization resolves false at once, and nothing is retried', async () => {
    const server = track(await startTestServer('sqlite'));
    const logger = recordingLogger();
    const sdk = track(init({ sdkKey: 'vx_server_not-a-real-key', baseUrl: server.url, logger }));
    const started = Date.now();
    expect(await sdk.waitForInitialization(10_000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sdk.status).toBe('error');
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual([
      expect.stringMatching(/401.*SDK key is unknown, revoked or expired/),
    ]);

    // The same, counted on a server that answers 401 to everything.
    const refusing = track(
      await startFakeServer((_, response) => {
        response
          .writeHead(401, { 'content-type': 'application/problem+json' })
          .end('{"title":"Unauthorized","status":401}');
      }),
    );
    const errors: (Error | undefined)[] = [];
    const counted = track(init({ sdkKey: 'vx_server_wrong', baseUrl: refusing.url, logger: recordingLogger() }));
    counted.on('error', (error) => errors.push(error));
    expect(await counted.waitForInitialization()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      refusing.requests.filter(
        (request) => request.path.startsWith('/sdk/v1/config') || request.path.startsWith('/sdk/v1/stream'),
      ),
    ).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/401/);
    // Events stop too: nothing a refused key sends could be delivered.
    counted.boolean('checkout', ada, false);
    counted.track('clicked', ada);
    await counted.close();
    expect(refusing.requests).toHaveLength(1);
  });

  it('gives up waiting for a server that accepts connections and never answers (waitForInitialization(300) is false)', async () => {
    const silent = track(await startSilentServer());
    const sdk = track(
      init({ sdkKey: 'vx_server_whatever', baseUrl: silent.url, events: false, logger: recordingLogger() }),
    );
    const started = Date.now();
    expect(await sdk.waitForInitialization(300)).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(sdk.status).toBe('initializing');
    expect(sdk.string('anything', ada, 'default')).toBe('default');
  });

  it('ignores malformed stream events and events it already has, keeps its state, and warns once', async () => {
    let stream: ServerResponse | undefined;
    const fake = track(
      await startFakeServer((request, response) => {
        if (request.url === '/sdk/v1/config') {
          response
            .writeHead(200, { 'content-type': 'application/json', etag: '"5"' })
            .end(JSON.stringify({ version: 5, flags: [checkoutFlag(false)], segments: [] }));
        } else if (request.url === '/sdk/v1/stream') {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.write(': hello\n\n');
          stream = response;
        } else response.writeHead(404).end();
      }),
    );
    const logger = recordingLogger();
    const sdk = track(init({ sdkKey: 'vx_server_fake', baseUrl: fake.url, events: false, logger }));
    expect(await sdk.waitForInitialization()).toBe(true);
    await eventually(() => stream !== undefined, 10_000, 'the stream');
    expect(fake.requests.find((request) => request.path === '/sdk/v1/stream')?.headers['last-event-id']).toBe('5');

    const changes: number[] = [];
    sdk.on('change', (change) => changes.push(change.revision));
    stream!.write('event: patch\nid: 6\ndata: {not json\n\n');
    stream!.write('event: put\nid: 6\ndata: {"flags": 3}\n\n');
    stream!.write(`event: patch\nid: 6\ndata: ${JSON.stringify({ revision: 6, kind: 'flag', key: 'checkout' })}\n\n`);
    stream!.write(
      `event: patch\nid: 4\ndata: ${JSON.stringify({ revision: 4, kind: 'flag', key: 'checkout', flag: checkoutFlag(true) })}\n\n`,
    );
    stream!.write('event: something-new\ndata: {}\n\n');
    stream!.write(
      `event: patch\nid: 7\ndata: ${JSON.stringify({ revision: 7, kind: 'flag', key: 'other', flag: { ...checkoutFlag(true), key: 'other' } })}\n\n`,
    );
    await eventually(() => sdk.revision === 7, 10_000, 'the valid patch');

    expect(sdk.boolean('checkout', ada, true)).toBe(false);
    expect(sdk.boolean('other', ada, false)).toBe(true);
    expect(changes).toEqual([7]);
    expect(sdk.status).toBe('ready');
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/malformed "patch" event/);
  });
});

describe('what the server asks for', () => {
  it('reconnects after the delay of a goodbye, resuming with Last-Event-ID', async () => {
    const streams: number[] = [];
    const fake = await startFakeServer((request, response) => {
      if (request.url === '/sdk/v1/config') {
        response
          .writeHead(200, { 'content-type': 'application/json', etag: '"5"' })
          .end(JSON.stringify({ version: 5, flags: [checkoutFlag(true)], segments: [] }));
      } else if (request.url === '/sdk/v1/stream') {
        streams.push(Date.now());
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        if (streams.length === 1) response.end('event: goodbye\nretry: 300\ndata: {"reconnectAfterMs":300}\n\n');
        else response.write(': hello\n\n');
      } else response.writeHead(404).end();
    });
    const sdk = init({ sdkKey: 'vx_server_fake', baseUrl: fake.url, events: false, logger: recordingLogger() });
    try {
      expect(await sdk.waitForInitialization()).toBe(true);
      await eventually(() => streams.length === 2, 10_000, 'the reconnection');
      expect(streams[1]! - streams[0]!).toBeGreaterThanOrEqual(250);
      const resumed = fake.requests.filter((request) => request.path === '/sdk/v1/stream')[1];
      expect(resumed?.headers['last-event-id']).toBe('5');
      expect(sdk.boolean('checkout', ada, false)).toBe(true);
    } finally {
      await sdk.close();
      await fake.close();
    }
  });

  it('honours Retry-After on a refused stream, polling the config meanwhile', async () => {
    const streams: number[] = [];
    const fake = await startFakeServer((request, response) => {
      if (request.url === '/sdk/v1/config') {
        response
          .writeHead(200, { 'content-type': 'application/json', etag: '"5"' })
          .end(JSON.stringify({ version: 5, flags: [checkoutFlag(true)], segments: [] }));
      } else if (request.url === '/sdk/v1/stream') {
        streams.push(Date.now());
        if (streams.length === 1) response.writeHead(503, { 'retry-after': '2' }).end();
        else response.writeHead(200, { 'content-type': 'text/event-stream' }).write(': hello\n\n');
      } else response.writeHead(404).end();
    });
    const sdk = init({ sdkKey: 'vx_server_fake', baseUrl: fake.url, events: false, logger: recordingLogger() });
    try {
      expect(await sdk.waitForInitialization()).toBe(true);
      await eventually(() => streams.length === 2, 10_000, 'the second attempt');
      expect(streams[1]! - streams[0]!).toBeGreaterThanOrEqual(1900);
      expect(fake.requests.filter((request) => request.path === '/sdk/v1/config')).toHaveLength(2);
      expect(
        fake.requests.find(
          (request) => request.path === '/sdk/v1/config' && request.headers['if-none-match'] === '"5"',
        ),
      ).toBeDefined();
      expect(sdk.status).toBe('ready');
    } finally {
      await sdk.close();
      await fake.close();
    }
  });
});
