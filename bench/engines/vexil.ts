import { compile, type EvaluationContext, type FlagConfig, type Ruleset } from '@vexil/engine';
import { S1, S2, S3, S4_KEYS, attributesOf, type Scenario, type Served, type User } from '../scenarios.js';
import type { Engine, SyncScenario } from './types.js';

function booleanFlag(key: string): FlagConfig {
  return {
    key,
    type: 'boolean',
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    on: true,
    offVariation: 'off',
    fallthrough: { variation: 'on' },
  };
}

/** The reference ruleset of a scenario (the `vexil-node` adapter loads the same one through the SDK). */
export function ruleset(scenario: Scenario): Ruleset {
  switch (scenario.id) {
    case 'S1':
      return { flags: [booleanFlag(S1.key)] };
    case 'S2':
      return {
        flags: [
          {
            key: S2.key,
            type: 'string',
            variations: S2.variations.map((v) => ({ key: v, value: v })),
            on: true,
            offVariation: S2.fallthrough,
            allocations: [
              {
                id: 'r1',
                conditions: [{ attribute: 'email', operator: 'ends_with', values: [S2.emailSuffix] }],
                serve: { variation: 'r1' },
              },
              {
                id: 'r2',
                conditions: [{ attribute: 'country', operator: 'in', values: [...S2.countries] }],
                serve: { variation: 'r2' },
              },
              {
                id: 'r3',
                conditions: [{ attribute: 'plan', operator: 'equals', values: [S2.plan] }],
                serve: { variation: 'r3' },
              },
              {
                id: 'r4',
                conditions: [{ attribute: 'age', operator: 'gt', values: [S2.ageAbove] }],
                serve: { variation: 'r4' },
              },
              {
                id: 'r5',
                conditions: [{ attribute: 'userAgent', operator: 'matches', values: [S2.userAgentPattern] }],
                serve: { variation: 'r5' },
              },
            ],
            fallthrough: { variation: S2.fallthrough },
          },
        ],
      };
    case 'S3':
      return {
        flags: [
          {
            key: S3.key,
            type: 'string',
            variations: S3.variations.map((v) => ({ key: v, value: v })),
            on: true,
            fallthrough: { split: S3.variations.map((v, i) => ({ variation: v, weight: S3.weights[i] ?? 0 })) },
          },
        ],
      };
    case 'S4':
      return { flags: S4_KEYS.map(booleanFlag) };
  }
}

/** The population as Vexil contexts: one `user` context each, attributes at the top level. */
export function vexilContexts(users: readonly User[]): EvaluationContext[] {
  return users.map((u) => ({ kind: 'user', key: u.key, ...attributesOf(u) }));
}

export const engine: Engine = {
  notes: [
    '`compile(ruleset)` once, then `engine.evaluate(flagKey, context, default).value`; the ruleset is the reference configuration the peers are translated from.',
  ],
  prepare(users: readonly User[]) {
    const contexts = vexilContexts(users);
    return {
      async load(scenario: Scenario): Promise<SyncScenario> {
        const compiled = compile(ruleset(scenario));
        const keys = scenario.callKeys;
        const fallback = scenario.defaultValue;
        return {
          mode: 'sync',
          evaluate: (i) =>
            compiled.evaluate<Served>(keys[i] as string, contexts[i] as EvaluationContext, fallback).value,
          close() {},
        };
      },
    };
  },
};
