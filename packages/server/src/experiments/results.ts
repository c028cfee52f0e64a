import {
  analyzeMetric,
  type ConversionSummary,
  type MetricAnalysis,
  type NumericSummary,
  sampleRatioMismatch,
} from '@vexil/stats';
import { type RawBuilder, sql } from 'kysely';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { Dialect, Queryable } from '../db/database.js';
import type { MetricRow } from '../db/schema.js';
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

  const scope: Scope = {
    dialect: ctx.store.dialect,
    environmentId: loaded.environment.id,
    flag: loaded.flag.key,
    allocations: allocationIdsOf(row),
    from: row.startedAt,
    to,
  };
  const exposures = await exposureCounts(ctx.db, scope);
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
    const cap = await capOf(ctx.db, scope, metric, subjects);
    const days = await metricSums(ctx.db, scope, metric, cap);
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
  dialect: Dialect;
  environmentId: string;
  flag: string;
  allocations: string[];
  from: string;
  to: string;
}

/**
 * Subjects by the variation they saw (null: more than one) and the allocation they were first
 * counted in. One GROUP BY over the flag's exposures since the start (index `events_exposures`).
 */
async function exposureCounts(
  db: Queryable,
  scope: Scope,
): Promise<{ variation: string | null; allocation: string; n: number }[]> {
  const result = await sql<{ variation: string | null; allocation: string; n: number | string }>`
    with ${exposedCte(scope)}
    select case when variation = other then variation end as variation, allocation, count(*) as n
    from exposed group by case when variation = other then variation end, allocation`.execute(db);
  return result.rows.map((entry) => ({ ...entry, n: Number(entry.n) }));
}

/**
 * One row per exposed subject: its first exposure, the smallest and largest variation it saw. An
 * exposure is the experiment's when it was received while the experiment ran; its own timestamp
 * (the SDK's clock) then orders it against the subject's events.
 */
function exposedCte(scope: Scope): RawBuilder<unknown> {
  return sql`exposed as (
    select context_kind as kind, context_key as subject, min(occurred_at) as first_at,
      min(variation_key) as variation, max(variation_key) as other, min(allocation_id) as allocation
    from events
    where environment_id = ${scope.environmentId} and flag_key = ${scope.flag} and type = 'exposure'
      and allocation_id in (${sql.join(scope.allocations)})
      and received_at >= ${scope.from} and received_at <= ${scope.to}
    group by context_kind, context_key)`;
}

/** `at` moved by `hours`, as the same ISO 8601 text the events table stores (so text comparison orders it). */
function shifted(dialect: Dialect, at: RawBuilder<unknown>, hours: number): RawBuilder<string> {
  if (dialect === 'postgres')
    return sql<string>`to_char((${at}::timestamptz + ${hours} * interval '1 hour') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, ${`${hours >= 0 ? '+' : ''}${hours} hours`})`;
}

/**
 * Per subject counted (one variation only): Y from the metric's events after its first exposure
 * (within the window), X from those before it (within the same window's length: CUPED's
 * pre-period). The subject's events are found through index `events_custom`.
 */
function valuesCte(scope: Scope, metric: MetricRow): RawBuilder<unknown> {
  const first = sql.ref('s.first_at');
  const at = sql.ref('e.occurred_at');
  const window = metric.windowHours;
  const post =
    window === null
      ? sql`${at} >= ${first}`
      : sql`${at} >= ${first} and ${at} <= ${shifted(scope.dialect, first, window)}`;
  const pre =
    window === null
      ? sql`${at} < ${first}`
      : sql`${at} < ${first} and ${at} >= ${shifted(scope.dialect, first, -window)}`;
  const perSubject = (count: RawBuilder<unknown>, sum: RawBuilder<unknown>) => {
    if (metric.kind === 'conversion') return sql`case when ${count} > 0 then 1.0 else 0.0 end`;
    if (metric.aggregation === 'count') return sql`1.0 * ${count}`;
    if (metric.aggregation === 'mean') return sql`case when ${count} > 0 then 1.0 * ${sum} / ${count} else 0.0 end`;
    return sql`1.0 * ${sum}`;
  };
  return sql`${exposedCte(scope)},
    per_subject as (
      select s.variation as variation, substr(s.first_at, 1, 10) as day,
        sum(case when ${post} then 1 else 0 end) as post_n,
        sum(case when ${post} then coalesce(e.value, 0) else 0 end) as post_sum,
        sum(case when ${pre} then 1 else 0 end) as pre_n,
        sum(case when ${pre} then coalesce(e.value, 0) else 0 end) as pre_sum
      from exposed s
      left join events e on e.environment_id = ${scope.environmentId} and e.event_key = ${metric.eventKey}
        and e.type = 'custom' and e.context_kind = s.kind and e.context_key = s.subject and e.received_at <= ${scope.to}
      where s.variation = s.other
      group by s.variation, s.kind, s.subject, s.first_at),
    subject_values as (
      select variation, day, ${perSubject(sql.ref('post_n'), sql.ref('post_sum'))} as y,
        ${perSubject(sql.ref('pre_n'), sql.ref('pre_sum'))} as x, post_n, pre_n
      from per_subject)`;
}

/**
 * The cap of a capped numeric metric: the percentile (type 7, as @vexil/stats `percentile`) of the
 * per-subject values over all counted subjects, read as the two order statistics around it.
 */
async function capOf(db: Queryable, scope: Scope, metric: MetricRow, subjects: number): Promise<number | null> {
  if (metric.kind !== 'numeric' || metric.capPercentile === null || subjects === 0) return null;
  const h = (subjects - 1) * (Number(metric.capPercentile) / 100);
  const low = Math.floor(h);
  const result = await sql<{ y: number | string }>`
    with ${valuesCte(scope, metric)}
    select y from subject_values order by y limit 2 offset ${low}`.execute(db);
  const [a, b] = result.rows.map((entry) => Number(entry.y));
  if (a === undefined) return null;
  return a + (h - low) * ((b ?? a) - a);
}

/** Per variation and day of first exposure: n, ΣY, ΣY², ΣX, ΣX², ΣXY (capped values when capped). */
async function metricSums(db: Queryable, scope: Scope, metric: MetricRow, cap: number | null): Promise<DayRow[]> {
  const least = (value: RawBuilder<unknown>) =>
    cap === null ? value : scope.dialect === 'postgres' ? sql`least(${value}, ${cap})` : sql`min(${value}, ${cap})`;
  const y = least(sql.ref('y'));
  const x = least(sql.ref('x'));
  const result = await sql<Record<keyof DayRow, string | number>>`
    with ${valuesCte(scope, metric)},
    capped as (select variation, day, ${y} as y, ${x} as x, post_n, pre_n from subject_values)
    select variation, day, count(*) as n, sum(y) as sy, sum(y * y) as syy, sum(x) as sx, sum(x * x) as sxx,
      sum(x * y) as sxy, sum(case when pre_n > 0 then 1 else 0 end) as pre,
      sum(case when post_n > 0 then 1 else 0 end) as post
    from capped group by variation, day order by day`.execute(db);
  return result.rows.map((entry) => ({
    variation: String(entry.variation),
    day: String(entry.day),
    n: Number(entry.n),
    sy: Number(entry.sy),
    syy: Number(entry.syy),
    sx: Number(entry.sx),
    sxx: Number(entry.sxx),
    sxy: Number(entry.sxy),
    pre: Number(entry.pre),
    post: Number(entry.post),
  }));
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
