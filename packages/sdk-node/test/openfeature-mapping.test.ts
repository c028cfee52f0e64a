import { ErrorCode, ProviderEvents, StandardResolutionReasons } from '@openfeature/server-sdk';
import { describe, expect, it } from 'vitest';
import type { EvaluationDetail, VexilClient } from '../src/index.js';
import { VexilProvider } from '../src/openfeature/index.js';

type Listener = (arg?: any) => void;

/** A stand-in client: answers `detail` with a canned result and lets the test fire its events. */
function fakeClient(answer: EvaluationDetail<any>, status = 'ready') {
  const listeners = new Map<string, Set<Listener>>();
  const tracked: unknown[][] = [];
  let closed = 0;
  let flushed = 0;
  const client = {
    status,
    revision: 7,
    waitForInitialization: async () => true,
    detail: () => answer,
    track: (...args: unknown[]) => void tracked.push(args),
    on(event: string, listener: Listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    flush: async () => void flushed++,
    close: async () => void closed++,
  } as unknown as VexilClient;
  const fire = (event: string, arg?: unknown) => listeners.get(event)?.forEach((listener) => listener(arg));
  return { client, fire, tracked, listeners, closedCount: () => closed, flushedCount: () => flushed };
}

describe('OpenFeature provider mapping', () => {
  it('Requirement 2.2.5: Vexil reasons without an OpenFeature equivalent map to DEFAULT (TRAFFIC_EXCLUDED) and DISABLED (PREREQUISITE_FAILED), kept in flagMetadata.vexilReason', async () => {
    const excluded = new VexilProvider(
      fakeClient({ value: false, variation: 'off', reason: 'TRAFFIC_EXCLUDED', allocation: 'experiment' }).client,
    );
    expect(await excluded.resolveBooleanEvaluation('f', true, { targetingKey: 'u' })).toEqual({
      value: false,
      variant: 'off',
      reason: StandardResolutionReasons.DEFAULT,
      flagMetadata: { vexilReason: 'TRAFFIC_EXCLUDED', allocation: 'experiment' },
    });
    const prerequisite = new VexilProvider(
      fakeClient({ value: 'a', variation: 'off', reason: 'PREREQUISITE_FAILED' }).client,
    );
    expect(await prerequisite.resolveStringEvaluation('f', 'z', { targetingKey: 'u' })).toMatchObject({
      reason: StandardResolutionReasons.DISABLED,
      flagMetadata: { vexilReason: 'PREREQUISITE_FAILED' },
    });
  });

  it('Requirement 2.2.7: Vexil error codes become OpenFeature error codes (TARGETING_KEY_MISSING, PARSE_ERROR, GENERAL)', async () => {
    for (const code of ['TARGETING_KEY_MISSING', 'PARSE_ERROR', 'GENERAL'] as const) {
      const provider = new VexilProvider(
        fakeClient({ value: 1, reason: 'ERROR', errorCode: code, errorMessage: 'why' }).client,
      );
      expect(await provider.resolveNumberEvaluation('f', 1, {})).toMatchObject({
        value: 1,
        reason: 'ERROR',
        errorCode: ErrorCode[code],
        errorMessage: 'why',
      });
    }
  });

  it('Requirement 5.1.1: after initialisation the client’s ready, stale and error become PROVIDER_READY, PROVIDER_STALE and PROVIDER_ERROR (with a message, 5.1.4)', async () => {
    const fake = fakeClient({ value: true, reason: 'STATIC' });
    const provider = new VexilProvider(fake.client);
    const seen: Array<[string, unknown]> = [];
    for (const type of [
      ProviderEvents.Ready,
      ProviderEvents.Stale,
      ProviderEvents.Error,
      ProviderEvents.ConfigurationChanged,
    ]) {
      provider.events.addHandler(type, (details) => void seen.push([type, details]));
    }
    fake.fire('ready'); // during initialisation the SDK emits READY itself: not forwarded
    await provider.initialize();
    fake.fire('stale', new Error('stream lost'));
    fake.fire('error', new Error('SDK key refused (401)'));
    fake.fire('ready');
    fake.fire('change', { keys: ['a', 'b'], revision: 8 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.map(([type]) => type)).toEqual([
      ProviderEvents.Stale,
      ProviderEvents.Error,
      ProviderEvents.Ready,
      ProviderEvents.ConfigurationChanged,
    ]);
    expect(seen[0]?.[1]).toMatchObject({ message: expect.stringContaining('stream lost') });
    expect(seen[1]?.[1]).toMatchObject({ message: 'SDK key refused (401)' });
    expect(seen[3]?.[1]).toMatchObject({ flagsChanged: ['a', 'b'], metadata: { revision: 8 } });
  });

  it('Requirement 5.1.1: a client that starts stale (last-known-good file, server out of reach) initialises, then emits PROVIDER_STALE', async () => {
    const provider = new VexilProvider(fakeClient({ value: true, reason: 'STATIC' }, 'stale').client);
    const stale = new Promise((resolve) => provider.events.addHandler(ProviderEvents.Stale, resolve));
    await provider.initialize();
    expect(await stale).toMatchObject({ message: expect.stringContaining('stale') });
  });

  it('Requirement 2.7.1: track passes the event name, the Vexil context and the details value; other details are not sent', () => {
    const fake = fakeClient({ value: true, reason: 'STATIC' });
    const provider = new VexilProvider(fake.client);
    provider.track('signed-up', { targetingKey: 'acme', kind: 'organization' }, { value: 3, plan: 'pro' });
    provider.track('page-viewed', { targetingKey: 'u-1' }, {});
    expect(fake.tracked).toEqual([
      ['signed-up', { kind: 'organization', key: 'acme' }, 3],
      ['page-viewed', { key: 'u-1' }, undefined],
    ]);
  });

  it('Requirement 2.5.1: shutting down flushes a client it was given (and leaves it open) and stops listening', async () => {
    const fake = fakeClient({ value: true, reason: 'STATIC' });
    const provider = new VexilProvider(fake.client);
    await provider.initialize();
    expect([...fake.listeners.values()].reduce((n, set) => n + set.size, 0)).toBe(4);
    await provider.onClose();
    expect(fake.closedCount()).toBe(0);
    expect(fake.flushedCount()).toBe(1);
    expect([...fake.listeners.values()].reduce((n, set) => n + set.size, 0)).toBe(0);
  });
});
