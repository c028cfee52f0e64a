const WINDOW_MS = 60_000;

/**
 * Sign-in attempts per minute, counted per client address and per account, so neither one address
 * trying many accounts nor many addresses trying one account get far. A sliding window of attempt
 * times per key. Counts live in this process: with several nodes each allows its own share.
 */
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Records an attempt; returns the seconds to wait when over the limit, else 0. */
  attempt(address: string, account: string, now = Date.now()): number {
    if (this.attempts.size > 10_000) this.sweep(now);
    // An address already refused does not use up the account's allowance (nor lock its owner out).
    const wait = this.take(`address ${address}`, now) || this.take(`account ${account.trim().toLowerCase()}`, now);
    return Math.ceil(wait / 1000);
  }

  private take(key: string, now: number): number {
    const times = (this.attempts.get(key) ?? []).filter((time) => time > now - WINDOW_MS);
    this.attempts.set(key, times);
    if (times.length >= this.perMinute) return (times[0] as number) + WINDOW_MS - now;
    times.push(now);
    return 0;
  }

  private sweep(now: number): void {
    for (const [key, times] of this.attempts) {
      if ((times.at(-1) ?? 0) <= now - WINDOW_MS) this.attempts.delete(key);
    }
  }
}
