export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type FlagValue = JsonValue;

/**
 * Who the values are for: a single-kind context (`{ kind?: "user", key, ...attributes }`, no kind
 * means `user`) or a multi-kind one (`{ kind: "multi", user: { key, … }, organization: { key, … } }`).
 */
export interface Context {
  kind?: string;
  key?: string;
  [attribute: string]: unknown;
}

/** OpenFeature's error codes, and the one a client answers before it has any values. */
export type ErrorCode =
  | 'FLAG_NOT_FOUND'
  | 'TYPE_MISMATCH'
  | 'PARSE_ERROR'
  | 'TARGETING_KEY_MISSING'
  | 'INVALID_CONTEXT'
  | 'GENERAL'
  | 'PROVIDER_NOT_READY';

/** A value and why: Vexil's reason (DISABLED, TARGETING_MATCH, SPLIT, DEFAULT, STATIC, ERROR, PREREQUISITE_FAILED, TRAFFIC_EXCLUDED). */
export interface FlagDetail<T = FlagValue> {
  value: T;
  /** The served variation's key; absent when the caller's default was returned. */
  variation?: string;
  reason: string;
  /** The allocation that decided, when one did. */
  allocation?: string;
  /** With reason ERROR: why the default was returned. */
  errorCode?: ErrorCode;
}

/** One flag's evaluated result as the client holds it (and caches it). */
export interface Evaluation {
  /** Absent: the caller's default applies (TRAFFIC_EXCLUDED, errors). */
  value?: FlagValue;
  variation?: string;
  reason: string;
  allocation?: string;
  /** The allocation tracks exposures (experiments): using the value sends an exposure event. */
  track?: boolean;
  errorCode?: ErrorCode;
}

/**
 * Values known before the server answers, usually rendered by the server (`@vexil/node`'s
 * `allFlags(context)`): by flag key, either a plain value or a detail (`{ value, variation?, reason }`,
 * an object with a string `reason`).
 */
export type Bootstrap = Record<string, FlagValue | BootstrapDetail>;

/** A bootstrap entry with its reason: a `FlagDetail`, or `@vexil/node`'s `EvaluationDetail` (its error codes are strings). */
export interface BootstrapDetail {
  value: FlagValue;
  variation?: string;
  reason: string;
  allocation?: string;
  errorCode?: string;
  track?: boolean;
}

/** Where the last values per context are kept between page loads: localStorage by default. */
export interface CacheStore {
  get(key: string): string | null | undefined;
  set(key: string, value: string): void;
  remove?(key: string): void;
}

/** The part of a WHATWG EventSource the client uses (browsers have one; Node tests pass `eventsource`'s). */
export interface EventSourceLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}
export type EventSourceConstructor = new (url: string) => EventSourceLike;

export interface WebClientOptions {
  /** A client key of the environment (public: it only reads evaluated values of client-side flags). */
  clientKey: string;
  /** Where Vexil answers, e.g. `https://flags.example.com`. */
  baseUrl: string;
  context: Context;
  bootstrap?: Bootstrap;
  /** The store of last values per context; `false` for none. Default: localStorage when usable. */
  cache?: CacheStore | false;
  /** How long `ready()` and `identify()` wait for fresh values at most (default 1500 ms). */
  readyTimeoutMs?: number;
  /** Listen to change notifications over Server-Sent Events (default true); else poll. */
  stream?: boolean;
  /** Polling period when streaming is off or keeps failing (default 30 000 ms). */
  pollIntervalMs?: number;
  /** Failed stream connections in a row after which the client also polls (default 3). */
  streamFailuresBeforePolling?: number;
  /** First reconnection delay ceiling; it doubles up to `maxReconnectDelayMs` (defaults 1000 and 30 000 ms). */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Send exposures, contexts and `track()` events (default true). */
  events?: boolean;
  /** Events are sent this often (default 5000 ms), and as soon as `flushBatchSize` (default 100) are queued. */
  flushIntervalMs?: number;
  flushBatchSize?: number;
  /**
   * No network at all (default false): the client serves its bootstrap (and cached) values, makes no request,
   * starts no timer, stream or page listener and sends no events; `ready()` resolves false at once. For
   * server-side rendering, where a client lives for one render and must not keep the process busy.
   */
  offline?: boolean;
  /** Injected platform parts, for runtimes without them (tests in Node) or to wrap them. */
  fetch?: typeof fetch;
  EventSource?: EventSourceConstructor;
}

/** `loading`: no fresh values for the current context yet (cached or bootstrap values may be served). */
export type ClientStatus = 'loading' | 'ready' | 'stale' | 'closed';

export interface ChangeEvent {
  /** The flags whose value, variation or reason changed. */
  keys: string[];
}

export interface ClientEvents {
  change: (change: ChangeEvent) => void;
  ready: () => void;
  error: (error: Error) => void;
  stale: (error: Error) => void;
}

export interface VexilWebClient {
  readonly status: ClientStatus;
  readonly context: Context;
  /** Resolves true on fresh values for the current context, false after the timeout; never rejects. */
  ready(): Promise<boolean>;
  /** Switches to another context: its cached values at once if any, fresh ones as `ready()` says. */
  identify(context: Context): Promise<boolean>;
  boolean(key: string, defaultValue: boolean): boolean;
  string(key: string, defaultValue: string): string;
  number(key: string, defaultValue: number): number;
  json<T extends JsonValue>(key: string, defaultValue: T): T;
  detail<T extends FlagValue>(key: string, defaultValue: T): FlagDetail<T>;
  /** Every served value by flag key (flags answering the caller's default are left out). Sends no exposures. */
  allFlags(): Record<string, FlagValue>;
  on<E extends keyof ClientEvents>(event: E, listener: ClientEvents[E]): () => void;
  track(eventKey: string, value?: number): void;
  /** Sends queued events now. */
  flush(): Promise<void>;
  /** Sends queued events, then stops every timer, connection and listener. */
  close(): Promise<void>;
}
