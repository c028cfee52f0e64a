import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { clientFactory, eventually, recordingFetch, storedContexts, storedEvents } from './support/setup.js';

const ada = { key: 'ada', plan: 'pro' };
const bob = { key: 'bob' };

describe('@vexil/web events: exposures, contexts and track()', () => {
  let server: TestServer;
  const clients = clientFactory(() => ({
    clientKey: server.seeded.clientKey,
    baseUrl: server.url,
    events: true,
    stream: false,
    pollIntervalMs: 60_000,
    flushIntervalMs: 60_000,
  }));

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
      { key: 'untracked', clientSideAvailable: true },
      { on: true, fallthrough: { variation: 'on' } },
    );
  });
  beforeEach(async () => {
    await server.ctx.db.deleteFrom('events').execute();
    await server.ctx.db.deleteFrom('contexts').execute();
    await server.ctx.db.deleteFrom('contextReports').execute();
  });
  afterEach(() => clients.closeAll());
  afterAll(() => server.close());

  it('sends one exposure per context, flag and variation, only for tracked allocations and used values', async () => {
    const client = clients.create({ context: ada });
    await client.ready();
    client.allFlags(); // not a use of any one value
    for (let i = 0; i < 5; i++) client.boolean('checkout-experiment', false);
    client.detail('checkout-experiment', false);
    client.boolean('untracked', false);
    client.number('checkout-experiment', 0); // TYPE_MISMATCH: the default, no variation served
    await client.identify(bob);
    client.boolean('checkout-experiment', false);
    await client.identify(ada);
    client.boolean('checkout-experiment', false);
    await client.flush();
    const exposures = (await storedEvents(server)).filter((event) => event.type === 'exposure');
    expect(exposures).toEqual([
      expect.objectContaining({
        flagKey: 'checkout-experiment',
        variationKey: 'on',
        allocationId: 'experiment',
        contextKey: 'ada',
      }),
      expect.objectContaining({
        flagKey: 'checkout-experiment',
        variationKey: 'on',
        allocationId: 'experiment',
        contextKey: 'bob',
      }),
    ]);
    // Each context identified is reported once, with its attributes (the users list).
    const contexts = await storedContexts(server);
    expect(contexts.map((context) => context.key).sort()).toEqual(['ada', 'bob']);
    expect(JSON.parse(contexts.find((context) => context.key === 'ada')?.attributes ?? '{}')).toEqual({ plan: 'pro' });
  });

  it('batches track() events: a full batch goes at once, the rest on flush()', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = clients.create({ context: ada, fetch, flushBatchSize: 3 });
    await client.ready();
    const posts = () => exchanges.filter((exchange) => exchange.url.endsWith('/sdk/v1/events'));
    client.track('added-to-cart', 19.5); // the context event is queued first: the batch is full
    client.track('added-to-cart', 5);
    await eventually(() => posts().length === 1, 10_000, 'the full batch to be sent');
    expect(posts()[0]?.headers).toMatchObject({ authorization: server.seeded.clientKey });
    client.track('checkout-completed');
    expect(posts()).toHaveLength(1);
    await client.flush();
    expect(posts()).toHaveLength(2);
    expect(posts().map((post) => JSON.parse(post.body ?? '{}').events.length)).toEqual([3, 1]);
    expect(posts().every((post) => post.status === 202)).toBe(true);
    const custom = (await storedEvents(server)).filter((event) => event.type === 'custom');
    expect(custom.map((event) => [event.eventKey, event.value, event.contextKey])).toEqual([
      ['added-to-cart', 19.5, 'ada'],
      ['added-to-cart', 5, 'ada'],
      ['checkout-completed', null, 'ada'],
    ]);
  });

  it('sends on the flush interval', async () => {
    const client = clients.create({ context: ada, flushIntervalMs: 100 });
    await client.ready();
    client.track('tick', 1);
    await eventually(async () => (await storedEvents(server)).length === 1, 10_000, 'the event to be stored');
    expect((await storedEvents(server)).map((event) => event.eventKey)).toEqual(['tick']);
  });

  it('close() sends what is queued', async () => {
    const client = clients.create({ context: ada });
    await client.ready();
    client.track('last-words');
    await client.close();
    expect((await storedEvents(server)).map((event) => event.eventKey)).toEqual(['last-words']);
  });
});
