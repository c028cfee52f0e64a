import { init, type VexilClient } from '@vexil/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFlag, patchFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { eventually, recordingLogger, startRestartableServer, type RestartableServer } from './support/server.js';

const ada = { key: 'ada', email: 'ada@example.com' };

describe('live updates from a real server', () => {
  let server: TestServer;
  const clients: VexilClient[] = [];
  const client = (options: Partial<Parameters<typeof init>[0]> = {}) => {
    const created = init({
      sdkKey: server.seeded.serverKey,
      baseUrl: server.url,
      events: false,
      logger: recordingLogger(),
      ...options,
    });
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await createFlag(
      server,
      { key: 'new-checkout' },
      { on: false, offVariation: 'off', fallthrough: { variation: 'on' } },
    );
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => server.close());

  it('loads the ruleset, becomes ready and evaluates locally', async () => {
    const sdk = client();
    expect(sdk.status).toBe('initializing');
    expect(await sdk.waitForInitialization()).toBe(true);
    expect(sdk.status).toBe('ready');
    expect(sdk.boolean('new-checkout', ada, true)).toBe(false);
    expect(sdk.detail('new-checkout', ada, true)).toMatchObject({ value: false, variation: 'off', reason: 'DISABLED' });
    expect(sdk.revision).toBeGreaterThan(0);
  });

  it('shows a change made through the management API, and tells its change listeners', async () => {
    const sdk = client();
    await sdk.waitForInitialization();
    const changes: { keys: string[]; revision: number }[] = [];
    sdk.on('change', (change) => changes.push(change));
    await patchFlag(server, 'new-checkout', { on: true });
    await eventually(() => sdk.boolean('new-checkout', ada, false), 10_000, 'the change');
    expect(changes).toEqual([{ keys: ['new-checkout'], revision: sdk.revision }]);
    await patchFlag(server, 'new-checkout', { on: false });
    await eventually(() => !sdk.boolean('new-checkout', ada, true));
  });

  it('follows flags created and archived, in revision order', async () => {
    const sdk = client();
    await sdk.waitForInitialization();
    await createFlag(
      server,
      {
        key: 'banner-text',
        type: 'string',
        variations: [
          { key: 'hello', value: 'Hello' },
          { key: 'bye', value: 'Bye' },
        ],
      },
      { on: true, offVariation: 'bye', fallthrough: { variation: 'hello' } },
    );
    await eventually(() => sdk.string('banner-text', ada, 'none') === 'Hello');
    expect((await server.api('POST', '/api/v1/projects/default/flags/banner-text/archive')).status).toBe(200);
    await eventually(() => sdk.detail('banner-text', ada, 'none').errorCode === 'FLAG_NOT_FOUND');
  });

  it('polls with the ETag when streaming is off', async () => {
    const sdk = client({ stream: false, pollIntervalMs: 100 });
    expect(await sdk.waitForInitialization()).toBe(true);
    const before = sdk.boolean('new-checkout', ada, true);
    await patchFlag(server, 'new-checkout', { on: !before });
    await eventually(() => sdk.boolean('new-checkout', ada, before) !== before);
    await patchFlag(server, 'new-checkout', { on: false });
  });

  it('answers defaults with TYPE_MISMATCH and FLAG_NOT_FOUND, and never throws', async () => {
    const sdk = client();
    await sdk.waitForInitialization();
    expect(sdk.string('new-checkout', ada, 'fallback')).toBe('fallback');
    expect(sdk.detail('new-checkout', ada, 'fallback', 'string')).toMatchObject({
      value: 'fallback',
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
    });
    expect(sdk.detail('no-such-flag', ada, 3)).toMatchObject({
      value: 3,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    });
    expect(sdk.boolean('new-checkout', null as never, true)).toBe(false);
    expect(sdk.flagMetadata('new-checkout')).toEqual({ type: 'boolean', temporary: true, clientSideAvailable: false });
    expect(sdk.flagMetadata('no-such-flag')).toBeUndefined();
    expect(Object.keys(sdk.allFlags(ada))).toContain('new-checkout');
  });
});

describe('a server restarted under a running SDK', () => {
  let restartable: RestartableServer;
  beforeAll(async () => {
    restartable = await startRestartableServer();
    await createFlag(
      restartable.server,
      { key: 'restart-flag' },
      { on: true, offVariation: 'off', fallthrough: { variation: 'off' } },
    );
  });
  afterAll(() => restartable.destroy());

  it('stays ready through a restart shorter than staleAfterMs: a planned restart is not an outage', async () => {
    const sdk = init({
      sdkKey: restartable.serverKey,
      baseUrl: restartable.url,
      events: false,
      logger: recordingLogger(),
    });
    const statuses: string[] = [];
    try {
      expect(await sdk.waitForInitialization()).toBe(true);
      for (const event of ['stale', 'error', 'ready'] as const) sdk.on(event, () => statuses.push(event));
      await restartable.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sdk.status).toBe('ready');
      await restartable.start();
      await patchFlag(restartable.server, 'restart-flag', { fallthrough: { variation: 'on' } });
      await eventually(() => sdk.boolean('restart-flag', ada, false), 20_000, 'the change made after the restart');
      expect(statuses).not.toContain('stale');
      expect(sdk.status).toBe('ready');
      await patchFlag(restartable.server, 'restart-flag', { fallthrough: { variation: 'off' } });
      await eventually(() => !sdk.boolean('restart-flag', ada, true), 20_000, 'back to off');
    } finally {
      await sdk.close();
    }
  }, 40_000);

  it('goes stale once the server is away longer than staleAfterMs, keeps serving, and catches up with changes made meanwhile', async () => {
    const sdk = init({
      sdkKey: restartable.serverKey,
      baseUrl: restartable.url,
      events: false,
      staleAfterMs: 500,
      logger: recordingLogger(),
    });
    try {
      expect(await sdk.waitForInitialization()).toBe(true);
      expect(sdk.boolean('restart-flag', ada, true)).toBe(false);
      const stale = new Promise<void>((resolve) => sdk.on('stale', () => resolve()));
      await restartable.stop();
      await stale;
      expect(sdk.status).toBe('stale');
      expect(sdk.boolean('restart-flag', ada, true)).toBe(false);

      await restartable.start();
      await patchFlag(restartable.server, 'restart-flag', { fallthrough: { variation: 'on' } });
      await eventually(() => sdk.status === 'ready' && sdk.boolean('restart-flag', ada, false), 20_000, 'recovery');
    } finally {
      await sdk.close();
    }
  }, 40_000);
});
