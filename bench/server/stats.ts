/** Small numeric helpers shared by the server benchmark's parts. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The value at quantile q (0–1) of ascending values (nearest rank). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function int(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : '—';
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : integer.format(value);
}

export function kib(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 1024).toFixed(1) : '—';
}

export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / (1024 * 1024)).toFixed(1) : '—';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * How fast this machine runs a fixed piece of JavaScript right now (µs per JSON round trip of a
 * ~9 kB document; median of 5 slices of ~60 ms). Host-level contention — a busy hypervisor — is
 * invisible to /proc/stat, but shows here as a higher figure; compare it between runs.
 */
export function calibrate(document: unknown): number {
  const slices: number[] = [];
  for (let slice = 0; slice < 6; slice++) {
    let n = 0;
    const started = performance.now();
    while (performance.now() - started < 60) {
      JSON.parse(JSON.stringify(document));
      n++;
    }
    if (slice > 0) slices.push(((performance.now() - started) * 1000) / n);
  }
  return median(slices);
}
