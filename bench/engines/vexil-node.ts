import type { EvaluationContext } from '@vexil/engine';
import { init } from '@vexil/node';
import type { Scenario, User } from '../scenarios.js';
import type { Engine, SyncScenario } from './types.js';
import { ruleset, vexilContexts } from './vexil.js';

/**
 * Vexil's server SDK on the same rulesets as the bare engine (`vexil.ts`), offline from a bootstrap
 * object, through the typed getters an application calls: the difference between the two rows is
 * what the SDK layer costs.
 */
export const engine: Engine = {
  notes: [
    "`init({ sdkKey, offline: true, bootstrap: ruleset, events: false })` on the engine's reference ruleset, then `client.boolean(flagKey, context, default)` (S1, S4) or `client.string(…)` (S2, S3); events off, as the peers' are.",
  ],
  prepare(users: readonly User[]) {
    const contexts = vexilContexts(users);
    return {
      async load(scenario: Scenario): Promise<SyncScenario> {
        const client = init({ sdkKey: 'bench', offline: true, bootstrap: ruleset(scenario), events: false });
        if (!(await client.waitForInitialization(5_000))) throw new Error(`the SDK did not start from its bootstrap (status ${client.status})`);
        const keys = scenario.callKeys;
        const close = () => client.close();
        if (scenario.valueType === 'boolean') {
          const fallback = scenario.defaultValue as boolean;
          return { mode: 'sync', evaluate: (i) => client.boolean(keys[i] as string, contexts[i] as EvaluationContext, fallback), close };
        }
        const fallback = scenario.defaultValue as string;
        return { mode: 'sync', evaluate: (i) => client.string(keys[i] as string, contexts[i] as EvaluationContext, fallback), close };
      },
    };
  },
};
