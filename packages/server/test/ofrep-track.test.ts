import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlag, sdkCall } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

/** OFREP metadata `track`: a browser SDK holding only evaluated values learns which ones to report exposures for. */
describe('OFREP results say when the allocation tracks exposures', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await createFlag(
      server,
      { key: 'checkout-experiment', clientSideAvailable: true },
      {
        on: true,
        allocations: [
          { id: 'experiment', conditions: [], serve: { split: [{ variation: 'on', weight: 100 }] }, track: true },
        ],
        fallthrough: { variation: 'off' },
      },
    );
    await createFlag(
      server,
      { key: 'plain', clientSideAvailable: true },
      { on: true, fallthrough: { variation: 'on' } },
    );
  });
  afterAll(() => server.close());

  it('bulk and single answers carry metadata.track only for a tracked allocation', async () => {
    const key = server.seeded.clientKey;
    const bulk = await sdkCall(server, 'POST', '/ofrep/v1/evaluate/flags', {
      key,
      body: { context: { targetingKey: 'u-1' } },
    });
    expect(bulk.status).toBe(200);
    const byKey = Object.fromEntries(bulk.body.flags.map((flag: { key: string }) => [flag.key, flag]));
    expect(byKey['checkout-experiment']).toEqual({
      key: 'checkout-experiment',
      value: true,
      variant: 'on',
      reason: 'SPLIT',
      metadata: { allocation: 'experiment', track: true },
    });
    expect(byKey.plain).toEqual({ key: 'plain', value: true, variant: 'on', reason: 'STATIC' });

    const single = await sdkCall(server, 'POST', '/ofrep/v1/evaluate/flags/checkout-experiment', {
      key,
      body: { context: { targetingKey: 'u-1' } },
    });
    expect(single.body.metadata).toEqual({ allocation: 'experiment', track: true });
  });
});
