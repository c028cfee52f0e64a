import type { Context } from './types.js';

type OutgoingEvent =
  | { kind: 'exposure'; flag: string; variation: string; allocation?: string; context: Context; timestamp: number }
  | { kind: 'custom'; key: string; value?: number; context: Context; timestamp: number }
  | { kind: 'context'; context: Context; timestamp: number };

/** A keepalive request may carry 64 KiB (all of a page's in flight together): batches stay below it. */
const MAX_BATCH_CHARS = 60_000;
const MAX_QUEUED = 1000;

export interface EventSettings {
  url: string;
  clientKey: string;
  fetch: typeof fetch;
  flushIntervalMs: number;
  flushBatchSize: number;
}

/**
 * Exposures, contexts and custom events, sent in batches to `POST /sdk/v1/events`. Always with
 * `fetch(…, { keepalive: true })`, never `sendBeacon`: the events endpoint takes the key only in the
 * Authorization header, which a beacon cannot send, while a keepalive request outlives the page as a
 * beacon does. Exposures are sent once per context, flag and variation for the client's lifetime.
 */
export class EventQueue {
  private queue: OutgoingEvent[] = [];
  private readonly seen = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly settings: EventSettings) {
    this.timer = setInterval(() => void this.flush(), settings.flushIntervalMs);
  }

  /** Once per context and session: the users list learns who saw the page. */
  context(context: Context, contextId: string): void {
    if (this.once(`c\n${contextId}`)) this.push({ kind: 'context', context, timestamp: Date.now() });
  }

  exposure(flag: string, variation: string, allocation: string | undefined, context: Context, contextId: string): void {
    if (!this.once(`e\n${contextId}\n${flag}\n${variation}`)) return;
    const event: OutgoingEvent = { kind: 'exposure', flag, variation, context, timestamp: Date.now() };
    if (allocation !== undefined) event.allocation = allocation;
    this.push(event);
  }

  custom(key: string, value: number | undefined, context: Context): void {
    const event: OutgoingEvent = { kind: 'custom', key, context, timestamp: Date.now() };
    if (typeof value === 'number' && Number.isFinite(value)) event.value = value;
    this.push(event);
  }

  flush(): Promise<void> {
    this.sending = this.sending.then(() => this.send());
    return this.sending;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    this.queue = [];
  }

  private once(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    return true;
  }

  private push(event: OutgoingEvent): void {
    if (this.timer === undefined) return;
    this.queue.push(event);
    if (this.queue.length > MAX_QUEUED) this.queue.shift();
    if (this.queue.length >= this.settings.flushBatchSize) void this.flush();
  }

  private async send(): Promise<void> {
    while (this.queue.length > 0) {
      let size = 12;
      let count = 0;
      while (count < this.queue.length && count < this.settings.flushBatchSize) {
        size += JSON.stringify(this.queue[count]).length + 1;
        if (size > MAX_BATCH_CHARS && count > 0) break;
        count++;
      }
      const batch = this.queue.splice(0, count);
      let status = 0;
      try {
        const response = await this.settings.fetch(this.settings.url, {
          method: 'POST',
          headers: { authorization: this.settings.clientKey, 'content-type': 'application/json' },
          body: JSON.stringify({ events: batch }),
          keepalive: true,
        });
        status = response.status;
      } catch {
        // unreachable: kept for the next flush
      }
      // Unreachable or failing: keep the batch (bounded). A 4xx other than 408/429 would fail again: dropped.
      if (status === 0 || status === 408 || status === 429 || status >= 500) {
        this.queue = [...batch, ...this.queue].slice(-MAX_QUEUED);
        return;
      }
    }
  }
}
