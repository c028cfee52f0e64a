import { md5Prefix32 } from './hash/md5.js';
import { bucketOf, murmur3WithPrefix } from './hash/murmur3.js';
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
