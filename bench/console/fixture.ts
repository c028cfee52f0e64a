/**
 * The console suite's data: N boolean flags in the `default` project, imported in one request
 * through the Eppo import API (the server's own write path for thousands of flags: one
 * transaction, rows inserted in batches), so that 10,000 flags × 3 environments load in seconds.
 *
 * Keys read like a real project's — `<area>-<feature>-<nn>`, sorted the way the list sorts them —
 * so a search narrows the list the way a person's would: `checkout-ledger-` matches 100 flags,
 * `checkout-ledger-3` ten.
 */

export const AREAS = [
  'admin',
  'billing',
  'checkout',
  'mobile',
  'notifications',
  'onboarding',
  'profile',
  'reports',
  'search',
  'sharing',
] as const;

export const FEATURES = [
  'banner',
  'cache',
  'dialog',
  'export',
  'ledger',
  'limits',
  'redesign',
  'retry',
  'sidebar',
  'wizard',
] as const;

/** Flags per (area, feature): keys end in `-00` … `-99`. */
export const PER_FEATURE = 100;

/** The first `count` keys, in the list's order (by key): at most AREAS × FEATURES × PER_FEATURE. */
export function flagKeys(count: number): string[] {
  const keys: string[] = [];
  for (const area of AREAS)
    for (const feature of FEATURES)
      for (let n = 0; n < PER_FEATURE; n++) keys.push(`${area}-${feature}-${String(n).padStart(2, '0')}`);
  if (count > keys.length) throw new Error(`at most ${keys.length} flags`);
  return keys.slice(0, count).sort();
}

interface UfcFlag {
  key: string;
  enabled: boolean;
  variationType: 'BOOLEAN';
  variations: Record<string, { key: string; value: boolean }>;
  allocations: { key: string; splits: { variationKey: string; shards: never[] }[]; doLog: boolean }[];
  totalShards: number;
}

/** An Eppo UFC document (SERVER format) with one boolean flag per key: on for everyone, off in a third of them. */
export function ufcDocument(keys: readonly string[]): { format: 'SERVER'; flags: Record<string, UfcFlag> } {
  const flags: Record<string, UfcFlag> = {};
  keys.forEach((key, index) => {
    flags[key] = {
      key,
      enabled: index % 3 !== 0,
      variationType: 'BOOLEAN',
      variations: { on: { key: 'on', value: true }, off: { key: 'off', value: false } },
      allocations: [{ key: 'everyone', splits: [{ variationKey: 'on', shards: [] }], doLog: false }],
      totalShards: 10_000,
    };
  });
  return { format: 'SERVER', flags };
}

/** The keys a search matches (case-insensitive, anywhere in the key), in the list's order. */
export function matching(keys: readonly string[], q: string): string[] {
  const needle = q.toLowerCase();
  return keys.filter((key) => key.toLowerCase().includes(needle));
}
