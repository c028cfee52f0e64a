import type { FlagConfig, Ruleset } from '@vexil/engine';
import { init, type EvaluationContext, type VexilClient } from '@vexil/node';
import { afterEach, describe, expect, it } from 'vitest';
import { answerRuleset, startFakeServer, type FakeServer } from './support/fake-server.js';
import { recordingLogger } from './support/server.js';

/**
 * What evaluations record, as the server receives it: the counts, contexts and exposures the hot
 * path keeps without building strings (by result identity, by a mark on the context object), checked
 * against the plain rules: every evaluation counted, each context once per period, each exposure
 * once per context, flag and variation.
 */

interface SentEvent {
  kind: string;
  flag?: string;
  variation?: string;
  allocation?: string;
  context?: EvaluationContext;
  counters?: { flag: string; variation?: string; count: number }[];
}

function booleanFlag(key: string, extra: Partial<FlagConfig> = {}): FlagConfig {
  return {
    key,
    type: 'boolean',
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    on: true,
    offVariation: 'off',
    fallthrough: { variation: 'on' },
    ...extra,
  };
}

const manyFlags = Array.from({ length: 12 }, (_, i) => booleanFlag(`flag-${i}`));
const RULESET: Ruleset = {
  flags: [
    ...manyFlags,
    // "on" for betas through an allocation that logs exposures, "on" for others through the fallthrough: two result objects, one variation.
    booleanFlag('experiment', {
      allocations: [
        {
          id: 'betas',
          conditions: [{ attribute: 'beta', operator: 'equals', values: [true] }],
          serve: { variation: 'on' },
          track: true,
        },
      ],
    }),
    {
      key: 'colour',
      type: 'string',
      variations: [
        { key: 'red', value: 'red' },
        { key: 'blue', value: 'blue' },
      ],
      on: true,
      fallthrough: {
        split: [
          { variation: 'red', weight: 50 },
          { variation: 'blue', weight: 50 },
        ],
      },
    },
    booleanFlag('dark', { on: false, offVariation: undefined }),
  ],
};

interface EventSink {
  server: FakeServer;
  events: SentEvent[];
  counts(): Record<string, number>;
  contexts(): string[];
}

async function startEventSink(): Promise<EventSink> {
  const events: SentEvent[] = [];
  const server = await startFakeServer((request, response) => {
    if (answerRuleset(request, response, RULESET)) return;
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      events.push(...(JSON.parse(body) as { events: SentEvent[] }).events);
      response.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return {
    server,
    events,
    counts() {
      const counts: Record<string, number> = {};
      for (const event of events.filter((e) => e.kind === 'summary')) {
        for (const { flag, variation, count } of event.counters!)
          counts[`${flag}/${variation ?? ''}`] = (counts[`${flag}/${variation ?? ''}`] ?? 0) + count;
      }
      return counts;
    },
    contexts: () => events.filter((e) => e.kind === 'context').map((e) => JSON.stringify(e.context)),
  };
}

describe('recording evaluations', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function start(): Promise<{ sink: EventSink; client: (id?: string) => Promise<VexilClient> }> {
    const sink = await startEventSink();
    cleanup.push(() => sink.server.close());
    const client = async () => {
      const sdk = init({
        sdkKey: 'vx_server_fake',
        baseUrl: sink.server.url,
        flushIntervalMs: 60_000,
        flushBatchSize: 1000,
        logger: recordingLogger(),
      });
      cleanup.push(() => sdk.close());
      expect(await sdk.waitForInitialization()).toBe(true);
      return sdk;
    };
    return { sink, client };
  }

  it('counts every evaluation per flag and variation, whatever the order of flags and results, and starts from zero after each flush', async () => {
    const { sink, client } = await start();
    const sdk = await client();
    const users = Array.from({ length: 50 }, (_, i) => ({ key: `user-${i}` }));
    const expected: Record<string, number> = {};
    const expect1 = (key: string) => (expected[key] = (expected[key] ?? 0) + 1);
    for (let round = 0; round < 3; round++) {
      for (const [i, user] of users.entries()) {
        // Round-robin over more flags than the recent results the counter compares first.
        const flag = manyFlags[i % manyFlags.length]!.key;
        sdk.boolean(flag, user, false);
        expect1(`${flag}/on`);
        expect1(`colour/${sdk.string('colour', user, 'none')}`);
        sdk.detail('experiment', i % 3 === 0 ? { ...user, beta: true } : user, false);
        expect1('experiment/on');
        sdk.boolean('dark', user, true); // off without an off variation: the caller's default, under no variation
        expect1('dark/');
        sdk.boolean('missing', user, true);
        expect1('missing/');
        sdk.string('flag-0', user, 'wrong type');
        expect1('flag-0/');
      }
    }
    // One flag serving two variations in turn: both results sit among the recent ones.
    for (let i = 0; i < 200; i++) expect1(`colour/${sdk.string('colour', { key: `visitor-${i}` }, 'none')}`);
    await sdk.flush();
    expect(sink.counts()).toEqual(expected);
    expect(expected['colour/red']! + expected['colour/blue']!).toBe(350);
    expect(expected['colour/red']).toBeGreaterThan(100);

    sink.events.length = 0;
    sdk.boolean('flag-1', users[0]!, false);
    sdk.boolean('flag-1', users[1]!, false);
    await sdk.flush();
    expect(sink.counts()).toEqual({ 'flag-1/on': 2 });
  });

  it('records each context once per flush period: the same object, an equal object and a rebuilt one alike; a copy with another key is a new context', async () => {
    const { sink, client } = await start();
    const sdk = await client();
    const ada = { kind: 'user', key: 'ada', plan: 'pro' };
    for (let i = 0; i < 3; i++) sdk.boolean('flag-1', ada, false);
    sdk.boolean('flag-2', { kind: 'user', key: 'ada', plan: 'pro' }, false);
    sdk.boolean('flag-2', { ...ada, key: 'bob' }, false);
    sdk.boolean('flag-2', { key: 'no-kind' }, false);
    sdk.boolean('flag-2', { kind: 'user', name: 'no key' } as EvaluationContext, false);
    sdk.boolean('flag-2', Object.freeze({ kind: 'user', key: 'frozen' }), false);
    const acme = { kind: 'multi', user: { key: 'ada' }, organization: { key: 'acme' } } as EvaluationContext;
    sdk.boolean('flag-3', acme, false);
    sdk.boolean('flag-3', acme, false);
    await sdk.flush();
    expect(sink.contexts()).toEqual([
      JSON.stringify(ada),
      JSON.stringify({ kind: 'user', key: 'bob', plan: 'pro' }),
      JSON.stringify({ key: 'no-kind' }),
      JSON.stringify({ kind: 'user', key: 'frozen' }),
      JSON.stringify(acme),
    ]);

    // A new period: the same objects are recorded again, once, the last one of the old period first.
    sink.events.length = 0;
    sdk.boolean('flag-1', acme, false);
    for (let i = 0; i < 3; i++) sdk.boolean('flag-1', ada, false);
    await sdk.flush();
    expect(sink.contexts()).toEqual([JSON.stringify(acme), JSON.stringify(ada)]);
  });

  it('leaves the context objects as they were: same keys, same JSON, equal copies', async () => {
    const { client } = await start();
    const sdk = await client();
    const ada = { kind: 'user', key: 'ada', address: { city: 'Oslo' } };
    const before = structuredClone(ada);
    sdk.boolean('flag-1', ada, false);
    expect(Object.keys(ada)).toEqual(['kind', 'key', 'address']);
    expect(Reflect.ownKeys(ada)).toEqual(['kind', 'key', 'address']);
    expect(JSON.stringify(ada)).toBe(JSON.stringify(before));
    expect(ada).toStrictEqual(before);
    expect(structuredClone(ada)).toStrictEqual(before);
  });

  it('records the contexts of every client in the process, when two clients evaluate the same objects', async () => {
    const { sink, client } = await start();
    const first = await client();
    const second = await client();
    const users = Array.from({ length: 5 }, (_, i) => ({ key: `user-${i}` }));
    for (let round = 0; round < 2; round++) {
      for (const user of users) {
        first.boolean('flag-1', user, false);
        second.boolean('flag-1', user, false);
      }
    }
    await first.flush();
    await second.flush();
    expect(sink.contexts().sort()).toEqual([...users, ...users].map((user) => JSON.stringify(user)).sort());
    expect(sink.counts()).toEqual({ 'flag-1/on': 20 });

    // Each in its next period, though the other one marked the objects first.
    sink.events.length = 0;
    for (const user of users) {
      second.boolean('flag-1', user, false);
      first.boolean('flag-1', user, false);
    }
    await first.flush();
    await second.flush();
    expect(sink.contexts()).toHaveLength(10);
  });

  it('logs an exposure only for a tracked allocation, once per context, flag and variation, though an untracked rule serves the same variation', async () => {
    const { sink, client } = await start();
    const sdk = await client();
    for (let i = 0; i < 3; i++) {
      sdk.boolean('experiment', { key: 'ada', beta: true }, false);
      sdk.boolean('experiment', { key: 'bob' }, false);
    }
    sdk.boolean('experiment', { key: 'cleo', beta: true }, false);
    await sdk.flush();
    const exposures = sink.events.filter((event) => event.kind === 'exposure');
    expect(
      exposures.map((event) => [event.flag, event.variation, event.allocation, (event.context as { key: string }).key]),
    ).toEqual([
      ['experiment', 'on', 'betas', 'ada'],
      ['experiment', 'on', 'betas', 'cleo'],
    ]);
    expect(sink.counts()).toEqual({ 'experiment/on': 7 });
  });

  it('allFlags reports its context once per flush period, like the getters, but counts no evaluation and logs no exposure', async () => {
    const { sink, client } = await start();
    const sdk = await client();
    const ada = { kind: 'user', key: 'ada', beta: true };
    for (let i = 0; i < 3; i++) {
      const all = sdk.allFlags(ada);
      // Every flag, with the tracked allocation's detail: the values are all there for a page to use.
      expect(Object.keys(all)).toHaveLength(RULESET.flags.length);
      expect(all.experiment).toMatchObject({ value: true, variation: 'on', allocation: 'betas', track: true });
    }
    sdk.allFlags({ kind: 'user', key: 'ada', beta: true }); // rebuilt for another request: the same context
    sdk.allFlags({ key: 'bob' });
    sdk.allFlags({ kind: 'user', name: 'no key' } as EvaluationContext); // evaluated, but events need a key
    sdk.boolean('flag-1', ada, false); // a getter for a context allFlags has reported already
    await sdk.flush();
    expect(sink.contexts()).toEqual([JSON.stringify(ada), JSON.stringify({ key: 'bob' })]);
    expect(sink.events.filter((event) => event.kind === 'exposure')).toEqual([]);
    expect(sink.counts()).toEqual({ 'flag-1/on': 1 });

    // The next period: reported again, once; still no counts.
    sink.events.length = 0;
    sdk.allFlags(ada);
    sdk.allFlags(ada);
    await sdk.flush();
    expect(sink.contexts()).toEqual([JSON.stringify(ada)]);
    expect(sink.counts()).toEqual({});
    expect(sink.events.map((event) => event.kind)).toEqual(['context']);
  });
});
