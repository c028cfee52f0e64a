import type { Evaluations } from './evaluations.js';
import type { CacheStore, Context } from './types.js';

/** What is kept per context: the results, and the ETag and stream URL of the answer they came from. */
export interface CachedValues {
  flags: Evaluations;
  etag?: string;
  streamUrl?: string;
}

/** Contexts whose values are kept per client key; the least recently used is dropped first. */
const CONTEXTS_KEPT = 5;
const PREFIX = 'vexil:';

/**
 * A 64-bit hash (two 32-bit multiply-xorshift lanes), as text. Enough to tell contexts apart on one
 * device, and it keeps e-mail addresses and other attributes out of storage key names.
 */
export function hash(text: string): string {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0xcc9e2d51);
    b = Math.imul(b ^ c, 0x1b873593);
    a = (a << 13) | (a >>> 19);
    b = (b << 17) | (b >>> 15);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}

/** JSON with object keys sorted, so the same context written in another order is the same context. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** localStorage, when the page may use it (it throws in some private modes and sandboxed frames). */
export function defaultStore(): CacheStore | undefined {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return undefined;
    return {
      get: (key) => storage.getItem(key),
      set: (key, value) => storage.setItem(key, value),
      remove: (key) => storage.removeItem(key),
    };
  } catch {
    return undefined;
  }
}

/** The last values per client key and context. Every failure of the store is ignored: it is only a cache. */
export class ValuesCache {
  private readonly index: string;

  constructor(
    private readonly store: CacheStore | undefined,
    private readonly clientKey: string,
  ) {
    this.index = `${PREFIX}${hash(clientKey)}`;
  }

  keyOf(context: Context): string {
    return `${this.index}:${hash(`${this.clientKey}\n${canonicalJson(context)}`)}`;
  }

  read(key: string): CachedValues | undefined {
    try {
      const text = this.store?.get(key);
      const cached = text ? (JSON.parse(text) as CachedValues) : undefined;
      return cached && typeof cached.flags === 'object' && cached.flags !== null ? cached : undefined;
    } catch {
      return undefined;
    }
  }

  write(key: string, values: CachedValues): void {
    const store = this.store;
    if (!store) return;
    try {
      store.set(key, JSON.stringify(values));
      const known = JSON.parse(store.get(this.index) ?? '[]') as string[];
      const kept = [key, ...known.filter((other) => other !== key)];
      for (const dropped of kept.splice(CONTEXTS_KEPT)) store.remove?.(dropped);
      store.set(this.index, JSON.stringify(kept));
    } catch {
      // full or unavailable: the next page load starts from the server
    }
  }
}
