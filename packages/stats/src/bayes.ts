/**
 * Bayesian chance to beat control, with a normal approximation.
 *
 * "Treatment beats control" is μ_T > μ_C, whatever scale the effect is reported on, so the chance is computed on
 * the absolute difference D = μ_T − μ_C, whose estimate is close to normal: D̂ ~ N(D, s²) with s² = Var μ̂_T + Var μ̂_C.
 * With a flat prior the posterior of D is N(D̂, s²) and the chance to beat control is Φ(D̂ / s). With a weak normal
 * prior N(0, τ²) the posterior has precision 1/s² + 1/τ² and mean D̂ · (1/s²) / (1/s² + 1/τ²), which shrinks
 * small-sample effects towards 0 (Deng, "Objective Bayesian two sample hypothesis testing for online controlled
 * experiments", WWW 2015, uses the same normal model on the effect). For a conversion rate this agrees with the exact
 * Beta–Binomial posterior (uniform priors) to within 0.002 at a few hundred conversions per arm; the tests check it.
 */
import { normalCdf } from './normal.js';

export interface ChanceToBeatOptions {
  /** Standard deviation of a normal prior on the effect, centred on 0, in the effect's units; flat if omitted. */
  priorStdDev?: number;
  /** Whether a higher value of the metric is better (default) or a lower one. */
  direction?: 'higher' | 'lower';
}

/** The normal posterior of an effect estimated as `estimate` with standard error `standardError`. */
export function effectPosterior(
  estimate: number,
  standardError: number,
  priorStdDev?: number,
): { mean: number; standardDeviation: number } {
  if (priorStdDev === undefined) return { mean: estimate, standardDeviation: standardError };
  if (!(priorStdDev > 0)) throw new RangeError(`priorStdDev must be positive, got ${priorStdDev}`);
  const dataPrecision = 1 / (standardError * standardError);
  const precision = dataPrecision + 1 / (priorStdDev * priorStdDev);
  return { mean: (estimate * dataPrecision) / precision, standardDeviation: Math.sqrt(1 / precision) };
}

/**
 * The posterior probability that the treatment is better than control, given the estimated difference μ_T − μ_C and
 * its standard error.
 */
export function chanceToBeatControl(
  difference: number,
  standardError: number,
  options: ChanceToBeatOptions = {},
): number {
  const posterior = effectPosterior(difference, standardError, options.priorStdDev);
  const better = normalCdf(posterior.mean / posterior.standardDeviation);
  return options.direction === 'lower' ? 1 - better : better;
}
