import { describe, expect, it } from 'vitest';
import {
  normalQuantile,
  optimalMixtureScale,
  sequentialEstimate,
  sequentialMultiplier,
  twoSidedPValue,
} from '@vexil/stats';

describe('always-valid interval (normal mixture)', () => {
  it('is tuned to be narrowest at the planned sample size', () => {
    // Second method: minimise the multiplier over the mixture scale u by a fine grid search.
    const width = (u: number): number => Math.sqrt(((u + 1) / u) * (Math.log1p(u) - 2 * Math.log(0.05)));
    let best = Number.POSITIVE_INFINITY;
    let bestU = 0;
    for (let u = 0.5; u < 50; u += 0.0005) {
      if (width(u) < best) {
        best = width(u);
        bestU = u;
      }
    }
    expect(optimalMixtureScale(0.05)).toBeCloseTo(bestU, 3);
    expect(sequentialMultiplier(10_000, 10_000)).toBeCloseTo(best, 10);
    expect(sequentialMultiplier(10_000, 10_000)).toBeCloseTo(3.0351, 4);
    for (const subjects of [2_000, 5_000, 9_000, 11_000, 20_000, 80_000]) {
      expect(sequentialMultiplier(subjects, 10_000)).toBeGreaterThan(sequentialMultiplier(10_000, 10_000));
    }
  });

  it('matches the mixture boundary written in sums (Howard et al. 2021): |S| < √((V + ρ) ln((V + ρ)/(ρα²)))', () => {
    // In sums of Gaussian increments with variance σ² per subject: S = n·θ̂ and V = nσ². Since (V + ρ)/ρ = u + 1, the
    // mixture precision tuned at n* is ρ = n*σ² / u*. The radius on θ is the boundary on S divided by n.
    const sigma = 2.5;
    const planned = 4_000;
    const rho = (planned * sigma * sigma) / optimalMixtureScale(0.05);
    for (const n of [100, 1_000, 4_000, 25_000]) {
      const v = n * sigma * sigma;
      const boundary = Math.sqrt((v + rho) * Math.log((v + rho) / (rho * 0.05 * 0.05)));
      const se = sigma / Math.sqrt(n);
      const { interval } = sequentialEstimate(0.3, se, { subjects: n, plannedSubjects: planned });
      expect(interval.upper - 0.3).toBeCloseTo(boundary / n, 10);
    }
  });

  it('is wider than the fixed-horizon interval, shrinks with more subjects, and its p-value matches it', () => {
    const fixed = normalQuantile(0.975);
    expect(sequentialMultiplier(14_000, 14_000)).toBeGreaterThan(fixed);
    const a = sequentialEstimate(0.05, 0.02, { subjects: 1_000, plannedSubjects: 10_000 });
    const b = sequentialEstimate(0.05, 0.01, { subjects: 4_000, plannedSubjects: 10_000 });
    expect(b.interval.upper - b.interval.lower).toBeLessThan(a.interval.upper - a.interval.lower);
    for (let z = 0; z < 6; z += 0.05) {
      const result = sequentialEstimate(z * 0.01, 0.01, { subjects: 3_000, plannedSubjects: 10_000 });
      const excludesZero = result.interval.lower > 0;
      expect(result.pValue <= 0.05).toBe(excludesZero);
      expect(result.pValue).toBeGreaterThanOrEqual(twoSidedPValue(z));
    }
  });

  it('is uninformative before any subject and rejects a bad plan', () => {
    const nothing = sequentialEstimate(0.1, 0.05, { subjects: 0, plannedSubjects: 1_000 });
    expect(nothing.pValue).toBe(1);
    expect(nothing.interval.lower).toBe(Number.NEGATIVE_INFINITY);
    expect(() => sequentialMultiplier(10, 0)).toThrow(RangeError);
    expect(() => sequentialEstimate(0.1, 0, { subjects: 10, plannedSubjects: 100 })).toThrow(RangeError);
  });
});
