/**
 * Exponential backoff with full jitter (a random delay up to 1 s, 2 s, 4 s, … capped at 30 s).
 * A connection that stayed healthy for a minute starts the sequence again.
 */
export class Backoff {
  private attempt = 0;
  private healthySince: number | undefined;

  constructor(
    private readonly initialMs = 1000,
    private readonly maxMs = 30_000,
    private readonly resetAfterMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  connected(now = Date.now()): void {
    this.healthySince = now;
  }

  /** The delay before the next attempt, after a failure or a disconnection. */
  next(now = Date.now()): number {
    if (this.healthySince !== undefined && now - this.healthySince >= this.resetAfterMs) this.attempt = 0;
    this.healthySince = undefined;
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(this.random() * ceiling);
  }
}
