import { init, type VexilClient } from '@vexil/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { answerRuleset, startFakeServer } from './support/fake-server.js';
import { eventually, recordingLogger } from './support/server.js';

describe('events sent to a real server', () => {
  let server: TestServer;
  let sdk: VexilClient;
  const rows = async () => ({
    events: await server.ctx.db.selectFrom('events').selectAll().orderBy('id').execute(),
    counts: await server.ctx.db
      .selectFrom('evaluationCounts')
      .selectAll()
      .orderBy('flagKey')
      .orderBy('variationKey')
      .execute(),
    // The users list as a read of it sees it: the reports ingestion appended, merged.
    contexts: await server.ctx.events
      .flushContexts()
      .then(() => server.ctx.db.selectFrom('contexts').selectAll().orderBy('kind').orderBy('key').execute()),
  });

  beforeAll(async () => {
    server = await startTestServer('sqlite');
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
    await createFlag(server, { key: 'plain' }, { on: true, offVariation: 'off', fallthrough: { variation: 'on' } });
    sdk = init({
      sdkKey: server.seeded.serverKey,
      baseUrl: server.url,
      flushIntervalMs: 60_000,
      logger: recordingLogger(),
    });
    expect(await sdk.waitForInitialization()).toBe(true);
  });
  afterAll(async () => {
    await sdk.close();
    await server.close();
  });

  it('sends exposures once per context, flag and variation, counts every evaluation, records contexts without private attributes, and custom events', async () => {
    const ada = { key: 'ada', email: 'ada@example.com' };
    for (let i = 0; i < 3; i++) expect(sdk.boolean('experiment', ada, false)).toBe(true);
    expect(sdk.boolean('experiment', { key: 'bob' }, false)).toBe(true);
    const carol = {
      kind: 'user',
      key: 'carol',
      email: 'carol@example.com',
      plan: 'pro',
      address: { street: 'Main St 1', city: 'Oslo' },
      _meta: { privateAttributes: ['email', '/address/street'] },
    };
    expect(sdk.boolean('plain', carol, false)).toBe(true);
    expect(
      sdk.boolean('plain', { kind: 'multi', user: { key: 'ada' }, organization: { key: 'acme', tier: 'gold' } }, false),
    ).toBe(true);
    expect(sdk.boolean('missing', ada, false)).toBe(false);
    sdk.track('checkout-completed', ada, 42.5);
    sdk.track('page-viewed', { key: 'bob' });
    await sdk.flush();

    const { events, counts, contexts } = await rows();
    expect(
      events.map((event) => [
        event.type,
        event.flagKey ?? event.eventKey,
        event.variationKey,
        event.allocationId,
        event.value,
        event.contextKey,
      ]),
    ).toEqual([
      ['exposure', 'experiment', 'on', 'everyone', null, 'ada'],
      ['exposure', 'experiment', 'on', 'everyone', null, 'bob'],
      ['custom', 'checkout-completed', null, null, 42.5, 'ada'],
      ['custom', 'page-viewed', null, null, null, 'bob'],
    ]);
    expect(counts.map((count) => [count.flagKey, count.variationKey, Number(count.count)])).toEqual([
      ['experiment', 'on', 4],
      ['missing', '', 1],
      ['plain', 'on', 2],
    ]);
    expect(contexts.map((context) => [context.kind, context.key])).toEqual([
      ['organization', 'acme'],
      ['user', 'ada'],
      ['user', 'bob'],
      ['user', 'carol'],
    ]);
    const carolRow = JSON.parse(contexts.find((context) => context.key === 'carol')!.attributes);
    expect(carolRow).toMatchObject({ plan: 'pro', address: { city: 'Oslo' } });
    expect(JSON.stringify(carolRow)).not.toContain('carol@example.com');
    expect(JSON.stringify(carolRow)).not.toContain('Main St');

    // The same contexts in the next period: counts add up, exposures stay deduplicated.
    expect(sdk.boolean('experiment', ada, false)).toBe(true);
    await sdk.flush();
    const after = await rows();
    expect(after.events).toHaveLength(4);
    expect(after.counts.find((count) => count.flagKey === 'experiment')?.count).toBe(5);
  });

  it('puts a context that only allFlags evaluated in the users list, without evaluation counts or exposures', async () => {
    const before = await rows();
    const erin = { kind: 'user', key: 'erin', plan: 'team', email: 'erin@example.com' };
    const all = sdk.allFlags(erin);
    expect(all.experiment).toMatchObject({ value: true, variation: 'on', allocation: 'everyone', track: true });
    expect(all.plain?.value).toBe(true);
    await sdk.flush();

    const users = await server.api('GET', '/api/v1/projects/default/environments/development/users?q=erin');
    expect(users.status).toBe(200);
    expect(users.body.users).toEqual([
      expect.objectContaining({ kind: 'user', key: 'erin', attributes: { plan: 'team', email: 'erin@example.com' } }),
    ]);
    const after = await rows();
    expect(after.counts).toEqual(before.counts);
    expect(after.events).toEqual(before.events);
  });
});

describe('event batching and the bounded queue', () => {
  it('sends batches of flushBatchSize, keeps at most maxQueuedEvents while the server fails (dropping the oldest), and delivers the rest later', async () => {
    let accepting = false;
    const batches: { kind: string; key?: string }[][] = [];
    const fake = await startFakeServer((request, response) => {
      if (answerRuleset(request, response, {})) return;
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (!accepting) {
          response.writeHead(503, { 'retry-after': '1' }).end();
          return;
        }
        batches.push((JSON.parse(body) as { events: { kind: string; key?: string }[] }).events);
        response.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const logger = recordingLogger();
    const sdk = init({
      sdkKey: 'vx_server_fake',
      baseUrl: fake.url,
      flushIntervalMs: 60_000,
      flushBatchSize: 2,
      maxQueuedEvents: 5,
      logger,
    });
    try {
      expect(await sdk.waitForInitialization()).toBe(true);
      for (let i = 0; i < 10; i++) sdk.track(`event-${i}`, { key: 'ada' });
      await sdk.flush();
      expect(batches).toEqual([]);

      accepting = true;
      await sdk.flush();
      expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
      expect(batches.flat().map((event) => event.key)).toEqual(['event-5', 'event-6', 'event-7', 'event-8', 'event-9']);
      await eventually(
        () => logger.lines.some((line) => line.level === 'warn' && /5 events were dropped/.test(line.message)),
        2000,
        'the drop warning',
      );
    } finally {
      await sdk.close();
      await fake.close();
    }
  });
});
