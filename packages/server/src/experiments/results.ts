import {
  analyzeMetric,
  type ConversionSummary,
  type MetricAnalysis,
  type NumericSummary,
  sampleRatioMismatch,
} from '@vexil/stats';
import { sql } from 'kysely';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { MetricRow } from '../db/schema.js';
import { rebuildAggregates } from './aggregates.js';
import { findProject } from '../projects/lookup.js';
import type { FlagDefinition } from '../rulesets/load.js';
import {
  allocationIdsOf,
  type LoadedExperiment,
  loadExperiment,
  type MetricRole,
  type SplitWeights,
  stateOf,
} from './service.js';

/**
 * An experiment's results (docs/experiments.md, "Results: how they are computed"). The database
 * reduces raw events to per-subject values and those to sums per variation and day of first
 * exposure (GROUP BY); only those sums reach JavaScript, where @vexil/stats turns them into figures.
 */

interface Interval {
  lower: number;
  upper: number;
}

export interface MetricResult {
  metric: string;
  role: MetricRole;
  kind: 'conversion' | 'numeric';
  direction: 'higher' | 'lower';
  /** The per-subject cap applied (the metric's percentile over all subjects), or null. */
  cap: number | null;
  cuped: MetricAnalysis['cuped'];
  variations: (MetricAnalysis['variations'][number] & {
    variation: string;
    summary: ConversionSummary | NumericSummary;
  })[];
}

export interface Diagnosis {
  code:
    | 'not-started'
    | 'tracking-off'
    | 'no-sdk-events'
    | 'no-exposures'
    | 'metric-event-never-received'
    | 'no-metric-events-after-exposure'
    | 'single-variation';
  message: string;
  metric?: string;
}

export interface ExperimentResults {
  experiment: string;
  status: string;
  flag: string;
  environment: string;
  controlVariation: string;
  from: string | null;
  to: string;
  exposures: {
    subjects: number;
    excludedMultipleVariations: number;
    variations: { variation: string; subjects: number }[];
  };
  sampleRatio: {
    variations: string[];
    weights: number[];
    observed: number[];
    expected: number[];
    chiSquare: number;
    pValue: number;
    mismatch: boolean;
    threshold: number;
  } | null;
  metrics: MetricResult[];
  overTime: {
    date: string;
    variations: {
      variation: string;
      subjects: number;
      mean: number;
      lift: number | null;
      interval: Interval | null;
      sequentialInterval: Interval | null;
    }[];
  }[];
  diagnosis: Diagnosis[];
}

/** Sums of one variation for one day of first exposure. */
interface DayRow {
  variation: string;
  day: string;
  n: number;
  sy: number;
  syy: number;
  sx: number;
  sxx: number;
  sxy: number;
  /** Subjects with any pre-exposure event. */
  pre: number;
  /** Subjects with any event after exposure. */
  post: number;
}

const MAX_DAYS = 366;

export async function getExperimentResults(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<ExperimentResults> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'experiment:read', { project: project.key });
  const loaded = await loadExperiment(ctx.db, actor, project, key);
  const { row } = loaded;
  const to = row.stoppedAt ?? new Date().toISOString();
  const base: Omit<ExperimentResults, 'exposures' | 'sampleRatio' | 'metrics' | 'overTime' | 'diagnosis'> = {
    experiment: row.key,
    status: row.status,
    flag: loaded.flag.key,
    environment: loaded.environment.key,
    controlVariation: row.controlVariation,
    from: row.startedAt,
    to,
  };
  const diagnosis: Diagnosis[] = [];
  if (row.startedAt === null) {
    diagnosis.push({
      code: 'not-started',
      message: 'The experiment is a draft: start it to turn on exposure tracking for its allocations.',
    });
    return {
      ...base,
      exposures: { subjects: 0, excludedMultipleVariations: 0, variations: [] },
      sampleRatio: null,
      metrics: [],
      overTime: [],
      diagnosis,
    };
  }

  await ensureAggregated(ctx, loaded);
  const scope: Scope = {
    experimentId: row.id,
    environmentId: loaded.environment.id,
    allocations: allocationIdsOf(row),
  };
  const exposures = await exposureCounts(ctx.db, row.id);
  const subjectsByDay = new Map<string, number>();
  for (const entry of exposures)
    if (entry.variation !== null) {
      const key = `${entry.variation}\u0000${entry.day}`;
      subjectsByDay.set(key, (subjectsByDay.get(key) ?? 0) + entry.n);
    }
  const variations = variationOrder(loaded, exposures);
  const counted = new Map<string, number>();
  for (const entry of exposures) {
    if (entry.variation === null) continue;
    counted.set(entry.variation, (counted.get(entry.variation) ?? 0) + entry.n);
  }
  const excluded = exposures.filter((entry) => entry.variation === null).reduce((sum, entry) => sum + entry.n, 0);
  const subjects = [...counted.values()].reduce((a, b) => a + b, 0);

  const metrics: MetricResult[] = [];
  let primaryDays: DayRow[] = [];
  let primary: { metric: MetricRow; cap: number | null } | undefined;
  for (const { metric, role } of loaded.metrics) {
    const { days, cap } = await metricSums(ctx.db, scope, metric, subjects, subjectsByDay);
    if (role === 'primary') {
      primaryDays = days;
      primary = { metric, cap };
    }
    const totals = variations.map((variation) => totalOf(days.filter((day) => day.variation === variation)));
    const hasPre = totals.some((total) => total.pre > 0);
    const summaries = totals.map((total) => summaryOf(metric, total, hasPre));
    const analysis = analyze(metric, summaries, loaded);
    metrics.push({
      metric: metric.key,
      role,
      kind: metric.kind,
      direction: metric.direction,
      cap,
      cuped: analysis?.cuped ?? null,
      variations: variations.map((variation, i) => ({
        variation,
        ...(analysis?.variations[i] ?? emptyResult(i === 0)),
        summary: summaries[i] as ConversionSummary | NumericSummary,
      })),
    });
    if (totals.every((total) => total.post === 0) && subjects > 0) {
      const ever = await anyEvent(ctx.db, scope.environmentId, 'event_key', metric.eventKey);
      diagnosis.push(
        ever
          ? {
              code: 'no-metric-events-after-exposure',
              metric: metric.key,
              message: `Events "${metric.eventKey}" arrived, but none from an exposed subject after its first exposure${metric.windowHours === null ? '' : ` (within ${metric.windowHours} h)`}.`,
            }
          : {
              code: 'metric-event-never-received',
              metric: metric.key,
              message: `No "${metric.eventKey}" event was ever received in ${loaded.environment.key}: check that the application calls track("${metric.eventKey}").`,
            },
      );
    }
  }

  diagnosis.unshift(...(await exposureDiagnosis(ctx.db, loaded, scope, subjects)));
  if (subjects > 0 && counted.size === 1)
    diagnosis.push({
      code: 'single-variation',
      message: `Every counted subject saw "${[...counted.keys()][0]}": nothing to compare yet.`,
    });

  return {
    ...base,
    exposures: {
      subjects,
      excludedMultipleVariations: excluded,
      variations: variations.map((variation) => ({ variation, subjects: counted.get(variation) ?? 0 })),
    },
    sampleRatio: sampleRatioOf(row.splitWeights, exposures, variations),
    metrics,
    overTime: primary ? overTime(primary.metric, primaryDays, variations, loaded) : [],
    diagnosis,
  };
}

interface Scope {
  experimentId: string;
  environmentId: string;
  allocations: string[];
}

/** Subjects by the variation they saw (null: more than one), allocation and day of first exposure. */
async function exposureCounts(
  db: Queryable,
  experimentId: string,
): Promise<{ variation: string | null; allocation: string; day: string; n: number }[]> {
  const rows = await db
    .selectFrom('experimentExposures')
    .select(['variation', 'allocation', 'day', 'subjects'])
    .where('experimentId', '=', experimentId)
    .where('subjects', '>', 0)
    .execute();
  return rows.map((row) => ({
    variation: row.variation === '' ? null : row.variation,
    allocation: row.allocation,
    day: row.day,
    n: Number(row.subjects),
  }));
}

/**
 * The aggregates, rebuilt from raw events if they were never kept (an experiment started before the
 * migration that added them; a metric it reads cannot change what is aggregated); one rebuild at a
 * time.
 */
async function ensureAggregated(ctx: ServerContext, loaded: LoadedExperiment): Promise<void> {
  const { row } = loaded;
  if (row.aggregated === 1 || row.startedAt === null) return;
  const startedAt = row.startedAt;
  await ctx.db
    .transaction()
    .execute(async (tx) => {
      const scope = {
        dialect: ctx.store.dialect,
        experimentId: row.id,
        environmentId: loaded.environment.id,
        flagKey: loaded.flag.key,
        allocations: allocationIdsOf(row),
        from: startedAt,
        to: row.stoppedAt,
        metrics: loaded.metrics.map(({ metric }) => metric),
      };
      await rebuildAggregates(tx, scope);
      const current = await tx
        .selectFrom('experiments')
        .select('aggregated')
        .where('id', '=', row.id)
        .executeTakeFirst();
      if (current?.aggregated === 1) throw new AlreadyRebuilt();
      await tx.updateTable('experiments').set({ aggregated: 1 }).where('id', '=', row.id).execute();
    })
    .catch((error: unknown) => {
      // Another request rebuilt them meanwhile: its aggregates stand, this one's are rolled back.
      if (!(error instanceof AlreadyRebuilt)) throw error;
    });
}

class AlreadyRebuilt extends Error {}

/**
 * The cap of a capped numeric metric: the percentile (type 7, as @vexil/stats `percentile`) of the
 * per-subject values over all `subjects` counted. Only the `valued` ones (with an event either
 * side) have a row; the others have Y = 0 and are placed among the rows by count. Each order
 * statistic is read off index `experiment_subject_values_y` from its nearer end.
 */
async function capOf(
  db: Queryable,
  scope: Scope,
  metric: MetricRow,
  subjects: number,
  valued: number,
): Promise<number | null> {
  if (metric.kind !== 'numeric' || metric.capPercentile === null || subjects === 0) return null;
  const values = () =>
    db
      .selectFrom('experimentSubjectValues')
      .select('y')
      .where('experimentId', '=', scope.experimentId)
      .where('metricId', '=', metric.id);
  const negative = await db
    .selectFrom('experimentSubjectValues')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('experimentId', '=', scope.experimentId)
    .where('metricId', '=', metric.id)
    .where('y', '<', 0)
    .executeTakeFirstOrThrow();
  const negatives = Number(negative.n);
  const zeros = subjects - valued;
  const orderStatistic = async (k: number) => {
    if (k >= negatives && k < negatives + zeros) return 0;
    const row = k < negatives ? k : k - zeros;
    const found =
      row < valued / 2
        ? await values().orderBy('y').limit(1).offset(row).executeTakeFirst()
        : await values()
            .orderBy('y', 'desc')
            .limit(1)
            .offset(valued - 1 - row)
            .executeTakeFirst();
    return found === undefined ? 0 : Number(found.y);
  };
  const h = (subjects - 1) * (Number(metric.capPercentile) / 100);
  const low = Math.floor(h);
  const a = await orderStatistic(low);
  const b = low + 1 < subjects ? await orderStatistic(low + 1) : a;
  return a + (h - low) * (b - a);
}

/**
 * Per variation and day of first exposure: n, ΣY, ΣY², ΣX, ΣX², ΣXY (capped values when capped).
 * The sums are kept uncapped; capping changes only the subjects above the cap, read by themselves.
 */
async function metricSums(
  db: Queryable,
  scope: Scope,
  metric: MetricRow,
  subjects: number,
  subjectsByDay: Map<string, number>,
): Promise<{ days: DayRow[]; cap: number | null }> {
  const rows = await db
    .selectFrom('experimentSums')
    .select(['variation', 'day', 'sy', 'syy', 'sx', 'sxx', 'sxy', 'pre', 'post', 'valued'])
    .where('experimentId', '=', scope.experimentId)
    .where('metricId', '=', metric.id)
    .execute();
  const days = new Map<string, DayRow>();
  const dayOf = (variation: string, day: string) => {
    const key = `${variation}\u0000${day}`;
    let found = days.get(key);
    if (!found) {
      found = { variation, day, n: subjectsByDay.get(key) ?? 0, sy: 0, syy: 0, sx: 0, sxx: 0, sxy: 0, pre: 0, post: 0 };
      days.set(key, found);
    }
    return found;
  };
  for (const key of subjectsByDay.keys()) dayOf(...(key.split('\u0000') as [string, string]));
  const valuedByDay = new Map<string, number>();
  for (const row of rows) {
    const day = dayOf(row.variation, row.day);
    for (const name of ['sy', 'syy', 'sx', 'sxx', 'sxy', 'pre', 'post'] as const) day[name] += Number(row[name]);
    valuedByDay.set(`${row.variation}\u0000${row.day}`, Number(row.valued));
  }
  const valued = [...valuedByDay.values()].reduce((sum, n) => sum + n, 0);
  const cap = await capOf(db, scope, metric, subjects, valued);
  if (cap !== null) await applyCap(db, scope, metric, cap, days, valuedByDay, dayOf);
  const ordered = [...days.values()]
    .filter((day) => day.n > 0)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { days: ordered, cap };
}

/**
 * Replaces, in the sums, each value above the cap by the cap (Y and X alike): the subjects above
 * it are two index range reads (Y > cap, X > cap), a few per cent of the rows at most.
 */
async function applyCap(
  db: Queryable,
  scope: Scope,
  metric: MetricRow,
  cap: number,
  days: Map<string, DayRow>,
  valuedByDay: Map<string, number>,
  dayOf: (variation: string, day: string) => DayRow,
): Promise<void> {
  const capped = (row: DayRow, y: number, x: number, subjects: number) => {
    const cy = Math.min(y, cap);
    const cx = Math.min(x, cap);
    row.sy += subjects * (cy - y);
    row.syy += subjects * (cy * cy - y * y);
    row.sx += subjects * (cx - x);
    row.sxx += subjects * (cx * cx - x * x);
    row.sxy += subjects * (cx * cy - x * y);
  };
  const above = new Map<string, { variation: string; day: string; y: number; x: number }>();
  for (const column of ['y', 'x'] as const) {
    const rows = await db
      .selectFrom('experimentSubjectValues')
      .select(['contextKind', 'contextKey', 'variation', 'day', 'y', 'x'])
      .where('experimentId', '=', scope.experimentId)
      .where('metricId', '=', metric.id)
      .where(column, '>', cap)
      .execute();
    for (const row of rows)
      above.set(`${row.contextKind}\u0000${row.contextKey}`, { ...row, y: Number(row.y), x: Number(row.x) });
  }
  for (const row of above.values()) capped(dayOf(row.variation, row.day), row.y, row.x, 1);
  // A cap below zero caps the subjects without a row too (their values are 0).
  if (cap < 0) for (const [key, row] of days) capped(row, 0, 0, row.n - (valuedByDay.get(key) ?? 0));
}

function totalOf(days: readonly DayRow[]): Omit<DayRow, 'variation' | 'day'> {
  const total = { n: 0, sy: 0, syy: 0, sx: 0, sxx: 0, sxy: 0, pre: 0, post: 0 };
  for (const day of days) for (const name of Object.keys(total) as (keyof typeof total)[]) total[name] += day[name];
  return total;
}

function summaryOf(
  metric: MetricRow,
  total: Omit<DayRow, 'variation' | 'day'>,
  withPre: boolean,
): ConversionSummary | NumericSummary {
  const pre = withPre ? { pre: { sum: total.sx, sumSquares: total.sxx, crossSum: total.sxy } } : {};
  if (metric.kind === 'conversion') return { subjects: total.n, conversions: Math.round(total.sy), ...pre };
  return { subjects: total.n, sum: total.sy, sumSquares: total.syy, ...pre };
}

function analyze(
  metric: MetricRow,
  summaries: (ConversionSummary | NumericSummary)[],
  loaded: LoadedExperiment,
): MetricAnalysis | null {
  if (summaries.length < 1) return null;
  const options = {
    control: 0,
    direction: metric.direction,
    plannedSubjectsPerVariation: Number(loaded.row.plannedSubjectsPerVariation),
  };
  return metric.kind === 'conversion'
    ? analyzeMetric({ kind: 'conversion', variations: summaries as ConversionSummary[] }, options)
    : analyzeMetric({ kind: 'numeric', variations: summaries as NumericSummary[] }, options);
}

function emptyResult(isControl: boolean): MetricAnalysis['variations'][number] {
  return { subjects: 0, mean: 0, variance: 0, standardError: 0, isControl, comparison: null, cuped: null };
}

/**
 * The variations compared: the control first, then the others the allocations split traffic to
 * when the experiment started or that subjects saw, in the flag's order.
 */
function variationOrder(loaded: LoadedExperiment, exposures: readonly { variation: string | null }[]): string[] {
  const definition = JSON.parse(loaded.flag.definition) as FlagDefinition;
  const weights = JSON.parse(loaded.row.splitWeights ?? '{}') as SplitWeights;
  const wanted = new Set<string>();
  for (const shares of Object.values(weights))
    for (const [variation, share] of Object.entries(shares)) if (share > 0) wanted.add(variation);
  for (const entry of exposures) if (entry.variation !== null) wanted.add(entry.variation);
  const ordered = definition.variations.map((variation) => variation.key).filter((key) => wanted.has(key));
  const unknown = [...wanted].filter((key) => !ordered.includes(key)).sort();
  return [
    loaded.row.controlVariation,
    ...[...ordered, ...unknown].filter((key) => key !== loaded.row.controlVariation),
  ];
}

/**
 * Pearson's χ² of the counted subjects against what the split weights at the start lead one to
 * expect: per allocation its subjects times each variation's share, summed over allocations.
 */
function sampleRatioOf(
  stored: string | null,
  exposures: readonly { variation: string | null; allocation: string; n: number }[],
  variations: string[],
): ExperimentResults['sampleRatio'] {
  if (stored === null || variations.length < 2) return null;
  const weights = JSON.parse(stored) as SplitWeights;
  const perAllocation = new Map<string, number>();
  for (const entry of exposures)
    if (entry.variation !== null)
      perAllocation.set(entry.allocation, (perAllocation.get(entry.allocation) ?? 0) + entry.n);
  const observed = variations.map((variation) =>
    exposures.filter((entry) => entry.variation === variation).reduce((sum, entry) => sum + entry.n, 0),
  );
  const total = observed.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const expectedShares = variations.map((variation) => {
    let expected = 0;
    for (const [allocation, n] of perAllocation) expected += n * (weights[allocation]?.[variation] ?? 0);
    return expected / total;
  });
  if (!expectedShares.some((share) => share > 0)) return null;
  const test = sampleRatioMismatch(observed, expectedShares);
  return {
    variations,
    weights: expectedShares,
    observed,
    expected: test.expected,
    chiSquare: test.chiSquare,
    pValue: test.pValue,
    mismatch: test.mismatch,
    threshold: test.threshold,
  };
}

/** The primary metric day by day: the subjects first exposed up to each day's end, with all they did since. */
function overTime(
  metric: MetricRow,
  days: readonly DayRow[],
  variations: string[],
  loaded: LoadedExperiment,
): ExperimentResults['overTime'] {
  const dates = [...new Set(days.map((day) => day.day))].sort();
  if (dates.length === 0) return [];
  const all: string[] = [];
  for (
    let at = Date.parse(`${dates[0]}T00:00:00Z`);
    at <= Date.parse(`${dates[dates.length - 1]}T00:00:00Z`) && all.length < MAX_DAYS;
    at += 86_400_000
  )
    all.push(new Date(at).toISOString().slice(0, 10));
  return all.map((date) => {
    const totals = variations.map((variation) =>
      totalOf(days.filter((day) => day.variation === variation && day.day <= date)),
    );
    const analysis = analyze(
      metric,
      totals.map((total) => summaryOf(metric, total, false)),
      loaded,
    );
    return {
      date,
      variations: variations.map((variation, i) => {
        const result = analysis?.variations[i];
        return {
          variation,
          subjects: totals[i]?.n ?? 0,
          mean: result?.mean ?? 0,
          lift: result?.comparison?.lift ?? null,
          interval: result?.comparison?.interval ?? null,
          sequentialInterval: result?.comparison?.sequential?.interval ?? null,
        };
      }),
    };
  });
}

async function anyEvent(
  db: Queryable,
  environmentId: string,
  column: 'event_key' | 'flag_key' | null,
  value?: string,
): Promise<boolean> {
  const result =
    column === null
      ? await sql`select 1 as found from events where environment_id = ${environmentId} limit 1`.execute(db)
      : await sql`select 1 as found from events where environment_id = ${environmentId} and ${sql.ref(column)} = ${value} limit 1`.execute(
          db,
        );
  return result.rows.length > 0;
}

/** Why no subject is counted: tracking turned off since, no SDK events at all, no exposures yet. */
async function exposureDiagnosis(
  db: Queryable,
  loaded: LoadedExperiment,
  scope: Scope,
  subjects: number,
): Promise<Diagnosis[]> {
  const found: Diagnosis[] = [];
  if (loaded.row.status === 'running') {
    const state = await stateOf(db, loaded.flag, loaded.environment);
    const untracked = scope.allocations.filter(
      (id) => state.allocations?.find((allocation) => allocation.id === id)?.track !== true,
    );
    if (untracked.length > 0)
      found.push({
        code: 'tracking-off',
        message: `Allocation${untracked.length > 1 ? 's' : ''} ${untracked.map((id) => `"${id}"`).join(', ')} of flag "${loaded.flag.key}" in ${loaded.environment.key} no longer track${untracked.length > 1 ? '' : 's'} exposures (or no longer exist${untracked.length > 1 ? '' : 's'}): SDKs send none.`,
      });
    else if (!state.on)
      found.push({
        code: 'tracking-off',
        message: `Flag "${loaded.flag.key}" is off in ${loaded.environment.key}: it serves no allocation, so no exposure is logged.`,
      });
  }
  if (subjects > 0) return found;
  if (!(await anyEvent(db, scope.environmentId, null)))
    found.push({
      code: 'no-sdk-events',
      message: `No SDK has sent any event for ${loaded.environment.key}: check that the SDKs send events (POST /sdk/v1/events) with a key of this environment.`,
    });
  else
    found.push({
      code: 'no-exposures',
      message: `No exposure of flag "${loaded.flag.key}" through ${scope.allocations.map((id) => `"${id}"`).join(', ')} since the start: no subject was served the experiment yet.`,
    });
  return found;
}
