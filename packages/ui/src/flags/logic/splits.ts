import { BUCKETS, percentToBuckets, type WeightedVariation } from '@vexil/engine';

/**
 * Split weights. The model stores each weight as a percentage (0–100) with a resolution of
 * 0.01 %, i.e. one of the engine's 10,000 buckets. Arithmetic here is done in whole buckets, so
 * sums are exact (33.33 + 33.33 + 33.34 is 10,000 buckets, never 99.99999999999999 %), and a
 * weight goes back to a percentage by one division, which yields the same number a person types.
 */

/** A percentage as whole buckets (hundredths of a percent). */
export function weightToBuckets(percent: number): number {
  return percentToBuckets(percent);
}

/** Whole buckets as the stored percentage: 3333 → 33.33. */
export function bucketsToWeight(buckets: number): number {
  return buckets / (BUCKETS / 100);
}

/** The sum of a split's weights, in percent, without floating-point drift. */
export function splitTotal(split: readonly WeightedVariation[]): number {
  return bucketsToWeight(split.reduce((total, share) => total + weightToBuckets(share.weight), 0));
}

/** What is left to reach 100 % (negative when the weights add up to more). */
export function splitRemainder(split: readonly WeightedVariation[]): number {
  return bucketsToWeight(BUCKETS - split.reduce((total, share) => total + weightToBuckets(share.weight), 0));
}

/**
 * Why the split cannot be saved, in the engine's words, or null. A weight must be a percentage
 * with at most two decimals, and the weights must add up to exactly 100.
 */
export function splitProblem(split: readonly WeightedVariation[]): string | null {
  if (split.length === 0) return 'needs at least one variation';
  for (const share of split) {
    const problem = weightProblem(share.weight);
    if (problem) return `${share.variation}: ${problem}`;
  }
  const total = splitTotal(split);
  return total === 100 ? null : `weights must sum to 100, not ${total}`;
}

/** Whether the split can be saved: every weight valid and the sum exactly 100 %. */
export function isValidSplit(split: readonly WeightedVariation[]): boolean {
  return splitProblem(split) === null;
}

/** Why a number is not a weight (0–100 with at most two decimals), or null. */
export function weightProblem(percent: number): string | null {
  if (!(Number.isFinite(percent) && percent >= 0 && percent <= 100)) return 'must be a percentage from 0 to 100';
  // The same tolerance as the engine: 33.33 is stored as 33.329999… and must still pass.
  if (Math.abs(percent * 100 - Math.round(percent * 100)) > 1e-6) return 'has a resolution of 0.01 %';
  return null;
}

/**
 * An even split over `variations`, summing to exactly 100 %. Buckets that do not divide evenly
 * go one each to the first variations, so three variations get 33.34 / 33.33 / 33.33.
 */
export function evenSplit(variations: readonly string[]): WeightedVariation[] {
  const base = Math.floor(BUCKETS / variations.length);
  const extra = BUCKETS - base * variations.length;
  return variations.map((variation, index) => ({
    variation,
    weight: bucketsToWeight(base + (index < extra ? 1 : 0)),
  }));
}

/** A weight as the percentage people read and type: 50 → "50", 33.3 → "33.3", 12.5 → "12.5". */
export function formatWeight(percent: number): string {
  return String(bucketsToWeight(weightToBuckets(percent)));
}

export type ParsedWeight = { ok: true; weight: number } | { ok: false; message: string };

/** A typed percentage ("33.33", "50 %", "12,5") as a stored weight, or why it is not one. */
export function parseWeight(text: string): ParsedWeight {
  const input = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^\d+(?:\.\d*)?$|^\.\d+$/.test(input)) return { ok: false, message: 'must be a percentage from 0 to 100' };
  const percent = Number(input);
  const problem = weightProblem(percent);
  return problem ? { ok: false, message: problem } : { ok: true, weight: bucketsToWeight(weightToBuckets(percent)) };
}
