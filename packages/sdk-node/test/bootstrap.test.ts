import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init, type Ruleset } from '@vexil/node';
import { afterAll, describe, expect, it } from 'vitest';
import { createFlag, patchFlag } from '../../server/test/support/sdk.js';
import { eventually, recordingLogger, startRestartableServer } from './support/server.js';

const ada = { key: 'ada' };
const ruleset: Ruleset = {
  version: 3,
  flags: [
    {
      key: 'banner-text',
      type: 'string',
      variations: [
        { key: 'hello', value: 'Hello' },
        { key: 'bye', value: 'Bye' },
      ],
      on: true,
      offVariation: 'bye',
      fallthrough: { variation: 'hello' },
    },
  ],
  segments: [],
};

describe('bootstrap, offline and the last-known-good file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vexil-sdk-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is ready at once from a bootstrap object, offline, without touching the network', async () => {
    const sdk = init({
      sdkKey: 'vx_server_unused',
      baseUrl: 'http://127.0.0.1:9',
      offline: true,
      bootstrap: ruleset,
      logger: recordingLogger(),
    });
    expect(sdk.status).toBe('ready');
    expect(await sdk.waitForInitialization(0)).toBe(true);
    expect(sdk.string('banner-text', ada, 'none')).toBe('Hello');
    expect(sdk.revision).toBe(3);
    await sdk.close();
    expect(sdk.status).toBe('closed');
  });

  it('has a typed getter per flag type, each answering its default for a flag of another type', async () => {
    const typed: Ruleset = {
      flags: [
        {
          key: 'limit',
          type: 'number',
          variations: [{ key: 'ten', value: 10 }],
          on: true,
          fallthrough: { variation: 'ten' },
        },
        {
          key: 'theme',
          type: 'json',
          variations: [{ key: 'dark', value: { color: 'black', contrast: [1, 2] } }],
          on: true,
          fallthrough: { variation: 'dark' },
        },
        {
          key: 'greeting',
          type: 'string',
          variations: [{ key: 'hi', value: 'Hi' }],
          on: true,
          fallthrough: { variation: 'hi' },
        },
        {
          key: 'enabled',
          type: 'boolean',
          variations: [{ key: 'yes', value: true }],
          on: true,
          fallthrough: { variation: 'yes' },
        },
      ],
    };
    const sdk = init({ sdkKey: 'vx_server_unused', offline: true, bootstrap: typed, logger: recordingLogger() });
    expect(sdk.number('limit', ada, 0)).toBe(10);
    expect(sdk.json('theme', ada, {})).toEqual({ color: 'black', contrast: [1, 2] });
    expect(sdk.string('greeting', ada, '')).toBe('Hi');
    expect(sdk.boolean('enabled', ada, false)).toBe(true);
    expect([
      sdk.number('greeting', ada, -1),
      sdk.json('limit', ada, null),
      sdk.string('theme', ada, 'x'),
      sdk.boolean('limit', ada, false),
    ]).toEqual([-1, null, 'x', false]);
    expect(sdk.detail('limit', ada, 'x', 'string')).toMatchObject({
      value: 'x',
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
    });
    expect(sdk.detail('limit', ada, 0)).toMatchObject({ value: 10, variation: 'ten' });
    expect(sdk.flagMetadata('theme')).toEqual({ type: 'json' });
    await sdk.close();
  });

  it('is ready at once from a bootstrap file', async () => {
    const file = join(dir, 'exported.json');
    writeFileSync(file, JSON.stringify(ruleset));
    const sdk = init({ sdkKey: 'vx_server_unused', offline: true, bootstrap: { file }, logger: recordingLogger() });
    expect(sdk.status).toBe('ready');
    expect(sdk.detail('banner-text', ada, 'none')).toMatchObject({
      value: 'Hello',
      variation: 'hello',
      reason: 'STATIC',
    });
    await sdk.close();
  });

  it('serves an empty ruleset offline without a bootstrap (or a key): every flag is FLAG_NOT_FOUND', async () => {
    // @ts-expect-error: online, a client needs its server SDK key (and fails without one)
    const keyless = init({ stream: false, events: false, logger: recordingLogger() });
    await keyless.close();
    const sdk = init({ offline: true, logger: recordingLogger() });
    expect(sdk.status).toBe('ready');
    expect(sdk.detail('banner-text', ada, 'none')).toMatchObject({ value: 'none', errorCode: 'FLAG_NOT_FOUND' });
    await sdk.close();
  });

  it('writes the last-known-good file on every change, and serves it when the server is down at start', async () => {
    const file = join(dir, 'last-known-good.json');
    const restartable = await startRestartableServer();
    try {
      await createFlag(
        restartable.server,
        { key: 'checkout' },
        { on: true, offVariation: 'off', fallthrough: { variation: 'on' } },
      );
      const online = init({
        sdkKey: restartable.serverKey,
        baseUrl: restartable.url,
        lastKnownGoodFile: file,
        events: false,
        logger: recordingLogger(),
      });
      expect(await online.waitForInitialization()).toBe(true);
      await eventually(() => existsSync(file), 10_000, 'the file');
      await patchFlag(restartable.server, 'checkout', { on: false });
      await eventually(() => online.boolean('checkout', ada, true) === false);
      await online.close(); // close() waits for pending writes
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Ruleset;
      expect(saved.version).toBe(online.revision);
      expect(saved.flags[0]).toMatchObject({ key: 'checkout', on: false });

      await restartable.stop();
      const logger = recordingLogger();
      const offline = init({
        sdkKey: restartable.serverKey,
        baseUrl: restartable.url,
        lastKnownGoodFile: file,
        events: false,
        logger,
      });
      expect(await offline.waitForInitialization()).toBe(true);
      expect(offline.status).toBe('stale');
      expect(offline.detail('checkout', ada, true)).toMatchObject({
        value: false,
        variation: 'off',
        reason: 'DISABLED',
      });
      expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('last-known-good'))).toBe(true);

      await restartable.start();
      await patchFlag(restartable.server, 'checkout', { on: true });
      await eventually(() => offline.status === 'ready' && offline.boolean('checkout', ada, false), 20_000, 'recovery');
      await offline.close();
    } finally {
      await restartable.destroy();
    }
  }, 40_000);
});
