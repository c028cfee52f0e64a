import { describe, expect, it } from 'vitest';
import { conversionEstimate, numericEstimate, relativeLift, sampleVariance } from '@vexil/stats';

describe('per-variation estimates', () => {
  it('a conversion rate has the Bernoulli variance p(1 − p)', () => {
    expect(conversionEstimate({ subjects: 10_000, conversions: 1_000 })).toEqual({
      subjects: 10_000,
      mean: 0.1,
      variance: 0.1 * 0.9,
      standardError: 0.003, // √(0.09 / 10,000)
    });
  });

  it('a numeric metric has the sample variance of its per-subject values', () => {
    const values = [3, 0, 12.5, 7, 0, 1, 4.5];
    const sum = values.reduce((a, b) => a + b, 0);
    const mean = sum / values.length;
    const direct = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
    const estimate = numericEstimate({
      subjects: values.length,
      sum,
      sumSquares: values.reduce((a, v) => a + v * v, 0),
    });
    expect(estimate.mean).toBeCloseTo(mean, 14);
    expect(estimate.variance).toBeCloseTo(direct, 12);
    expect(estimate.standardError).toBeCloseTo(Math.sqrt(direct / values.length), 12);
  });

  it('empty and single-subject variations have no variance', () => {
    expect(numericEstimate({ subjects: 0, sum: 0, sumSquares: 0 })).toEqual({
      subjects: 0,
      mean: 0,
      variance: 0,
      standardError: 0,
    });
    expect(sampleVariance(1, 5, 25)).toBe(0);
  });

  it('rejects impossible summaries', () => {
    expect(() => conversionEstimate({ subjects: 10, conversions: 11 })).toThrow(RangeError);
    expect(() => conversionEstimate({ subjects: -1, conversions: 0 })).toThrow(RangeError);
    expect(() => numericEstimate({ subjects: 3, sum: Number.NaN, sumSquares: 1 })).toThrow(RangeError);
  });
});

describe('relative lift (delta method)', () => {
  it('reproduces the issue vector: 1,000/10,000 vs 1,100/10,000 → +10.0 %, p ≈ 0.028, 95 % CI ≈ [+1.1 %, +18.9 %]', () => {
    const result = relativeLift(
      conversionEstimate({ subjects: 10_000, conversions: 1_000 }),
      conversionEstimate({ subjects: 10_000, conversions: 1_100 }),
    )!;
    // By hand: Var = 0.11·0.89/10⁴ / 0.1² + 0.11²·0.1·0.9/10⁴ / 0.1⁴ = 0.000979 + 0.001089 = 0.002068.
    expect(result.standardError).toBeCloseTo(Math.sqrt(0.002068), 12);
    expect(result.lift).toBeCloseTo(0.1, 12);
    // z = 0.1 / 0.045475 = 2.1990; 2(1 − Φ(2.1990)) = 0.02788.
    expect(result.pValue).toBeCloseTo(0.02788, 4);
    expect(result.interval.lower).toBeCloseTo(0.0109, 4);
    expect(result.interval.upper).toBeCloseTo(0.1891, 4);
    // The absolute difference: 0.01 ± 1.96·√(0.0000979 + 0.00009)/10 = 0.01 ± 0.0085.
    expect(result.difference.estimate).toBeCloseTo(0.01, 12);
    expect(result.difference.standardError).toBeCloseTo(Math.sqrt((0.0979 + 0.09) / 10_000), 12);
  });

  it('p < α exactly when the 1 − α interval excludes 0', () => {
    const control = conversionEstimate({ subjects: 5_000, conversions: 500 });
    for (let conversions = 480; conversions <= 620; conversions += 5) {
      const result = relativeLift(control, conversionEstimate({ subjects: 5_000, conversions }))!;
      const excludesZero = result.interval.lower > 0 || result.interval.upper < 0;
      expect(result.pValue < 0.05).toBe(excludesZero);
    }
  });

  it('agrees with a numerical delta method (finite-difference gradient of μ_T/μ_C)', () => {
    const control = numericEstimate({ subjects: 2_000, sum: 24_000, sumSquares: 2_000 * (12 * 12 + 30) });
    const treatment = numericEstimate({ subjects: 1_800, sum: 23_400, sumSquares: 1_800 * (13 * 13 + 41) });
    const ratio = (t: number, c: number): number => t / c;
    const h = 1e-6;
    const dT = (ratio(treatment.mean + h, control.mean) - ratio(treatment.mean - h, control.mean)) / (2 * h);
    const dC = (ratio(treatment.mean, control.mean + h) - ratio(treatment.mean, control.mean - h)) / (2 * h);
    const variance = dT ** 2 * treatment.standardError ** 2 + dC ** 2 * control.standardError ** 2;
    const result = relativeLift(control, treatment, { alpha: 0.1 })!;
    expect(result.lift).toBeCloseTo(13 / 12 - 1, 12);
    expect(result.standardError).toBeCloseTo(Math.sqrt(variance), 8);
    expect(result.interval.upper - result.lift).toBeCloseTo(1.6448536269514722 * result.standardError, 12);
  });

  it('measures lift against |μ_C| so a negative control keeps "up is up"', () => {
    const control = numericEstimate({ subjects: 100, sum: -200, sumSquares: 100 * (4 + 1) });
    const treatment = numericEstimate({ subjects: 100, sum: -100, sumSquares: 100 * (1 + 1) });
    expect(relativeLift(control, treatment)!.lift).toBeCloseTo(0.5, 12);
  });

  it('is null when it cannot be estimated', () => {
    const some = conversionEstimate({ subjects: 100, conversions: 10 });
    expect(relativeLift(conversionEstimate({ subjects: 100, conversions: 0 }), some)).toBeNull();
    expect(relativeLift(conversionEstimate({ subjects: 1, conversions: 1 }), some)).toBeNull();
    const all = conversionEstimate({ subjects: 100, conversions: 100 });
    expect(relativeLift(all, all)).toBeNull();
    expect(() => relativeLift(some, some, { alpha: 0 })).toThrow(RangeError);
  });
});
