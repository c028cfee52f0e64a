import {
  EppoClient,
  FormatEnum,
  MemoryOnlyConfigurationStore,
  type Attributes,
  type Flag,
} from '@eppo/js-client-sdk-common';
import { NO_OP_EVENT_DISPATCHER } from '@eppo/node-server-sdk';
import { S1, S2, S3, S4_KEYS, attributesOf, escapeRegExp, type Scenario, type User } from '../scenarios.js';
import type { Engine, SyncScenario } from './types.js';

/*
 * Eppo's "Universal Flag Configuration" (UFC), in the unobfuscated SERVER format its API serves to
 * server SDKs. Typed here from the wire format; the SDK receives it as parsed JSON.
 */
interface UfcCondition {
  attribute: string;
  operator: 'MATCHES' | 'ONE_OF' | 'GT';
  value: string | number | string[];
}
interface UfcSplit {
  variationKey: string;
  shards: { salt: string; ranges: { start: number; end: number }[] }[];
}
interface UfcAllocation {
  key: string;
  rules?: { conditions: UfcCondition[] }[];
  splits: UfcSplit[];
  doLog: boolean;
}
interface UfcFlag {
  key: string;
  enabled: boolean;
  variationType: 'BOOLEAN' | 'STRING';
  variations: Record<string, { key: string; value: boolean | string }>;
  allocations: UfcAllocation[];
  totalShards: number;
}

const TOTAL_SHARDS = 10_000;

function booleanFlag(key: string): UfcFlag {
  return {
    key,
    enabled: true,
    variationType: 'BOOLEAN',
    variations: { on: { key: 'on', value: true }, off: { key: 'off', value: false } },
    allocations: [{ key: 'everyone', splits: [{ variationKey: 'on', shards: [] }], doLog: false }],
    totalShards: TOTAL_SHARDS,
  };
}

function stringVariations(values: readonly string[]): UfcFlag['variations'] {
  return Object.fromEntries(values.map((v) => [v, { key: v, value: v }]));
}

function ruleAllocation(variation: string, condition: UfcCondition): UfcAllocation {
  return {
    key: variation,
    rules: [{ conditions: [condition] }],
    splits: [{ variationKey: variation, shards: [] }],
    doLog: false,
  };
}

function ufcFlags(scenario: Scenario): Record<string, UfcFlag> {
  switch (scenario.id) {
    case 'S1':
      return { [S1.key]: booleanFlag(S1.key) };
    case 'S2':
      return {
        [S2.key]: {
          key: S2.key,
          enabled: true,
          variationType: 'STRING',
          variations: stringVariations(S2.variations),
          // Allocations are a waterfall: the first one whose rules match serves its split.
          allocations: [
            // UFC has no "ends with": an anchored regex of the escaped suffix is the same test.
            ruleAllocation('r1', {
              attribute: 'email',
              operator: 'MATCHES',
              value: `${escapeRegExp(S2.emailSuffix)}$`,
            }),
            ruleAllocation('r2', { attribute: 'country', operator: 'ONE_OF', value: [...S2.countries] }),
            ruleAllocation('r3', { attribute: 'plan', operator: 'ONE_OF', value: [S2.plan] }),
            ruleAllocation('r4', { attribute: 'age', operator: 'GT', value: S2.ageAbove }),
            ruleAllocation('r5', { attribute: 'userAgent', operator: 'MATCHES', value: S2.userAgentPattern }),
            { key: 'fallthrough', splits: [{ variationKey: S2.fallthrough, shards: [] }], doLog: false },
          ],
          totalShards: TOTAL_SHARDS,
        },
      };
    case 'S3': {
      let start = 0;
      const splits = S3.variations.map((v, i) => {
        const end = start + ((S3.weights[i] ?? 0) * TOTAL_SHARDS) / 100;
        const split: UfcSplit = { variationKey: v, shards: [{ salt: S3.key, ranges: [{ start, end }] }] };
        start = end;
        return split;
      });
      return {
        [S3.key]: {
          key: S3.key,
          enabled: true,
          variationType: 'STRING',
          variations: stringVariations(S3.variations),
          allocations: [{ key: 'split', splits, doLog: false }],
          totalShards: TOTAL_SHARDS,
        },
      };
    }
    case 'S4':
      return Object.fromEntries(S4_KEYS.map((k) => [k, booleanFlag(k)]));
  }
}

export const engine: Engine = {
  notes: [
    '@eppo/node-server-sdk 3.10.2 has no `offlineInit` (its `init()` always fetches from the API). The adapter builds the client exactly as that `init()` does, minus the fetch: `new EppoClient({ flagConfigurationStore: MemoryOnlyConfigurationStore, eventDispatcher: NO_OP_EVENT_DISPATCHER })` from @eppo/js-client-sdk-common (the evaluator the Node SDK wraps), `useLRUInMemoryAssignmentCache(50000)` as `init()` does, a no-op assignment logger, and the store filled with an in-memory UFC (SERVER format, unobfuscated) configuration.',
    "Allocations have `doLog: false` (like Vexil's untracked allocations and the other SDKs with events off), so the assignment logger/cache is never reached.",
    'S2: an allocation waterfall with conditions `MATCHES` `@example\\.com$` (UFC has no "ends with"), `ONE_OF` countries, `ONE_OF` ["enterprise"], `GT` 65, `MATCHES` (regex); the last allocation has no rule and serves "none". S3: one allocation, two splits with shard ranges [0, 5000) / [5000, 10000) of 10000 shards, salt "s3" (MD5 of salt-subjectKey).',
  ],
  prepare(users: readonly User[]) {
    const subjects: { key: string; attributes: Attributes }[] = users.map((u) => ({
      key: u.key,
      attributes: attributesOf(u),
    }));
    return {
      async load(scenario: Scenario): Promise<SyncScenario> {
        const store = new MemoryOnlyConfigurationStore<Flag>();
        // The SDK's configuration requestor stores the parsed JSON of the API response as is;
        // the JSON round trip is that wire boundary.
        const flags: Record<string, Flag> = JSON.parse(JSON.stringify(ufcFlags(scenario)));
        await store.setEntries(flags);
        store.setEnvironment({ name: 'bench' });
        store.setFormat(FormatEnum.SERVER);
        const now = new Date().toISOString();
        store.setConfigFetchedAt(now);
        store.setConfigPublishedAt(now);
        const client = new EppoClient({ flagConfigurationStore: store, eventDispatcher: NO_OP_EVENT_DISPATCHER });
        client.setAssignmentLogger({ logAssignment() {} });
        client.useLRUInMemoryAssignmentCache(50_000);
        client.setIsGracefulFailureMode(true);
        const keys = scenario.callKeys;
        if (scenario.valueType === 'boolean') {
          const d = scenario.defaultValue === true;
          return {
            mode: 'sync',
            evaluate: (i) => {
              const s = subjects[i]!;
              return client.getBooleanAssignment(keys[i] as string, s.key, s.attributes, d);
            },
            close: () => client.stopPolling(),
          };
        }
        const d = String(scenario.defaultValue);
        return {
          mode: 'sync',
          evaluate: (i) => {
            const s = subjects[i]!;
            return client.getStringAssignment(keys[i] as string, s.key, s.attributes, d);
          },
          close: () => client.stopPolling(),
        };
      },
    };
  },
};
