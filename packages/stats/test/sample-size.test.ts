import { describe, expect, it } from 'vitest';
import { normalQuantile, sampleSize, sequentialMultiplier } from '@vexil/stats';

describe('sample size and days to detection', () => {
  it('for a conversion rate: 10 % baseline, +10 % MDE, α 0.05, 80 % power', () => {
    const result = sampleSize({
      baselineMean: 0.1,
      baselineVariance: 0.1 * 0.9,
      treatmentVariance: 0.11 * 0.89,
      minimumDetectableEffect: 0.1,
      dailySubjects: 2_000,
    });
    // By hand: (1.95996 + 0.84162)² · (0.0979 + 1.1² · 0.09) / (0.1² · 0.1²) = 7.8489 · 0.2068 / 1e-4 = 16,231.5.
    const z = normalQuantile(0.975) + normalQuantile(0.8);
    expect(result.subjectsPerVariation).toBe(Math.ceil((z * z * 0.2068) / 1e-4));
    expect(result.subjectsPerVariation).toBe(16_232);
    // 1,000 subjects per variation per day at 50/50.
    expect(result.days).toBe(17);
    const c = sequentialMultiplier(1, 1);
    expect(result.sequentialSubjectsPerVariation).toBe(Math.ceil(((c + 0.8416212335729143) ** 2 * 0.2068) / 1e-4));
    expect(result.sequentialDays).toBe(Math.ceil(result.sequentialSubjectsPerVariation / 1_000));
  });

  it('for a numeric metric with unequal weights, counting days for the smallest variation', () => {
    const result = sampleSize({
      baselineMean: 20,
      baselineVariance: 400,
      minimumDetectableEffect: -0.05,
      alpha: 0.1,
      power: 0.9,
      dailySubjects: 5_000,
      weights: [50, 25, 25],
    });
    const z = normalQuantile(0.95) + normalQuantile(0.9);
    const n = Math.ceil((z * z * (400 + 0.95 ** 2 * 400)) / (0.05 ** 2 * 400));
    expect(result.subjectsPerVariation).toBe(n);
    expect(result.days).toBe(Math.ceil(n / 1_250));
  });

  it('omits days without a daily rate and rejects impossible plans', () => {
    expect(sampleSize({ baselineMean: 1, baselineVariance: 1, minimumDetectableEffect: 0.1 }).days).toBeNull();
    expect(() => sampleSize({ baselineMean: 1, baselineVariance: 1, minimumDetectableEffect: 0 })).toThrow(RangeError);
    expect(() => sampleSize({ baselineMean: 0, baselineVariance: 1, minimumDetectableEffect: 0.1 })).toThrow(
      RangeError,
    );
    expect(() => sampleSize({ baselineMean: 1, baselineVariance: 1, minimumDetectableEffect: 0.1, power: 1 })).toThrow(
      RangeError,
    );
  });
});
