/**
 * Subjects and days needed to detect a planned relative effect (the minimum detectable effect, MDE) with the tests
 * this package runs.
 *
 * The fixed-horizon test rejects when |L̂| > z_{1−α/2} · s, with the delta-method variance of the lift under the
 * alternative μ_T = μ_C (1 + m):
 *
 *   s² = (σ_T² + (1 + m)² σ_C²) / (n μ_C²)
 *   n  = (z_{1−α/2} + z_{power})² · (σ_T² + (1 + m)² σ_C²) / (m² μ_C²)      subjects per variation
 *
 * The always-valid interval has half-width c · s instead of z_{1−α/2} · s, with c the multiplier at the planned size
 * (≈ 3.03 for α = 0.05), so it needs (c + z_{power})² / (z_{1−α/2} + z_{power})² times as many subjects (≈ 1.9× at
 * 80 % power). Plan the sequential experiment with `sequentialSubjectsPerVariation` and tune the interval with it.
 */
import { requireAlpha } from './lift.js';
import { normalQuantile } from './normal.js';
import { sequentialMultiplier } from './sequential.js';

export interface SampleSizeInput {
  /** The control's mean (a conversion rate for a conversion metric). */
  baselineMean: number;
  /** The control's per-subject variance (p(1 − p) for a conversion rate). */
  baselineVariance: number;
  /** The treatment's per-subject variance under the alternative; defaults to the baseline variance. */
  treatmentVariance?: number;
  /** The relative effect to detect: 0.05 for +5 % (or −0.05 for a metric where lower is better). */
  minimumDetectableEffect: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Probability of detecting the effect when it is real (default 0.8). */
  power?: number;
  /** Subjects entering the experiment per day, over all variations; enables the day estimates. */
  dailySubjects?: number;
  /**
   * Weights of the variations (default two, equal). Days are counted until the smallest variation has its subjects.
   */
  weights?: readonly number[];
}

export interface SampleSize {
  /** Subjects per variation for the fixed-horizon test. */
  subjectsPerVariation: number;
  /** Subjects per variation for the always-valid (sequential) interval; use it as its planned size. */
  sequentialSubjectsPerVariation: number;
  /** Days until the fixed-horizon test is powered, or null without `dailySubjects`. */
  days: number | null;
  /** Days until the sequential test is powered, or null without `dailySubjects`. */
  sequentialDays: number | null;
}

export function sampleSize(input: SampleSizeInput): SampleSize {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  requireAlpha(alpha);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
  const m = input.minimumDetectableEffect;
  if (!(m !== 0 && m > -1 && Number.isFinite(m))) {
    throw new RangeError(`minimumDetectableEffect must be non-zero and above -1, got ${m}`);
  }
  const mu = input.baselineMean;
  if (!(mu !== 0 && Number.isFinite(mu))) throw new RangeError(`baselineMean must be non-zero, got ${mu}`);
  const varC = input.baselineVariance;
  const varT = input.treatmentVariance ?? varC;
  if (!(varC > 0) || !(varT > 0)) throw new RangeError('variances must be positive');
  const weights = input.weights ?? [1, 1];
  if (weights.length < 2 || weights.some((w) => !(w > 0))) {
    throw new RangeError('weights must list at least two positive weights');
  }

  const zAlpha = normalQuantile(1 - alpha / 2);
  const zPower = normalQuantile(power);
  const unit = (varT + (1 + m) * (1 + m) * varC) / (m * m * mu * mu);
  const subjectsPerVariation = Math.ceil((zAlpha + zPower) ** 2 * unit);
  // Tuned at its own planned size, the sequential multiplier does not depend on that size.
  const c = sequentialMultiplier(1, 1, alpha);
  const sequentialSubjectsPerVariation = Math.ceil((c + zPower) ** 2 * unit);

  let days: number | null = null;
  let sequentialDays: number | null = null;
  if (input.dailySubjects !== undefined) {
    if (!(input.dailySubjects > 0)) throw new RangeError(`dailySubjects must be positive, got ${input.dailySubjects}`);
    const share = Math.min(...weights) / weights.reduce((a, b) => a + b, 0);
    const perDay = input.dailySubjects * share;
    days = Math.ceil(subjectsPerVariation / perDay);
    sequentialDays = Math.ceil(sequentialSubjectsPerVariation / perDay);
  }
  return { subjectsPerVariation, sequentialSubjectsPerVariation, days, sequentialDays };
}
