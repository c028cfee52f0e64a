/**
 * Always-valid inference: a confidence sequence and p-value that stay correct however often, and whenever, the
 * results are looked at (and the experiment stopped on what they show).
 *
 * The method is the two-sided normal-mixture boundary (Robbins 1970; the mixture SPRT of Johari, Koomen, Pekelis &
 * Walsh, "Always valid inference", Operations Research 70 (2022); the confidence sequence of Howard, Ramdas,
 * McAuliffe & Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49 (2021),
 * used with an estimated variance as the asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy &
 * Ramdas, "Time-uniform central limit theory and asymptotic confidence sequences", Ann. Statist. 52 (2024)).
 *
 * For an estimate θ̂ with standard error s after n subjects, mixing the likelihood ratio over a normal prior on the
 * effect with precision proportional to n·ρ² gives, with u = nρ²:
 *
 *   radius = s · √( (u + 1) / u · ln((u + 1) / α²) )
 *   always-valid p = min(1, √(u + 1) · exp(−z² u / (2(u + 1)))),  z = θ̂ / s
 *
 * and P(∃n: θ outside θ̂_n ± radius_n) ≤ α by Ville's inequality. ρ is a tuning constant fixed before the
 * experiment starts; it is chosen so the interval is narrowest at the planned sample size n*, i.e. u* = n*ρ² solves
 * u = −2 ln α + ln(1 + u) (one step of that fixed point from u = −2 ln α is the approximation Howard et al. give).
 * u then grows in proportion to the subjects seen: u = u* · n / n*.
 */
import { requireAlpha } from './lift.js';
import type { Interval } from './lift.js';

export interface SequentialOptions {
  /** Subjects per variation seen so far (any count proportional to the information collected). */
  subjects: number;
  /** Subjects per variation the experiment is planned to reach; the interval is tuned to be narrowest there. */
  plannedSubjects: number;
  /** 1 − α is the confidence of the sequence (default 0.05). */
  alpha?: number;
}

export interface SequentialEstimate {
  /** The always-valid 1 − α confidence interval (one element of the confidence sequence). */
  interval: Interval;
  /** The always-valid p-value of "no effect" at this look (≤ α exactly when the interval excludes 0). */
  pValue: number;
}

/** u* = n*ρ², the mixture precision at the planned sample size that minimizes the interval's width there. */
export function optimalMixtureScale(alpha = 0.05): number {
  requireAlpha(alpha);
  const l = -2 * Math.log(alpha);
  let u = l;
  for (let i = 0; i < 50; i++) {
    const next = l + Math.log1p(u);
    if (Math.abs(next - u) < 1e-14 * next) return next;
    u = next;
  }
  return u;
}

/**
 * The half-width of the always-valid interval in standard errors: radius = multiplier · s. At the planned sample
 * size it is about 3.03 for α = 0.05, against 1.96 for a fixed-horizon interval.
 */
export function sequentialMultiplier(subjects: number, plannedSubjects: number, alpha = 0.05): number {
  if (!(plannedSubjects > 0)) throw new RangeError(`plannedSubjects must be positive, got ${plannedSubjects}`);
  if (!(subjects > 0)) return Number.POSITIVE_INFINITY;
  const u = (optimalMixtureScale(alpha) * subjects) / plannedSubjects;
  return Math.sqrt(((u + 1) / u) * (Math.log1p(u) - 2 * Math.log(alpha)));
}

/** The always-valid interval and p-value for an estimate with standard error `standardError`. */
export function sequentialEstimate(
  estimate: number,
  standardError: number,
  options: SequentialOptions,
): SequentialEstimate {
  const alpha = options.alpha ?? 0.05;
  if (!(standardError > 0) || !Number.isFinite(standardError)) {
    throw new RangeError(`standardError must be positive and finite, got ${standardError}`);
  }
  if (!(options.subjects >= 0)) throw new RangeError(`subjects must be non-negative, got ${options.subjects}`);
  const radius = standardError * sequentialMultiplier(options.subjects, options.plannedSubjects, alpha);
  const u = (optimalMixtureScale(alpha) * options.subjects) / options.plannedSubjects;
  const z = estimate / standardError;
  // 1 / (mixture likelihood ratio), in logs so large z² cannot overflow.
  const logP = 0.5 * Math.log1p(u) - (z * z * u) / (2 * (u + 1));
  return {
    interval: { lower: estimate - radius, upper: estimate + radius },
    pValue: Math.min(1, Math.exp(logP)),
  };
}
