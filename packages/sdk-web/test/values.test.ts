import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFlag } from '../../server/test/support/sdk.js';
import type { TestServer } from '../../server/test/support/server.js';
import {
  clientFactory,
  memoryStore,
  recordingFetch,
  startRestartableServer,
  type RestartableServer,
} from './support/setup.js';

const ada = { key: 'ada', email: 'ada@example.com' };
const bob = { key: 'bob', email: 'bob@elsewhere.org' };

/** A URL where nothing listens: a port that was free a moment ago. */
async function deadUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('@vexil/web values for one context, from a real server', () => {
  let vexil: RestartableServer;
  let server: TestServer;
  let down: string;
  const clients = clientFactory(() => ({ clientKey: server.seeded.clientKey, baseUrl: server.url }));

  beforeAll(async () => {
    vexil = await startRestartableServer();
    server = vexil.server;
    down = await deadUrl();
    await createFlag(
      server,
      { key: 'new-checkout', clientSideAvailable: true },
      {
        on: true,
        allocations: [
          {
            id: 'staff',
            conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
            serve: { variation: 'on' },
          },
        ],
        fallthrough: { variation: 'off' },
      },
    );
    await createFlag(
      server,
      {
        key: 'banner-text',
        type: 'string',
        clientSideAvailable: true,
        variations: [
          { key: 'hello', value: 'Hello' },
          { key: 'bye', value: 'Bye' },
        ],
      },
      { on: true, fallthrough: { variation: 'hello' } },
    );
    await createFlag(
      server,
      {
        key: 'theme',
        type: 'json',
        clientSideAvailable: true,
        variations: [
          { key: 'blue', value: { color: 'blue' } },
          { key: 'red', value: { color: 'red' } },
        ],
      },
      { on: true, fallthrough: { variation: 'blue' } },
    );
    await createFlag(server, { key: 'server-only' }, { on: true, fallthrough: { variation: 'on' } });
  });
  afterEach(() => clients.closeAll());
  afterAll(() => vexil.destroy());

  it('serves the evaluated values of client-side flags for the context once ready', async () => {
    const client = clients.create({ context: ada });
    expect(client.status).toBe('loading');
    expect(client.detail('new-checkout', false)).toEqual({
      value: false,
      reason: 'ERROR',
      errorCode: 'PROVIDER_NOT_READY',
    });
    expect(await client.ready()).toBe(true);
    expect(client.status).toBe('ready');
    expect(client.boolean('new-checkout', false)).toBe(true);
    expect(client.string('banner-text', 'none')).toBe('Hello');
    expect(client.json('theme', {})).toEqual({ color: 'blue' });
    expect(client.detail('new-checkout', false)).toEqual({
      value: true,
      variation: 'on',
      reason: 'TARGETING_MATCH',
      allocation: 'staff',
    });
    expect(client.detail('banner-text', '')).toEqual({ value: 'Hello', variation: 'hello', reason: 'STATIC' });
    expect(client.allFlags()).toEqual({ 'new-checkout': true, 'banner-text': 'Hello', theme: { color: 'blue' } });
    expect(client.detail('server-only', false)).toEqual({ value: false, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
  });

  it('never throws: a getter of the wrong type or an unknown flag gives the default and says why', async () => {
    const client = clients.create({ context: ada });
    await client.ready();
    expect(client.number('new-checkout', 7)).toBe(7);
    expect(client.detail('new-checkout', 7)).toEqual({ value: 7, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' });
    expect(client.string('theme', 'plain')).toBe('plain');
    expect(client.detail('theme', 'plain').errorCode).toBe('TYPE_MISMATCH');
    expect(client.boolean('banner-text', true)).toBe(true);
    expect(client.boolean('no-such-flag', true)).toBe(true);
    expect(client.detail('no-such-flag', true).errorCode).toBe('FLAG_NOT_FOUND');
    expect(client.boolean('__proto__', true)).toBe(true);
    expect(client.detail('toString', 'x').errorCode).toBe('FLAG_NOT_FOUND');
  });

  it('starts from the values cached for this context, synchronously, and keeps PII out of the key names', async () => {
    const store = memoryStore();
    const first = clients.create({ context: ada, cache: store });
    await first.ready();
    const names = [...store.entries.keys()];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).not.toMatch(/ada|example|@|vexil_/);
    expect([...store.entries.values()].join('')).not.toContain(server.seeded.clientKey);

    // The server is unreachable: the page still shows this context's last values on its first paint.
    const offline = clients.create({
      context: { email: 'ada@example.com', key: 'ada' },
      cache: store,
      baseUrl: down,
      readyTimeoutMs: 200,
    });
    expect(offline.boolean('new-checkout', false)).toBe(true);
    expect(offline.string('banner-text', 'none')).toBe('Hello');
    expect(offline.status).toBe('loading');
    expect(await offline.ready()).toBe(false);
    expect(offline.boolean('new-checkout', false)).toBe(true);

    // Another context has no cached values: defaults, PROVIDER_NOT_READY.
    const stranger = clients.create({ context: bob, cache: store, baseUrl: down, readyTimeoutMs: 200 });
    expect(stranger.detail('banner-text', 'none')).toMatchObject({ value: 'none', errorCode: 'PROVIDER_NOT_READY' });
  });

  it('ready() resolves false after its default 1.5 s timeout when the server is down, and never rejects', async () => {
    const client = clients.create({ context: ada, baseUrl: down });
    const started = Date.now();
    expect(await client.ready()).toBe(false);
    console.log(`ready() with the server down resolved after ${Date.now() - started} ms (default timeout 1500 ms)`);
    expect(client.boolean('new-checkout', false)).toBe(false);
  });

  it('prefers bootstrap values over cached ones, then takes the server’s', async () => {
    const store = memoryStore();
    await clients.create({ context: ada, cache: store }).ready();
    const bootstrap = {
      'banner-text': 'Rendered on the server',
      'new-checkout': { value: false, variation: 'off', reason: 'DEFAULT' },
    };
    const offline = clients.create({ context: ada, cache: store, baseUrl: down, bootstrap, readyTimeoutMs: 100 });
    expect(offline.string('banner-text', 'none')).toBe('Rendered on the server');
    expect(offline.detail('new-checkout', true)).toEqual({ value: false, variation: 'off', reason: 'DEFAULT' });
    expect(offline.json('theme', {})).toEqual({ color: 'blue' });

    const online = clients.create({ context: ada, cache: store, bootstrap });
    const changes: string[][] = [];
    online.on('change', ({ keys }) => changes.push(keys));
    expect(online.string('banner-text', 'none')).toBe('Rendered on the server');
    expect(await online.ready()).toBe(true);
    expect(online.string('banner-text', 'none')).toBe('Hello');
    expect(online.boolean('new-checkout', false)).toBe(true);
    expect(changes.flat().sort()).toEqual(['banner-text', 'new-checkout']);
  });

  it('identify() fetches the new context’s values, and serves cached ones at once when known', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = clients.create({ context: ada, fetch });
    await client.ready();
    expect(client.boolean('new-checkout', false)).toBe(true);
    expect(await client.identify(bob)).toBe(true);
    expect(client.context).toEqual(bob);
    expect(client.detail('new-checkout', true)).toEqual({ value: false, variation: 'off', reason: 'DEFAULT' });
    expect(JSON.parse(exchanges.at(-1)?.body ?? '{}')).toEqual({ context: bob });

    const back = client.identify(ada);
    expect(client.status).toBe('loading');
    expect(client.boolean('new-checkout', false)).toBe(true); // from the cache, before the server answers
    expect(await back).toBe(true);
  });

  it('stops asking when the server refuses the key, and says why', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = clients.create({
      context: ada,
      fetch,
      clientKey: 'vx_client_unknown',
      reconnectDelayMs: 20,
      readyTimeoutMs: 300,
    });
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.message));
    expect(await client.ready()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a retry would have come within 20–40 ms
    expect(exchanges.map((exchange) => exchange.status)).toEqual([401]);
    expect(errors).toEqual(['POST /ofrep/v1/evaluate/flags answered 401']);
    expect(client.boolean('new-checkout', false)).toBe(false);
  });

  it('revalidates with the cached ETag: an unchanged answer is a 304 without a body', async () => {
    const store = memoryStore();
    await clients.create({ context: ada, cache: store }).ready();
    const { fetch, exchanges } = recordingFetch();
    const client = clients.create({ context: ada, cache: store, fetch });
    expect(await client.ready()).toBe(true);
    const first = exchanges[0];
    expect(first?.headers['if-none-match']).toMatch(/^"[\w-]+"$/);
    expect(first?.status).toBe(304);
    expect(first?.responseBody).toBe('');
    expect(client.string('banner-text', 'none')).toBe('Hello');
  });

  it('receives nothing but evaluated values for this context: no rules, segments, other flags or users', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = clients.create({ context: ada, fetch, events: true });
    await client.ready();
    client.boolean('new-checkout', false);
    client.track('checkout-completed', 3);
    await client.flush();
    // The stream's first message names the revision the values are at: no second evaluation.
    expect(exchanges.map((exchange) => exchange.url.replace(server.url, ''))).toEqual([
      '/ofrep/v1/evaluate/flags',
      '/sdk/v1/events',
    ]);
    for (const { responseBody } of exchanges) {
      for (const secret of [
        'ends_with',
        'conditions',
        'allocations',
        'segments',
        'server-only',
        'fallthrough',
        'bob',
        server.seeded.serverKey,
      ])
        expect(responseBody).not.toContain(secret);
    }
  });
});
