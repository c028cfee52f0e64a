import { describe, expect, it } from 'vitest';
import {
  chanceToBeatControl,
  conversionEstimate,
  effectPosterior,
  logGamma,
  normalCdf,
  relativeLift,
} from '@vexil/stats';

/**
 * P(p_T > p_C) under independent Beta(1 + conversions, 1 + failures) posteriors (uniform priors), exactly, by
 * E. Miller's closed form ("Formulas for Bayesian A/B testing", 2015):
 *   Σ_{i=0}^{α_T−1} B(α_C + i, β_C + β_T) / ((β_T + i) B(1 + i, β_T) B(α_C, β_C)).
 */
function betaChanceToBeat(control: [number, number], treatment: [number, number]): number {
  const logBeta = (a: number, b: number): number => logGamma(a) + logGamma(b) - logGamma(a + b);
  const [aC, bC] = [1 + control[1], 1 + control[0] - control[1]];
  const [aT, bT] = [1 + treatment[1], 1 + treatment[0] - treatment[1]];
  let total = 0;
  for (let i = 0; i < aT; i++) {
    total += Math.exp(logBeta(aC + i, bC + bT) - Math.log(bT + i) - logBeta(1 + i, bT) - logBeta(aC, bC));
  }
  return total;
}

describe('chance to beat control', () => {
  it('with a flat prior is Φ(difference / standard error)', () => {
    expect(chanceToBeatControl(0.01, 0.004334743360338649)).toBeCloseTo(normalCdf(2.30694), 5);
    expect(chanceToBeatControl(0, 0.05)).toBe(0.5);
    expect(chanceToBeatControl(0.1, 0.05, { direction: 'lower' })).toBeCloseTo(1 - normalCdf(2), 14);
  });

  it('agrees with the exact Beta–Binomial answer for conversion rates to 0.002', () => {
    const cases: Array<[[number, number], [number, number]]> = [
      [
        [10_000, 1_000],
        [10_000, 1_100],
      ],
      [
        [4_000, 200],
        [4_100, 228],
      ],
      [
        [20_000, 3_000],
        [20_000, 2_950],
      ],
      [
        [1_000, 30],
        [1_000, 41],
      ],
    ];
    for (const [control, treatment] of cases) {
      const lift = relativeLift(
        conversionEstimate({ subjects: control[0], conversions: control[1] }),
        conversionEstimate({ subjects: treatment[0], conversions: treatment[1] }),
      )!;
      const approx = chanceToBeatControl(lift.difference.estimate, lift.difference.standardError);
      expect(Math.abs(approx - betaChanceToBeat(control, treatment))).toBeLessThan(0.002);
    }
    expect(betaChanceToBeat([10_000, 1_000], [10_000, 1_100])).toBeCloseTo(0.9895, 3);
  });

  it('a weak normal prior shrinks small-sample effects towards 0', () => {
    const posterior = effectPosterior(0.3, 0.3, 0.3);
    expect(posterior.mean).toBeCloseTo(0.15, 14);
    expect(posterior.standardDeviation).toBeCloseTo(0.3 / Math.SQRT2, 14);
    expect(chanceToBeatControl(0.3, 0.3, { priorStdDev: 0.3 })).toBeLessThan(chanceToBeatControl(0.3, 0.3));
    // With lots of data the prior hardly matters.
    expect(chanceToBeatControl(0.02, 0.01, { priorStdDev: 0.3 })).toBeCloseTo(chanceToBeatControl(0.02, 0.01), 3);
    expect(() => effectPosterior(0.1, 0.1, 0)).toThrow(RangeError);
  });
});
