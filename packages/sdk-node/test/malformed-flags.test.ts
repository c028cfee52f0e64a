import { init, type Ruleset } from '@vexil/node';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from './support/server.js';

const ada = { key: 'ada' };
const banner = {
  key: 'banner',
  type: 'string',
  variations: [
    { key: 'hello', value: 'Hello' },
    { key: 'bye', value: 'Bye' },
  ],
  on: true,
  fallthrough: { variation: 'hello' },
} as const;

/**
 * The SDK serves any ruleset it is handed (a bootstrap, a file, another tool's export), not only
 * what the server would store: it checks the ruleset's shape, and leaves each flag to the engine,
 * which gives a flag it cannot evaluate the default with an error reason, and nothing else.
 */
describe('a ruleset holding flags the server would refuse', () => {
  it('serves its valid flags, and the default with ERROR (PARSE_ERROR) for a malformed one, without throwing', async () => {
    const ruleset = {
      flags: [
        banner,
        { ...banner, key: 'missing-variation', fallthrough: { variation: 'nowhere' } },
        {
          ...banner,
          key: 'bad-regex',
          allocations: [
            {
              id: 'a',
              conditions: [{ attribute: 'email', operator: 'matches', values: ['(unclosed'] }],
              serve: { variation: 'bye' },
            },
          ],
        },
      ],
      segments: [],
    } as unknown as Ruleset;
    const sdk = init({ sdkKey: 'vx_server_unused', offline: true, bootstrap: ruleset, logger: recordingLogger() });
    expect(sdk.status).toBe('ready');
    expect(sdk.string('banner', ada, 'default')).toBe('Hello');
    for (const key of ['missing-variation', 'bad-regex']) {
      expect(sdk.string(key, ada, 'default'), key).toBe('default');
      expect(sdk.detail(key, ada, 'default'), key).toMatchObject({
        value: 'default',
        reason: 'ERROR',
        errorCode: 'PARSE_ERROR',
      });
    }
    expect(Object.keys(sdk.allFlags(ada)).sort()).toEqual(['bad-regex', 'banner', 'missing-variation']);
    await sdk.close();
  });

  it('serves a flag with no variations: its default, with the reason its state gives (DISABLED when off)', async () => {
    const ruleset = { flags: [{ key: 'empty', type: 'string', variations: [], on: false }] } as unknown as Ruleset;
    const sdk = init({ sdkKey: 'vx_server_unused', offline: true, bootstrap: ruleset, logger: recordingLogger() });
    expect(sdk.detail('empty', ada, 'default')).toMatchObject({ value: 'default', reason: 'DISABLED' });
    await sdk.close();
  });
});
