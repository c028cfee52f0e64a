/**
 * Sample-ratio mismatch: Pearson's χ² goodness-of-fit test of the subjects per variation against the configured
 * weights (Fabijan et al., "Diagnosing sample ratio mismatch in online controlled experiments", KDD 2019).
 *
 *   χ² = Σ (observed_i − expected_i)² / expected_i,  expected_i = total · w_i / Σw,  df = k − 1
 *
 * A mismatch is flagged at p < 0.001 by default: with many experiments and daily looks a 5 % threshold would raise
 * false alarms, and a real assignment bug produces tiny p-values quickly.
 */
import { chiSquareSurvival } from './gamma.js';

export interface SampleRatioMismatch {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  /** True when pValue < threshold: the split is not what was configured and the results should not be trusted. */
  mismatch: boolean;
  /** Subjects expected per variation under the configured weights. */
  expected: number[];
  threshold: number;
}

/** Tests observed subjects per variation against the weights (any positive scale: 50/50, 0.5/0.5, 1/1). */
export function sampleRatioMismatch(
  subjects: readonly number[],
  weights: readonly number[],
  options: { threshold?: number } = {},
): SampleRatioMismatch {
  const threshold = options.threshold ?? 0.001;
  if (subjects.length !== weights.length) {
    throw new RangeError(`got ${subjects.length} subject counts for ${weights.length} weights`);
  }
  if (subjects.length < 2) throw new RangeError('a sample-ratio test needs at least two variations');
  for (const n of subjects) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`subject counts must be non-negative integers, got ${n}`);
  }
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and non-negative, got ${w}`);
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (!(totalWeight > 0)) throw new RangeError('at least one weight must be positive');
  const total = subjects.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / totalWeight);
  let chiSquare = 0;
  let cells = 0;
  for (let i = 0; i < subjects.length; i++) {
    const e = expected[i]!;
    const o = subjects[i]!;
    if (e === 0) {
      // A variation configured at weight 0 that still receives subjects is a mismatch however few they are.
      if (o > 0) chiSquare = Number.POSITIVE_INFINITY;
      continue;
    }
    cells++;
    chiSquare += ((o - e) * (o - e)) / e;
  }
  const degreesOfFreedom = Math.max(1, cells - 1);
  const pValue =
    total === 0 ? 1 : chiSquare === Number.POSITIVE_INFINITY ? 0 : chiSquareSurvival(chiSquare, degreesOfFreedom);
  return { chiSquare, degreesOfFreedom, pValue, mismatch: pValue < threshold, expected, threshold };
}
