import type {
  CompiledRuleset,
  EvaluationContext,
  EvaluationResult,
  FlagType,
  FlagValue,
  JsonValue,
  Ruleset,
} from '@vexil/engine';
import { Synchronizer } from './data-sources/synchronizer.js';
import { EventProcessor } from './events/event-processor.js';
import { settingsOf, type Settings, type VexilOptions } from './options.js';
import { LastKnownGoodWriter, readRulesetFile } from './store/last-known-good.js';
import { parseRuleset } from './store/parse.js';
import { RulesetStore, type Change } from './store/ruleset-store.js';
import { HttpClient } from './transport/http-client.js';

export type ClientStatus = 'initializing' | 'ready' | 'stale' | 'error' | 'closed';

/** An evaluation's value and why: the engine's result (`reason`, `variation`, `allocation`, error code). */
export interface EvaluationDetail<T> {
  value: T;
  variation?: string;
  reason: string;
  allocation?: string;
  errorCode?: string;
  errorMessage?: string;
  track?: boolean;
}

export interface FlagMetadata {
  type: FlagType;
  clientSideAvailable?: boolean;
  temporary?: boolean;
}

/** What evaluations before the first ruleset answer (OpenFeature's error code of the same name). */
export const PROVIDER_NOT_READY = 'PROVIDER_NOT_READY';

type StatusEvent = 'ready' | 'stale' | 'error' | 'closed';
type ChangeListener = (change: Change) => void;
type StatusListener = (error?: Error) => void;

export interface VexilClient {
  readonly status: ClientStatus;
  readonly revision: number | undefined;
  waitForInitialization(timeoutMs?: number): Promise<boolean>;
  boolean(key: string, context: EvaluationContext, defaultValue: boolean): boolean;
  string(key: string, context: EvaluationContext, defaultValue: string): string;
  number(key: string, context: EvaluationContext, defaultValue: number): number;
  json<T extends JsonValue>(key: string, context: EvaluationContext, defaultValue: T): T;
  detail<T extends FlagValue>(
    key: string,
    context: EvaluationContext,
    defaultValue: T,
    expectedType?: FlagType,
  ): EvaluationDetail<T>;
  allFlags(context: EvaluationContext): Record<string, EvaluationDetail<FlagValue>>;
  flagMetadata(key: string): FlagMetadata | undefined;
  track(eventKey: string, context: EvaluationContext, value?: number): void;
  on(event: 'change', listener: (change: { keys: string[]; revision: number }) => void): () => void;
  on(event: StatusEvent, listener: (error?: Error) => void): () => void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Creates a client and starts loading flags at once; see docs/sdk-node.md. */
export function init(options: VexilOptions): VexilClient {
  return new Client(options);
}

class Client implements VexilClient {
  private readonly settings: Settings;
  private readonly store: RulesetStore;
  /** The store's compiled ruleset, kept here so that an evaluation reads one field. */
  private compiled: CompiledRuleset | undefined;
  private readonly synchronizer: Synchronizer | undefined;
  private readonly events: EventProcessor | undefined;
  /** The client's own connections to the server, all ended by close(). */
  private readonly http: HttpClient | undefined;
  private closing: Promise<void> | undefined;
  private readonly lastKnownGood: LastKnownGoodWriter | undefined;
  private currentStatus: ClientStatus = 'initializing';
  /** Not known to be cut off from the server (optimistic until a request fails). */
  private connected = true;
  /** Whether the server has answered this client yet: before that, a failure is reported at once. */
  private everConnected = false;
  /** Counts down the grace period of `staleAfterMs` after a connection is lost. */
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private lastError: Error | undefined;
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly statusListeners = new Map<StatusEvent, Set<StatusListener>>();

  constructor(options: VexilOptions) {
    this.settings = settingsOf(options);
    const { logger } = this.settings;
    this.lastKnownGood =
      this.settings.lastKnownGoodFile && !this.settings.offline
        ? new LastKnownGoodWriter(this.settings.lastKnownGoodFile, logger)
        : undefined;
    let loading = true;
    this.store = new RulesetStore((change, ruleset, first) => {
      this.compiled = this.store.compiled;
      this.lastKnownGood?.save(ruleset);
      if (loading) return;
      this.refreshStatus();
      if (!first) this.emitChange(change);
    });
    const bootstrap = this.bootstrapRuleset(options);
    if (bootstrap) this.store.replace(bootstrap);
    loading = false;
    if (this.store.initialized) this.setStatus('ready');

    if (this.settings.offline) {
      if (!this.store.initialized) {
        const saved = this.settings.lastKnownGoodFile
          ? readRulesetFile(this.settings.lastKnownGoodFile, logger)
          : undefined;
        this.store.replace(saved ?? { flags: [], segments: [] });
      }
      this.setStatus('ready');
      return;
    }
    if (typeof this.settings.sdkKey !== 'string' || this.settings.sdkKey === '') {
      this.fail(new Error('no SDK key: pass init({ sdkKey }) a server SDK key (vx_server_…)'));
      return;
    }
    this.http = new HttpClient(this.settings.baseUrl);
    if (this.settings.events) this.events = new EventProcessor(this.settings, this.http);
    this.synchronizer = new Synchronizer(this.settings, this.http, this.store, {
      connection: (connected, error) => {
        this.connected = connected;
        if (connected) {
          this.everConnected = true;
          this.cancelStaleTimer();
          this.refreshStatus();
        } else this.disconnected(error);
      },
      fatal: (error) => this.fail(error),
    });
    this.synchronizer.start();
  }

  get status(): ClientStatus {
    return this.currentStatus;
  }

  get revision(): number | undefined {
    return this.store.revision;
  }

  waitForInitialization(timeoutMs = 5000): Promise<boolean> {
    const settled = () => this.currentStatus === 'ready' || this.currentStatus === 'stale';
    if (this.currentStatus !== 'initializing') return Promise.resolve(settled());
    return new Promise((resolve) => {
      const unsubscribe: (() => void)[] = [];
      const finish = () => {
        clearTimeout(timer);
        for (const off of unsubscribe) off();
        resolve(settled());
      };
      const timer = setTimeout(finish, Math.max(0, timeoutMs));
      for (const event of ['ready', 'stale', 'error', 'closed'] as const) unsubscribe.push(this.on(event, finish));
    });
  }

  // The typed getters skip `evaluate` and its detail object: at a few nanoseconds an evaluation,
  // every call and allocation shows.
  boolean(key: string, context: EvaluationContext, defaultValue: boolean): boolean {
    const compiled = this.compiled;
    if (compiled !== undefined && this.events === undefined)
      return compiled.evaluate(key, context, defaultValue, 'boolean').value;
    return this.evaluateAndRecord(compiled, this.events, key, context, defaultValue, 'boolean').value;
  }

  string(key: string, context: EvaluationContext, defaultValue: string): string {
    const compiled = this.compiled;
    if (compiled !== undefined && this.events === undefined)
      return compiled.evaluate(key, context, defaultValue, 'string').value;
    return this.evaluateAndRecord(compiled, this.events, key, context, defaultValue, 'string').value;
  }

  number(key: string, context: EvaluationContext, defaultValue: number): number {
    const compiled = this.compiled;
    if (compiled !== undefined && this.events === undefined)
      return compiled.evaluate(key, context, defaultValue, 'number').value;
    return this.evaluateAndRecord(compiled, this.events, key, context, defaultValue, 'number').value;
  }

  json<T extends JsonValue>(key: string, context: EvaluationContext, defaultValue: T): T {
    return this.evaluate(key, context, defaultValue, 'json').value;
  }

  detail<T extends FlagValue>(
    key: string,
    context: EvaluationContext,
    defaultValue: T,
    expectedType?: FlagType,
  ): EvaluationDetail<T> {
    return this.evaluate(key, context, defaultValue, expectedType);
  }

  /**
   * Every flag for one context. The context is reported (once per flush period, like every
   * evaluated context) but no flag's evaluation count or exposure is: the caller (a page rendered
   * on the server, a browser bootstrap) may use none of these values. See docs/sdk-node.md.
   */
  allFlags(context: EvaluationContext): Record<string, EvaluationDetail<FlagValue>> {
    this.events?.evaluating(context);
    try {
      return this.compiled?.evaluateAll(context) ?? {};
    } catch {
      return {};
    }
  }

  flagMetadata(key: string): FlagMetadata | undefined {
    const config = this.store.compiled?.config(key);
    if (config === undefined) return undefined;
    const metadata: FlagMetadata = { type: config.type };
    if (config.clientSideAvailable !== undefined) metadata.clientSideAvailable = config.clientSideAvailable;
    if (config.temporary !== undefined) metadata.temporary = config.temporary;
    return metadata;
  }

  track(eventKey: string, context: EvaluationContext, value?: number): void {
    try {
      this.events?.track(eventKey, context, value);
    } catch (error) {
      this.settings.logger.debug(`track("${eventKey}") failed: ${(error as Error)?.message}`);
    }
  }

  on(event: 'change', listener: (change: { keys: string[]; revision: number }) => void): () => void;
  on(event: StatusEvent, listener: (error?: Error) => void): () => void;
  on(event: 'change' | StatusEvent, listener: ChangeListener | StatusListener): () => void {
    if (event === 'change') {
      const wrapped = listener as ChangeListener;
      this.changeListeners.add(wrapped);
      return () => void this.changeListeners.delete(wrapped);
    }
    let listeners = this.statusListeners.get(event);
    if (!listeners) this.statusListeners.set(event, (listeners = new Set()));
    const wrapped = listener as StatusListener;
    listeners.add(wrapped);
    return () => void listeners.delete(wrapped);
  }

  async flush(): Promise<void> {
    await this.events?.flush();
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /**
   * Stops streaming and polling (and waits for their requests to end), sends what is queued, and
   * ends every connection: once it resolves, the client holds no socket and no timer.
   */
  private async shutDown(): Promise<void> {
    this.cancelStaleTimer();
    await this.synchronizer?.stop();
    await this.events?.close();
    await this.http?.close();
    await this.lastKnownGood?.settled();
    this.setStatus('closed');
  }

  /** The hot path: one engine evaluation and its events; no I/O, no logging, never throws. */
  private evaluate<T extends FlagValue>(
    key: string,
    context: EvaluationContext,
    defaultValue: T,
    expectedType: FlagType | undefined,
  ): EvaluationDetail<T> {
    const compiled = this.compiled;
    if (compiled !== undefined && this.events === undefined)
      return compiled.evaluate(key, context, defaultValue, expectedType);
    return this.evaluateAndRecord(compiled, this.events, key, context, defaultValue, expectedType);
  }

  /** An evaluation with its events (or, before the first ruleset, the default with its events). The context is recorded before the engine reads it (see SeenContexts). */
  private evaluateAndRecord<T extends FlagValue>(
    compiled: CompiledRuleset | undefined,
    events: EventProcessor | undefined,
    key: string,
    context: EvaluationContext,
    defaultValue: T,
    expectedType: FlagType | undefined,
  ): EvaluationResult<T> {
    events?.evaluating(context);
    const result: EvaluationResult<T> =
      compiled === undefined
        ? {
            value: defaultValue,
            reason: 'ERROR',
            errorCode: PROVIDER_NOT_READY as never,
            errorMessage: `the client is ${this.currentStatus}: no flags loaded yet`,
          }
        : compiled.evaluate(key, context, defaultValue, expectedType);
    events?.evaluated(key, result, context);
    return result;
  }

  private bootstrapRuleset(options: VexilOptions): Ruleset | undefined {
    const { bootstrap } = options;
    if (bootstrap === undefined) return undefined;
    if ('file' in bootstrap && typeof bootstrap.file === 'string' && !('flags' in bootstrap)) {
      const ruleset = readRulesetFile(bootstrap.file, this.settings.logger);
      if (!ruleset) this.settings.logger.warn(`bootstrap file ${bootstrap.file} is missing or not a ruleset`);
      return ruleset;
    }
    const ruleset = parseRuleset(bootstrap);
    if (!ruleset)
      this.settings.logger.warn('the bootstrap object is not a ruleset ({ flags: [...], segments: [...] }); ignored');
    return ruleset;
  }

  /** The server is out of reach: keep serving what we have (stale), or the last-known-good file at start. */
  private disconnected(error: Error | undefined): void {
    if (this.currentStatus === 'error' || this.currentStatus === 'closed') return;
    this.lastError = error;
    if (!this.store.initialized && this.settings.lastKnownGoodFile) {
      const saved = readRulesetFile(this.settings.lastKnownGoodFile, this.settings.logger);
      if (saved) {
        this.store.replace(saved);
        this.settings.logger.warn(
          `the server is unreachable (${error?.message}); serving the last-known-good flags from ${this.settings.lastKnownGoodFile}`,
        );
      }
    }
    // A client that was in touch waits out the grace period: a restarting server is back by then.
    if (this.currentStatus === 'ready' && this.everConnected && this.settings.staleAfterMs > 0) {
      this.staleTimer ??= setTimeout(() => {
        this.staleTimer = undefined;
        this.refreshStatus(this.lastError);
      }, this.settings.staleAfterMs);
      this.staleTimer.unref?.();
      return;
    }
    this.refreshStatus(error);
  }

  private cancelStaleTimer(): void {
    clearTimeout(this.staleTimer);
    this.staleTimer = undefined;
  }

  /** initializing until there are flags to serve; then ready while in touch with the server, else stale. */
  private refreshStatus(error?: Error): void {
    if (!this.store.initialized) return;
    this.setStatus(this.connected ? 'ready' : 'stale', error);
  }

  private fail(error: Error): void {
    this.lastError = error;
    void this.synchronizer?.stop();
    this.events?.stop();
    void this.http?.close();
    this.settings.logger.error(error.message);
    this.setStatus('error', error);
  }

  private setStatus(status: ClientStatus, error?: Error): void {
    if (this.currentStatus === status || this.currentStatus === 'closed') return;
    if (this.currentStatus === 'error' && status !== 'closed') return;
    this.currentStatus = status;
    if (status === 'initializing') return;
    for (const listener of [...(this.statusListeners.get(status) ?? [])]) {
      try {
        listener(status === 'ready' || status === 'closed' ? undefined : (error ?? this.lastError));
      } catch (thrown) {
        this.settings.logger.error(`a "${status}" listener threw: ${(thrown as Error)?.message}`);
      }
    }
  }

  private emitChange(change: Change): void {
    for (const listener of [...this.changeListeners]) {
      try {
        listener(change);
      } catch (thrown) {
        this.settings.logger.error(`a "change" listener threw: ${(thrown as Error)?.message}`);
      }
    }
  }
}
