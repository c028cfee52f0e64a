import { useEffect, useMemo, useRef } from 'react';

/**
 * `apply` one call at a time: a call made while the previous one is still pending waits for it,
 * and of the calls made meanwhile only the latest runs then. A search typed after the last answer
 * goes at once; typing faster than the server answers sends one search per answer, never a stale
 * one last. Unlike a fixed interval, this never holds back a keystroke the server has time for.
 */
export function oneAtATime<T>(apply: (value: T) => Promise<unknown> | undefined): (value: T) => void {
  let busy = false;
  let queued: { value: T } | undefined;
  const run = (value: T) => {
    busy = true;
    Promise.resolve()
      .then(() => apply(value))
      .catch(() => {
        // The page shows a failed search itself (its query's error); the next one still goes.
      })
      .finally(() => {
        busy = false;
        const next = queued;
        queued = undefined;
        if (next) run(next.value);
      });
  };
  return (value: T) => {
    if (busy) queued = { value };
    else run(value);
  };
}

/** {@link oneAtATime} for a component: the latest `apply` is used, nothing runs after unmount. */
export function useOneAtATime<T>(apply: (value: T) => Promise<unknown> | undefined): (value: T) => void {
  const latest = useRef(apply);
  latest.current = apply;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return useMemo(() => oneAtATime((value: T) => (mounted.current ? latest.current(value) : undefined)), []);
}
