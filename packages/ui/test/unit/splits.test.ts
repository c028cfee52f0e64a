import { validateFlag, type WeightedVariation } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import {
  bucketsToWeight,
  evenSplit,
  formatWeight,
  isValidSplit,
  parseWeight,
  splitProblem,
  splitRemainder,
  splitTotal,
  weightProblem,
  weightToBuckets,
} from '../../src/flags/logic/splits';

const split = (...weights: number[]): WeightedVariation[] =>
  weights.map((weight, index) => ({ variation: `v${index}`, weight }));

/** Whether the server would save a flag whose fallthrough is this split. */
function engineAccepts(weights: WeightedVariation[]): boolean {
  const variations = weights.map((share) => ({ key: share.variation, value: share.variation }));
  const flag = {
    key: 'f',
    type: 'string',
    variations: [...variations, { key: 'spare', value: 'spare' }],
    on: true,
    fallthrough: { split: weights },
  };
  return validateFlag(flag, { flag: () => undefined, segment: () => undefined }).length === 0;
}

describe('weights and buckets', () => {
  it.each([
    [0, 0],
    [0.01, 1],
    [33.33, 3333],
    [50, 5000],
    [100, 10_000],
  ])('%s % is %s buckets and back', (percent, buckets) => {
    expect(weightToBuckets(percent)).toBe(buckets);
    expect(bucketsToWeight(buckets)).toBe(percent);
  });

  it('round-trips every hundredth of a percent without drift', () => {
    for (let buckets = 0; buckets <= 10_000; buckets++) {
      expect(weightToBuckets(bucketsToWeight(buckets))).toBe(buckets);
      expect(parseWeight(formatWeight(bucketsToWeight(buckets)))).toEqual({
        ok: true,
        weight: bucketsToWeight(buckets),
      });
    }
  });
});

describe('splitTotal and splitRemainder', () => {
  it.each([
    [[50, 50], 100, 0],
    [[33.33, 33.33, 33.34], 100, 0],
    [[0.1, 0.2, 99.7], 100, 0],
    [[60, 30], 90, 10],
    [[70, 40], 110, -10],
    [[], 0, 100],
  ])('%j sums to %s with %s left', (weights, total, remainder) => {
    expect(splitTotal(split(...weights))).toBe(total);
    expect(splitRemainder(split(...weights))).toBe(remainder);
  });
});

describe('splitProblem and isValidSplit', () => {
  it.each([
    [[50, 50], null],
    [[33.33, 33.33, 33.34], null],
    [[100], null],
    [[60, 30], 'weights must sum to 100, not 90'],
    [[], 'needs at least one variation'],
    [[50.005, 49.995], 'v0: has a resolution of 0.01 %'],
    [[-10, 110], 'v0: must be a percentage from 0 to 100'],
  ])('%j → %s, as the engine decides', (weights, problem) => {
    expect(splitProblem(split(...weights))).toBe(problem);
    expect(isValidSplit(split(...weights))).toBe(problem === null);
    if (weights.length > 0) expect(engineAccepts(split(...weights))).toBe(problem === null);
  });
});

describe('weightProblem', () => {
  it.each([
    [0, null],
    [12.5, null],
    [33.33, null],
    [100, null],
    [100.01, 'must be a percentage from 0 to 100'],
    [Number.NaN, 'must be a percentage from 0 to 100'],
    [1.234, 'has a resolution of 0.01 %'],
  ])('%s → %s', (percent, problem) => {
    expect(weightProblem(percent)).toBe(problem);
  });
});

describe('evenSplit', () => {
  it.each([
    [1, [100]],
    [2, [50, 50]],
    [3, [33.34, 33.33, 33.33]],
    [6, [16.67, 16.67, 16.67, 16.67, 16.66, 16.66]],
    [7, [14.29, 14.29, 14.29, 14.29, 14.28, 14.28, 14.28]],
  ])('over %s variations gives %j', (count, weights) => {
    const variations = Array.from({ length: count }, (_, index) => `v${index}`);
    const even = evenSplit(variations);
    expect(even).toEqual(split(...weights));
    expect(isValidSplit(even)).toBe(true);
    expect(engineAccepts(even)).toBe(true);
  });

  it('sums to exactly 100 % for any number of variations up to 200', () => {
    for (let count = 1; count <= 200; count++) {
      const even = evenSplit(Array.from({ length: count }, (_, index) => `v${index}`));
      expect(splitRemainder(even)).toBe(0);
    }
  });
});

describe('formatWeight and parseWeight', () => {
  it.each([
    [50, '50'],
    [33.33, '33.33'],
    [12.5, '12.5'],
    [0.1 + 0.2, '0.3'],
  ])('%s reads "%s"', (percent, text) => {
    expect(formatWeight(percent)).toBe(text);
  });

  it.each([
    ['50', 50],
    [' 33.33 % ', 33.33],
    ['12,5', 12.5],
    ['0', 0],
    ['.5', 0.5],
  ])('"%s" is the weight %s', (text, weight) => {
    expect(parseWeight(text)).toEqual({ ok: true, weight });
  });

  it.each([
    ['', 'must be a percentage from 0 to 100'],
    ['fifty', 'must be a percentage from 0 to 100'],
    ['-5', 'must be a percentage from 0 to 100'],
    ['100.5', 'must be a percentage from 0 to 100'],
    ['33.333', 'has a resolution of 0.01 %'],
  ])('"%s" is refused: %s', (text, message) => {
    expect(parseWeight(text)).toEqual({ ok: false, message });
  });
});
