import type { EvaluationContext } from '@vexil/engine';
import { init, type Logger, type VexilOptions } from '@vexil/node';
import type { Scenario, User } from '../scenarios.js';
import { UNREACHABLE_URL, type Engine, type SyncScenario } from './types.js';
import { ruleset, vexilContexts } from './vexil.js';

/**
 * Vexil's server SDK on the same rulesets as the bare engine (`vexil.ts`), through the typed
 * getters an application calls: the difference between the rows is what the SDK layer costs.
 */
function sdkEngine(notes: string[], optionsFor: (scenario: Scenario) => VexilOptions): Engine {
  return {
    notes,
    prepare(users: readonly User[]) {
      const contexts = vexilContexts(users);
      return {
        async load(scenario: Scenario): Promise<SyncScenario> {
          const client = init(optionsFor(scenario));
          if (!(await client.waitForInitialization(5_000)))
            throw new Error(`the SDK did not start from its bootstrap (status ${client.status})`);
          const keys = scenario.callKeys;
          const close = () => client.close();
          if (scenario.valueType === 'boolean') {
            const fallback = scenario.defaultValue as boolean;
            return {
              mode: 'sync',
              evaluate: (i) => client.boolean(keys[i] as string, contexts[i] as EvaluationContext, fallback),
              close,
            };
          }
          const fallback = scenario.defaultValue as string;
          return {
            mode: 'sync',
            evaluate: (i) => client.string(keys[i] as string, contexts[i] as EvaluationContext, fallback),
            close,
          };
        },
      };
    },
  };
}

/** The unreachable server is expected: its warnings would only clutter the bench's output. */
const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const GETTERS = '`client.boolean(flagKey, context, default)` (S1, S4) or `client.string(…)` (S2, S3)';

/** Offline from a bootstrap object, events off, as the peers' SDKs run. */
export const engine = sdkEngine(
  [
    `\`init({ sdkKey, offline: true, bootstrap: ruleset, events: false })\` on the engine's reference ruleset, then ${GETTERS}; events off, as the peers' are.`,
  ],
  (scenario) => ({ sdkKey: 'bench', offline: true, bootstrap: ruleset(scenario), events: false }),
);

/**
 * Events on, as an application runs the SDK by default: every evaluation is counted, its context
 * recorded, tracked allocations' exposures queued. The server is the discard port, so each flush
 * fails and the queue stays at its bound (`maxQueuedEvents`, oldest dropped): nothing leaves the
 * machine and memory stays bounded.
 */
export const eventsEngine = sdkEngine(
  [
    `\`init({ sdkKey, baseUrl: '${UNREACHABLE_URL}', stream: false, bootstrap: ruleset })\` with the default event options (events on, flush every 5 s, at most 10,000 events queued), then ${GETTERS}. Nothing listens on that port, so events stay queued within their bound. The timed passes never yield to the event loop, so no flush completes during them: after the first passes every context has been recorded, and each evaluation is counted and its context checked against those recorded.`,
  ],
  (scenario) => ({
    sdkKey: 'bench',
    baseUrl: UNREACHABLE_URL,
    stream: false,
    bootstrap: ruleset(scenario),
    logger: SILENT,
  }),
);
