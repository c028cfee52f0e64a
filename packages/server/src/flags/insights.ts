import { sql } from 'kysely';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { EnvironmentRow, ProjectRow } from '../db/schema.js';
import { Problem, problems } from '../http/problems.js';
import { findProject } from '../projects/lookup.js';
import type { FlagDefinition } from '../rulesets/load.js';
import { DEFAULT_VALUE_VARIATION } from '../sdk/events.js';
import { findFlag } from './service.js';

/**
 * How often a flag served each variation in one environment over a recent range, from the hourly
 * evaluation counts SDKs report (`evaluation_counts`, one row per environment, flag, variation and
 * hour). The sums are made by the database, a bucket at a time: hourly buckets for 24 hours and 7
 * days, UTC days for 30 days. Only buckets that hold evaluations are answered; a chart fills the
 * others with zeros.
 */

export const INSIGHT_RANGES = ['24h', '7d', '30d'] as const;
export type InsightRange = (typeof INSIGHT_RANGES)[number];
export const DEFAULT_INSIGHT_RANGE: InsightRange = '7d';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** `until` stays before the year 10000, so that every bound is a four-digit-year ISO date-time. */
const LATEST = Date.UTC(9999, 11, 31);

/** Each range: its bucket and how many of them, the last one holding `until`. */
export const RANGE_BUCKETS: Record<InsightRange, { granularity: 'hour' | 'day'; buckets: number }> = {
  '24h': { granularity: 'hour', buckets: 24 },
  '7d': { granularity: 'hour', buckets: 7 * 24 },
  '30d': { granularity: 'day', buckets: 30 },
};

export interface FlagInsightsQuery {
  range?: InsightRange | undefined;
  /** The range ends with the hour (or day) holding this instant; default now. */
  until?: string | undefined;
}

export interface FlagInsights {
  environment: string;
  range: InsightRange;
  granularity: 'hour' | 'day';
  /** The start of the first bucket. */
  from: string;
  /** The end of the last bucket (exclusive). */
  to: string;
  /** Every evaluation in the range. */
  total: number;
  /**
   * The flag's variations in its order, then variations it no longer has that were counted, then
   * `""` (the caller's default, served when the flag was missing or failed) when it was counted.
   */
  variations: { key: string; total: number }[];
  /** Buckets holding evaluations, oldest first: the start of each, and the count per variation. */
  buckets: { start: string; counts: Record<string, number> }[];
}

export async function getFlagInsights(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  flagKey: string,
  environmentKey: string,
  query: FlagInsightsQuery,
): Promise<FlagInsights> {
  const project = await findProject(ctx.db, actor, projectKey);
  // As the flag's state in the environment: a caller who may not read it learns nothing, not even that it exists.
  authorize(actor, 'flag:read', { project: project.key, environment: environmentKey });
  const environment = await environmentOf(ctx, project, environmentKey);
  const flag = await findFlag(ctx.db, project, flagKey);
  const range = query.range ?? DEFAULT_INSIGHT_RANGE;
  const { granularity, buckets: count } = RANGE_BUCKETS[range];
  const until = query.until === undefined ? Date.now() : instant(query.until);
  const size = granularity === 'hour' ? HOUR_MS : DAY_MS;
  const to = Math.floor(until / size) * size + size;
  const from = to - count * size;

  // `hour` is text (`2026-11-22T03`): its first 13 characters are the hour, its first 10 the day.
  const bucket = sql<string>`substr(hour, 1, ${sql.lit(granularity === 'hour' ? 13 : 10)})`;
  const rows = await ctx.db
    .selectFrom('evaluationCounts')
    .select([bucket.as('bucket'), 'variationKey'])
    .select((eb) => eb.fn.sum<number | string>('count').as('count'))
    .where('environmentId', '=', environment.id)
    .where('flagKey', '=', flag.key)
    .where('hour', '>=', hourOf(from))
    .where('hour', '<', hourOf(to))
    .groupBy([bucket, 'variationKey'])
    .orderBy(bucket)
    .execute();

  const buckets: FlagInsights['buckets'] = [];
  const totals = new Map<string, number>();
  for (const row of rows) {
    const start = granularity === 'hour' ? `${row.bucket}:00:00.000Z` : `${row.bucket}T00:00:00.000Z`;
    const value = Number(row.count);
    let last = buckets.at(-1);
    if (last?.start !== start) {
      last = { start, counts: {} };
      buckets.push(last);
    }
    last.counts[row.variationKey] = value;
    totals.set(row.variationKey, (totals.get(row.variationKey) ?? 0) + value);
  }
  const defined = (JSON.parse(flag.definition) as FlagDefinition).variations.map((variation) => variation.key);
  const removed = [...totals.keys()]
    .filter((key) => key !== DEFAULT_VALUE_VARIATION && !defined.includes(key))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const keys = [...defined, ...removed, ...(totals.has(DEFAULT_VALUE_VARIATION) ? [DEFAULT_VALUE_VARIATION] : [])];
  return {
    environment: environment.key,
    range,
    granularity,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    total: [...totals.values()].reduce((sum, value) => sum + value, 0),
    variations: keys.map((key) => ({ key, total: totals.get(key) ?? 0 })),
    buckets,
  };
}

/** The environment the path names; a 404 naming the parameter when the project has none of that key. */
async function environmentOf(ctx: ServerContext, project: ProjectRow, key: string): Promise<EnvironmentRow> {
  const environment = await ctx.db
    .selectFrom('environments')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!environment)
    throw new Problem(
      404,
      'not-found',
      'Not found',
      `Environment "${key}" of project "${project.key}" does not exist`,
      [{ path: 'params.environment', message: `no environment "${key}" in project "${project.key}"` }],
    );
  return environment;
}

function instant(value: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time) || time < 0 || time >= LATEST)
    throw problems.validation([
      { path: 'querystring.until', message: 'must be an ISO 8601 date-time between 1970 and 9999' },
    ]);
  return time;
}

/** The hour an instant falls in, as `evaluation_counts.hour` stores it. */
function hourOf(time: number): string {
  return new Date(time).toISOString().slice(0, 13);
}
