/**
 * Capping (winsorizing) a numeric metric at a percentile, so that a few extreme subjects cannot dominate the mean
 * and its variance (Kohavi, Tang & Xu, "Trustworthy online controlled experiments", 2020). The server caps
 * per-subject values before summing them; this helper does the same for an array of per-subject values.
 */

/**
 * The p-quantile (0 ≤ p ≤ 1) of `values` by linear interpolation between order statistics (Hyndman & Fan's
 * definition 7, the default of R and NumPy).
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Caps every value above the p-quantile at that quantile; returns the cap and the capped values (a new array). */
export function capAtPercentile(values: readonly number[], p: number): { cap: number; values: number[] } {
  const cap = percentile(values, p);
  return { cap, values: values.map((v) => Math.min(v, cap)) };
}
