import { describe, expect, it } from 'vitest';
import { analyzeMetric, sequentialEstimate } from '@vexil/stats';

describe('analyzeMetric', () => {
  const input = {
    kind: 'conversion' as const,
    variations: [
      { subjects: 10_000, conversions: 1_000 },
      { subjects: 10_000, conversions: 1_100 },
      { subjects: 9_900, conversions: 940 },
    ],
  };

  it('reports every figure of the results page for each variation against control', () => {
    const result = analyzeMetric(input, { plannedSubjectsPerVariation: 31_081 });
    expect(result.kind).toBe('conversion');
    expect(result.cuped).toBeNull();
    const [control, winner, loser] = result.variations;
    expect(control).toMatchObject({
      subjects: 10_000,
      conversions: 1_000,
      mean: 0.1,
      isControl: true,
      comparison: null,
    });
    const comparison = winner!.comparison!;
    expect(comparison.lift).toBeCloseTo(0.1, 12);
    expect(comparison.pValue).toBeCloseTo(0.0279, 4);
    expect(comparison.interval.lower).toBeCloseTo(0.0109, 4);
    expect(comparison.interval.upper).toBeCloseTo(0.1891, 4);
    expect(comparison.chanceToBeatControl).toBeCloseTo(0.9895, 3);
    // The always-valid interval is wider: at a third of the planned size the +10 % is not yet conclusive.
    expect(comparison.sequential).toEqual(
      sequentialEstimate(comparison.lift, comparison.standardError, { subjects: 10_000, plannedSubjects: 31_081 }),
    );
    expect(comparison.sequential!.interval.lower).toBeLessThan(0);
    expect(comparison.sequential!.pValue).toBeGreaterThan(0.05);
    expect(loser!.comparison!.lift).toBeLessThan(0);
    expect(loser!.comparison!.chanceToBeatControl).toBeLessThan(0.5);
  });

  it('honours the control index, direction and a prior; results are plain JSON', () => {
    const result = analyzeMetric(input, { control: 1, direction: 'lower', priorStdDev: 0.05, alpha: 0.1 });
    expect(result.control).toBe(1);
    expect(result.variations[1]!.isControl).toBe(true);
    const first = result.variations[0]!.comparison!;
    expect(first.lift).toBeCloseTo(1 / 1.1 - 1, 12);
    expect(first.chanceToBeatControl).toBeGreaterThan(0.9); // lower is better, and it is lower
    expect(first.sequential).toBeNull();
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('returns no comparison for a variation without data', () => {
    const result = analyzeMetric({
      kind: 'numeric',
      variations: [
        { subjects: 50, sum: 100, sumSquares: 400 },
        { subjects: 0, sum: 0, sumSquares: 0 },
      ],
    });
    expect(result.variations[1]).toMatchObject({ subjects: 0, mean: 0, comparison: null });
  });

  it('rejects a control outside the variations and a non-positive plan', () => {
    expect(() => analyzeMetric(input, { control: 3 })).toThrow(RangeError);
    expect(() => analyzeMetric(input, { plannedSubjectsPerVariation: 0 })).toThrow(RangeError);
  });
});
