import {
  ErrorCode,
  OpenFeature,
  ProviderEvents,
  ProviderStatus,
  StandardResolutionReasons,
  type EventDetails,
} from '@openfeature/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { VexilProvider, vexilContextOf } from '../src/openfeature/index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Resolves with the next event of that type a domain's client hears. */
function nextEvent(domain: string, type: ProviderEvents): Promise<EventDetails> {
  const client = OpenFeature.getClient(domain);
  return new Promise((resolve) => {
    const handler = (details?: EventDetails) => {
      client.removeHandler(type, handler);
      resolve(details as EventDetails);
    };
    client.addHandler(type, handler);
  });
}

describe('OpenFeature provider against a Vexil server', () => {
  let server: TestServer;
  let provider: VexilProvider;
  const DOMAIN = 'vexil-of';
  const client = () => OpenFeature.getClient(DOMAIN);

  const createFlag = async (body: Record<string, unknown>, state: Record<string, unknown>) => {
    const created = await server.api('POST', '/api/v1/projects/default/flags', body);
    expect(created.status).toBe(201);
    const put = await server.api(
      'PUT',
      `/api/v1/projects/default/flags/${String(body.key)}/environments/development`,
      state,
    );
    expect(put.status).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await createFlag(
      { key: 'of-checkout', type: 'boolean' },
      {
        on: true,
        offVariation: 'off',
        allocations: [
          {
            id: 'staff',
            conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }],
            serve: { variation: 'on' },
          },
        ],
        fallthrough: { variation: 'off' },
      },
    );
    await createFlag(
      {
        key: 'of-banner',
        type: 'string',
        variations: [
          { key: 'hello', value: 'Hello' },
          { key: 'bonjour', value: 'Bonjour' },
        ],
      },
      {
        on: true,
        offVariation: 'hello',
        allocations: [
          {
            id: 'french-orgs',
            conditions: [{ contextKind: 'organization', attribute: 'country', operator: 'equals', values: ['FR'] }],
            serve: { variation: 'bonjour' },
          },
        ],
        fallthrough: { variation: 'hello' },
      },
    );
    await createFlag(
      {
        key: 'of-limit',
        type: 'number',
        variations: [
          { key: 'small', value: 10 },
          { key: 'large', value: 100 },
        ],
      },
      {
        on: true,
        offVariation: 'small',
        fallthrough: {
          split: [
            { variation: 'small', weight: 50 },
            { variation: 'large', weight: 50 },
          ],
        },
      },
    );
    await createFlag(
      {
        key: 'of-theme',
        type: 'json',
        variations: [
          { key: 'light', value: { color: 'white', contrast: 1 } },
          { key: 'dark', value: { color: 'black', contrast: 2 } },
        ],
      },
      { on: false, offVariation: 'light', fallthrough: { variation: 'dark' } },
    );
    provider = new VexilProvider({ sdkKey: server.seeded.serverKey, baseUrl: server.url, flushIntervalMs: 60_000 });
    await OpenFeature.setProviderAndWait(DOMAIN, provider);
  });

  afterAll(async () => {
    await OpenFeature.close();
    await server?.close();
  });

  it('Requirement 2.1.1: the provider has metadata with the name "vexil"', () => {
    expect(provider.metadata.name).toBe('vexil');
    expect(client().metadata.providerMetadata.name).toBe('vexil');
  });

  it('Requirement 2.4.1, 5.3.1 and 5.3.3: initialize waits for the ruleset, then READY handlers run (also when attached afterwards)', async () => {
    expect(provider.client.status).toBe('ready');
    expect(client().providerStatus).toBe(ProviderStatus.READY);
    const ready = await nextEvent(DOMAIN, ProviderEvents.Ready);
    expect(ready.providerName).toBe('vexil');
  });

  it('Requirement 2.2.1, 2.2.2.1 and 2.2.3: resolves boolean, string, number and object flags to their values', async () => {
    expect(await client().getBooleanValue('of-checkout', false, { targetingKey: 'u-1', email: 'ada@acme.com' })).toBe(
      true,
    );
    expect(await client().getBooleanValue('of-checkout', true, { targetingKey: 'u-2', email: 'bob@example.com' })).toBe(
      false,
    );
    expect(await client().getStringValue('of-banner', 'default', { targetingKey: 'u-1' })).toBe('Hello');
    expect([10, 100]).toContain(await client().getNumberValue('of-limit', -1, { targetingKey: 'u-1' }));
    expect(await client().getObjectValue('of-theme', {}, { targetingKey: 'u-1' })).toEqual({
      color: 'white',
      contrast: 1,
    });
  });

  it('Requirement 2.2.4, 2.2.5, 2.2.9 and 2.2.10: details carry the variant, the reason and flag metadata (allocation, Vexil reason)', async () => {
    const staff = await client().getBooleanDetails('of-checkout', false, {
      targetingKey: 'u-1',
      email: 'ada@acme.com',
    });
    expect(staff).toMatchObject({
      value: true,
      variant: 'on',
      reason: StandardResolutionReasons.TARGETING_MATCH,
      flagMetadata: { allocation: 'staff', vexilReason: 'TARGETING_MATCH' },
    });
    const others = await client().getBooleanDetails('of-checkout', true, { targetingKey: 'u-2' });
    expect(others).toMatchObject({
      value: false,
      variant: 'off',
      reason: StandardResolutionReasons.DEFAULT,
      flagMetadata: { vexilReason: 'DEFAULT' },
    });
    const split = await client().getNumberDetails('of-limit', -1, { targetingKey: 'u-3' });
    expect(split.reason).toBe(StandardResolutionReasons.SPLIT);
    expect(split.variant === 'small' ? 10 : 100).toBe(split.value);
    const off = await client().getObjectDetails('of-theme', {}, { targetingKey: 'u-1' });
    expect(off).toMatchObject({
      variant: 'light',
      reason: StandardResolutionReasons.DISABLED,
      flagMetadata: { vexilReason: 'DISABLED' },
    });
    for (const value of Object.values(staff.flagMetadata))
      expect(['string', 'number', 'boolean']).toContain(typeof value);
  });

  it('Requirement 2.2.6 and 2.3.2: normal execution has no error code and no error message', async () => {
    const details = await client().getStringDetails('of-banner', 'default', { targetingKey: 'u-1' });
    expect(details.errorCode).toBeFalsy();
    expect(details.errorMessage).toBeFalsy();
  });

  it('Requirement 2.2.7 and 2.3.3: an unknown flag is FLAG_NOT_FOUND with a message, and the default', async () => {
    const details = await client().getBooleanDetails('no-such-flag', true, { targetingKey: 'u-1' });
    expect(details).toMatchObject({
      value: true,
      reason: StandardResolutionReasons.ERROR,
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    });
    expect(details.errorMessage).toBeTruthy();
  });

  it('Requirement 2.2.7: a flag of another type is TYPE_MISMATCH, and the default', async () => {
    const details = await client().getStringDetails('of-checkout', 'fallback', {
      targetingKey: 'u-1',
      email: 'ada@acme.com',
    });
    expect(details).toMatchObject({
      value: 'fallback',
      reason: StandardResolutionReasons.ERROR,
      errorCode: ErrorCode.TYPE_MISMATCH,
    });
    const number = await client().getNumberDetails('of-banner', 7, { targetingKey: 'u-1' });
    expect(number).toMatchObject({ value: 7, errorCode: ErrorCode.TYPE_MISMATCH });
  });

  it('Requirement 3.1.1: targetingKey is the key of a user context; a kind attribute and kind "multi" name other kinds (as OFREP)', async () => {
    expect(vexilContextOf({ targetingKey: 'u-1', plan: 'pro' })).toEqual({ key: 'u-1', plan: 'pro' });
    expect(vexilContextOf({ targetingKey: 'acme', kind: 'organization', country: 'FR' })).toEqual({
      kind: 'organization',
      key: 'acme',
      country: 'FR',
    });
    expect(
      vexilContextOf({ kind: 'multi', user: { key: 'u-1' }, organization: { key: 'acme', country: 'FR' }, stray: 3 }),
    ).toEqual({
      kind: 'multi',
      user: { key: 'u-1' },
      organization: { key: 'acme', country: 'FR' },
    });
    expect(
      await client().getStringValue('of-banner', 'default', {
        targetingKey: 'acme',
        kind: 'organization',
        country: 'FR',
      }),
    ).toBe('Bonjour');
    expect(
      await client().getStringValue('of-banner', 'default', {
        kind: 'multi',
        user: { key: 'u-1' },
        organization: { key: 'acme', country: 'FR' },
      }),
    ).toBe('Bonjour');
    expect(await client().getStringValue('of-banner', 'default', { targetingKey: 'u-1', country: 'FR' })).toBe('Hello');
  });

  it('Requirement 5.1.1 and 5.1.2: a change made via the API emits CONFIGURATION_CHANGED with flagsChanged', async () => {
    const changed = nextEvent(DOMAIN, ProviderEvents.ConfigurationChanged);
    const patched = await server.api('PATCH', '/api/v1/projects/default/flags/of-theme/environments/development', {
      on: true,
    });
    expect(patched.status).toBe(200);
    const details = await changed;
    expect(details.flagsChanged).toEqual(['of-theme']);
    expect(details.providerName).toBe('vexil');
    expect(await client().getObjectValue('of-theme', {}, { targetingKey: 'u-1' })).toEqual({
      color: 'black',
      contrast: 2,
    });
  });

  it('Requirement 2.7.1: track sends a custom event with the details value, which reaches the server', async () => {
    client().track(
      'checkout-completed',
      { targetingKey: 'u-9', email: 'ada@acme.com' },
      { value: 42.5, currency: 'EUR' },
    );
    await provider.client.flush();
    const rows = await server.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('eventKey', '=', 'checkout-completed')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'custom', value: 42.5, contextKind: 'user', contextKey: 'u-9' });
  });

  it('Requirement 2.4.2.1, 5.3.2 and 5.1.4: with a wrong SDK key, initialize fails and ERROR handlers run with a message', async () => {
    const domain = 'vexil-of-wrong-key';
    const failed = nextEvent(domain, ProviderEvents.Error);
    const wrong = new VexilProvider(
      { sdkKey: 'vx_server_not-a-real-key', baseUrl: server.url, events: false, logger: silent },
      { initializationTimeoutMs: 5_000 },
    );
    await expect(OpenFeature.setProviderAndWait(domain, wrong)).rejects.toBeTruthy();
    const details = await failed;
    expect(details.message).toMatch(/SDK key/);
    // A refused key is not retried: the provider reports it as fatal (PROVIDER_FATAL).
    expect(OpenFeature.getClient(domain).providerStatus).toBe(ProviderStatus.FATAL);
    const answer = await OpenFeature.getClient(domain).getBooleanDetails('of-checkout', false, { targetingKey: 'u-1' });
    expect(answer.value).toBe(false);
    expect(answer.errorCode).toBeTruthy();
  });

  it('Requirement 2.5.1: shutting down closes the client the provider created', async () => {
    const domain = 'vexil-of-close';
    const own = new VexilProvider({ sdkKey: server.seeded.serverKey, baseUrl: server.url, events: false });
    await OpenFeature.setProviderAndWait(domain, own);
    expect(await OpenFeature.getClient(domain).getBooleanValue('of-checkout', true, { targetingKey: 'u-2' })).toBe(
      false,
    );
    await own.onClose();
    expect(own.client.status).toBe('closed');
  });
});
