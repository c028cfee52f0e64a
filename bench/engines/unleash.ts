import { InMemStorageProvider, Unleash, type Context, type UnleashConfig } from 'unleash-client';
import { S1, S2, S3, S4_KEYS, attributesOf, type Scenario, type User } from '../scenarios.js';
import { UNREACHABLE_URL, type Engine, type SyncScenario } from './types.js';

type Bootstrap = NonNullable<UnleashConfig['bootstrap']>;
type FeatureToggle = NonNullable<Bootstrap['data']>[number];
type Strategy = NonNullable<FeatureToggle['strategies']>[number];
type Constraint = Strategy['constraints'][number];

/** The "standard" strategy: on for everyone, no hashing. */
const onForEveryone: Strategy = { name: 'default', parameters: {}, constraints: [] };

function toggle(name: string, strategies: Strategy[]): FeatureToggle {
  return {
    name,
    enabled: true,
    type: 'release',
    project: 'default',
    stale: false,
    impressionData: false,
    strategies,
    variants: [],
  };
}

/** A 100 % gradual rollout whose strategy variant is `variant`, guarded by `constraints`. */
function serveWhen(groupId: string, variant: string, constraints: Constraint[]): Strategy {
  return {
    name: 'flexibleRollout',
    parameters: { rollout: '100', stickiness: 'default', groupId },
    constraints,
    variants: [{ name: variant, weight: 1000, stickiness: 'default' }],
  };
}

function constraint(
  contextName: string,
  operator: Constraint['operator'],
  values: readonly string[],
  value?: string,
): Constraint {
  return {
    contextName,
    operator,
    values: [...values],
    inverted: false,
    caseInsensitive: false,
    ...(value === undefined ? {} : { value }),
  };
}

function features(scenario: Scenario): FeatureToggle[] {
  switch (scenario.id) {
    case 'S1':
      return [toggle(S1.key, [onForEveryone])];
    case 'S2':
      // Strategies are evaluated in order and getVariant() serves the variant of the first enabled
      // one; the last, unconstrained strategy is the fallthrough.
      return [
        toggle(S2.key, [
          serveWhen(S2.key, 'r1', [constraint('email', 'STR_ENDS_WITH' as Constraint['operator'], [S2.emailSuffix])]),
          serveWhen(S2.key, 'r2', [constraint('country', 'IN' as Constraint['operator'], S2.countries)]),
          serveWhen(S2.key, 'r3', [constraint('plan', 'IN' as Constraint['operator'], [S2.plan])]),
          serveWhen(S2.key, 'r4', [constraint('age', 'NUM_GT' as Constraint['operator'], [], String(S2.ageAbove))]),
          serveWhen(S2.key, 'r5', [
            constraint('userAgent', 'REGEX' as Constraint['operator'], [], S2.userAgentPattern),
          ]),
          serveWhen(S2.key, S2.fallthrough, []),
        ]),
      ];
    case 'S3':
      return [
        toggle(S3.key, [
          {
            name: 'flexibleRollout',
            parameters: { rollout: '100', stickiness: 'default', groupId: S3.key },
            constraints: [],
            variants: S3.variations.map((v, i) => ({
              name: v,
              weight: (S3.weights[i] ?? 0) * 10,
              stickiness: 'default',
            })),
          },
        ]),
      ];
    case 'S4':
      return S4_KEYS.map((k) => toggle(k, [onForEveryone]));
  }
}

function waitFor(client: Unleash, event: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`unleash-client: no '${event}' within ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const engine: Engine = {
  notes: [
    '`new Unleash({ url: "http://127.0.0.1:9", refreshInterval: 0, disableMetrics: true, bootstrap: { data }, storageProvider: new InMemStorageProvider() })`; waits for `synchronized` (emitted once the bootstrap is applied), never fetches; `isEnabled` for S1/S4, `getVariant(...).name` for S2/S3. SDK warn/error events are captured and fail the run.',
    'S1/S4: enabled toggles with the `default` (standard) strategy.',
    'S2: six `flexibleRollout` (100 %) strategies in order, each with one strategy variant; constraints `STR_ENDS_WITH`, `IN` (countries), `IN` ["enterprise"] (Unleash has no string "equals"), `NUM_GT` 65, `REGEX` (RE2) on the user agent; the last strategy has no constraint and serves "none" (the fallthrough).',
    'S3: one `flexibleRollout` 100 % strategy with strategy variants a/b at weight 500/500, stickiness `default` (= userId).',
  ],
  prepare(users: readonly User[]) {
    const contexts: Context[] = users.map((u) => ({
      userId: u.key,
      properties: attributesOf(u),
    }));
    return {
      async load(scenario: Scenario): Promise<SyncScenario> {
        const problems: string[] = [];
        const client = new Unleash({
          appName: 'vexil-bench',
          url: UNREACHABLE_URL,
          refreshInterval: 0,
          disableMetrics: true,
          storageProvider: new InMemStorageProvider(),
          bootstrap: { data: features(scenario) },
          skipInstanceCountWarning: true,
        });
        client.on('error', (err: unknown) => problems.push(`error: ${String(err)}`));
        client.on('warn', (msg: unknown) => problems.push(`warn: ${String(msg)}`));
        await waitFor(client, 'synchronized', 10_000);
        if (problems.length > 0) throw new Error(`unleash-client reported: ${problems.join('; ')}`);
        const keys = scenario.callKeys;
        const close = () => {
          client.destroy();
          if (problems.length > 0) throw new Error(`unleash-client reported: ${problems.join('; ')}`);
        };
        if (scenario.valueType === 'boolean') {
          return { mode: 'sync', evaluate: (i) => client.isEnabled(keys[i] as string, contexts[i]), close };
        }
        return { mode: 'sync', evaluate: (i) => client.getVariant(keys[i] as string, contexts[i]).name, close };
      },
    };
  },
};
