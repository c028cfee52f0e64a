import { basicLogger, init, type LDContext } from '@launchdarkly/node-server-sdk';
import { TestData } from '@launchdarkly/node-server-sdk/integrations';
import { S1, S2, S3, S4_KEYS, attributesOf, type Scenario, type Served, type User } from '../scenarios.js';
import { UNREACHABLE_URL, type Engine, type AsyncScenario } from './types.js';

/** A clause of LaunchDarkly's flag data model. */
interface LDClause {
  contextKind: string;
  attribute: string;
  op: 'endsWith' | 'in' | 'greaterThan' | 'matches';
  values: (string | number)[];
  negate: boolean;
}

/** The parts of LaunchDarkly's full flag JSON (as its streaming API delivers it) used here. */
interface LDFlagJson {
  key: string;
  version: number;
  on: boolean;
  salt: string;
  variations: string[];
  offVariation: number;
  fallthrough:
    | { variation: number }
    | {
        rollout: {
          kind: 'rollout';
          contextKind: string;
          bucketBy: string;
          variations: { variation: number; weight: number }[];
        };
      };
  rules: { id: string; variation: number; clauses: LDClause[]; trackEvents: boolean }[];
  targets: never[];
  contextTargets: never[];
  prerequisites: never[];
  trackEvents: boolean;
  trackEventsFallthrough: boolean;
  clientSide: boolean;
  deleted: boolean;
}

const userClause = (attribute: string, op: LDClause['op'], values: (string | number)[]): LDClause => ({
  contextKind: 'user',
  attribute,
  op,
  values,
  negate: false,
});

function flagJson(
  key: string,
  variations: string[],
  offVariation: number,
  fallthrough: LDFlagJson['fallthrough'],
  rules: LDFlagJson['rules'],
): LDFlagJson {
  return {
    key,
    version: 1,
    on: true,
    salt: key,
    variations,
    offVariation,
    fallthrough,
    rules,
    targets: [],
    contextTargets: [],
    prerequisites: [],
    trackEvents: false,
    trackEventsFallthrough: false,
    clientSide: false,
    deleted: false,
  };
}

function s2Flag(): LDFlagJson {
  const variations: string[] = [...S2.variations];
  const index = (v: string) => variations.indexOf(v);
  const rule = (variation: string, clause: LDClause) => ({
    id: variation,
    variation: index(variation),
    clauses: [clause],
    trackEvents: false,
  });
  return flagJson(S2.key, variations, index(S2.fallthrough), { variation: index(S2.fallthrough) }, [
    rule('r1', userClause('email', 'endsWith', [S2.emailSuffix])),
    rule('r2', userClause('country', 'in', [...S2.countries])),
    rule('r3', userClause('plan', 'in', [S2.plan])), // LaunchDarkly's "is one of" is its equality operator
    rule('r4', userClause('age', 'greaterThan', [S2.ageAbove])),
    rule('r5', userClause('userAgent', 'matches', [S2.userAgentPattern])),
  ]);
}

function s3Flag(): LDFlagJson {
  return flagJson(
    S3.key,
    [...S3.variations],
    0,
    {
      rollout: {
        kind: 'rollout',
        contextKind: 'user',
        bucketBy: 'key',
        // LaunchDarkly weights are in thousandths of a percent (100000 = 100 %).
        variations: S3.weights.map((w, i) => ({ variation: i, weight: w * 1000 })),
      },
    },
    [],
  );
}

async function configure(td: TestData, scenario: Scenario): Promise<void> {
  switch (scenario.id) {
    case 'S1':
      await td.update(td.flag(S1.key).booleanFlag().variationForAll(true));
      return;
    case 'S2':
      await td.usePreconfiguredFlag(s2Flag());
      return;
    case 'S3':
      await td.usePreconfiguredFlag(s3Flag());
      return;
    case 'S4':
      for (const key of S4_KEYS) await td.update(td.flag(key).booleanFlag().variationForAll(true));
      return;
  }
}

export const engine: Engine = {
  notes: [
    '`init(key, { updateProcessor: testData.getFactory(), sendEvents: false, diagnosticOptOut: true, base/stream/eventsUri: "http://127.0.0.1:9", logger: basicLogger({ level: "none" }) })` + `waitForInitialization`; the TestData data source is in memory, so nothing connects. `await client.variation(key, context, default)` per call (its evaluation API is async: each call costs at least a promise and a microtask turn).',
    'S1/S4: TestData builder `booleanFlag().variationForAll(true)`. S2/S3: `usePreconfiguredFlag` with full flag JSON, since the builder cannot express endsWith / greaterThan / matches clauses or a percentage rollout.',
    'S2: rules with clauses `endsWith`, `in` (countries), `in` ["enterprise"] (LD\'s equality), `greaterThan` 65, `matches` (regex), fallthrough "none". S3: fallthrough rollout 50000/50000 bucketed by `key` (SHA-1 of key + salt).',
  ],
  prepare(users: readonly User[]) {
    const contexts: LDContext[] = users.map((u) => ({
      kind: 'user',
      key: u.key,
      ...attributesOf(u),
    }));
    return {
      async load(scenario: Scenario): Promise<AsyncScenario> {
        const td = new TestData();
        await configure(td, scenario);
        const client = init('sdk-vexil-bench-offline', {
          updateProcessor: td.getFactory(),
          sendEvents: false,
          diagnosticOptOut: true,
          baseUri: UNREACHABLE_URL,
          streamUri: UNREACHABLE_URL,
          eventsUri: UNREACHABLE_URL,
          logger: basicLogger({ level: 'none' }),
        });
        await client.waitForInitialization({ timeout: 10 });
        const keys = scenario.callKeys;
        const fallback = scenario.defaultValue;
        return {
          mode: 'async',
          evaluate: (i) => client.variation(keys[i] as string, contexts[i] as LDContext, fallback) as Promise<Served>,
          close: () => client.close(),
        };
      },
    };
  },
};
