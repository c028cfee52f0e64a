import { md5Prefix32 } from './hash/md5.js';
import { bucketOf, murmur3WithPrefix } from './hash/murmur3.js';
import { ConfigError } from './config-error.js';
import type { Shard, WeightedVariation } from './model.js';

/**
 * Deterministic bucketing (PRODUCT.md §1): bucket = murmur3(salt + "." + value) mod 10,000.
 * Exposure and splits are ranges of buckets, so raising a rollout keeps everyone already in it,
 * and changing split weights moves only the contexts between the old and new boundaries.
 * Exposure hashes with its own salt (`<salt>.exposure`) so that who is exposed and which side of
 * a split they get are independent.
 */
export const BUCKETS = 10_000;

export type Bucketer = (value: string) => number;

export function splitBucket(salt: string, value: string): number {
  return bucketOf(salt, value, BUCKETS);
}

export function exposureBucket(salt: string, value: string): number {
  return bucketOf(`${salt}.exposure`, value, BUCKETS);
}

/** `splitBucket` with the salt hashed once, for compiled flags. */
export function splitBucketer(salt: string): Bucketer {
  const hash = murmur3WithPrefix(`${salt}.`);
  return (value) => hash(value) % BUCKETS;
}

/** `exposureBucket` with the salt hashed once, for compiled flags. */
export function exposureBucketer(salt: string): Bucketer {
  const hash = murmur3WithPrefix(`${salt}.exposure.`);
  return (value) => hash(value) % BUCKETS;
}

/** A percentage (0–100, 0.01 % resolution) as a number of buckets. */
export function percentToBuckets(percent: number): number {
  return Math.round(percent * (BUCKETS / 100));
}

/** Why `value` is not a percentage Vexil can bucket (0–100, at most two decimals), or undefined. */
export function percentageProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !(value >= 0 && value <= 100)) return 'must be a percentage from 0 to 100';
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return 'has a resolution of 0.01 %';
  return undefined;
}

/** Every problem with a split's weights, located inside the split; none means the split is usable. */
export function splitProblems(split: unknown): ConfigError[] {
  if (!Array.isArray(split) || split.length === 0) return [new ConfigError('needs at least one variation')];
  const problems: ConfigError[] = [];
  let total = 0;
  split.forEach((share: unknown, index) => {
    const weight = (share as { weight?: unknown } | null)?.weight;
    const problem = percentageProblem(weight);
    if (problem) problems.push(new ConfigError(problem, [index, 'weight']));
    else total += weight as number;
  });
  if (problems.length === 0 && Math.abs(total - 100) > 1e-6) {
    problems.push(new ConfigError(`weights must sum to 100, not ${Math.round(total * 100) / 100}`));
  }
  return problems;
}

/** Upper bounds (exclusive) of each variation's bucket range, in order; the last is BUCKETS. */
export function splitBounds(split: WeightedVariation[]): number[] {
  let total = 0;
  return split.map((share, index) => {
    total += share.weight;
    return index === split.length - 1 ? BUCKETS : percentToBuckets(total);
  });
}

/** Eppo's sharding: md5(salt + "-" + subject key), first 4 bytes, mod totalShards; in any range of every shard. */
export function inShards(shards: Shard[], value: string, totalShards: number): boolean {
  for (const shard of shards) {
    const position = md5Prefix32(`${shard.salt}-${value}`) % totalShards;
    if (!shard.ranges.some((range) => range.start <= position && position < range.end)) return false;
  }
  return true;
}
