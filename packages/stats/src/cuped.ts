/**
 * CUPED: variance reduction with a pre-exposure covariate (Deng, Xu, Kohavi & Walker, "Improving the sensitivity
 * of online controlled experiments by utilizing pre-experiment data", WSDM 2013).
 *
 * With Y the metric in the experiment and X the same metric over a period before each subject's first exposure,
 *
 *   θ = cov(Y, X) / var(X)                       pooled within variations
 *   Ȳ_cuped,v = Ȳ_v − θ (X̄_v − X̄)              X̄ the mean of X over all variations
 *   Var(Y − θX)_v = var_v(Y) − 2θ cov_v(Y, X) + θ² var_v(X)
 *
 * X is independent of the assignment, so E[X̄_v] = E[X̄] and the adjusted means stay unbiased for any θ shared by
 * all variations; the pooled θ minimizes the pooled variance, which becomes (1 − ρ²) times the unadjusted one, ρ being
 * the pooled within-variation correlation of X and Y. Everything is computed from per-variation sums (n, ΣY, ΣY², ΣX,
 * ΣX², ΣXY), so the server can maintain them incrementally. Subjects without pre-exposure data count with X = 0.
 */
import type { MeanEstimate, PrePeriodSums } from './summary.js';

export interface CupedVariation {
  /** The unadjusted estimate of the variation (its variance is the starting point of the adjusted one). */
  estimate: MeanEstimate;
  /** ΣY over the variation's subjects (conversions for a conversion metric). */
  sum: number;
  pre: PrePeriodSums;
}

export interface CupedAdjustment {
  /** θ = cov(Y, X) / var(X), pooled within variations. */
  theta: number;
  /** The pooled within-variation correlation ρ of the pre-period and experiment-period values. */
  correlation: number;
  /** ρ²: the fraction of the variance removed; adjusted variances are (1 − ρ²) times the unadjusted ones, pooled. */
  varianceReduction: number;
  /** X̄, the mean pre-period value over all variations. */
  covariateMean: number;
  /** The adjusted estimates, in the order of the input. */
  variations: MeanEstimate[];
}

export function cupedAdjust(variations: readonly CupedVariation[]): CupedAdjustment {
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let totalX = 0;
  let totalN = 0;
  for (const { estimate, sum, pre } of variations) {
    const n = estimate.subjects;
    if (n === 0) continue;
    for (const [name, v] of Object.entries(pre)) {
      if (!Number.isFinite(v)) throw new RangeError(`pre.${name} must be a finite number, got ${v}`);
    }
    sxx += Math.max(0, pre.sumSquares - (pre.sum * pre.sum) / n);
    sxy += pre.crossSum - (pre.sum * sum) / n;
    syy += estimate.variance * Math.max(0, n - 1);
    totalX += pre.sum;
    totalN += n;
  }
  const theta = sxx > 0 ? sxy / sxx : 0;
  const correlation = sxx > 0 && syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : 0;
  const covariateMean = totalN > 0 ? totalX / totalN : 0;
  const adjusted = variations.map(({ estimate, sum, pre }): MeanEstimate => {
    const n = estimate.subjects;
    if (n === 0) return estimate;
    const meanX = pre.sum / n;
    const varX = n > 1 ? Math.max(0, (pre.sumSquares - (pre.sum * pre.sum) / n) / (n - 1)) : 0;
    const covXY = n > 1 ? (pre.crossSum - (pre.sum * sum) / n) / (n - 1) : 0;
    const variance = Math.max(0, estimate.variance - 2 * theta * covXY + theta * theta * varX);
    return {
      subjects: n,
      mean: estimate.mean - theta * (meanX - covariateMean),
      variance,
      standardError: Math.sqrt(variance / n),
    };
  });
  return { theta, correlation, varianceReduction: correlation * correlation, covariateMean, variations: adjusted };
}
