import { GrowthBookClient, type FeatureDefinition, type UserContext } from '@growthbook/growthbook';
import {
  S1,
  S2,
  S3,
  S4_KEYS,
  attributesOf,
  escapeRegExp,
  type Scenario,
  type Served,
  type User,
} from '../scenarios.js';
import type { Engine, SyncScenario } from './types.js';

const booleanFeature: FeatureDefinition<boolean> = { defaultValue: true };

function features(scenario: Scenario): Record<string, FeatureDefinition> {
  switch (scenario.id) {
    case 'S1':
      return { [S1.key]: booleanFeature };
    case 'S2':
      return {
        [S2.key]: {
          defaultValue: S2.fallthrough,
          // Force rules are evaluated in order; the first whose condition matches wins.
          rules: [
            // GrowthBook's conditions have no "ends with": an anchored regex of the escaped suffix is the same test.
            { id: 'r1', condition: { email: { $regex: `${escapeRegExp(S2.emailSuffix)}$` } }, force: 'r1' },
            { id: 'r2', condition: { country: { $in: [...S2.countries] } }, force: 'r2' },
            { id: 'r3', condition: { plan: { $eq: S2.plan } }, force: 'r3' },
            { id: 'r4', condition: { age: { $gt: S2.ageAbove } }, force: 'r4' },
            { id: 'r5', condition: { userAgent: { $regex: S2.userAgentPattern } }, force: 'r5' },
          ],
        },
      };
    case 'S3':
      return {
        [S3.key]: {
          defaultValue: 'off',
          rules: [
            {
              id: 's3-split',
              key: S3.key,
              seed: S3.key,
              hashAttribute: 'id',
              hashVersion: 2,
              coverage: 1,
              variations: [...S3.variations],
              weights: S3.weights.map((w) => w / 100),
            },
          ],
        },
      };
    case 'S4':
      return Object.fromEntries(S4_KEYS.map((k) => [k, booleanFeature]));
  }
}

export const engine: Engine = {
  notes: [
    'Multi-user server API: one `GrowthBookClient` (present in 1.8.0), `initSync({ payload: { features }, streaming: false })` with the features JSON in memory (no apiHost, no polling), then `getFeatureValue(key, default, userContext)` with a pre-built `{ attributes }` user context per call.',
    'S2: force rules with conditions `$regex` (for "ends with": `@example\\.com$`), `$in`, `$eq`, `$gt`, `$regex`.',
    'S3: an experiment rule (variations a/b, weights 0.5/0.5, hashAttribute `id`, hashVersion 2, seed "s3"); no trackingCallback, so no exposure is tracked.',
  ],
  prepare(users: readonly User[]) {
    const contexts: UserContext[] = users.map((u) => ({
      attributes: { id: u.key, ...attributesOf(u) },
    }));
    return {
      async load(scenario: Scenario): Promise<SyncScenario> {
        const client = new GrowthBookClient({ enabled: true, debug: false });
        client.initSync({ payload: { features: features(scenario) }, streaming: false });
        const keys = scenario.callKeys;
        const fallback = scenario.defaultValue;
        return {
          mode: 'sync',
          evaluate: (i) => client.getFeatureValue(keys[i] as string, fallback, contexts[i] as UserContext) as Served,
          close: () => client.destroy(),
        };
      },
    };
  },
};
