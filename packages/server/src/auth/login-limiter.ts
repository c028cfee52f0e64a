const WINDOW_MS = 60_000;

/**
 * Failed sign-ins per minute, counted per client address and per account, so neither one address
 * trying many accounts nor many addresses trying one account get far. Only failures count: people
 * who know their password are never held back, guessing is. A sliding window of failure times per
 * key. Counts live in this process: with several nodes each allows its own share.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Seconds to wait before this address may try this account again; 0 when it may now. */
  wait(address: string, account: string, now = Date.now()): number {
    const until = Math.max(this.blockedUntil(addressKey(address), now), this.blockedUntil(accountKey(account), now));
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  failed(address: string, account: string, now = Date.now()): void {
    if (this.failures.size > 10_000) this.sweep(now);
    for (const key of [addressKey(address), accountKey(account)])
      this.failures.set(key, [...this.recent(key, now), now]);
  }

  private blockedUntil(key: string, now: number): number {
    const times = this.recent(key, now);
    return times.length >= this.perMinute ? (times[times.length - this.perMinute] as number) + WINDOW_MS : 0;
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((time) => time > now - WINDOW_MS);
  }

  private sweep(now: number): void {
    for (const [key, times] of this.failures) {
      if ((times.at(-1) ?? 0) <= now - WINDOW_MS) this.failures.delete(key);
    }
  }
}

const addressKey = (address: string) => `address ${address}`;
const accountKey = (account: string) => `account ${account.trim().toLowerCase()}`;
