/**
 * Exponential backoff with full jitter: a random delay below a ceiling that doubles from
 * `initialMs` up to `maxMs` (1 s, 2 s, 4 s, … 30 s by default), so that a fleet of clients does not
 * come back in step. A connection that stayed healthy for `resetAfterMs` starts the sequence again.
 */
export class Backoff {
  private attempt = 0;
  private healthySince: number | undefined;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly resetAfterMs: number,
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
