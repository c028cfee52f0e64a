import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from '@vexil/stats';

describe('sample-ratio mismatch (χ² goodness of fit)', () => {
  it('5,000 vs 5,200 at 50/50: χ² = 2·100²/5,100 = 3.92, p ≈ 0.047, not flagged', () => {
    const result = sampleRatioMismatch([5_000, 5_200], [50, 50]);
    expect(result.expected).toEqual([5_100, 5_100]);
    expect(result.chiSquare).toBeCloseTo(20_000 / 5_100, 12);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.pValue).toBeCloseTo(0.0477, 4);
    expect(result.mismatch).toBe(false);
  });

  it('5,000 vs 5,400 at 50/50: χ² = 15.38, p ≈ 8.8e-5 < 0.001, flagged', () => {
    const result = sampleRatioMismatch([5_000, 5_400], [0.5, 0.5]);
    expect(result.chiSquare).toBeCloseTo(80_000 / 5_200, 12);
    expect(result.pValue).toBeCloseTo(8.77e-5, 6);
    expect(result.pValue).toBeLessThan(0.001);
    expect(result.mismatch).toBe(true);
  });

  it('tests k variations against unequal weights with k − 1 degrees of freedom', () => {
    // 20/30/50 of 10,000 → expected 2,000 / 3,000 / 5,000; χ² = 60²/2,000 + 40²/3,000 + 20²/5,000 = 2.4133.
    const result = sampleRatioMismatch([2_060, 2_960, 4_980], [20, 30, 50]);
    expect(result.expected).toEqual([2_000, 3_000, 5_000]);
    expect(result.chiSquare).toBeCloseTo(1.8 + 1_600 / 3_000 + 0.08, 12);
    expect(result.degreesOfFreedom).toBe(2);
    // With 2 degrees of freedom the survival function is e^(−χ²/2).
    expect(result.pValue).toBeCloseTo(Math.exp(-result.chiSquare / 2), 14);
    expect(result.mismatch).toBe(false);
  });

  it('flags subjects in a variation configured at weight 0, and nothing without subjects', () => {
    const leak = sampleRatioMismatch([1_000, 1_000, 3], [50, 50, 0]);
    expect(leak.mismatch).toBe(true);
    expect(leak.pValue).toBe(0);
    const empty = sampleRatioMismatch([0, 0], [1, 1]);
    expect(empty).toMatchObject({ pValue: 1, mismatch: false });
  });

  it('rejects malformed input', () => {
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow(RangeError);
    expect(() => sampleRatioMismatch([1, 2], [0, 0])).toThrow(RangeError);
    expect(() => sampleRatioMismatch([1.5, 2], [1, 1])).toThrow(RangeError);
  });
});
