import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@vexil/web';
import { createFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { recordingFetch } from './support/setup.js';

/** The timers this process holds now (Node's own view of its active resources). */
const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('@vexil/web offline (server-side rendering): bootstrap values, no network, no timers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await createFlag(
      server,
      { key: 'new-checkout', clientSideAvailable: true },
      { on: true, fallthrough: { variation: 'on' } },
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves the bootstrap values and makes no request, starts no timer, even on identify, track and ready', async () => {
    const { fetch, exchanges } = recordingFetch();
    const before = timers();
    const client = createClient({
      clientKey: server.seeded.clientKey,
      baseUrl: server.url,
      context: { key: 'ada' },
      bootstrap: { 'new-checkout': { value: true, variation: 'on', reason: 'STATIC' }, banner: 'Hi' },
      cache: false,
      offline: true,
      fetch,
    });
    expect(client.boolean('new-checkout', false)).toBe(true);
    expect(client.detail('new-checkout', false)).toEqual({ value: true, variation: 'on', reason: 'STATIC' });
    expect(client.string('banner', 'default')).toBe('Hi');
    expect(client.status).toBe('loading');
    client.track('purchase', 1);
    expect(await client.ready()).toBe(false);
    expect(await client.identify({ key: 'bob' })).toBe(false);
    expect(timers()).toBe(before);
    await client.flush();
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(exchanges).toEqual([]);
    expect(client.status).toBe('closed');
  });

  it('(the same client without offline fetches and keeps a timer: the checks above can fail)', async () => {
    const { fetch, exchanges } = recordingFetch();
    const before = timers();
    const client = createClient({
      clientKey: server.seeded.clientKey,
      baseUrl: server.url,
      context: { key: 'ada' },
      cache: false,
      stream: false,
      fetch,
    });
    try {
      expect(await client.ready()).toBe(true);
      expect(timers()).toBeGreaterThan(before);
      expect(exchanges.map((exchange) => exchange.url)).toContain(`${server.url}/ofrep/v1/evaluate/flags`);
    } finally {
      await client.close();
    }
  });
});
