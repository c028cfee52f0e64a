import { FlagdCore } from '@openfeature/flagd-core';
import { S1, S2, S3, S4_KEYS, attributesOf, type Scenario, type User } from '../scenarios.js';
import type { Engine, SyncScenario } from './types.js';

type Logger = NonNullable<ConstructorParameters<typeof FlagdCore>[1]>;
type EvaluationContext = NonNullable<Parameters<FlagdCore['resolveStringEvaluation']>[2]>;

const silent: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** A flagd flag definition (https://flagd.dev/reference/flag-definitions/), JSON Logic targeting. */
interface FlagdFlag {
  state: 'ENABLED' | 'DISABLED';
  variants: Record<string, boolean | string>;
  defaultVariant: string;
  targeting?: unknown;
}

const booleanFlag: FlagdFlag = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' };

function flags(scenario: Scenario): Record<string, FlagdFlag> {
  const v = (name: string) => ({ var: name });
  switch (scenario.id) {
    case 'S1':
      return { [S1.key]: booleanFlag };
    case 'S2':
      return {
        [S2.key]: {
          state: 'ENABLED',
          variants: Object.fromEntries(S2.variations.map((x) => [x, x])),
          defaultVariant: S2.fallthrough,
          targeting: {
            // if / else-if chain: the first true condition wins, the last argument is the "else".
            if: [
              { ends_with: [v('email'), S2.emailSuffix] },
              'r1',
              { in: [v('country'), [...S2.countries]] },
              'r2',
              { '===': [v('plan'), S2.plan] },
              'r3',
              { '>': [v('age'), S2.ageAbove] },
              'r4',
              // flagd's JSON Logic has no regex operator: "starts with iPhone or iPad prefix" is the same set.
              { or: S2.userAgentPrefixes.map((p) => ({ starts_with: [v('userAgent'), p] })) },
              'r5',
              S2.fallthrough,
            ],
          },
        },
      };
    case 'S3':
      return {
        [S3.key]: {
          state: 'ENABLED',
          variants: Object.fromEntries(S3.variations.map((x) => [x, x])),
          defaultVariant: 'a',
          // Buckets on flagKey + targetingKey (MurmurHash3) by default.
          targeting: { fractional: S3.variations.map((x, i) => [x, S3.weights[i]]) },
        },
      };
    case 'S4':
      return Object.fromEntries(S4_KEYS.map((k) => [k, booleanFlag]));
  }
}

export const engine: Engine = {
  notes: [
    '`new FlagdCore(undefined, silentLogger)`, `setConfigurations(JSON.stringify({ flags }))` with a flagd flag-definition document, then `resolveBooleanEvaluation` / `resolveStringEvaluation(key, default, { targetingKey, ...attributes })`.',
    'S2: an `if` / else-if JSON Logic chain with `ends_with`, `in`, `===`, `>`; flagd has no regex operator, so rule 5 is `or` of two `starts_with` ("Mozilla/5.0 (iPhone;", "Mozilla/5.0 (iPad;"), which matches exactly the same strings as the regex.',
    'S3: `fractional` [["a",50],["b",50]] (MurmurHash3 of flagKey+targetingKey).',
  ],
  prepare(users: readonly User[]) {
    const contexts: EvaluationContext[] = users.map((u) => ({
      targetingKey: u.key,
      ...attributesOf(u),
    }));
    return {
      async load(scenario: Scenario): Promise<SyncScenario> {
        const core = new FlagdCore(undefined, silent);
        core.setConfigurations(JSON.stringify({ flags: flags(scenario) }));
        const keys = scenario.callKeys;
        if (scenario.valueType === 'boolean') {
          const fallback = scenario.defaultValue === true;
          return {
            mode: 'sync',
            evaluate: (i) => core.resolveBooleanEvaluation(keys[i] as string, fallback, contexts[i]).value,
            close() {},
          };
        }
        const fallback = String(scenario.defaultValue);
        return {
          mode: 'sync',
          evaluate: (i) => core.resolveStringEvaluation(keys[i] as string, fallback, contexts[i]).value,
          close() {},
        };
      },
    };
  },
};
