import type { EvaluationContext, EvaluationResult } from '@vexil/engine';
import type { Settings } from '../options.js';
import type { HttpClient } from '../transport/http-client.js';
import { HttpError, httpError, USER_AGENT } from '../transport/requests.js';
import { contextIdentity, contextKinds, redactContext } from './contexts.js';
import { EvaluationCounts, type EvaluationCount } from './evaluation-counts.js';
import { SeenContexts } from './seen-contexts.js';

/** The events of `POST /sdk/v1/events` (docs/sdk-protocol.md). */
export type OutgoingEvent =
  | {
      kind: 'exposure';
      flag: string;
      variation: string;
      allocation?: string;
      context: EvaluationContext;
      timestamp: number;
    }
  | { kind: 'custom'; key: string; value?: number; context: EvaluationContext; timestamp: number }
  | { kind: 'summary'; startDate: number; endDate: number; counters: EvaluationCount[] }
  | { kind: 'context'; context: EvaluationContext; timestamp: number };

/** Exposures already sent, per context, flag and variation; bounded, least recently seen first out. */
const EXPOSURE_MEMORY = 10_000;
/** A batch that gets no complete answer in this time fails (and stays queued). */
const REQUEST_TIMEOUT_MS = 10_000;
/** Counts per summary event (the server's limit per event). */
const MAX_COUNTS_PER_SUMMARY = 10_000;

/**
 * Buffers what evaluations and `track()` produce and sends it in batches. Recording is cheap and
 * synchronous (no I/O, no logging; nothing is built per evaluation except for a context not yet
 * recorded or a tracked allocation's exposure); sending happens on a timer, when the queue reaches
 * a batch, and on flush()/close().
 */
export class EventProcessor {
  private queue: OutgoingEvent[] = [];
  private dropped = 0;
  private readonly counts = new EvaluationCounts();
  private summaryStart = Date.now();
  private readonly seenContexts = new SeenContexts();
  private readonly exposures = new Map<string, true>();
  private readonly timer: ReturnType<typeof setInterval>;
  private sending: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly settings: Settings,
    private readonly http: HttpClient,
  ) {
    this.timer = setInterval(() => void this.flush(), settings.flushIntervalMs);
    this.timer.unref?.();
  }

  /** Called before every evaluation: records the context, once per period. Never throws. */
  evaluating(context: EvaluationContext): void {
    try {
      if (this.seenContexts.isNew(context))
        this.enqueue({ kind: 'context', context: redactContext(context), timestamp: Date.now() });
    } catch {
      // events must never break an evaluation
    }
  }

  /** Called after every evaluation: counts it, and records the exposure of a tracked allocation. Never throws. */
  evaluated(flag: string, result: EvaluationResult, context: EvaluationContext): void {
    try {
      this.counts.count(flag, result);
      if (result.track === true && result.variation !== undefined) this.exposed(flag, result, context);
    } catch {
      // events must never break an evaluation
    }
  }

  track(eventKey: string, context: EvaluationContext, value?: number): void {
    if (contextKinds(context) === undefined) {
      this.settings.logger.debug(`track("${eventKey}"): the context needs a key for every kind; not sent`);
      return;
    }
    const event: OutgoingEvent = {
      kind: 'custom',
      key: eventKey,
      context: redactContext(context),
      timestamp: Date.now(),
    };
    if (typeof value === 'number' && Number.isFinite(value)) event.value = value;
    this.enqueue(event);
  }

  /** Sends everything queued, and the evaluation counts so far. */
  flush(): Promise<void> {
    this.sending = this.sending.then(() => this.send());
    return this.sending;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.stop();
  }

  /** Stops for good without sending: the key was refused, so nothing could be delivered. */
  stop(): void {
    clearInterval(this.timer);
    this.closed = true;
    this.queue = [];
    this.counts.drain();
  }

  private exposed(flag: string, result: EvaluationResult, context: EvaluationContext): void {
    const identity = contextIdentity(context);
    if (identity === undefined) return;
    const key = `${identity}\u0000${flag}\u0000${result.variation}`;
    if (this.exposures.has(key)) {
      this.exposures.delete(key);
      this.exposures.set(key, true);
      return;
    }
    this.exposures.set(key, true);
    if (this.exposures.size > EXPOSURE_MEMORY) this.exposures.delete(this.exposures.keys().next().value!);
    const event: OutgoingEvent = {
      kind: 'exposure',
      flag,
      variation: result.variation!,
      context: redactContext(context),
      timestamp: Date.now(),
    };
    if (result.allocation !== undefined) event.allocation = result.allocation;
    this.enqueue(event);
  }

  private enqueue(event: OutgoingEvent): void {
    if (this.closed) return;
    this.queue.push(event);
    if (this.queue.length > this.settings.maxQueuedEvents) {
      this.queue.shift();
      this.dropped++;
    }
    if (this.queue.length === this.settings.flushBatchSize) void this.flush();
  }

  /** Closes the summary period: its counts become one summary event (per 10,000 counts), and contexts are recorded afresh. */
  private summarize(): void {
    const endDate = Date.now();
    const counts = this.counts.drain();
    for (let start = 0; start < counts.length; start += MAX_COUNTS_PER_SUMMARY) {
      this.queue.push({
        kind: 'summary',
        startDate: this.summaryStart,
        endDate: Math.max(endDate, this.summaryStart),
        counters: counts.slice(start, start + MAX_COUNTS_PER_SUMMARY),
      });
    }
    this.summaryStart = endDate;
    this.seenContexts.startPeriod();
  }

  private async send(): Promise<void> {
    if (this.closed) return;
    this.summarize();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.settings.flushBatchSize);
      try {
        await this.post(batch);
      } catch (error) {
        if (error instanceof HttpError && error.unrecoverable) {
          this.settings.logger.error(`events stopped: ${error.message}`);
          this.stop();
          return;
        }
        if (
          error instanceof HttpError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 408 &&
          error.status !== 429
        ) {
          // The server will never take this batch (or this key): keeping it would block the queue.
          this.settings.logger.warn(`events dropped: ${error.message}`);
          continue;
        }
        // Unreachable or failing server: keep the batch for the next flush, within the queue's bound.
        this.queue.unshift(...batch);
        const excess = this.queue.length - this.settings.maxQueuedEvents;
        if (excess > 0) {
          this.queue.splice(0, excess);
          this.dropped += excess;
        }
        this.settings.logger.debug(`events not sent (${(error as Error)?.message}); ${this.queue.length} queued`);
        return;
      }
    }
    if (this.dropped > 0) {
      this.settings.logger.warn(
        `${this.dropped} events were dropped while the server could not take them (queue limit ${this.settings.maxQueuedEvents})`,
      );
      this.dropped = 0;
    }
  }

  private async post(events: OutgoingEvent[]): Promise<void> {
    const response = await this.http.request('/sdk/v1/events', {
      method: 'POST',
      headers: { authorization: this.settings.sdkKey, 'content-type': 'application/json', 'user-agent': USER_AGENT },
      body: JSON.stringify({ events }),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    if (!response.ok) throw await httpError(response, 'POST /sdk/v1/events');
    // Read to its end (a few bytes), so that the connection serves the next request.
    await response.text().catch(() => '');
  }
}
