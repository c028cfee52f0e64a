import {
  LogLevel,
  PollingMode,
  SettingType,
  User,
  UserComparator,
  createConsoleLogger,
  getClient,
  type IConfigCatCache,
  type IConfigCatClientSnapshot,
} from 'configcat-node';
import { S1, S2, S3, S4_KEYS, type Scenario, type User as BenchUser } from '../scenarios.js';
import { UNREACHABLE_URL, type Engine, type SyncScenario } from './types.js';

/*
 * ConfigCat's config JSON, schema v6 (what its CDN serves as config_v6.json), typed here from the
 * wire format: settings ("f"), each with a type ("t"), a served value ("v"), targeting rules ("r")
 * made of user conditions ("c": [{ "u": { attribute, comparator, value } }]) and percentage
 * options ("p").
 */
type ConfigValue = { b: boolean } | { s: string };
interface UserCondition {
  a: string;
  c: UserComparator;
  l?: string[];
  d?: number;
}
interface ConfigSetting {
  t: SettingType;
  v: ConfigValue;
  i: string;
  r?: { c: { u: UserCondition }[]; s: { v: ConfigValue; i: string } }[];
  p?: { p: number; v: ConfigValue; i: string }[];
}
interface ConfigJson {
  p: { u: string; r: number; s: string };
  f: Record<string, ConfigSetting>;
}

const booleanSetting: ConfigSetting = { t: SettingType.Boolean, v: { b: true }, i: 'on' };

function settings(scenario: Scenario): Record<string, ConfigSetting> {
  switch (scenario.id) {
    case 'S1':
      return { [S1.key]: booleanSetting };
    case 'S2': {
      const rule = (variation: string, condition: UserCondition) => ({
        c: [{ u: condition }],
        s: { v: { s: variation }, i: variation },
      });
      return {
        [S2.key]: {
          t: SettingType.String,
          v: { s: S2.fallthrough },
          i: S2.fallthrough,
          // Targeting rules are evaluated in order; the first match wins, else the setting's value.
          r: [
            rule('r1', { a: 'Email', c: UserComparator.TextEndsWithAnyOf, l: [S2.emailSuffix] }),
            rule('r2', { a: 'Country', c: UserComparator.TextIsOneOf, l: [...S2.countries] }),
            rule('r3', { a: 'plan', c: UserComparator.TextIsOneOf, l: [S2.plan] }),
            rule('r4', { a: 'age', c: UserComparator.NumberGreater, d: S2.ageAbove }),
            // ConfigCat has no regex comparator: "starts with iPhone or iPad prefix" is the same set.
            rule('r5', { a: 'userAgent', c: UserComparator.TextStartsWithAnyOf, l: [...S2.userAgentPrefixes] }),
          ],
        },
      };
    }
    case 'S3':
      return {
        [S3.key]: {
          t: SettingType.String,
          v: { s: 'off' },
          i: 'off',
          // Percentage options on the user's Identifier (SHA-1 of setting key + identifier).
          p: S3.variations.map((v, i) => ({ p: S3.weights[i] ?? 0, v: { s: v }, i: v })),
        },
      };
    case 'S4':
      return Object.fromEntries(S4_KEYS.map((k) => [k, booleanSetting]));
  }
}

/** A cache that always holds one config, in the SDKs' shared cache format: "<fetch time ms>\n<etag>\n<config JSON>". */
function preloadedCache(config: ConfigJson): IConfigCatCache {
  const entry = `${Date.now()}\n"bench"\n${JSON.stringify(config)}`;
  return {
    get: () => entry,
    set: () => {},
  };
}

export const engine: Engine = {
  notes: [
    "Flag overrides (`createFlagOverridesFromMap`, LocalOnly) only take a map of plain values in the JS SDK — no targeting rules or percentage options — so they cannot express S2 or S3. Instead the client runs in the SDK's documented offline mode (`offline: true`: no HTTP at all) with a custom `cache` (IConfigCatCache) pre-loaded with a full config JSON (schema v6, as the CDN serves it); `baseUrl` is 127.0.0.1:9, logging off. Evaluation is `client.snapshot().getValue(key, default, user)` (synchronous), one snapshot per loaded config.",
    'S2: targeting rules `Email` TextEndsWithAnyOf, `Country` TextIsOneOf, `plan` TextIsOneOf ["enterprise"], `age` NumberGreater 65; ConfigCat has no regex comparator, so rule 5 is `userAgent` TextStartsWithAnyOf ["Mozilla/5.0 (iPhone;", "Mozilla/5.0 (iPad;"], which matches exactly the same strings. S3: percentage options 50/50 on the Identifier.',
  ],
  prepare(users: readonly BenchUser[]) {
    const contexts = users.map(
      (u) => new User(u.key, u.email, u.country, { plan: u.plan, age: u.age, userAgent: u.userAgent }),
    );
    return {
      async load(scenario: Scenario): Promise<SyncScenario> {
        const config: ConfigJson = {
          p: { u: 'https://cdn-global.configcat.com', r: 0, s: 'vexil-bench' },
          f: settings(scenario),
        };
        // getClient() returns one shared client per SDK key, so each scenario gets its own (well-formed, fake) key.
        const sdkKey = `configcat-sdk-1/vexil-bench-offline-${scenario.id}/vexil-bench-offline-${scenario.id}`;
        const client = getClient(sdkKey, PollingMode.AutoPoll, {
          offline: true,
          baseUrl: UNREACHABLE_URL,
          cache: preloadedCache(config),
          logger: createConsoleLogger(LogLevel.Off),
        });
        await client.waitForReady();
        const snapshot: IConfigCatClientSnapshot = client.snapshot();
        const missing = scenario.flagKeys.filter((k) => !snapshot.getAllKeys().includes(k));
        if (missing.length > 0)
          throw new Error(`configcat: ${missing.length} settings not loaded (cache state ${snapshot.cacheState})`);
        const keys = scenario.callKeys;
        const close = () => client.dispose();
        if (scenario.valueType === 'boolean') {
          return { mode: 'sync', evaluate: (i) => snapshot.getValue(keys[i] as string, false, contexts[i]), close };
        }
        const fallback = String(scenario.defaultValue);
        return { mode: 'sync', evaluate: (i) => snapshot.getValue(keys[i] as string, fallback, contexts[i]), close };
      },
    };
  },
};
