import { useCallback, useRef } from 'react';

/** A function that never changes yet always runs the latest `callback`: memoised children keep it. */
export function useStableCallback<A extends unknown[], R>(callback: (...args: A) => R): (...args: A) => R {
  const latest = useRef(callback);
  latest.current = callback;
  return useCallback((...args: A) => latest.current(...args), []);
}
