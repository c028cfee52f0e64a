import { describe, expect, it } from 'vitest';
import { analyzeMetric, cupedAdjust, numericEstimate, type NumericSummary } from '@vexil/stats';
import { Random } from './support/random.js';

interface Subjects {
  x: number[];
  y: number[];
}

function summarize({ x, y }: Subjects): NumericSummary {
  let sum = 0;
  let sumSquares = 0;
  let preSum = 0;
  let preSquares = 0;
  let crossSum = 0;
  for (let i = 0; i < y.length; i++) {
    sum += y[i]!;
    sumSquares += y[i]! ** 2;
    preSum += x[i]!;
    preSquares += x[i]! ** 2;
    crossSum += x[i]! * y[i]!;
  }
  return { subjects: y.length, sum, sumSquares, pre: { sum: preSum, sumSquares: preSquares, crossSum } };
}

function draw(random: Random, n: number, shift: number): Subjects {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const pre = 10 + 3 * random.normal();
    x.push(pre);
    y.push(4 + 0.8 * pre + shift + 2 * random.normal());
  }
  return { x, y };
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const variance = (values: readonly number[]): number => {
  const m = mean(values);
  return values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1);
};

describe('CUPED', () => {
  it('computes θ, adjusted means and variances from sums exactly as from the raw subjects', () => {
    const random = new Random(7);
    const arms = [draw(random, 800, 0), draw(random, 750, 1)];
    const summaries = arms.map(summarize);
    const result = cupedAdjust(summaries.map((s) => ({ estimate: numericEstimate(s), sum: s.sum, pre: s.pre! })));

    // Second method: θ by least squares on values centred within each variation.
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (const { x, y } of arms) {
      const mx = mean(x);
      const my = mean(y);
      for (let i = 0; i < x.length; i++) {
        sxy += (x[i]! - mx) * (y[i]! - my);
        sxx += (x[i]! - mx) ** 2;
        syy += (y[i]! - my) ** 2;
      }
    }
    expect(result.theta).toBeCloseTo(sxy / sxx, 10);
    expect(result.correlation).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 10);
    // True θ = 0.8·9 / 9 = 0.8; ρ² = 0.8²·9 / (0.8²·9 + 4) = 0.59.
    expect(result.theta).toBeCloseTo(0.8, 1);
    expect(result.varianceReduction).toBeCloseTo(0.59, 1);

    const grandMeanX = mean([...arms[0]!.x, ...arms[1]!.x]);
    for (const [i, { x, y }] of arms.entries()) {
      const adjusted = y.map((v, j) => v - result.theta * (x[j]! - grandMeanX));
      expect(result.variations[i]!.mean).toBeCloseTo(mean(adjusted), 10);
      expect(result.variations[i]!.variance).toBeCloseTo(variance(adjusted), 9);
      expect(result.variations[i]!.subjects).toBe(y.length);
    }
    // Pooled, the adjusted variance is (1 − ρ²) times the unadjusted one.
    const pooled = (vs: readonly { variance: number; subjects: number }[]): number =>
      vs.reduce((a, v) => a + v.variance * (v.subjects - 1), 0);
    expect(pooled(result.variations)).toBeCloseTo(
      pooled(summaries.map(numericEstimate)) * (1 - result.varianceReduction),
      6,
    );
  });

  it('leaves the estimates alone when the pre-period has no variance', () => {
    const summaries = [
      { subjects: 100, sum: 500, sumSquares: 3_000, pre: { sum: 0, sumSquares: 0, crossSum: 0 } },
      { subjects: 100, sum: 550, sumSquares: 3_400, pre: { sum: 0, sumSquares: 0, crossSum: 0 } },
    ];
    const result = cupedAdjust(summaries.map((s) => ({ estimate: numericEstimate(s), sum: s.sum, pre: s.pre })));
    expect(result.theta).toBe(0);
    expect(result.varianceReduction).toBe(0);
    expect(result.variations).toEqual(summaries.map(numericEstimate));
  });

  it('shows up in the analysis only when every variation has pre-period sums', () => {
    const random = new Random(11);
    const summaries = [draw(random, 500, 0), draw(random, 500, 0.5)].map(summarize);
    const withPre = analyzeMetric({ kind: 'numeric', variations: summaries });
    expect(withPre.cuped).not.toBeNull();
    expect(withPre.variations[1]!.cuped!.comparison!.standardError).toBeLessThan(
      withPre.variations[1]!.comparison!.standardError,
    );
    const without = analyzeMetric({
      kind: 'numeric',
      variations: [summaries[0]!, { ...summaries[1]!, pre: undefined }],
    });
    expect(without.cuped).toBeNull();
    expect(without.variations[1]!.cuped).toBeNull();
  });
});
