/// <reference lib="dom" />
/**
 * What the console suite runs inside the page. Playwright serialises these functions into the
 * page, so each is self-contained; they time with the page's own clock (`performance.now()`,
 * event timestamps), so the driver's round trips over the DevTools protocol are not counted.
 */

declare global {
  interface Window {
    __vexilBench?: { listInteractive?: number };
    __vexilMeasure?: Promise<number>;
  }
}

/** Installed before the page's own scripts: notes when rows and the search box are first in the page. */
export function watchListInteractive(): void {
  window.__vexilBench = {};
  const check = () => {
    if (window.__vexilBench?.listInteractive !== undefined) return;
    const search = document.querySelector('input[type="search"]') as HTMLInputElement | null;
    if (search && !search.disabled && document.querySelector('tr[data-flag]'))
      window.__vexilBench = { listInteractive: performance.now() };
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
}

/** Arms a measurement: from the next `trigger` event until `done()` first holds, re-checked on every DOM change. */
export function arm({ trigger, kind, key, expectedCount, want, timeoutMs }: ArmArgs): void {
  window.__vexilMeasure = new Promise<number>((resolvePromise, reject) => {
    let start: number | undefined;
    const row = () => document.querySelector(`tr[data-flag="${key}"]`);
    const done = (): boolean => {
      if (kind === 'search') {
        const first = document.querySelector('tr[data-flag]')?.getAttribute('data-flag');
        const count = document.querySelector('[data-testid="flag-count"]')?.textContent ?? '';
        return first === key && count.startsWith(`${expectedCount} `);
      }
      if (kind === 'toggle') {
        const input = row()?.querySelector('input[role="switch"]') as HTMLInputElement | null | undefined;
        return input?.checked === want && row()?.querySelector('[data-pending]') === null;
      }
      return (
        window.location.pathname.endsWith(`/flags/${key}`) &&
        Array.from(document.querySelectorAll('h1')).some((heading) => heading.textContent?.includes(key))
      );
    };
    const observer = new MutationObserver(() => {
      if (start === undefined || !done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolvePromise(performance.now() - start);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${kind} of ${key} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    window.addEventListener(trigger, (event) => (start = event.timeStamp), { capture: true, once: true });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

export interface ArmArgs {
  trigger: 'keydown' | 'click';
  kind: 'search' | 'toggle' | 'flag-page';
  key: string;
  expectedCount?: number;
  want?: boolean;
  timeoutMs: number;
}
