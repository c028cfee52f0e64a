import { canonicalJson, defaultStore, hash, ValuesCache } from './cache.js';
import { bootstrapEvaluations, changedKeys, detailOf, parseBulk, type Evaluations } from './evaluations.js';
import { EventQueue } from './events.js';
import type {
  Bootstrap,
  ClientEvents,
  ClientStatus,
  Context,
  EventSourceConstructor,
  FlagDetail,
  FlagValue,
  JsonValue,
  VexilWebClient,
  WebClientOptions,
} from './types.js';
import { backoffDelay, Updates } from './updates.js';

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A client for one page: the values of every client-side flag for the current context, served
 * synchronously from memory; cached or bootstrap values at once, fresh ones from the server
 * (OFREP bulk evaluation with its ETag), kept current by the OFREP event stream or polling.
 */
export function createClient(options: WebClientOptions): VexilWebClient {
  return new WebClient(options);
}

type Listeners = { [E in keyof ClientEvents]: Set<ClientEvents[E]> };

class WebClient implements VexilWebClient {
  status: ClientStatus = 'loading';
  context: Context = {};
  private contextId = '';
  private cacheKey = '';
  private flags: Evaluations = {};
  private hasValues = false;
  private etag: string | undefined;
  private streamUrl: string | undefined;

  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly cache: ValuesCache;
  private readonly events: EventQueue | undefined;
  private readonly updates: Updates;
  private readonly readyTimeoutMs: number;
  private readonly retryDelays: [number, number];
  private readonly listeners: Listeners = { change: new Set(), ready: new Set(), error: new Set(), stale: new Set() };
  private readonly waiters = new Set<(fresh: boolean) => void>();

  private loading: Promise<void> | undefined;
  /** The revision of the flags the last answer was evaluated at (its `Vexil-Revision`). */
  private revision: string | undefined;
  private again: { revision: string | undefined } | undefined;
  private request: AbortController | undefined;
  private retries = 0;
  /** The server refused the key (401, 403): no more requests; values held are still served. */
  private refused = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') void this.flush();
    else void this.refresh();
  };
  private readonly onPageHide = () => void this.flush();

  constructor(private readonly options: WebClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.readyTimeoutMs = options.readyTimeoutMs ?? 1500;
    this.retryDelays = [options.reconnectDelayMs ?? 1000, options.maxReconnectDelayMs ?? 30_000];
    this.cache = new ValuesCache(
      options.cache === false ? undefined : (options.cache ?? defaultStore()),
      options.clientKey,
    );
    if (options.events !== false && !options.offline)
      this.events = new EventQueue({
        url: `${this.baseUrl}/sdk/v1/events`,
        clientKey: options.clientKey,
        fetch: this.fetch,
        flushIntervalMs: options.flushIntervalMs ?? 5000,
        flushBatchSize: options.flushBatchSize ?? 100,
      });
    const EventSource: EventSourceConstructor | undefined =
      options.stream === false
        ? undefined
        : (options.EventSource ?? (globalThis.EventSource as unknown as EventSourceConstructor | undefined));
    this.updates = new Updates(
      {
        EventSource,
        pollIntervalMs: options.pollIntervalMs ?? 30_000,
        failuresBeforePolling: options.streamFailuresBeforePolling ?? 3,
        reconnectDelayMs: this.retryDelays[0],
        maxReconnectDelayMs: this.retryDelays[1],
      },
      (revision) => void this.refresh(revision),
    );
    this.use(options.context, options.bootstrap);
    if (options.offline) return;
    if (typeof document !== 'undefined' && typeof addEventListener === 'function') {
      document.addEventListener('visibilitychange', this.onVisibility);
      addEventListener('pagehide', this.onPageHide);
    }
    void this.refresh();
  }

  ready(): Promise<boolean> {
    if (this.status === 'ready') return Promise.resolve(true);
    if (this.status === 'closed' || this.options.offline) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (fresh: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(fresh);
      };
      const timer = setTimeout(() => done(false), this.readyTimeoutMs);
      this.waiters.add(done);
    });
  }

  identify(context: Context): Promise<boolean> {
    if (this.status === 'closed') return Promise.resolve(false);
    this.request?.abort();
    this.use(context, undefined);
    void this.refresh();
    return this.ready();
  }

  boolean(key: string, defaultValue: boolean): boolean {
    return this.detail(key, defaultValue).value;
  }

  string(key: string, defaultValue: string): string {
    return this.detail(key, defaultValue).value;
  }

  number(key: string, defaultValue: number): number {
    return this.detail(key, defaultValue).value;
  }

  json<T extends JsonValue>(key: string, defaultValue: T): T {
    return this.detail(key, defaultValue).value;
  }

  detail<T extends FlagValue>(key: string, defaultValue: T): FlagDetail<T> {
    try {
      // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is ES2022; the SDK targets ES2020 browsers
      const result = Object.prototype.hasOwnProperty.call(this.flags, key) ? this.flags[key] : undefined;
      if (!result && !this.hasValues) return { value: defaultValue, reason: 'ERROR', errorCode: 'PROVIDER_NOT_READY' };
      const detail = detailOf(result, defaultValue);
      if (result?.track && detail.variation !== undefined)
        this.events?.exposure(key, detail.variation, detail.allocation, this.context, this.contextId);
      return detail;
    } catch {
      return { value: defaultValue, reason: 'ERROR', errorCode: 'GENERAL' };
    }
  }

  allFlags(): Record<string, FlagValue> {
    const values: Record<string, FlagValue> = {};
    for (const key of Object.keys(this.flags)) {
      const result = this.flags[key];
      if (result && result.value !== undefined && result.errorCode === undefined) values[key] = result.value;
    }
    return values;
  }

  on<E extends keyof ClientEvents>(event: E, listener: ClientEvents[E]): () => void {
    const listeners = this.listeners[event] as Set<ClientEvents[E]> | undefined;
    listeners?.add(listener);
    return () => void listeners?.delete(listener);
  }

  track(eventKey: string, value?: number): void {
    this.events?.custom(eventKey, value, this.context);
  }

  flush(): Promise<void> {
    return this.events?.flush() ?? Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.status === 'closed') return;
    this.status = 'closed';
    this.request?.abort();
    clearTimeout(this.retry);
    this.updates.close();
    if (typeof document !== 'undefined' && typeof removeEventListener === 'function') {
      document.removeEventListener('visibilitychange', this.onVisibility);
      removeEventListener('pagehide', this.onPageHide);
    }
    for (const waiter of [...this.waiters]) waiter(false);
    await this.events?.close();
    for (const listeners of Object.values(this.listeners)) listeners.clear();
  }

  /**
   * Makes `context` current: its cached values at once (bootstrap values over them), else the
   * values held so far stay until fresh ones arrive.
   */
  private use(context: Context, bootstrap: Bootstrap | undefined): void {
    this.context = context;
    this.contextId = hash(canonicalJson(context));
    this.cacheKey = this.cache.keyOf(context);
    this.status = 'loading';
    const cached = this.cache.read(this.cacheKey);
    this.etag = bootstrap ? undefined : cached?.etag;
    this.streamUrl ??= cached?.streamUrl;
    if (cached || bootstrap) {
      this.replace({ ...cached?.flags, ...(bootstrap ? bootstrapEvaluations(bootstrap) : {}) });
      this.hasValues = true;
    }
    this.events?.context(context, this.contextId);
  }

  /**
   * Fetches the values for the current context; concurrent calls share one request and one more after
   * it. A change notification names the revision it announces: the one the values are already at
   * (the stream says so on connect) needs no request.
   */
  private refresh(revision?: string): Promise<void> {
    if (this.status === 'closed' || this.refused || this.options.offline) return Promise.resolve();
    if (revision !== undefined && revision === this.revision && this.status === 'ready' && this.loading === undefined)
      return Promise.resolve();
    if (this.loading !== undefined) {
      this.again = { revision: revision ?? this.again?.revision };
      return this.loading;
    }
    this.loading = this.load(revision).finally(() => {
      this.loading = undefined;
      const again = this.again;
      this.again = undefined;
      if (again) void this.refresh(again.revision);
    });
    return this.loading;
  }

  private async load(revision: string | undefined): Promise<void> {
    const { context, cacheKey } = this;
    const request = new AbortController();
    this.request = request;
    const timeout = setTimeout(() => request.abort(), REQUEST_TIMEOUT_MS);
    try {
      const headers: Record<string, string> = {
        authorization: this.options.clientKey,
        'content-type': 'application/json',
      };
      if (this.etag) headers['if-none-match'] = this.etag;
      const query = revision === undefined ? '' : `?flagConfigEtag=${encodeURIComponent(revision)}`;
      const response = await this.fetch(`${this.baseUrl}/ofrep/v1/evaluate/flags${query}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ context }),
        signal: request.signal,
      });
      if (this.superseded(context)) return;
      if (response.status !== 304) {
        if (!response.ok) {
          const error = new Error(`POST /ofrep/v1/evaluate/flags answered ${response.status}`);
          // A key the server refuses stays refused: asking again would only load the server.
          if (response.status === 401 || response.status === 403) this.refused = true;
          throw error;
        }
        const { flags, streamUrl } = parseBulk(await response.json(), this.baseUrl);
        if (this.superseded(context)) return;
        this.etag = response.headers.get('etag') ?? undefined;
        this.streamUrl = streamUrl ?? this.streamUrl;
        this.cache.write(cacheKey, { flags, etag: this.etag, streamUrl: this.streamUrl });
        this.replace(flags);
      }
      this.revision = response.headers.get('vexil-revision') ?? undefined;
      this.fresh();
    } catch (error) {
      if (!this.superseded(context)) this.failed(error);
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Whether an answer for `context` came too late: the client moved to another context, or closed. */
  private superseded(context: Context): boolean {
    return context !== this.context || this.status === 'closed';
  }

  private replace(flags: Evaluations): void {
    const keys = changedKeys(this.flags, flags);
    this.flags = flags;
    this.hasValues = true;
    if (keys.length > 0) this.emit('change', { keys });
  }

  private fresh(): void {
    this.retries = 0;
    clearTimeout(this.retry);
    this.retry = undefined;
    const was = this.status;
    this.status = 'ready';
    this.updates.start(this.streamUrl);
    for (const waiter of [...this.waiters]) waiter(true);
    if (was !== 'ready') this.emit('ready');
  }

  private failed(cause: unknown): void {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    this.emit('error', error);
    if (this.status === 'ready') {
      this.status = 'stale';
      this.emit('stale', error);
    }
    if (this.refused) {
      this.updates.close();
      return;
    }
    this.updates.start(this.streamUrl);
    // Until the server answers again: retry with backoff (the stream or polling may also bring it back).
    if (this.retry === undefined) {
      this.retry = setTimeout(
        () => {
          this.retry = undefined;
          void this.refresh();
        },
        backoffDelay(this.retries++, this.retryDelays[0], this.retryDelays[1]),
      );
    }
  }

  private emit<E extends keyof ClientEvents>(event: E, ...args: Parameters<ClientEvents[E]>): void {
    for (const listener of [...this.listeners[event]]) {
      try {
        (listener as (...a: Parameters<ClientEvents[E]>) => void)(...args);
      } catch {
        // a listener's failure is its own
      }
    }
  }
}
