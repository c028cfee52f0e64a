import type { EventSourceConstructor, EventSourceLike } from './types.js';

/**
 * The delay before attempt `attempt` (0, 1, …): a ceiling doubling from `initialMs` to `maxMs`,
 * with jitter over its upper half, so a fleet of pages that lost the server does not come back in step.
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

export interface UpdateSettings {
  EventSource: EventSourceConstructor | undefined;
  pollIntervalMs: number;
  failuresBeforePolling: number;
  reconnectDelayMs: number;
  maxReconnectDelayMs: number;
}

/**
 * Tells the client when to fetch again: on each change notification of the OFREP event stream
 * (`refetchEvaluation`, with the revision reached), and on a timer while there is no stream
 * (none advertised, no EventSource, streaming off, or one that failed `failuresBeforePolling` times
 * in a row, as behind proxies that cut long responses). A failed stream is reopened with backoff,
 * and polling stops once it holds again.
 */
export class Updates {
  private source: EventSourceLike | undefined;
  private url: string | undefined;
  private failures = 0;
  private reconnect: ReturnType<typeof setTimeout> | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    private readonly settings: UpdateSettings,
    private readonly refetch: (revision?: string) => void,
  ) {}

  /** Starts listening to `url` (the advertised stream), or polling when there is none. Idempotent. */
  start(url: string | undefined): void {
    if (this.closed) return;
    if (url === undefined || this.settings.EventSource === undefined) {
      this.polling(true);
      return;
    }
    if (url === this.url) return;
    this.url = url;
    this.stop();
    this.open();
  }

  /** True while polling (no stream, or a failing one). */
  get isPolling(): boolean {
    return this.poll !== undefined;
  }

  close(): void {
    this.closed = true;
    this.stop();
    this.polling(false);
  }

  private open(): void {
    const EventSource = this.settings.EventSource as EventSourceConstructor;
    const source = new EventSource(this.url as string);
    this.source = source;
    source.onopen = () => {
      // After a failure the client may have missed changes: fetch (the server also says so on connect).
      if (this.failures > 0) this.refetch();
      this.failures = 0;
      this.polling(false);
    };
    source.onmessage = (event) => {
      try {
        const message = JSON.parse(String(event.data)) as { type?: unknown; etag?: unknown };
        if (message.type === 'refetchEvaluation')
          this.refetch(typeof message.etag === 'string' ? message.etag : undefined);
      } catch {
        // not a message of ours
      }
    };
    source.onerror = () => {
      // Reconnection is ours (backoff and jitter), not the browser's fixed delay.
      this.stop();
      this.failures++;
      if (this.failures === 1) this.refetch();
      if (this.failures >= this.settings.failuresBeforePolling) this.polling(true);
      const delay = backoffDelay(this.failures - 1, this.settings.reconnectDelayMs, this.settings.maxReconnectDelayMs);
      this.reconnect = setTimeout(() => {
        this.reconnect = undefined;
        if (!this.closed) this.open();
      }, delay);
    };
  }

  private stop(): void {
    if (this.source) {
      this.source.onopen = this.source.onmessage = this.source.onerror = null;
      this.source.close();
      this.source = undefined;
    }
    clearTimeout(this.reconnect);
    this.reconnect = undefined;
  }

  private polling(on: boolean): void {
    if (on && this.poll === undefined && !this.closed)
      this.poll = setInterval(() => this.refetch(), this.settings.pollIntervalMs);
    if (!on && this.poll !== undefined) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }
}
