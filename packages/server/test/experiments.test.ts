import { analyzeMetric, type NumericSummary, percentile, sampleRatioMismatch } from '@vexil/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { expectClose, seededRandom } from './support/numbers.js';
import { builtDocument, SchemaValidator } from './support/openapi.js';
import { createFlag, EXPERIMENT_SPLIT, sdkCall } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 15: experiments — setup and its checks, start (tracking on, one audited flag change), stop
 * and ship, and results computed from events sent through POST /sdk/v1/events, held against
 * @vexil/stats called on per-variation sums this test works out from the events it generated.
 */

const v1 = '/api/v1/projects/default';
const HOUR = 3_600_000;

interface SdkEvent {
  kind: 'exposure' | 'custom';
  timestamp: number;
  context: { key: string };
  flag?: string;
  variation?: string;
  allocation?: string;
  key?: string;
  value?: number;
}

const exposure = (flag: string, subject: string, variation: string, at: number): SdkEvent => ({
  kind: 'exposure',
  flag,
  variation,
  allocation: 'experiment',
  context: { key: subject },
  timestamp: at,
});
const custom = (key: string, subject: string, at: number, value?: number): SdkEvent => ({
  kind: 'custom',
  key,
  context: { key: subject },
  timestamp: at,
  ...(value === undefined ? {} : { value }),
});

describe('the results in the OpenAPI document', () => {
  it('have an example that fits their schema, with the figures @vexil/stats gives for it', async () => {
    const document = await builtDocument();
    const answer = (document.paths as any)['/api/v1/projects/{project}/experiments/{experiment}/results'].get.responses[
      '200'
    ].content['application/json'];
    const example = answer.example;
    expect(new SchemaValidator(document).errors(answer.schema, example)).toEqual([]);
    const [control, treatment] = example.metrics[0].variations;
    const figures = analyzeMetric(
      { kind: 'conversion', variations: [control.summary, treatment.summary] },
      { plannedSubjectsPerVariation: 10_000 },
    );
    expect(treatment.comparison.pValue).toBeCloseTo(figures.variations[1]?.comparison?.pValue ?? -1, 4);
    expect(treatment.cuped.comparison.lift).toBeCloseTo(figures.variations[1]?.cuped?.comparison?.lift ?? -1, 4);
  });
});

describe.each(await testDialects())('experiments on %s', (dialect) => {
  let server: TestServer;
  const experiments = `${v1}/experiments`;

  async function send(events: SdkEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += 1000) {
      const answer = await sdkCall(server, 'POST', '/sdk/v1/events', {
        key: server.seeded.serverKey,
        body: { events: events.slice(start, start + 1000) },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    }
  }

  /** `track` of each allocation of checkout-flow, as server SDKs receive the ruleset. */
  async function trackedInConfig(): Promise<(boolean | undefined)[]> {
    const config = await sdkCall(server, 'GET', '/sdk/v1/config', { key: server.seeded.serverKey });
    const flag = config.body.flags.find((candidate: { key: string }) => candidate.key === 'checkout-flow');
    return flag.allocations.map((allocation: { track?: boolean }) => allocation.track);
  }

  // The 50/50 split, and an allocation after it that no experiment reads.
  const splitState = {
    ...EXPERIMENT_SPLIT,
    allocations: [...EXPERIMENT_SPLIT.allocations, { id: 'everyone-else', serve: { variation: 'off' } }],
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createFlag(server, { key: 'checkout-flow', clientSideAvailable: true }, splitState);
    await createFlag(server, { key: 'skewed', clientSideAvailable: true }, splitState);
    await createFlag(server, { key: 'single', clientSideAvailable: true }, splitState);
    for (const metric of [
      { key: 'purchase', eventKey: 'purchase', kind: 'conversion' },
      { key: 'revenue', eventKey: 'purchase', kind: 'numeric', aggregation: 'sum', capPercentile: 99 },
      { key: 'pageviews', eventKey: 'pageview', kind: 'numeric', aggregation: 'count', windowHours: 1 },
      { key: 'never-sent', eventKey: 'no-such-event', kind: 'conversion' },
    ])
      expect((await server.api('POST', `${v1}/metrics`, metric)).status).toBe(201);
  });
  afterAll(() => server.close());

  it('creates a draft, reads, lists, changes and deletes it, audited', async () => {
    const created = await server.api('POST', experiments, {
      key: 'draft-one',
      flag: 'checkout-flow',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'purchase',
      guardrailMetrics: ['pageviews'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({
      key: 'draft-one',
      name: 'draft-one',
      hypothesis: null,
      flag: 'checkout-flow',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'purchase',
      secondaryMetrics: [],
      guardrailMetrics: ['pageviews'],
      minimumDetectableEffect: null,
      plannedSubjectsPerVariation: 10_000,
      status: 'draft',
      startedAt: null,
      stoppedAt: null,
      shippedVariation: null,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await server.api('GET', `${experiments}/draft-one`)).body).toEqual(created.body);
    expect((await server.api('GET', experiments)).body.map((e: { key: string }) => e.key)).toContain('draft-one');

    const changed = await server.api('PATCH', `${experiments}/draft-one`, {
      hypothesis: 'More purchases',
      secondaryMetrics: ['revenue'],
      minimumDetectableEffect: 0.05,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      hypothesis: 'More purchases',
      secondaryMetrics: ['revenue'],
      guardrailMetrics: ['pageviews'],
      minimumDetectableEffect: 0.05,
      version: 2,
    });

    // A metric an experiment reads cannot be deleted.
    const refused = await server.api('DELETE', `${v1}/metrics/revenue`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('"draft-one"');

    const results = await server.api('GET', `${experiments}/draft-one/results`);
    expect(results.status).toBe(200);
    expect(results.body.diagnosis.map((d: { code: string }) => d.code)).toEqual(['not-started']);

    expect((await server.api('DELETE', `${experiments}/draft-one`)).status).toBe(204);
    expect((await server.api('GET', `${experiments}/draft-one`)).status).toBe(404);
    const audit = await server.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'environmentKey'])
      .where('resourceType', '=', 'experiment')
      .where('resourceKey', '=', 'draft-one')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'experiment.created', environmentKey: 'development' },
      { action: 'experiment.updated', environmentKey: 'development' },
      { action: 'experiment.deleted', environmentKey: 'development' },
    ]);
  });

  it('goes with its project when the project is deleted', async () => {
    const lab = '/api/v1/projects/lab';
    expect((await server.api('POST', '/api/v1/projects', { key: 'lab' })).status).toBe(201);
    await server.api('POST', `${lab}/flags`, { key: 'f', environments: { development: splitState } });
    await server.api('POST', `${lab}/metrics`, { key: 'm', eventKey: 'e', kind: 'conversion' });
    const body = { key: 'x', flag: 'f', environment: 'development', allocations: ['experiment'] };
    const created = await server.api('POST', `${lab}/experiments`, {
      ...body,
      controlVariation: 'off',
      primaryMetric: 'm',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await server.api('POST', `${lab}/experiments/x/start`)).status).toBe(200);
    expect((await server.api('DELETE', lab)).status).toBe(204);
    const left = await server.ctx.db.selectFrom('experimentMetrics').select('metricId').execute();
    const metrics = await server.ctx.db.selectFrom('metrics').select('id').execute();
    expect(left.every((row) => metrics.some((metric) => metric.id === row.metricId))).toBe(true);
  });

  it('refuses bad references, naming the field', async () => {
    const valid = {
      key: 'bad',
      flag: 'checkout-flow',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'purchase',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ flag: 'no-such-flag' }, 'flag'],
      [{ environment: 'nowhere' }, 'environment'],
      [{ allocations: ['experiment', 'nope'] }, 'allocations[1]'],
      [{ controlVariation: 'maybe' }, 'controlVariation'],
      [{ primaryMetric: 'unknown' }, 'primaryMetric'],
      [{ secondaryMetrics: ['revenue', 'nope'] }, 'secondaryMetrics[1]'],
      [{ guardrailMetrics: ['purchase'] }, 'guardrailMetrics[0]'],
      [{ allocations: [] }, 'allocations'],
      [{ minimumDetectableEffect: -1 }, 'minimumDetectableEffect'],
      [{ key: 'Not a key!' }, 'key'],
    ];
    for (const [change, path] of cases) {
      const answer = await server.api('POST', experiments, { ...valid, ...change });
      expect(answer.status, JSON.stringify(change)).toBe(400);
      expect(
        answer.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(change),
      ).toContain(path);
    }
    expect((await server.api('GET', `${experiments}/bad`)).status).toBe(404);
    expect((await server.api('POST', experiments, valid)).status).toBe(201);
    expect((await server.api('POST', experiments, valid)).status).toBe(409);
    // Starting needs a split between the control and another variation.
    const single = await server.api('PATCH', `${experiments}/bad`, { allocations: ['everyone-else'] });
    expect(single.status).toBe(200);
    const notSplit = await server.api('POST', `${experiments}/bad/start`);
    expect(notSplit.status).toBe(409);
    expect(notSplit.body.errors[0].path).toBe('allocations[0]');
    expect((await server.api('GET', `${experiments}/bad`)).body.status).toBe('draft');
    expect((await server.api('POST', `${experiments}/bad/stop`, {})).status).toBe(409);
    expect((await server.api('DELETE', `${experiments}/bad`)).status).toBe(204);
  });

  it('starts only with flag:write in the environment: a viewer of production cannot start there', async () => {
    await server.api('PUT', `${v1}/flags/checkout-flow/environments/production`, splitState);
    const created = await server.api('POST', experiments, {
      key: 'in-production',
      flag: 'checkout-flow',
      environment: 'production',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'purchase',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = await server.api('POST', '/api/v1/api-tokens', {
      name: 'editor, viewer of production',
      roles: [
        { role: 'editor', project: 'default' },
        { role: 'viewer', project: 'default', environment: 'production' },
      ],
    });
    const refused = await server.api('POST', `${experiments}/in-production/start`, undefined, token.body.token);
    expect(refused.status).toBe(403);
    const state = await server.api('GET', `${v1}/flags/checkout-flow/environments/production`);
    expect(state.body.allocations[0].track).toBeUndefined();
    expect((await server.api('GET', `${experiments}/in-production`)).body.status).toBe('draft');
    expect((await server.api('DELETE', `${experiments}/in-production`)).status).toBe(204);
  });

  it('runs a synthetic experiment end to end: results match @vexil/stats on the same sums, exclusions counted', async () => {
    const created = await server.api('POST', experiments, {
      key: 'checkout',
      flag: 'checkout-flow',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'purchase',
      secondaryMetrics: ['revenue', 'never-sent'],
      guardrailMetrics: ['pageviews'],
      plannedSubjectsPerVariation: 5_000,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await trackedInConfig())[0]).toBeUndefined();

    const started = await server.api('POST', `${experiments}/checkout/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({ status: 'running', startedAt: expect.any(String), version: 2 });

    // Tracking is on in the state, for SDKs and for OFREP; one flag audit entry with the start.
    const state = await server.api('GET', `${v1}/flags/checkout-flow/environments/development`);
    expect(state.body.allocations.map((a: { id: string; track?: boolean }) => [a.id, a.track])).toEqual([
      ['experiment', true],
      ['everyone-else', undefined],
    ]);
    expect(await trackedInConfig()).toEqual([true, undefined]);
    const ofrep = await sdkCall(server, 'POST', '/ofrep/v1/evaluate/flags/checkout-flow', {
      key: server.seeded.clientKey,
      body: { context: { targetingKey: 'someone' } },
    });
    expect(ofrep.body.metadata).toEqual({ allocation: 'experiment', track: true });
    const entries = await server.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'resourceKey', 'createdAt'])
      .where('action', 'in', ['experiment.started', 'flag.state.updated'])
      .where('resourceKey', 'in', ['checkout', 'checkout-flow'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(entries.map((entry) => entry.action).sort()).toEqual(['experiment.started', 'flag.state.updated']);
    expect(entries[0]?.createdAt).toBe(entries[1]?.createdAt);

    // Nothing sent yet: the diagnosis says so.
    const codes = async () =>
      (await server.api('GET', `${experiments}/checkout/results`)).body.diagnosis.map((d: { code: string }) => d.code);
    expect(await codes()).toEqual(['no-sdk-events']);
    await send([custom('signed-in', 'someone', Date.now() - 1_000)]);
    expect(await codes()).toEqual(['no-exposures']);

    // The synthetic experiment, its events stamped over 22 hours from noon UTC 30 to 54 hours ago (so that
    // they cross midnight into a second day, whatever the hour now): 4,000 subjects alternating between the
    // variations, 10 % conversion on control and 12 % on treatment, revenue on each purchase
    // (a few huge), pre-exposure purchases that must not count (but feed CUPED), page views in and
    // out of the one-hour window, and 40 subjects who saw both variations.
    const start = Math.floor((Date.now() - 30 * HOUR) / (24 * HOUR)) * 24 * HOUR - 12 * HOUR;
    const rand = seededRandom(15);
    const events: SdkEvent[] = [];
    interface Subject {
      variation: string;
      exposedAt: number;
      converted: boolean;
      revenue: number;
      preRevenue: number;
      prePurchases: number;
      pageviews: number;
    }
    const subjects: Subject[] = [];
    for (let i = 0; i < 4_000; i++) {
      const id = `u-${i}`;
      const variation = i % 2 === 0 ? 'off' : 'on';
      const exposedAt = start + 60_000 + i * 20_000; // 4,000 × 20 s: the first day and some of the next
      events.push(exposure('checkout-flow', id, variation, exposedAt));
      if (i % 3 === 0) events.push(exposure('checkout-flow', id, variation, exposedAt + 1_000)); // seen again
      const subject: Subject = {
        variation,
        exposedAt,
        converted: false,
        revenue: 0,
        preRevenue: 0,
        prePurchases: 0,
        pageviews: 0,
      };
      if (rand() < (variation === 'off' ? 0.1 : 0.12)) {
        const value = i % 997 === 1 ? 50_000 : Math.round(20 + rand() * 80);
        events.push(custom('purchase', id, exposedAt + 5 * 60_000, value));
        subject.converted = true;
        subject.revenue = value;
      }
      if (i % 11 === 0) {
        // Before the exposure: not a conversion, but the pre-period of the metric.
        const value = Math.round(10 + rand() * 50);
        events.push(custom('purchase', id, exposedAt - 10 * 60_000, value));
        subject.preRevenue = value;
        subject.prePurchases = 1;
      }
      if (i % 5 === 0) {
        events.push(custom('pageview', id, exposedAt + 30 * 60_000));
        events.push(custom('pageview', id, exposedAt + 2 * HOUR)); // outside the window
        subject.pageviews = 1;
      }
      subjects.push(subject);
    }
    for (let i = 0; i < 40; i++) {
      const id = `both-${i}`;
      events.push(exposure('checkout-flow', id, 'off', start + 120_000 + i));
      events.push(exposure('checkout-flow', id, 'on', start + 180_000 + i));
      events.push(custom('purchase', id, start + 240_000 + i, 10));
    }
    // An exposure of another flag: not this experiment's.
    events.push(exposure('skewed', 'u-1', 'on', start + 60_000));
    await send(events);

    const answer = await server.api('GET', `${experiments}/checkout/results`);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(200);
    const results = answer.body;
    expect(results.exposures).toEqual({
      subjects: 4_000,
      excludedMultipleVariations: 40,
      variations: [
        { variation: 'off', subjects: 2_000 },
        { variation: 'on', subjects: 2_000 },
      ],
    });
    expect(results.sampleRatio).toMatchObject({ variations: ['off', 'on'], observed: [2_000, 2_000], mismatch: false });
    expect(results.metrics.map((m: { metric: string; role: string }) => [m.metric, m.role])).toEqual([
      ['purchase', 'primary'],
      ['revenue', 'secondary'],
      ['never-sent', 'secondary'],
      ['pageviews', 'guardrail'],
    ]);

    // What the test itself works out from the events it made.
    const arms = ['off', 'on'].map((variation) => subjects.filter((s) => s.variation === variation));
    const pre = (y: (s: Subject) => number, x: (s: Subject) => number, arm: Subject[]) => ({
      sum: arm.reduce((t, s) => t + x(s), 0),
      sumSquares: arm.reduce((t, s) => t + x(s) ** 2, 0),
      crossSum: arm.reduce((t, s) => t + x(s) * y(s), 0),
    });
    const conversionInput = arms.map((arm) => ({
      subjects: arm.length,
      conversions: arm.filter((s) => s.converted).length,
      pre: pre(
        (s) => (s.converted ? 1 : 0),
        (s) => s.prePurchases,
        arm,
      ),
    }));
    const options = { control: 0, direction: 'higher' as const, plannedSubjectsPerVariation: 5_000 };
    const expectedConversion = analyzeMetric({ kind: 'conversion', variations: conversionInput }, options);
    const purchase = results.metrics[0];
    expect(purchase.variations.map((v: { summary: unknown }) => v.summary)).toEqual(conversionInput);
    expectClose(purchase.variations, expectedConversion.variations);
    expectClose(purchase.cuped, expectedConversion.cuped);
    const treatment = purchase.variations[1];
    expect(treatment.conversions).toBe(conversionInput[1]?.conversions);
    expect(treatment.comparison.lift).toBeGreaterThan(0);
    expect(treatment.comparison.sequential.interval.lower).toBeLessThan(treatment.comparison.interval.lower);
    expect(treatment.cuped).not.toBeNull();

    // Revenue: per-subject sums capped at their 99th percentile over all subjects.
    const cap = percentile(
      subjects.map((s) => s.revenue),
      0.99,
    );
    const revenue = results.metrics[1];
    expect(revenue.cap).toBeCloseTo(cap, 6);
    const capped = (value: number) => Math.min(value, cap);
    const revenueInput: NumericSummary[] = arms.map((arm) => ({
      subjects: arm.length,
      sum: arm.reduce((t, s) => t + capped(s.revenue), 0),
      sumSquares: arm.reduce((t, s) => t + capped(s.revenue) ** 2, 0),
      pre: pre(
        (s) => capped(s.revenue),
        (s) => capped(s.preRevenue),
        arm,
      ),
    }));
    expectClose(
      revenue.variations.map((v: { summary: unknown }) => v.summary),
      revenueInput,
    );
    const expectedRevenue = analyzeMetric({ kind: 'numeric', variations: revenueInput }, options);
    expectClose(revenue.variations, expectedRevenue.variations);
    expect(revenue.cuped.varianceReduction).toBeCloseTo(expectedRevenue.cuped?.varianceReduction ?? -1, 9);

    // Page views: only the one inside the hour after exposure counts; no pre-period, so no CUPED.
    const pageviews = results.metrics[3];
    expect(pageviews.variations.map((v: { summary: unknown }) => v.summary)).toEqual(
      arms.map((arm) => ({
        subjects: arm.length,
        sum: arm.reduce((t, s) => t + s.pageviews, 0),
        sumSquares: arm.reduce((t, s) => t + s.pageviews ** 2, 0),
      })),
    );
    expect(pageviews.cuped).toBeNull();

    // The metric whose event never came is diagnosed, not silently empty.
    expect(results.diagnosis).toEqual([
      expect.objectContaining({ code: 'metric-event-never-received', metric: 'never-sent' }),
    ]);

    // Over time: one point a day, cumulative; the last equals the totals.
    const days = results.overTime;
    expect(days.length).toBeGreaterThanOrEqual(2);
    const last = days[days.length - 1];
    expect(last.variations.map((v: { subjects: number }) => v.subjects)).toEqual([2_000, 2_000]);
    expect(last.variations[1].lift).toBeCloseTo(expectedConversion.variations[1]?.comparison?.lift ?? Number.NaN, 12);
    expect(days[0].variations[0].subjects).toBeLessThan(2_000);
  });

  it('flags a sample-ratio mismatch on a skewed assignment', async () => {
    expect(
      (
        await server.api('POST', experiments, {
          key: 'skew',
          flag: 'skewed',
          environment: 'development',
          allocations: ['experiment'],
          controlVariation: 'off',
          primaryMetric: 'purchase',
        })
      ).status,
    ).toBe(201);
    const start = Date.now() - 2 * HOUR;
    // Exposures received before the start are not the experiment's.
    await send(Array.from({ length: 50 }, (_, i) => exposure('skewed', `early-${i}`, 'on', start + i)));
    expect((await server.api('POST', `${experiments}/skew/start`)).status).toBe(200);
    const events: SdkEvent[] = [];
    for (let i = 0; i < 2_000; i++) events.push(exposure('skewed', `s-${i}`, 'off', start + 1_000 + i));
    for (let i = 0; i < 2_300; i++) events.push(exposure('skewed', `t-${i}`, 'on', start + 1_000 + i));
    await send(events);
    const results = (await server.api('GET', `${experiments}/skew/results`)).body;
    const expected = sampleRatioMismatch([2_000, 2_300], [50, 50]);
    expect(results.sampleRatio).toMatchObject({ observed: [2_000, 2_300], mismatch: true });
    expect(results.sampleRatio.pValue).toBeCloseTo(expected.pValue, 12);
    expect(results.sampleRatio.pValue).toBeLessThan(0.001);
    expect(results.diagnosis.map((d: { code: string }) => d.code)).toContain('no-metric-events-after-exposure');
  });

  it('stops and ships: the allocation serves the shipped variation to everyone, in one audited change', async () => {
    const stopped = await server.api('POST', `${experiments}/checkout/stop`, { ship: 'on' });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body).toMatchObject({ status: 'stopped', shippedVariation: 'on', stoppedAt: expect.any(String) });
    const state = await server.api('GET', `${v1}/flags/checkout-flow/environments/development`);
    expect(state.body.allocations[0]).toEqual({ id: 'experiment', serve: { variation: 'on' } });
    for (const subject of ['u-0', 'u-2', 'someone-new']) {
      const ofrep = await sdkCall(server, 'POST', '/ofrep/v1/evaluate/flags/checkout-flow', {
        key: server.seeded.clientKey,
        body: { context: { targetingKey: subject } },
      });
      expect(ofrep.body).toMatchObject({ variant: 'on', value: true });
      expect(ofrep.body.metadata?.track).toBeUndefined();
    }
    // The results stay readable, up to the stop.
    const results = (await server.api('GET', `${experiments}/checkout/results`)).body;
    expect(results).toMatchObject({ status: 'stopped', to: stopped.body.stoppedAt });
    expect(results.exposures.subjects).toBe(4_000);
    expect((await server.api('PATCH', `${experiments}/checkout`, { hypothesis: 'late' })).status).toBe(409);
    expect((await server.api('DELETE', `${experiments}/checkout`)).status).toBe(409);
    expect((await server.api('POST', `${experiments}/checkout/stop`, { ship: 'on' })).status).toBe(409);

    const bad = await server.api('POST', `${experiments}/skew/stop`, { ship: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('ship');
    // Stopping without shipping only turns tracking off.
    expect((await server.api('POST', `${experiments}/skew/stop`, {})).status).toBe(200);
    const skewed = await server.api('GET', `${v1}/flags/skewed/environments/development`);
    expect(skewed.body.allocations[0]).toEqual(splitState.allocations[0]);
  });
});
