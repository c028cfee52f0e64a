import type { Settings } from '../options.js';
import { parseJson, parseRuleset, parseUpdate } from '../store/parse.js';
import type { RulesetStore } from '../store/ruleset-store.js';
import type { HttpClient } from '../transport/http-client.js';
import { HttpError } from '../transport/requests.js';
import type { SseEvent } from '../transport/sse.js';
import { Backoff } from './backoff.js';
import { requestConfig } from './config-request.js';
import { followStream } from './stream-connection.js';

export interface SynchronizerListener {
  /** The SDK is in touch with the server (stream open, or the last poll answered), or not. */
  connection(connected: boolean, error?: Error): void;
  /** The server refused the key: nothing more is tried. */
  fatal(error: HttpError): void;
}

/**
 * Keeps the store in step with the server: `/sdk/v1/config` first, then `/sdk/v1/stream` (resumed
 * with Last-Event-ID), reconnecting with backoff; while the stream is down it polls
 * `/sdk/v1/config` with its ETag, and goes back to streaming as soon as the stream opens again.
 */
export class Synchronizer {
  private readonly abort = new AbortController();
  private streamOpen = false;
  private polling = false;
  /** Whether the store holds what this server sent (a bootstrap's revision might be another database's). */
  private fromServer = false;
  private warnedMalformed = false;
  /** The loops running (streaming, polling): stop() waits for them to end. */
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly settings: Settings,
    private readonly http: HttpClient,
    private readonly store: RulesetStore,
    private readonly listener: SynchronizerListener,
    /** The reconnection jitter's source; tests pass their own to know the delays. */
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.spawn(this.run());
  }

  /** Stops for good: aborts the requests in flight, and resolves once every loop has ended (no request or timer left). */
  stop(): Promise<void> {
    this.abort.abort(new Error('the client is closed'));
    return Promise.all([...this.running]).then(() => undefined);
  }

  private spawn(loop: Promise<void>): void {
    const settled = loop.then(
      () => void this.running.delete(settled),
      () => void this.running.delete(settled),
    );
    this.running.add(settled);
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    await this.poll();
    if (this.stopped) return;
    if (this.settings.stream) await this.streamLoop();
    else this.spawn(this.pollLoop());
  }

  private async streamLoop(): Promise<void> {
    const { initialDelayMs, maxDelayMs, resetAfterMs } = this.settings.reconnect;
    const backoff = new Backoff(initialDelayMs, maxDelayMs, resetAfterMs, this.random);
    while (!this.stopped) {
      let delay: number;
      try {
        const end = await followStream(this.settings, this.http, this.lastEventId(), this.abort.signal, {
          onOpen: () => {
            this.streamOpen = true;
            backoff.connected();
            this.settings.logger.debug('stream connected');
            this.listener.connection(true);
          },
          onEvent: (event) => this.receive(event),
        });
        delay = end.reconnectAfterMs ?? backoff.next();
        this.settings.logger.debug(`stream ended; reconnecting in ${delay} ms`);
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof HttpError && error.unrecoverable) return this.fail(error);
        delay = Math.max(error instanceof HttpError ? (error.retryAfterMs ?? 0) : 0, backoff.next());
        this.settings.logger.debug(`stream failed (${(error as Error)?.message}); reconnecting in ${delay} ms`);
      }
      this.streamOpen = false;
      if (this.stopped) return;
      // Fall back to polling until the stream is back: at once (a 304 is cheap), then every interval.
      await this.poll();
      if (this.stopped) return;
      this.spawn(this.pollLoop());
      await sleep(delay, this.abort.signal);
    }
  }

  private async pollLoop(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      let wait = this.settings.pollIntervalMs;
      while (!this.stopped && !this.streamOpen) {
        await sleep(wait, this.abort.signal);
        if (this.stopped || this.streamOpen) break;
        const retryAfter = await this.poll();
        wait = Math.max(this.settings.pollIntervalMs, retryAfter ?? 0);
      }
    } finally {
      this.polling = false;
    }
  }

  /** One `GET /sdk/v1/config`; returns the server's Retry-After, if any. */
  private async poll(): Promise<number | undefined> {
    try {
      const etag = this.fromServer && this.store.revision !== undefined ? `"${this.store.revision}"` : undefined;
      const answer = await requestConfig(this.settings, this.http, etag, this.abort.signal);
      if (this.stopped) return undefined;
      if (answer.modified) {
        this.store.replace(answer.ruleset);
        this.fromServer = true;
      }
      this.listener.connection(true);
      return undefined;
    } catch (error) {
      if (this.stopped) return undefined;
      if (error instanceof HttpError && error.unrecoverable) {
        this.fail(error);
        return undefined;
      }
      this.settings.logger.debug(`GET /sdk/v1/config failed: ${(error as Error)?.message}`);
      if (!this.streamOpen) this.listener.connection(false, error instanceof Error ? error : new Error(String(error)));
      return error instanceof HttpError ? error.retryAfterMs : undefined;
    }
  }

  private lastEventId(): string | undefined {
    return this.fromServer && this.store.revision !== undefined ? String(this.store.revision) : undefined;
  }

  private receive(event: SseEvent): void {
    this.settings.logger.debug(`stream event "${event.event}" (id ${event.id ?? 'none'})`);
    switch (event.event) {
      case 'put': {
        const ruleset = parseRuleset(parseJson(event.data));
        if (!ruleset) return this.malformed(event);
        this.store.replace(ruleset);
        this.fromServer = true;
        return;
      }
      case 'patch':
      case 'delete': {
        const update = parseUpdate(event.event, parseJson(event.data));
        if (!update) return this.malformed(event);
        this.store.apply(update);
        return;
      }
      default:
        return; // goodbye is handled by the connection; unknown events are for newer SDKs
    }
  }

  /** A malformed event changes nothing; the first is worth a warning, the rest are noise. */
  private malformed(event: SseEvent): void {
    const message = `ignored a malformed "${event.event}" event from the stream (id ${event.id ?? 'none'}); keeping the current flags`;
    if (this.warnedMalformed) this.settings.logger.debug(message);
    else this.settings.logger.warn(message);
    this.warnedMalformed = true;
  }

  private fail(error: HttpError): void {
    void this.stop();
    this.listener.fatal(error);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
  });
}
