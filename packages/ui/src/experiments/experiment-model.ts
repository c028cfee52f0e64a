/**
 * The experiment pages' decisions, apart from rendering: the setup form from an experiment and back,
 * which allocations and variations a flag's state offers, the results shaped for the tables, the
 * forest plot and the over-time chart, the sample-ratio banner in words, and how many more days
 * until the planned effect would be detectable.
 */
import { sampleSize } from '../../../stats/src/sample-size';

export type ExperimentStatus = 'draft' | 'running' | 'stopped';

/** An experiment as the API shows it (the fields these helpers read). */
export interface ExperimentFields {
  key: string;
  name: string;
  hypothesis: string | null;
  flag: string;
  environment: string;
  allocations: string[];
  controlVariation: string;
  primaryMetric: string;
  secondaryMetrics: string[];
  guardrailMetrics: string[];
  minimumDetectableEffect: number | null;
  plannedSubjectsPerVariation: number;
  status: ExperimentStatus;
  startedAt: string | null;
  stoppedAt: string | null;
  shippedVariation: string | null;
}

export interface VariationName {
  key: string;
  name?: string | undefined;
}

/** A variation's name, or its key when it has none. */
export function variationLabel(key: string, variations: readonly VariationName[]): string {
  const found = variations.find((variation) => variation.key === key);
  return found?.name ? found.name : key;
}

export const STATUS_COLORS: Record<ExperimentStatus, string> = {
  draft: 'gray.7',
  running: 'teal.9',
  stopped: 'indigo.9',
};

// ——— The setup form ———

/** The form as typed: the MDE as a percentage text ("5" for +5 %), an empty text meaning "none". */
export interface ExperimentForm {
  key: string;
  name: string;
  hypothesis: string;
  flag: string;
  environment: string;
  allocations: string[];
  controlVariation: string;
  primaryMetric: string;
  secondaryMetrics: string[];
  guardrailMetrics: string[];
  minimumDetectableEffect: string;
}

export function emptyForm(environment = ''): ExperimentForm {
  return {
    key: '',
    name: '',
    hypothesis: '',
    flag: '',
    environment,
    allocations: [],
    controlVariation: '',
    primaryMetric: '',
    secondaryMetrics: [],
    guardrailMetrics: [],
    minimumDetectableEffect: '',
  };
}

export function formOf(experiment: ExperimentFields): ExperimentForm {
  return {
    key: experiment.key,
    name: experiment.name,
    hypothesis: experiment.hypothesis ?? '',
    flag: experiment.flag,
    environment: experiment.environment,
    allocations: [...experiment.allocations],
    controlVariation: experiment.controlVariation,
    primaryMetric: experiment.primaryMetric,
    secondaryMetrics: [...experiment.secondaryMetrics],
    guardrailMetrics: [...experiment.guardrailMetrics],
    minimumDetectableEffect:
      experiment.minimumDetectableEffect === null ? '' : String(roundTo(experiment.minimumDetectableEffect * 100, 6)),
  };
}

/** The typed MDE as a fraction: null when empty, NaN when not a number (the form says so). */
export function parseEffect(text: string): number | null {
  const trimmed = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed.replace(/^\+/, ''));
  return Number.isFinite(value) ? roundTo(value / 100, 10) : Number.NaN;
}

/** What the browser can tell before asking the server: the MDE must be a number. */
export function localErrors(form: ExperimentForm): Partial<Record<keyof ExperimentForm, string>> {
  const errors: Partial<Record<keyof ExperimentForm, string>> = {};
  if (Number.isNaN(parseEffect(form.minimumDetectableEffect)))
    errors.minimumDetectableEffect = 'Type a percentage, such as 5 for +5 %';
  return errors;
}

/** The POST body: empty optional fields left out, so the server applies its defaults. */
export function newExperimentBody(form: ExperimentForm) {
  const effect = parseEffect(form.minimumDetectableEffect);
  return {
    key: form.key.trim(),
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    ...(form.hypothesis.trim() ? { hypothesis: form.hypothesis.trim() } : {}),
    flag: form.flag,
    environment: form.environment,
    allocations: form.allocations,
    controlVariation: form.controlVariation,
    primaryMetric: form.primaryMetric,
    secondaryMetrics: form.secondaryMetrics,
    guardrailMetrics: form.guardrailMetrics,
    ...(effect === null ? {} : { minimumDetectableEffect: effect }),
  };
}

/** The PATCH body: only what differs from the stored experiment; `null` clears hypothesis or MDE. */
export function experimentChanges(existing: ExperimentFields, form: ExperimentForm): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const name = form.name.trim();
  if (name !== '' && name !== existing.name) changes.name = name;
  const hypothesis = form.hypothesis.trim() || null;
  if (hypothesis !== existing.hypothesis) changes.hypothesis = hypothesis;
  if (form.flag !== existing.flag) changes.flag = form.flag;
  if (form.environment !== existing.environment) changes.environment = form.environment;
  if (!sameList(form.allocations, existing.allocations)) changes.allocations = form.allocations;
  if (form.controlVariation !== existing.controlVariation) changes.controlVariation = form.controlVariation;
  if (form.primaryMetric !== existing.primaryMetric) changes.primaryMetric = form.primaryMetric;
  if (!sameList(form.secondaryMetrics, existing.secondaryMetrics)) changes.secondaryMetrics = form.secondaryMetrics;
  if (!sameList(form.guardrailMetrics, existing.guardrailMetrics)) changes.guardrailMetrics = form.guardrailMetrics;
  const effect = parseEffect(form.minimumDetectableEffect);
  if (effect !== existing.minimumDetectableEffect) changes.minimumDetectableEffect = effect;
  return changes;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** An allocation as the flag's state holds it (the fields read here). */
export interface AllocationFields {
  id: string;
  serve: { variation: string } | { split: readonly { variation: string; weight: number }[] } | Record<string, unknown>;
}

/** The variations the chosen allocations can serve: a split's, or a single one's. */
export function variationsServed(allocations: readonly AllocationFields[], chosen: readonly string[]): string[] {
  const served: string[] = [];
  for (const allocation of allocations) {
    if (!chosen.includes(allocation.id)) continue;
    const serve = allocation.serve as { variation?: string; split?: { variation: string }[] };
    const keys = serve.split ? serve.split.map((part) => part.variation) : serve.variation ? [serve.variation] : [];
    for (const key of keys) if (!served.includes(key)) served.push(key);
  }
  return served;
}

/** Whether an allocation splits its traffic between variations: the ones an experiment can read. */
export function splitsTraffic(allocation: AllocationFields): boolean {
  const split = (allocation.serve as { split?: { variation: string; weight: number }[] }).split;
  return split !== undefined && split.filter((part) => part.weight > 0).length >= 2;
}

/** The form after a flag or environment change: what depended on the old one is cleared. */
export function withFlag(form: ExperimentForm, flag: string): ExperimentForm {
  return flag === form.flag ? form : { ...form, flag, allocations: [], controlVariation: '' };
}

export function withEnvironment(form: ExperimentForm, environment: string): ExperimentForm {
  return environment === form.environment ? form : { ...form, environment, allocations: [], controlVariation: '' };
}

/** The server's field messages, in the form's words. */
export function experimentFieldMessage(path: string, message: string): string {
  if (path === 'key' && /pattern|must match/i.test(message))
    return 'Use lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit';
  if (path === 'minimumDetectableEffect' && /(greater|less|maximum|minimum)/i.test(message))
    return 'A planned effect above 0 % and at most 1,000 %';
  return message;
}

// ——— Numbers in words ———

/** A relative change: "+10.0 %", "−2.3 %". */
export function formatLift(value: number): string {
  const percent = value * 100;
  const digits = Math.abs(percent) >= 100 ? 0 : 1;
  const text = Math.abs(percent).toFixed(digits);
  if (Number(text) === 0) return `${(0).toFixed(digits)} %`;
  return `${percent > 0 ? '+' : '−'}${text} %`;
}

/** An interval of lifts: "+1.1 % to +18.9 %". */
export function formatInterval(interval: { lower: number; upper: number } | null | undefined): string {
  if (!interval) return '—';
  return `${formatLift(interval.lower)} to ${formatLift(interval.upper)}`;
}

/** A p-value as people read it: "0.028", "< 0.001". */
export function formatPValue(p: number): string {
  if (p < 0.001) return '< 0.001';
  if (p >= 0.995) return '1.00';
  return p < 0.01 ? p.toFixed(3) : p.toFixed(p < 0.1 ? 3 : 2);
}

/** A share: "98.9 %". */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** A mean with three significant digits ("0.110", "52.4", "1,234"). */
export function formatMean(mean: number): string {
  if (mean === 0) return '0';
  if (Math.abs(mean) >= 1000) return Math.round(mean).toLocaleString('en-US');
  return mean.toPrecision(3);
}

function roundTo(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

// ——— Results ———

export interface Interval {
  lower: number;
  upper: number;
}

export interface Comparison {
  lift: number;
  interval: Interval;
  pValue: number;
  sequential: { interval: Interval; pValue: number } | null;
  chanceToBeatControl: number;
}

export interface VariationResult {
  variation: string;
  subjects: number;
  conversions?: number | undefined;
  mean: number;
  isControl: boolean;
  comparison: Comparison | null;
  cuped: { mean: number; comparison: Comparison | null } | null;
}

export interface MetricResult {
  metric: string;
  role: 'primary' | 'secondary' | 'guardrail';
  kind: string;
  direction: string;
  cuped: { varianceReduction: number } | null;
  variations: VariationResult[];
}

/** Whether a lift is good, bad or not yet told apart from none, for a metric's direction. */
export type Verdict = 'better' | 'worse' | 'inconclusive';

export function verdictOf(interval: Interval, direction: string): Verdict {
  const sign = direction === 'lower' ? -1 : 1;
  if (interval.lower > 0) return sign > 0 ? 'better' : 'worse';
  if (interval.upper < 0) return sign > 0 ? 'worse' : 'better';
  return 'inconclusive';
}

/** One row of a metric's table, every figure already in words. */
export interface MetricRow {
  variation: string;
  label: string;
  isControl: boolean;
  subjects: string;
  /** "12.0 % (240)" for a conversion, the mean for a numeric metric. */
  value: string;
  lift: string;
  interval: string;
  pValue: string;
  sequentialInterval: string;
  chanceToBeatControl: string;
  /** Judged on the always-valid interval, which stays right however often one looks. */
  verdict: Verdict | null;
  cuped: { value: string; lift: string; interval: string } | null;
}

export function metricRows(metric: MetricResult, variations: readonly VariationName[]): MetricRow[] {
  const conversion = metric.kind === 'conversion';
  return metric.variations.map((result) => {
    const comparison = result.comparison;
    const value = conversion
      ? `${formatShare(result.mean)} (${formatCount(result.conversions ?? Math.round(result.mean * result.subjects))})`
      : formatMean(result.mean);
    const cupedComparison = result.cuped?.comparison ?? null;
    return {
      variation: result.variation,
      label: variationLabel(result.variation, variations),
      isControl: result.isControl,
      subjects: formatCount(result.subjects),
      value,
      lift: result.isControl ? 'control' : comparison ? formatLift(comparison.lift) : '—',
      interval: comparison ? formatInterval(comparison.interval) : '—',
      pValue: comparison ? formatPValue(comparison.pValue) : '—',
      sequentialInterval: comparison?.sequential ? formatInterval(comparison.sequential.interval) : '—',
      chanceToBeatControl: comparison ? formatShare(comparison.chanceToBeatControl) : '—',
      verdict: comparison ? verdictOf(comparison.sequential?.interval ?? comparison.interval, metric.direction) : null,
      cuped:
        result.cuped === null
          ? null
          : {
              value: conversion ? formatShare(result.cuped.mean) : formatMean(result.cuped.mean),
              lift: result.isControl ? 'control' : cupedComparison ? formatLift(cupedComparison.lift) : '—',
              interval: cupedComparison ? formatInterval(cupedComparison.interval) : '—',
            },
    };
  });
}

/** A variation's point and intervals in the forest plot (fractions: 0.1 is +10 %). */
export interface ForestRow {
  variation: string;
  label: string;
  lift: number;
  interval: Interval;
  sequential: Interval | null;
  verdict: Verdict;
}

export function forestRows(metric: MetricResult, variations: readonly VariationName[]): ForestRow[] {
  const rows: ForestRow[] = [];
  for (const result of metric.variations) {
    if (result.isControl || !result.comparison) continue;
    const { lift, interval, sequential } = result.comparison;
    rows.push({
      variation: result.variation,
      label: variationLabel(result.variation, variations),
      lift,
      interval,
      sequential: sequential?.interval ?? null,
      verdict: verdictOf(sequential?.interval ?? interval, metric.direction),
    });
  }
  return rows;
}

/** The plot's range: every interval and no-change (0) inside, with a margin, on round ends. */
export function forestDomain(rows: readonly ForestRow[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const row of rows) {
    for (const interval of [row.interval, row.sequential]) {
      if (!interval) continue;
      low = Math.min(low, interval.lower);
      high = Math.max(high, interval.upper);
    }
  }
  if (low === high) return [-0.1, 0.1];
  const step = niceStep((high - low) / 4);
  return [Math.floor((low - step * 0.25) / step) * step, Math.ceil((high + step * 0.25) / step) * step].map((v) =>
    roundTo(v, 10),
  ) as [number, number];
}

/** The plot's ticks, every `step` from one end to the other. */
export function forestTicks([low, high]: [number, number]): number[] {
  const step = niceStep((high - low) / 4);
  const ticks: number[] = [];
  for (let value = Math.ceil(low / step) * step; value <= high + step / 1e6; value += step)
    ticks.push(roundTo(value, 10));
  return ticks;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** A day of the over-time chart, in percent (Recharts draws the band from `range`). */
export interface OverTimeRow {
  date: string;
  lift: number;
  range: [number, number];
  sequentialRange: [number, number] | null;
  subjects: number;
}

export interface OverTimeDay {
  date: string;
  variations: {
    variation: string;
    subjects: number;
    lift: number | null;
    interval: Interval | null;
    sequentialInterval: Interval | null;
  }[];
}

/** One variation's cumulative lift day by day; days before it could be estimated are left out. */
export function overTimeRows(days: readonly OverTimeDay[], variation: string): OverTimeRow[] {
  const rows: OverTimeRow[] = [];
  for (const day of days) {
    const entry = day.variations.find((candidate) => candidate.variation === variation);
    if (!entry || entry.lift === null || entry.interval === null) continue;
    rows.push({
      date: day.date,
      lift: roundTo(entry.lift * 100, 4),
      range: [roundTo(entry.interval.lower * 100, 4), roundTo(entry.interval.upper * 100, 4)],
      sequentialRange: entry.sequentialInterval
        ? [roundTo(entry.sequentialInterval.lower * 100, 4), roundTo(entry.sequentialInterval.upper * 100, 4)]
        : null,
      subjects: entry.subjects,
    });
  }
  return rows;
}

/** The variations the over-time chart can show: every one but the control. */
export function treatments(days: readonly OverTimeDay[], control: string): string[] {
  const keys: string[] = [];
  for (const day of days)
    for (const entry of day.variations)
      if (entry.variation !== control && !keys.includes(entry.variation)) keys.push(entry.variation);
  return keys;
}

export interface SampleRatio {
  variations: string[];
  weights: number[];
  observed: number[];
  expected: number[];
  pValue: number;
  mismatch: boolean;
  threshold: number;
}

/** The sample-ratio banner's explanation: what was configured, what arrived, what it means. */
export function sampleRatioSentence(ratio: SampleRatio, variations: readonly VariationName[]): string {
  const total = ratio.weights.reduce((sum, weight) => sum + weight, 0) || 1;
  const parts = ratio.variations.map(
    (variation, index) =>
      `${variationLabel(variation, variations)}: ${formatCount(ratio.observed[index] ?? 0)} subjects where ${formatCount(
        Math.round(ratio.expected[index] ?? 0),
      )} were expected (${formatShare((ratio.weights[index] ?? 0) / total)} of traffic)`,
  );
  const odds = ratio.pValue < 0.001 ? 'less than 1 in 1,000' : `${formatPValue(ratio.pValue)}`;
  return `${parts.join('; ')}. The chance of a split this uneven by luck alone is ${odds}: something other than the configured weights decides who is counted — exposures lost for one variation, a redirect, a bot, or a targeting change while it ran. The lifts below may be biased; find the cause before trusting them.`;
}

// ——— When will it be detectable ———

export type Detectability =
  | { kind: 'no-effect-planned' }
  | { kind: 'not-running' }
  | { kind: 'no-data' }
  | {
      kind: 'estimate';
      /** Subjects per variation the always-valid interval needs to detect the planned effect with 80 % power. */
      subjectsPerVariation: number;
      /** Subjects entering per day so far, over all variations. */
      dailySubjects: number;
      /** Days still to go (0: enough subjects already). */
      daysLeft: number;
    };

/**
 * How long until the planned minimum detectable effect would be detected (80 % power, the
 * always-valid test, @vexil/stats' sampleSize), at the pace subjects have come in so far and with
 * the control's mean and variance of the primary metric as the baseline.
 */
export function detectability(input: {
  minimumDetectableEffect: number | null;
  status: ExperimentStatus;
  from: string | null;
  to: string;
  subjects: number;
  weights: readonly number[] | undefined;
  control: { mean: number; variance: number; subjects: number } | undefined;
  direction: string;
}): Detectability {
  if (input.minimumDetectableEffect === null) return { kind: 'no-effect-planned' };
  if (input.status !== 'running' || input.from === null) return { kind: 'not-running' };
  const control = input.control;
  if (!control || control.subjects === 0 || !(control.variance > 0) || control.mean === 0 || input.subjects === 0)
    return { kind: 'no-data' };
  // Before a whole day has passed, the subjects so far count as the first day's: a first hour's burst
  // would otherwise promise a pace no day keeps.
  const elapsedDays = Math.max((Date.parse(input.to) - Date.parse(input.from)) / 86_400_000, 1);
  const dailySubjects = input.subjects / elapsedDays;
  const effect = input.direction === 'lower' ? -input.minimumDetectableEffect : input.minimumDetectableEffect;
  const weights =
    input.weights && input.weights.length >= 2 && input.weights.every((w) => w > 0) ? input.weights : undefined;
  const size = sampleSize({
    baselineMean: control.mean,
    baselineVariance: control.variance,
    minimumDetectableEffect: effect,
    dailySubjects,
    ...(weights ? { weights } : {}),
  });
  const share = weights ? Math.min(...weights) / weights.reduce((a, b) => a + b, 0) : 0.5;
  const remaining = Math.max(0, size.sequentialSubjectsPerVariation - input.subjects * share);
  return {
    kind: 'estimate',
    subjectsPerVariation: size.sequentialSubjectsPerVariation,
    dailySubjects,
    daysLeft: Math.ceil(remaining / (dailySubjects * share)),
  };
}

/** The estimate in words. */
export function detectabilitySentence(estimate: Detectability, effect: number | null): string {
  switch (estimate.kind) {
    case 'no-effect-planned':
      return 'No minimum detectable effect was planned, so there is no estimate of how long it needs (a draft’s setup can plan one).';
    case 'not-running':
      return `Planned to detect ${effect === null ? 'an effect' : formatLift(effect)}; the estimate comes once it runs.`;
    case 'no-data':
      return `Planned to detect ${effect === null ? 'an effect' : formatLift(effect)}; the estimate comes once the control has subjects and conversions.`;
    case 'estimate': {
      const need = `${formatCount(estimate.subjectsPerVariation)} subjects per variation`;
      const pace = `at about ${formatCount(Math.round(estimate.dailySubjects))} subjects a day`;
      return estimate.daysLeft === 0
        ? `Enough subjects to detect ${formatLift(effect ?? 0)} (${need}, 80 % power): if the interval still includes 0 %, the effect is likely smaller than planned.`
        : `About ${estimate.daysLeft} more ${estimate.daysLeft === 1 ? 'day' : 'days'} until ${formatLift(effect ?? 0)} would be detectable (${need} for 80 % power with the always-valid interval, ${pace}).`;
    }
  }
}
