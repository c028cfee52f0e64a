import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
import type { EventSourceConstructor } from '@vexil/web';
import { VexilWebProvider } from '@vexil/web/openfeature';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlag, patchFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { eventually, memoryStore, startRestartableServer, storedEvents } from './support/setup.js';

const ada = { targetingKey: 'ada', email: 'ada@example.com' };

describe('OpenFeature web SDK against a real Vexil server', () => {
  let server: TestServer;
  const hadEventSource = 'EventSource' in globalThis;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    // The stock OFREP provider uses the platform's EventSource, as in a browser.
    if (!hadEventSource) Object.assign(globalThis, { EventSource });
    await createFlag(
      server,
      { key: 'new-checkout', clientSideAvailable: true },
      {
        on: true,
        allocations: [
          {
            id: 'staff',
            conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
            serve: { variation: 'on' },
          },
        ],
        fallthrough: { variation: 'off' },
      },
    );
    await createFlag(
      server,
      {
        key: 'banner-text',
        type: 'string',
        clientSideAvailable: true,
        variations: [
          { key: 'hello', value: 'Hello' },
          { key: 'bye', value: 'Bye' },
        ],
      },
      { on: true, fallthrough: { variation: 'hello' } },
    );
  });
  afterAll(async () => {
    await OpenFeature.close();
    if (!hadEventSource) Reflect.deleteProperty(globalThis, 'EventSource');
    await server.close();
  });

  describe('@vexil/web/openfeature (VexilWebProvider)', () => {
    it('resolves values with variant, reason and allocation; wrong types are TYPE_MISMATCH', async () => {
      await OpenFeature.setContext('vexil', ada);
      const provider = new VexilWebProvider({
        clientKey: server.seeded.clientKey,
        baseUrl: server.url,
        cache: memoryStore(),
        EventSource: EventSource as unknown as EventSourceConstructor,
        flushIntervalMs: 60_000,
      });
      await OpenFeature.setProviderAndWait('vexil', provider);
      const client = OpenFeature.getClient('vexil');
      expect(client.getBooleanDetails('new-checkout', false)).toMatchObject({
        value: true,
        variant: 'on',
        reason: 'TARGETING_MATCH',
        flagMetadata: { allocation: 'staff' },
      });
      expect(client.getStringValue('banner-text', 'none')).toBe('Hello');
      expect(client.getNumberDetails('new-checkout', 5)).toMatchObject({
        value: 5,
        reason: 'ERROR',
        errorCode: 'TYPE_MISMATCH',
      });
      expect(client.getBooleanDetails('missing', true)).toMatchObject({ value: true, errorCode: 'FLAG_NOT_FOUND' });

      const changed: (string[] | undefined)[] = [];
      client.addHandler(ProviderEvents.ConfigurationChanged, (details) => changed.push(details?.flagsChanged));
      const contextChanges: number[] = [];
      client.addHandler(ProviderEvents.ContextChanged, () => contextChanges.push(1));

      // Static context: a new context is identified (the provider reconciles), then evaluations follow it.
      await OpenFeature.setContext('vexil', { targetingKey: 'bob', email: 'bob@elsewhere.org' });
      expect(client.getBooleanDetails('new-checkout', true)).toMatchObject({ value: false, variant: 'off' });
      expect(contextChanges).toHaveLength(1);

      // A change on the server is a ConfigurationChanged event naming the flag (the context change was not one).
      await patchFlag(server, 'banner-text', { fallthrough: { variation: 'bye' } });
      await eventually(() => client.getStringValue('banner-text', 'none') === 'Bye', 10_000, 'the change');
      expect(changed).toEqual([['banner-text']]);

      client.track('purchase', { value: 42 });
      await provider.client?.flush();
      expect((await storedEvents(server)).filter((event) => event.type === 'custom')).toEqual([
        expect.objectContaining({ eventKey: 'purchase', value: 42, contextKey: 'bob' }),
      ]);
      await patchFlag(server, 'banner-text', { fallthrough: { variation: 'hello' } });
    });
  });

  describe('VexilWebProvider when the server is down at start', () => {
    it('fails initialization without values, then reports Ready once the server answers', async () => {
      const vexil = await startRestartableServer();
      try {
        const clientKey = vexil.server.seeded.clientKey;
        await vexil.stop();
        await OpenFeature.setContext('late', ada);
        const provider = new VexilWebProvider({
          clientKey,
          baseUrl: vexil.url,
          cache: memoryStore(),
          events: false,
          readyTimeoutMs: 200,
          reconnectDelayMs: 50,
          maxReconnectDelayMs: 100,
        });
        await expect(OpenFeature.setProviderAndWait('late', provider)).rejects.toThrow(/did not answer/);
        const client = OpenFeature.getClient('late');
        expect(client.providerStatus).toBe('ERROR');
        const ready: number[] = [];
        client.addHandler(ProviderEvents.Ready, () => ready.push(1));
        await vexil.start();
        await eventually(() => ready.length > 0, 10_000, 'the Ready event');
        expect(client.providerStatus).toBe('READY');
        // This server has no flags yet: the default, and why.
        expect(client.getBooleanDetails('new-checkout', true)).toMatchObject({
          value: true,
          errorCode: 'FLAG_NOT_FOUND',
        });
      } finally {
        await vexil.destroy();
      }
    });
  });

  describe('the stock @openfeature/ofrep-web-provider, configured as docs/sdk-web.md says', () => {
    it('evaluates with a client key and follows changes over the advertised event stream', async () => {
      await OpenFeature.setContext('ofrep', ada);
      await OpenFeature.setProviderAndWait(
        'ofrep',
        new OFREPWebProvider({
          baseUrl: server.url,
          headers: [['Authorization', server.seeded.clientKey]],
          // No localStorage in Node; in a browser the default (local-cache-first) applies.
          cacheMode: 'disabled',
        }),
      );
      const client = OpenFeature.getClient('ofrep');
      expect(client.getBooleanDetails('new-checkout', false)).toMatchObject({
        value: true,
        variant: 'on',
        reason: 'TARGETING_MATCH',
      });
      expect(client.getStringValue('banner-text', 'none')).toBe('Hello');
      await patchFlag(server, 'banner-text', { fallthrough: { variation: 'bye' } });
      await eventually(() => client.getStringValue('banner-text', 'none') === 'Bye', 10_000, 'the change over SSE');
    });
  });
});
