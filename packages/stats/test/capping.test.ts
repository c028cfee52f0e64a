import { describe, expect, it } from 'vitest';
import { capAtPercentile, percentile } from '@vexil/stats';

describe('capping at a percentile', () => {
  it('interpolates between order statistics (R type 7)', () => {
    // R: quantile(c(1, 2, 3, 4, 100), c(0, 0.5, 0.9, 1)) → 1, 3, 61.6, 100.
    const values = [100, 3, 1, 4, 2];
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 0.5)).toBe(3);
    expect(percentile(values, 0.9)).toBeCloseTo(61.6, 12);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile([], 0.5)).toBeNaN();
    expect(() => percentile(values, 1.5)).toThrow(RangeError);
  });

  it('caps only the values above the percentile and leaves the input alone', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1).concat([10_000]);
    const { cap, values: capped } = capAtPercentile(values, 0.99);
    expect(cap).toBe(100);
    expect(capped.at(-1)).toBe(100);
    expect(capped.slice(0, 100)).toEqual(values.slice(0, 100));
    expect(values.at(-1)).toBe(10_000);
  });
});
