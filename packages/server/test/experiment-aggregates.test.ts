import { percentile } from '@vexil/stats';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneEvents } from '../src/sdk/retention.js';
import { testDialects } from './support/databases.js';
import { expectClose, seededRandom } from './support/numbers.js';
import { createFlag, EXPERIMENT_SPLIT, sdkCall } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 15: the per-subject aggregates kept at ingestion (experiments/aggregates.ts) give the
 * results a computation over raw events gives, whatever order events arrive in and however
 * batches interleave: held against a rebuild from raw events, and, for a capped metric, against
 * per-subject values this test works out itself.
 */

const v1 = '/api/v1/projects/default';
const HOUR = 3_600_000;

type SdkEvent = Record<string, unknown> & { timestamp: number; context: { key: string } };

describe.each(await testDialects())('experiment aggregates on %s', (dialect) => {
  let server: TestServer;

  async function send(events: SdkEvent[]): Promise<void> {
    const answer = await sdkCall(server, 'POST', '/sdk/v1/events', {
      key: server.seeded.serverKey,
      body: { events },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  }

  async function results(key: string) {
    const answer = await server.api('GET', `${v1}/experiments/${key}/results`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    // Until when (now, for a running experiment) differs between two requests.
    const { to: _to, ...body } = answer.body;
    return body;
  }

  /** The aggregates dropped and rebuilt from raw events at the next results request. */
  async function rebuilt(key: string) {
    await server.ctx.db.updateTable('experiments').set({ aggregated: 0 }).where('key', '=', key).execute();
    const body = await results(key);
    const row = await server.ctx.db
      .selectFrom('experiments')
      .select('aggregated')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(row.aggregated).toBe(1);
    return body;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createFlag(server, { key: 'layout' }, EXPERIMENT_SPLIT);
    for (const metric of [
      { key: 'bought', eventKey: 'purchase', kind: 'conversion' },
      { key: 'spend', eventKey: 'purchase', kind: 'numeric', aggregation: 'sum', capPercentile: 90 },
      { key: 'basket', eventKey: 'purchase', kind: 'numeric', aggregation: 'mean', windowHours: 6 },
      { key: 'views', eventKey: 'view', kind: 'numeric', aggregation: 'count', windowHours: 2 },
      { key: 'refunds', eventKey: 'refund', kind: 'numeric', aggregation: 'sum', capPercentile: 55 },
    ])
      expect((await server.api('POST', `${v1}/metrics`, metric)).status).toBe(201);
    const created = await server.api('POST', `${v1}/experiments`, {
      key: 'layout-test',
      flag: 'layout',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'bought',
      secondaryMetrics: ['spend', 'basket', 'views'],
      guardrailMetrics: ['refunds'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // A second experiment running beside it, on another flag, over some of the same subjects.
    await createFlag(server, { key: 'banner' }, EXPERIMENT_SPLIT);
    const beside = await server.api('POST', `${v1}/experiments`, {
      key: 'banner-test',
      flag: 'banner',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'bought',
      secondaryMetrics: ['refunds'],
    });
    expect(beside.status, JSON.stringify(beside.body)).toBe(201);
  });
  afterAll(() => server.close());

  it('equal a rebuild from raw events when events arrive out of order, in interleaved batches', async () => {
    const next = seededRandom(7);
    const now = Date.now();
    const events: SdkEvent[] = [];
    const before: SdkEvent[] = [];
    /** Per subject: its first exposure, its purchases and refunds (the capped metrics checked by hand below). */
    const truth = new Map<
      string,
      { first: number; variations: Set<string>; purchase: [number, number][]; refund: [number, number][] }
    >();
    let bannerSubjects = 0;
    for (let index = 0; index < 400; index++) {
      const subject = `subject-${index}`;
      const variation = next() < 0.5 ? 'off' : 'on';
      const first = now - Math.floor(next() * 72) * HOUR - Math.floor(next() * HOUR);
      const exposures = [first, first + Math.floor(next() * 10 * HOUR), first + Math.floor(next() * 2 * HOUR)];
      const variations = new Set([variation]);
      for (const at of exposures.slice(0, 1 + Math.floor(next() * 3))) {
        const seen = index % 25 === 0 && at !== first ? (variation === 'off' ? 'on' : 'off') : variation;
        variations.add(seen);
        events.push({
          kind: 'exposure',
          flag: 'layout',
          variation: seen,
          allocation: 'experiment',
          context: { key: subject },
          timestamp: at,
        });
      }
      if (index % 3 === 0) {
        bannerSubjects++;
        const at = now - Math.floor(next() * 72) * HOUR;
        const seen = next() < 0.5 ? 'off' : 'on';
        for (const later of [0, HOUR])
          events.push({
            kind: 'exposure',
            flag: 'banner',
            variation: seen,
            allocation: 'experiment',
            context: { key: subject },
            timestamp: at + later,
          });
      }
      const purchases: [number, number][] = [];
      const refunds: [number, number][] = [];
      for (let n = Math.floor(next() * 5); n > 0; n--) {
        const at = first + Math.floor((next() - 0.3) * 20 * HOUR);
        const value = Math.round(next() * 10_000) / 100;
        const purchase = { kind: 'custom', key: 'purchase', value, context: { key: subject }, timestamp: at };
        // Some purchases were sent before the experiment started: they count as pre-period.
        (next() < 0.2 ? before : events).push(purchase);
        purchases.push([at, value]);
        const view = { kind: 'custom', key: 'view', context: { key: subject }, timestamp: at + HOUR };
        events.push(view);
        if (next() < 0.9) {
          const refund = -Math.round(next() * 5_000) / 100;
          events.push({ kind: 'custom', key: 'refund', value: refund, context: { key: subject }, timestamp: at });
          refunds.push([at, refund]);
        }
      }
      truth.set(subject, { first, variations, purchase: purchases, refund: refunds });
    }
    // Every event of a subject that is never exposed is ignored, wherever it lands.
    events.push({ kind: 'custom', key: 'purchase', value: 5, context: { key: 'never-exposed' }, timestamp: now });

    await send(before);
    for (const key of ['layout-test', 'banner-test'])
      expect((await server.api('POST', `${v1}/experiments/${key}/start`)).status).toBe(200);
    // Shuffled, in batches of 1–60 events, four in flight at a time.
    for (let i = events.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [events[i], events[j]] = [events[j] as SdkEvent, events[i] as SdkEvent];
    }
    const batches: SdkEvent[][] = [];
    for (let start = 0; start < events.length; ) {
      const size = 1 + Math.floor(next() * 60);
      batches.push(events.slice(start, start + size));
      start += size;
    }
    for (let start = 0; start < batches.length; start += 4)
      await Promise.all(batches.slice(start, start + 4).map((batch) => send(batch)));

    const incremental = await results('layout-test');
    const excluded = [...truth.values()].filter((subject) => subject.variations.size > 1).length;
    expect(excluded).toBeGreaterThan(0);
    expect(incremental.exposures.excludedMultipleVariations).toBe(excluded);
    expect(incremental.exposures.subjects).toBe(400 - excluded);
    expect(incremental.metrics.map((metric: { metric: string }) => metric.metric)).toEqual([
      'bought',
      'spend',
      'basket',
      'views',
      'refunds',
    ]);
    expectClose(incremental, await rebuilt('layout-test'));
    const banner = await results('banner-test');
    expect(banner.exposures.subjects).toBe(bannerSubjects);
    expect(banner.metrics.map((metric: { metric: string }) => metric.metric)).toEqual(['bought', 'refunds']);
    expectClose(banner, await rebuilt('banner-test'));

    // The capped metrics worked out subject by subject: spend at its 90th percentile (read from the
    // top of the index), refunds at their 55th, below zero (it caps the subjects without refunds too).
    for (const { metric, eventKey, p, sign } of [
      { metric: 'spend', eventKey: 'purchase', p: 0.9, sign: 1 },
      { metric: 'refunds', eventKey: 'refund', p: 0.55, sign: -1 },
    ] as const) {
      const values = new Map<string, { y: number; x: number; variation: string }>();
      for (const [subject, { first, variations, ...events }] of truth) {
        if (variations.size > 1) continue;
        const sum = (list: [number, number][]) => list.reduce((total, [, value]) => total + value, 0);
        const y = sum(events[eventKey].filter(([at]) => at >= first));
        const x = sum(events[eventKey].filter(([at]) => at < first));
        values.set(subject, { y, x, variation: [...variations][0] as string });
      }
      const cap = percentile(
        [...values.values()].map((value) => value.y),
        p,
      );
      expect(Math.sign(cap)).toBe(sign);
      const found = incremental.metrics.find((entry: { metric: string }) => entry.metric === metric);
      expect(found.cap).toBeCloseTo(cap, 9);
      for (const variation of ['off', 'on']) {
        const mine = [...values.values()].filter((value) => value.variation === variation);
        const capped = mine.map(({ y, x }) => ({ y: Math.min(y, cap), x: Math.min(x, cap) }));
        const summary = found.variations.find((entry: { variation: string }) => entry.variation === variation).summary;
        expectClose(summary, {
          subjects: mine.length,
          sum: capped.reduce((total, value) => total + value.y, 0),
          sumSquares: capped.reduce((total, value) => total + value.y * value.y, 0),
          pre: {
            sum: capped.reduce((total, value) => total + value.x, 0),
            sumSquares: capped.reduce((total, value) => total + value.x * value.x, 0),
            crossSum: capped.reduce((total, value) => total + value.x * value.y, 0),
          },
        });
      }
    }
  });

  it('keep the definition they were built with: a metric a started experiment reads is not redefined', async () => {
    const before = await results('layout-test');
    for (const change of [{ windowHours: 24 }, { eventKey: 'purchase' }, { aggregation: 'sum' }]) {
      const refused = await server.api('PATCH', `${v1}/metrics/views`, change);
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      expect(refused.body.detail).toContain('"layout-test"');
      expect(refused.body.errors).toEqual([
        { path: Object.keys(change)[0], message: 'cannot change while "layout-test" reads this metric' },
      ]);
    }
    const stored = await server.api('GET', `${v1}/metrics/views`);
    expect(stored.body).toMatchObject({ eventKey: 'view', aggregation: 'count', windowHours: 2, version: 1 });
    // What applies when results are read may change: the direction, the cap.
    expect((await server.api('PATCH', `${v1}/metrics/views`, { direction: 'lower' })).status).toBe(200);
    expectClose((await results('layout-test')).exposures, before.exposures);
    // A metric only drafts read may still be redefined.
    expect(
      (await server.api('POST', `${v1}/metrics`, { key: 'draft-only', eventKey: 'view', kind: 'conversion' })).status,
    ).toBe(201);
    const draft = await server.api('POST', `${v1}/experiments`, {
      key: 'layout-draft',
      flag: 'layout',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'draft-only',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect((await server.api('PATCH', `${v1}/metrics/draft-only`, { eventKey: 'purchase' })).status).toBe(200);
  });

  // A batch must not slip between a rebuild's reading of raw events and its commit: on PostgreSQL,
  // which takes writers side by side, it waits for the experiment's lock; SQLite has one writer.
  it('count a batch that arrives while a rebuild holds the experiment', async () => {
    await createFlag(server, { key: 'race' }, EXPERIMENT_SPLIT);
    const created = await server.api('POST', `${v1}/experiments`, {
      key: 'race-test',
      flag: 'race',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'bought',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await server.api('POST', `${v1}/experiments/race-test/start`)).status).toBe(200);
    const now = Date.now();
    const batch = (first: number): SdkEvent[] =>
      Array.from({ length: 20 }, (_, index) => {
        const context = { key: `racer-${first + index}` };
        return [
          {
            kind: 'exposure',
            flag: 'race',
            variation: index % 2 ? 'on' : 'off',
            allocation: 'experiment',
            context,
            timestamp: now - 1000,
          },
          { kind: 'custom', key: 'purchase', value: 10, context, timestamp: now },
        ];
      }).flat();
    await send(batch(0));
    // As if it had started before the aggregates existed: the next results request rebuilds them.
    const db = server.ctx.db;
    await db.updateTable('experiments').set({ aggregated: 0 }).where('key', '=', 'race-test').execute();
    const { id } = await db
      .selectFrom('experiments')
      .select('id')
      .where('key', '=', 'race-test')
      .executeTakeFirstOrThrow();
    // A rebuild in progress holds the experiment's lock and marks it built, then commits; a batch
    // arrives meanwhile, and must wait for it rather than leave its events to a rebuild already read.
    let sent: Promise<void> | undefined;
    await db.transaction().execute(async (tx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${id}))`.execute(tx);
      await tx.updateTable('experiments').set({ aggregated: 1 }).where('id', '=', id).execute();
      sent = send(batch(20));
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await sent;
    const counted = await results('race-test');
    expect(counted.exposures.subjects).toBe(40);
    expectClose(counted, await rebuilt('race-test'));
  });

  // Subjects are looked up kind by kind, each look-up a term of one UNION ALL; SQLite refuses a
  // statement of more than 500 terms, which one batch of 501 kinds once made (a 500, the batch lost).
  it('count a batch whose subjects are of hundreds of context kinds', async () => {
    await createFlag(server, { key: 'kinds' }, EXPERIMENT_SPLIT);
    const created = await server.api('POST', `${v1}/experiments`, {
      key: 'kinds-test',
      flag: 'kinds',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'bought',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await server.api('POST', `${v1}/experiments/kinds-test/start`)).status).toBe(200);
    const now = Date.now();
    const kinds = Array.from({ length: 501 }, (_, index) => `kind-${index}`);
    await send([
      ...kinds.map((kind, index) => ({
        kind: 'exposure',
        flag: 'kinds',
        variation: index % 2 ? 'on' : 'off',
        allocation: 'experiment',
        context: { kind, key: 'same-key' },
        timestamp: now - 1000,
      })),
      ...kinds.slice(0, 499).map((kind) => ({
        kind: 'custom',
        key: 'purchase',
        value: 5,
        context: { kind, key: 'same-key' },
        timestamp: now,
      })),
    ]);
    const counted = await results('kinds-test');
    expect(counted.exposures.subjects).toBe(501);
    expect(counted.metrics[0].variations.map((variation: { conversions: number }) => variation.conversions)).toEqual([
      250, 249,
    ]);
    expectClose(counted, await rebuilt('kinds-test'));
  });

  it('outlive the raw events pruned past their retention', async () => {
    const before = await results('layout-test');
    const db = server.ctx.db;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const total = await count();
    const middle = await db
      .selectFrom('events')
      .select('receivedAt')
      .orderBy('id')
      .offset(Math.floor(total / 2))
      .limit(1)
      .executeTakeFirstOrThrow();
    const older = Number(
      (
        await db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('receivedAt', '<', middle.receivedAt)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(older).toBeGreaterThan(0);
    // Oldest first in the order rows were stored, up to the first one received since the cutoff:
    // concurrent batches may store a row received a moment earlier after it, kept for next time.
    const deleted = await pruneEvents(db, middle.receivedAt);
    expect(deleted).toBeGreaterThan(0);
    expect(deleted).toBeLessThanOrEqual(older);
    expect(await count()).toBe(total - deleted);
    const first = await db.selectFrom('events').select('receivedAt').orderBy('id').limit(1).executeTakeFirstOrThrow();
    expect(first.receivedAt >= middle.receivedAt).toBe(true);

    expect(await pruneEvents(db, new Date(Date.now() + 60_000).toISOString())).toBe(total - deleted);
    expect(await count()).toBe(0);
    expectClose(await results('layout-test'), before);
  });
});
