import type { Flag, FlagState } from '@vexil/engine';
import type { FlagDraftPayload } from '../../api/flag-evaluate';
import { canonical, type FlagWithStates } from '../logic/diff';

/**
 * What the test panel sends as `draft` to the evaluate endpoint: the definition when the draft
 * changed it, and the whole state of each environment the draft changed — only fields the API
 * takes (the page keeps versions and times on its states, which the API's strict schema refuses).
 * Undefined when the draft is the saved flag: then only the saved answer is asked for.
 */
export function draftPayload(saved: FlagWithStates, draft: FlagWithStates): FlagDraftPayload | undefined {
  const payload: FlagDraftPayload = {};
  const definition = definitionOf(draft);
  if (canonical(definitionOf(saved)) !== canonical(definition)) payload.definition = definition;
  const environments: Record<string, FlagState> = {};
  for (const [environment, state] of Object.entries(draft.environments)) {
    const before = saved.environments[environment];
    if (before === undefined) continue;
    const after = stateOf(state);
    if (canonical(stateOf(before)) !== canonical(after)) environments[environment] = after;
  }
  if (Object.keys(environments).length > 0) payload.environments = environments as FlagDraftPayload['environments'];
  return payload.definition === undefined && payload.environments === undefined ? undefined : payload;
}

/** The definition's fields PATCH of a flag takes (the type and key never change). */
function definitionOf(flag: Flag): NonNullable<FlagDraftPayload['definition']> {
  return pick(flag, ['name', 'description', 'tags', 'temporary', 'clientSideAvailable', 'variations']) as NonNullable<
    FlagDraftPayload['definition']
  >;
}

const STATE_FIELDS = [
  'on',
  'offVariation',
  'prerequisites',
  'targets',
  'allocations',
  'fallthrough',
  'bucketBy',
  'salt',
] as const satisfies readonly (keyof FlagState)[];

/** A state with only the fields PUT of a state takes. */
export function stateOf(state: FlagState): FlagState {
  return pick(state, STATE_FIELDS) as unknown as FlagState;
}

function pick<T extends object>(value: T, fields: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    const fieldValue = (value as Record<string, unknown>)[field];
    if (fieldValue !== undefined) picked[field] = fieldValue;
  }
  return picked;
}

/** Where a draft's problem is, for people: `draft.environments.production.allocations[0]` → `production · allocations[0]`. */
export function draftPlace(path: string): string {
  const state = /^draft\.environments\.([^.[]+)\.?(.*)$/.exec(path);
  if (state) return state[2] ? `${state[1]} · ${state[2]}` : (state[1] ?? path);
  return path.replace(/^draft\.definition\.?/, '') || 'definition';
}
