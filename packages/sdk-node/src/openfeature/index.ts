/**
 * `@vexil/node/openfeature`: an OpenFeature provider for `@openfeature/server-sdk`, backed by a
 * Vexil client (local evaluation, live updates).
 *
 * ```ts
 * import { OpenFeature } from '@openfeature/server-sdk';
 * import { VexilProvider } from '@vexil/node/openfeature';
 *
 * await OpenFeature.setProviderAndWait(new VexilProvider({ sdkKey: process.env.VEXIL_SDK_KEY! }));
 * const enabled = await OpenFeature.getClient().getBooleanValue('new-checkout', false, { targetingKey: 'u-1' });
 * ```
 */
import {
  ErrorCode,
  GeneralError,
  OpenFeatureEventEmitter,
  ProviderEvents,
  ProviderFatalError,
  StandardResolutionReasons,
  type EvaluationContext as OpenFeatureContext,
  type FlagMetadata,
  type JsonValue as OpenFeatureJson,
  type Provider,
  type ResolutionDetails,
  type ResolutionReason,
  type TrackingEventDetails,
} from '@openfeature/server-sdk';
import type { EvaluationContext, FlagType, FlagValue } from '@vexil/engine';
import { init, type EvaluationDetail, type VexilClient, type VexilOptions } from '../index.js';

export interface VexilProviderOptions {
  /** How long `initialize()` waits for the client's first ruleset (default: the client's own default, 5 s). */
  initializationTimeoutMs?: number;
}

/** Vexil's reasons as OpenFeature reasons; Vexil's own reason is kept in `flagMetadata.vexilReason`. */
const REASONS: Readonly<Record<string, ResolutionReason>> = {
  DISABLED: StandardResolutionReasons.DISABLED,
  TARGETING_MATCH: StandardResolutionReasons.TARGETING_MATCH,
  SPLIT: StandardResolutionReasons.SPLIT,
  DEFAULT: StandardResolutionReasons.DEFAULT,
  STATIC: StandardResolutionReasons.STATIC,
  ERROR: StandardResolutionReasons.ERROR,
  // No OpenFeature equivalent: the user is outside the experiment's traffic and gets the default.
  TRAFFIC_EXCLUDED: StandardResolutionReasons.DEFAULT,
  // No OpenFeature equivalent: a prerequisite is not met, so the flag serves its off variation.
  PREREQUISITE_FAILED: StandardResolutionReasons.DISABLED,
};

const ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND,
  TYPE_MISMATCH: ErrorCode.TYPE_MISMATCH,
  PARSE_ERROR: ErrorCode.PARSE_ERROR,
  TARGETING_KEY_MISSING: ErrorCode.TARGETING_KEY_MISSING,
  INVALID_CONTEXT: ErrorCode.INVALID_CONTEXT,
  PROVIDER_NOT_READY: ErrorCode.PROVIDER_NOT_READY,
  GENERAL: ErrorCode.GENERAL,
};

function isClient(value: VexilClient | VexilOptions): value is VexilClient {
  return typeof (value as Partial<VexilClient>).detail === 'function';
}

/** Dates become ISO strings (Vexil's date operators compare them); nested values are copied. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, plain(inner)]));
  }
  return value;
}

/**
 * OpenFeature's evaluation context as a Vexil context, with the convention the server's OFREP
 * endpoints use (docs/sdk-protocol.md):
 *
 * - no `kind` attribute: a `user` context; `targetingKey` is its key;
 * - `kind: "organization"` (any kind but "multi"): a context of that kind; `targetingKey` is its key;
 * - `kind: "multi"`: every other object-valued attribute is one kind's context, with its own `key`.
 *
 * A `key` attribute stands in for a missing `targetingKey`.
 */
export function vexilContextOf(context: OpenFeatureContext | undefined): EvaluationContext {
  const { targetingKey, ...attributes } = (context ?? {}) as Record<string, unknown>;
  if (attributes.kind === 'multi') {
    const kinds = Object.entries(attributes)
      .filter(
        ([name, value]) =>
          name !== 'kind' &&
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          !(value instanceof Date),
      )
      .map(([name, value]) => [name, plain(value)]);
    return Object.fromEntries([['kind', 'multi'], ...kinds]) as EvaluationContext;
  }
  const converted = plain(attributes) as Record<string, unknown>;
  const key = typeof targetingKey === 'string' ? targetingKey : converted.key;
  return (key === undefined ? converted : { ...converted, key }) as EvaluationContext;
}

/** An OpenFeature provider evaluating flags locally with a Vexil client. */
export class VexilProvider implements Provider {
  readonly metadata = { name: 'vexil' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  /** The Vexil client behind the provider (given, or created from options). */
  readonly client: VexilClient;

  private readonly ownsClient: boolean;
  private readonly initializationTimeoutMs: number | undefined;
  private unsubscribe: Array<() => void> = [];
  /** Events are forwarded once `initialize()` has settled (the SDK emits the first READY or ERROR itself). */
  private forwarding = false;
  /** The client's last error (a refused key, an unreachable server), for initialisation failures. */
  private lastError: Error | undefined;

  constructor(clientOrOptions: VexilClient | VexilOptions, options: VexilProviderOptions = {}) {
    this.ownsClient = !isClient(clientOrOptions);
    this.client = isClient(clientOrOptions) ? clientOrOptions : init(clientOrOptions);
    this.initializationTimeoutMs = options.initializationTimeoutMs;
  }

  /**
   * Waits for the client's first ruleset. Throws when it does not come, so the SDK emits
   * PROVIDER_ERROR (Requirement 2.4.2.1); a refused SDK key (the client stops retrying) is fatal.
   * A client that recovers later emits PROVIDER_READY.
   */
  async initialize(): Promise<void> {
    this.subscribe();
    const ready = await this.client.waitForInitialization(this.initializationTimeoutMs);
    this.forwarding = true;
    if (ready) {
      // Started from the last-known-good file with the server out of reach: READY (the SDK emits it
      // when this returns), then STALE.
      if (this.client.status === 'stale') setImmediate(() => this.emitStale());
      return;
    }
    const status = this.client.status;
    const cause = this.lastError ? `: ${this.lastError.message}` : '';
    if (status === 'error') throw new ProviderFatalError(`Vexil client failed to initialise${cause}`);
    throw new GeneralError(
      `Vexil client is not ready (status ${status})${cause}; it keeps trying, and the provider emits READY when it is`,
    );
  }

  async onClose(): Promise<void> {
    for (const stop of this.unsubscribe) stop();
    this.unsubscribe = [];
    this.forwarding = false;
    if (this.ownsClient) await this.client.close();
    else await this.client.flush();
  }

  resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'boolean'));
  }

  resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'string'));
  }

  resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'number'));
  }

  resolveObjectEvaluation<T extends OpenFeatureJson>(
    flagKey: string,
    defaultValue: T,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'json'));
  }

  /** OpenFeature tracking: a Vexil custom event with `trackingEventDetails.value` as its value. */
  track(trackingEventName: string, context: OpenFeatureContext, trackingEventDetails: TrackingEventDetails): void {
    const value = typeof trackingEventDetails?.value === 'number' ? trackingEventDetails.value : undefined;
    this.client.track(trackingEventName, vexilContextOf(context), value);
  }

  private resolve<T>(
    flagKey: string,
    defaultValue: T,
    context: OpenFeatureContext,
    type: FlagType,
  ): ResolutionDetails<T> {
    let detail: EvaluationDetail<FlagValue>;
    try {
      detail = this.client.detail(flagKey, vexilContextOf(context), defaultValue as FlagValue, type);
    } catch (error) {
      // The client never throws; a defect here still answers with the default.
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.GENERAL,
        errorMessage: error instanceof Error ? error.message : String(error),
      };
    }
    const flagMetadata: FlagMetadata = { vexilReason: detail.reason };
    if (detail.allocation !== undefined) flagMetadata.allocation = detail.allocation;
    const resolution: ResolutionDetails<T> = {
      value: detail.value as T,
      reason: REASONS[detail.reason] ?? detail.reason,
      flagMetadata,
    };
    if (detail.variation !== undefined) resolution.variant = detail.variation;
    if (detail.errorCode !== undefined) {
      resolution.errorCode = ERROR_CODES[detail.errorCode] ?? ErrorCode.GENERAL;
      if (detail.errorMessage !== undefined) resolution.errorMessage = detail.errorMessage;
    }
    return resolution;
  }

  private emitStale(error?: Error): void {
    const reason = error?.message ?? 'the server is out of reach';
    this.events.emit(ProviderEvents.Stale, {
      message: `Vexil client is stale (${reason}): serving its last ruleset while it reconnects`,
    });
  }

  private subscribe(): void {
    if (this.unsubscribe.length > 0) return;
    const client = this.client;
    this.unsubscribe.push(
      client.on('change', ({ keys, revision }) => {
        this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: keys, metadata: { revision } });
      }),
      client.on('ready', () => {
        if (this.forwarding) this.events.emit(ProviderEvents.Ready, { metadata: revisionOf(client) });
      }),
      client.on('stale', (error) => {
        this.lastError = error;
        if (this.forwarding) this.emitStale(error);
      }),
      client.on('error', (error) => {
        this.lastError = error;
        if (this.forwarding)
          this.events.emit(ProviderEvents.Error, { message: error?.message ?? 'Vexil client error' });
      }),
    );
  }
}

function revisionOf(client: VexilClient): Record<string, number> {
  return client.revision === undefined ? {} : { revision: client.revision };
}
