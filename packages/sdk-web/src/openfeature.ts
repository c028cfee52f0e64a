import {
  type ErrorCode,
  type EvaluationContext,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
  type TrackingEventDetails,
} from '@openfeature/web-sdk';
import { createClient } from './client.js';
import type { Context, FlagValue, VexilWebClient, WebClientOptions } from './types.js';

export type VexilWebProviderOptions = Omit<WebClientOptions, 'context'>;

/**
 * OpenFeature's evaluation context as a Vexil context, as Vexil's OFREP endpoint reads it: no
 * `kind` (or another kind than multi) is one context whose key is `targetingKey`; `kind: "multi"`
 * takes each object-valued attribute as one kind's context.
 */
export function vexilContext(context: EvaluationContext): Context {
  const { targetingKey, ...attributes } = context;
  if (attributes.kind === 'multi' || targetingKey === undefined) return attributes as Context;
  return { ...attributes, key: targetingKey } as Context;
}

/**
 * An OpenFeature web provider (static context paradigm) over a @vexil/web client: the client is
 * created at `initialize` with the global context, `onContextChange` identifies the new one, and
 * every change of values is a ConfigurationChanged event naming the flags.
 */
export class VexilWebProvider implements Provider {
  readonly metadata = { name: 'vexil-web' } as const;
  readonly runsOn = 'client' as const;
  readonly events = new OpenFeatureEventEmitter();
  private vexil: VexilWebClient | undefined;
  /** Stale, or initialized without values: the next fresh values are worth a Ready event. */
  private degraded = false;
  /** While a context change is reconciled, new values belong to it (the SDK announces ContextChanged). */
  private reconciling = false;

  constructor(private readonly options: VexilWebProviderOptions) {}

  /** The underlying client, once initialized (for `track`, `flush` or `allFlags`). */
  get client(): VexilWebClient | undefined {
    return this.vexil;
  }

  /** Resolves when fresh values arrive or `readyTimeoutMs` passes with cached or bootstrap ones; rejects with none. */
  async initialize(context: EvaluationContext = {}): Promise<void> {
    const client = createClient({ ...this.options, context: vexilContext(context) });
    this.vexil = client;
    client.on('change', ({ keys }) => {
      if (!this.reconciling) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: keys });
    });
    client.on('stale', (error) => {
      this.degraded = true;
      this.events.emit(ProviderEvents.Stale, { message: error.message });
    });
    client.on('ready', () => {
      if (!this.degraded) return;
      this.degraded = false;
      this.events.emit(ProviderEvents.Ready);
    });
    const fresh = await client.ready();
    if (!fresh && Object.keys(client.allFlags()).length === 0 && client.status !== 'ready') {
      this.degraded = true;
      throw new Error('Vexil did not answer in time and no cached or bootstrap values are known');
    }
  }

  async onContextChange(_old: EvaluationContext, next: EvaluationContext): Promise<void> {
    this.reconciling = true;
    try {
      await this.vexil?.identify(vexilContext(next));
    } finally {
      this.reconciling = false;
    }
  }

  async onClose(): Promise<void> {
    await this.vexil?.close();
  }

  track(trackingEventName: string, _context: EvaluationContext, details: TrackingEventDetails): void {
    this.vexil?.track(trackingEventName, details?.value);
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return this.resolve(flagKey, defaultValue);
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return this.resolve(flagKey, defaultValue);
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.resolve(flagKey, defaultValue);
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return this.resolve(flagKey, defaultValue);
  }

  private resolve<T extends FlagValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    if (!this.vexil) return { value: defaultValue, reason: 'ERROR', errorCode: 'PROVIDER_NOT_READY' as ErrorCode };
    const detail = this.vexil.detail(flagKey, defaultValue);
    const resolution: ResolutionDetails<T> = { value: detail.value, reason: detail.reason };
    if (detail.variation !== undefined) resolution.variant = detail.variation;
    if (detail.allocation !== undefined) resolution.flagMetadata = { allocation: detail.allocation };
    if (detail.errorCode !== undefined) {
      resolution.errorCode = detail.errorCode as ErrorCode;
      resolution.errorMessage = `Vexil answered ${detail.errorCode} for "${flagKey}"`;
    }
    return resolution;
  }
}
