import type { FlagInsights, InsightRange } from '../../api/flag-insights';

/**
 * The Insights tab's data, shaped for its chart: the server answers only the buckets that hold
 * evaluations; the chart has one row per hour (24 hours, 7 days) or UTC day (30 days) of the range,
 * zeros where nothing was reported, and one series per variation with its total and share.
 */

export const INSIGHT_RANGES = ['24h', '7d', '30d'] as const satisfies readonly InsightRange[];
export const DEFAULT_INSIGHT_RANGE: InsightRange = '7d';
/** The query parameter naming the range: `?tab=insights&range=30d` (the default stays out of the URL). */
export const RANGE_PARAM = 'range';

export const RANGE_LABELS: Record<InsightRange, string> = { '24h': '24 hours', '7d': '7 days', '30d': '30 days' };

/** The range a `?range=` value names; anything else (or nothing) is the default. */
export function parseInsightRange(value: string | null | undefined): InsightRange {
  return INSIGHT_RANGES.find((range) => range === value) ?? DEFAULT_INSIGHT_RANGE;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface InsightSeries {
  /** The chart's key for this series (`v0`, `v1`, …): a variation key may hold dots, which chart paths read. */
  id: string;
  /** The variation's key; `""` for the caller's default. */
  key: string;
  label: string;
  /** Not one of the flag's variations any more (counted before it was removed). */
  removed: boolean;
  total: number;
  /** Of every evaluation in the range, 0–1. */
  share: number;
  /** Position in the palette: the flag's variations keep theirs whatever the range holds. */
  colorIndex: number;
}

export interface InsightRow {
  /** The bucket's start, ISO 8601. */
  start: string;
  /** The bucket as the axis writes it. */
  label: string;
  total: number;
  /** Per series id: the count (zero when nothing was reported). */
  [series: string]: number | string;
}

export interface InsightChart {
  rows: InsightRow[];
  series: InsightSeries[];
  total: number;
  /** Buckets with no evaluation at all. */
  emptyBuckets: number;
}

export interface VariationName {
  key: string;
  name?: string | undefined;
}

/** Every bucket start from `from` (included) to `to` (excluded), one hour or one day apart. */
export function bucketStarts(from: string, to: string, granularity: FlagInsights['granularity']): string[] {
  const step = granularity === 'hour' ? HOUR_MS : DAY_MS;
  const starts: string[] = [];
  for (let at = Date.parse(from); at < Date.parse(to); at += step) starts.push(new Date(at).toISOString());
  return starts;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = JSON.stringify(options);
  let known = formatters.get(id);
  if (!known) {
    known = new Intl.DateTimeFormat('en-GB', options);
    formatters.set(id, known);
  }
  return known;
}

/**
 * A bucket as the axis and tooltip write it: the hour alone over 24 hours ("09:00"), the day and
 * hour over 7 days ("Mon 23 Nov, 09:00"), the day over 30 days ("23 Nov"). Hours are in the
 * viewer's time zone (or `timeZone`); days are UTC days, as the server counts them.
 */
export function bucketLabel(start: string, range: InsightRange, timeZone?: string): string {
  const date = new Date(start);
  if (range === '30d') return formatter({ day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
  const hour = formatter({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
  if (range === '24h') return hour;
  return `${formatter({ weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(date)}, ${hour}`;
}

/** The name a variation goes by: its name or key; the caller's default and removed ones say so. */
export function variationLabel(key: string, variations: readonly VariationName[]): string {
  if (key === '') return 'Caller’s default (flag missing or failed)';
  const variation = variations.find((candidate) => candidate.key === key);
  if (!variation) return `${key} (removed)`;
  return variation.name ? `${variation.name} (${key})` : key;
}

/** The chart's rows and series: every bucket of the range, zero-filled, and each variation's total. */
export function insightChart(
  insights: FlagInsights,
  variations: readonly VariationName[],
  timeZone?: string,
): InsightChart {
  const keys = insights.variations.map((variation) => variation.key);
  const ids = new Map(keys.map((key, index) => [key, `v${index}`]));
  const reported = new Map(insights.buckets.map((bucket) => [bucket.start, bucket.counts]));
  const totals = new Map<string, number>(keys.map((key) => [key, 0]));
  let emptyBuckets = 0;
  const rows = bucketStarts(insights.from, insights.to, insights.granularity).map((start) => {
    const counts = reported.get(start) ?? {};
    const row: InsightRow = { start, label: bucketLabel(start, insights.range, timeZone), total: 0 };
    for (const key of keys) {
      const count = counts[key] ?? 0;
      row[ids.get(key) as string] = count;
      row.total += count;
      totals.set(key, (totals.get(key) ?? 0) + count);
    }
    if (row.total === 0) emptyBuckets++;
    return row;
  });
  const total = [...totals.values()].reduce((sum, count) => sum + count, 0);
  const defined = new Map(variations.map((variation, index) => [variation.key, index]));
  let extra = variations.length;
  const series = keys.map((key) => ({
    id: ids.get(key) as string,
    key,
    label: variationLabel(key, variations),
    removed: key !== '' && !defined.has(key),
    total: totals.get(key) ?? 0,
    share: total === 0 ? 0 : (totals.get(key) ?? 0) / total,
    colorIndex: key === '' ? -1 : (defined.get(key) ?? extra++),
  }));
  return { rows, series, total, emptyBuckets };
}

/** A count as people read it: 1,234 — or 1.2M on a crowded axis. */
export function formatCount(count: number, compact = false): string {
  return compact && count >= 10_000
    ? new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(count)
    : count.toLocaleString('en');
}

/** A share as a percentage with one decimal where it matters: 0.4 %, 33.3 %, 100 %. */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent === 0) return '0 %';
  if (percent < 0.1) return '< 0.1 %';
  return `${Number.isInteger(Math.round(percent * 10) / 10) ? Math.round(percent) : percent.toFixed(1)} %`;
}
