/**
 * Per-variation summaries — what the server keeps incrementally for each variation of an experiment — and the
 * mean and variance they imply.
 */

/** Sums of the same metric over a pre-exposure period, per subject X, for CUPED. */
export interface PrePeriodSums {
  /** ΣX. Subjects with no pre-exposure data count with X = 0. */
  sum: number;
  /** ΣX². */
  sumSquares: number;
  /** ΣXY: each subject's pre-period value times its experiment-period value. */
  crossSum: number;
}

/** A conversion metric in one variation: how many exposed subjects converted. */
export interface ConversionSummary {
  subjects: number;
  conversions: number;
  pre?: PrePeriodSums;
}

/** A numeric metric in one variation: sums over subjects of their per-subject value Y. */
export interface NumericSummary {
  subjects: number;
  /** ΣY. */
  sum: number;
  /** ΣY². */
  sumSquares: number;
  pre?: PrePeriodSums;
}

export type MetricKind = 'conversion' | 'numeric';

/** A variation's mean and its uncertainty. */
export interface MeanEstimate {
  subjects: number;
  /** The conversion rate, or the mean per-subject value. */
  mean: number;
  /** Per-subject variance: p(1 − p) for a conversion rate, the sample variance (n − 1) for a numeric metric. */
  variance: number;
  /** √(variance / subjects): the standard error of the mean. */
  standardError: number;
}

function requireCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

function requireFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

function estimateOf(subjects: number, mean: number, variance: number): MeanEstimate {
  return { subjects, mean, variance, standardError: subjects > 0 ? Math.sqrt(variance / subjects) : 0 };
}

/** The conversion rate p = conversions / subjects with the Bernoulli variance p(1 − p). */
export function conversionEstimate(summary: ConversionSummary): MeanEstimate {
  requireCount(summary.subjects, 'subjects');
  requireCount(summary.conversions, 'conversions');
  if (summary.conversions > summary.subjects) {
    throw new RangeError(`conversions (${summary.conversions}) exceed subjects (${summary.subjects})`);
  }
  if (summary.subjects === 0) return estimateOf(0, 0, 0);
  const p = summary.conversions / summary.subjects;
  return estimateOf(summary.subjects, p, p * (1 - p));
}

/**
 * The sample variance from n, Σv and Σv²: (Σv² − (Σv)²/n) / (n − 1), clamped at 0 against rounding. Zero for n < 2.
 */
export function sampleVariance(n: number, sum: number, sumSquares: number): number {
  if (n < 2) return 0;
  return Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
}

/** The mean per-subject value ΣY / n with the sample variance. */
export function numericEstimate(summary: NumericSummary): MeanEstimate {
  requireCount(summary.subjects, 'subjects');
  requireFinite(summary.sum, 'sum');
  requireFinite(summary.sumSquares, 'sumSquares');
  if (summary.subjects === 0) return estimateOf(0, 0, 0);
  return estimateOf(
    summary.subjects,
    summary.sum / summary.subjects,
    sampleVariance(summary.subjects, summary.sum, summary.sumSquares),
  );
}
