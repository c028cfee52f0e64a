import { useCallback, useEffect, useRef } from 'react';

/**
 * `apply` at most once per `intervalMs`: the first call after a pause runs at once (a single
 * keystroke is answered without waiting), calls during the interval collapse into one at its end,
 * and the last call always runs — so typing fast sends a few searches, never a stale one last.
 */
export function useThrottled<T>(apply: (value: T) => void, intervalMs: number): (value: T) => void {
  const latest = useRef(apply);
  latest.current = apply;
  const lastRun = useRef(Number.NEGATIVE_INFINITY);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(
    (value: T) => {
      clearTimeout(timer.current);
      const run = () => {
        lastRun.current = performance.now();
        latest.current(value);
      };
      const wait = lastRun.current + intervalMs - performance.now();
      if (wait <= 0) run();
      else timer.current = setTimeout(run, wait);
    },
    [intervalMs],
  );
}
