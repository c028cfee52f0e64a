import type { Ruleset } from '@vexil/engine';

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** The options of `init`: a server SDK key, unless the client is `offline` (then none is needed). */
export type VexilOptions = SharedOptions &
  (
    | {
        /** A server SDK key (`vx_server_…`) of one environment. */
        sdkKey: string;
        /** Never touch the network: serve the bootstrap (or the last-known-good file) only. */
        offline?: boolean;
      }
    | { sdkKey?: string; offline: true }
  );

interface SharedOptions {
  /** The Vexil server; default `http://localhost:4000`. */
  baseUrl?: string;
  /** Follow `/sdk/v1/stream` for live updates (default true); false polls `/sdk/v1/config`. */
  stream?: boolean;
  /** How often to poll when not streaming, or while the stream is down (default 30,000 ms). */
  pollIntervalMs?: number;
  /**
   * How long the stream may stay silent before it counts as dead and is reconnected (default
   * 90,000 ms). The server sends a heartbeat every `VEXIL_HEARTBEAT_SECONDS` (25 s by default):
   * keep this a few heartbeats long.
   */
  streamSilenceTimeoutMs?: number;
  /** The stream's reconnection delays; see `ReconnectOptions`. */
  reconnect?: ReconnectOptions;
  /**
   * How long a client that was in touch with the server may be cut off before it reports `stale`
   * (default 10,000 ms; 0 reports it at once). A server restarting for a deploy says goodbye and is
   * back within a second or two: a planned restart is not an outage. The client serves its last
   * ruleset meanwhile either way.
   */
  staleAfterMs?: number;
  /** Start from an exported ruleset (an object, or a JSON file): ready without the network. */
  bootstrap?: Ruleset | { file: string };
  /** Written on every change; read when the server is unreachable at start. */
  lastKnownGoodFile?: string;
  /** Send exposures, evaluation counts, contexts and custom events (default true). */
  events?: boolean;
  /** Default 5,000 ms. */
  flushIntervalMs?: number;
  /** Events per request, and the queue length that triggers a flush (default 100). */
  flushBatchSize?: number;
  /** Events kept while the server is unreachable; the oldest are dropped beyond (default 10,000). */
  maxQueuedEvents?: number;
  /** Default: warnings and errors to the console. Nothing is ever logged per evaluation. */
  logger?: Logger;
}

/**
 * After the stream fails or ends, the client waits a random delay (full jitter) below a ceiling
 * that starts at `initialDelayMs` and doubles on each attempt up to `maxDelayMs`; a connection
 * that stayed up `resetAfterMs` starts the sequence again.
 */
export interface ReconnectOptions {
  /** Default 1,000 ms. */
  initialDelayMs?: number;
  /** Default 30,000 ms. */
  maxDelayMs?: number;
  /** Default 60,000 ms. */
  resetAfterMs?: number;
}

/** Options with their defaults applied. */
export interface Settings {
  sdkKey: string;
  baseUrl: string;
  stream: boolean;
  pollIntervalMs: number;
  streamSilenceTimeoutMs: number;
  reconnect: Required<ReconnectOptions>;
  staleAfterMs: number;
  offline: boolean;
  lastKnownGoodFile: string | undefined;
  events: boolean;
  flushIntervalMs: number;
  flushBatchSize: number;
  maxQueuedEvents: number;
  logger: Logger;
}

const consoleLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (...args) => console.warn('[vexil]', ...args),
  error: (...args) => console.error('[vexil]', ...args),
};

export function settingsOf(options: VexilOptions): Settings {
  const positive = (value: number | undefined, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    sdkKey: options.sdkKey ?? '',
    baseUrl: (options.baseUrl ?? 'http://localhost:4000').replace(/\/+$/, ''),
    stream: options.stream ?? true,
    pollIntervalMs: positive(options.pollIntervalMs, 30_000),
    streamSilenceTimeoutMs: positive(options.streamSilenceTimeoutMs, 90_000),
    staleAfterMs:
      typeof options.staleAfterMs === 'number' && Number.isFinite(options.staleAfterMs) && options.staleAfterMs >= 0
        ? options.staleAfterMs
        : 10_000,
    reconnect: {
      initialDelayMs: positive(options.reconnect?.initialDelayMs, 1000),
      maxDelayMs: positive(options.reconnect?.maxDelayMs, 30_000),
      resetAfterMs: positive(options.reconnect?.resetAfterMs, 60_000),
    },
    offline: options.offline ?? false,
    lastKnownGoodFile: options.lastKnownGoodFile,
    events: (options.events ?? true) && !(options.offline ?? false),
    flushIntervalMs: positive(options.flushIntervalMs, 5000),
    flushBatchSize: Math.min(1000, Math.floor(positive(options.flushBatchSize, 100))),
    maxQueuedEvents: Math.floor(positive(options.maxQueuedEvents, 10_000)),
    logger: options.logger ?? consoleLogger,
  };
}
