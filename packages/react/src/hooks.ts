import type { ClientStatus, FlagDetail, FlagValue, JsonValue, VexilWebClient } from '@vexil/web';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useVexilClient } from './provider.js';

/** Whether two answers for one flag say the same: same value (same object for JSON), variation, reason, error. */
function same(a: FlagDetail, b: FlagDetail): boolean {
  return (
    (Object.is(a.value, b.value) ||
      (typeof a.value === 'object' &&
        typeof b.value === 'object' &&
        JSON.stringify(a.value) === JSON.stringify(b.value))) &&
    a.variation === b.variation &&
    a.reason === b.reason &&
    a.allocation === b.allocation &&
    a.errorCode === b.errorCode
  );
}

interface FlagStore<T extends FlagValue> {
  subscribe(onChange: () => void): () => void;
  snapshot(): FlagDetail<T>;
}

/**
 * One flag of one client as an external store: notified only by `change` events that name the flag, and the
 * same snapshot object as long as the answer is the same — so a component re-renders only when it changes.
 */
function flagStore<T extends FlagValue>(client: VexilWebClient, key: string, defaultValue: T): FlagStore<T> {
  let current: FlagDetail<T> | undefined;
  return {
    subscribe: (onChange) =>
      client.on('change', ({ keys }) => {
        if (keys.includes(key)) onChange();
      }),
    snapshot: () => {
      const next = client.detail(key, defaultValue);
      if (current === undefined || !same(current, next)) current = next;
      return current;
    },
  };
}

/** A default as a dependency: primitives as they are, JSON values by their text (inline literals are new each render). */
const defaultIdentity = (value: FlagValue) =>
  value !== null && typeof value === 'object' ? JSON.stringify(value) : value;

/** The flag's value and why (variation, reason, allocation, error code) for the provider's client and context. */
export function useFlagDetail(key: string, defaultValue: boolean): FlagDetail<boolean>;
export function useFlagDetail(key: string, defaultValue: string): FlagDetail<string>;
export function useFlagDetail(key: string, defaultValue: number): FlagDetail<number>;
export function useFlagDetail<T extends JsonValue>(key: string, defaultValue: T): FlagDetail<T>;
export function useFlagDetail<T extends FlagValue>(key: string, defaultValue: T): FlagDetail<T> {
  const client = useVexilClient();
  const identity = defaultIdentity(defaultValue);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the default counts by its identity, not its object
  const store = useMemo(() => flagStore(client, key, defaultValue), [client, key, identity]);
  // The server's snapshot is the same: a server-side client holds the bootstrap values the page hydrates with.
  return useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot);
}

/**
 * The flag's value for the provider's client and context: the fresh, cached or bootstrap value, or `defaultValue`
 * (never throws, never suspends). The component re-renders when this flag's value changes, and only then.
 */
export function useFlag(key: string, defaultValue: boolean): boolean;
export function useFlag(key: string, defaultValue: string): string;
export function useFlag(key: string, defaultValue: number): number;
export function useFlag<T extends JsonValue>(key: string, defaultValue: T): T;
export function useFlag<T extends FlagValue>(key: string, defaultValue: T): T {
  return useFlagDetail(key, defaultValue as JsonValue).value as T;
}

/** `track(eventKey, value?)` for the provider's client: a stable function, for event handlers. */
export function useTrack(): (eventKey: string, value?: number) => void {
  const client = useVexilClient();
  return useCallback((eventKey: string, value?: number) => client.track(eventKey, value), [client]);
}

/** The client's status: 'loading' (cached, bootstrap or default values meanwhile), 'ready', 'stale' or 'closed'. */
export function useVexilStatus(): ClientStatus {
  const client = useVexilClient();
  const subscribe = useCallback(
    (onChange: () => void) => {
      const off = [client.on('ready', onChange), client.on('stale', onChange), client.on('error', onChange)];
      return () => {
        for (const unsubscribe of off) unsubscribe();
      };
    },
    [client],
  );
  const status = useCallback(() => client.status, [client]);
  return useSyncExternalStore(subscribe, status, status);
}
