/**
 * Treatment against control at a fixed horizon: relative lift with the delta method, its interval and p-value.
 *
 * The relative lift is L = (μ_T − μ_C) / |μ_C| (= μ_T / μ_C − 1 for a positive control mean). For independent
 * arms the delta method gives (Deng, Knoblich & Lu, "Applying the delta method in metric analytics", KDD 2018):
 *
 *   Var(L̂) ≈ Var(μ̂_T) / μ_C² + μ_T² · Var(μ̂_C) / μ_C⁴
 *
 * The p-value is the two-sided z-test of L = 0 with that same standard error, so the p-value and the interval
 * never disagree (p < α exactly when the 1 − α interval excludes 0).
 */
import { normalQuantile, twoSidedPValue } from './normal.js';
import type { MeanEstimate } from './summary.js';

export interface Interval {
  lower: number;
  upper: number;
}

export interface LiftEstimate {
  /** Relative lift (μ_T − μ_C) / |μ_C|: 0.1 is +10 %. */
  lift: number;
  /** Delta-method standard error of the lift. */
  standardError: number;
  /** Two-sided 1 − α interval for the lift: lift ± z_{1−α/2} · standardError. */
  interval: Interval;
  /** Two-sided p-value of the z-test of "no lift". */
  pValue: number;
  /** The absolute difference μ_T − μ_C with its standard error √(Var μ̂_T + Var μ̂_C) and 1 − α interval. */
  difference: { estimate: number; standardError: number; interval: Interval };
}

export function requireAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

/**
 * The relative lift of `treatment` over `control` with its delta-method standard error, two-sided 1 − α interval
 * and p-value. Null when it cannot be estimated: either arm has fewer than 2 subjects, the control mean is 0, or the
 * standard error is 0 (no variation in either arm).
 */
export function relativeLift(
  control: MeanEstimate,
  treatment: MeanEstimate,
  options: { alpha?: number } = {},
): LiftEstimate | null {
  const alpha = options.alpha ?? 0.05;
  requireAlpha(alpha);
  if (control.subjects < 2 || treatment.subjects < 2 || control.mean === 0) return null;
  const mc = control.mean;
  const mt = treatment.mean;
  const varMeanC = control.variance / control.subjects;
  const varMeanT = treatment.variance / treatment.subjects;
  const lift = (mt - mc) / Math.abs(mc);
  const variance = varMeanT / (mc * mc) + (mt * mt * varMeanC) / (mc * mc * mc * mc);
  const standardError = Math.sqrt(variance);
  if (!(standardError > 0) || !Number.isFinite(standardError)) return null;
  const z = normalQuantile(1 - alpha / 2);
  const difference = mt - mc;
  const differenceSe = Math.sqrt(varMeanT + varMeanC);
  return {
    lift,
    standardError,
    interval: { lower: lift - z * standardError, upper: lift + z * standardError },
    pValue: twoSidedPValue(lift / standardError),
    difference: {
      estimate: difference,
      standardError: differenceSe,
      interval: { lower: difference - z * differenceSe, upper: difference + z * differenceSe },
    },
  };
}
