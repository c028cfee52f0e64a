import type { FlagState } from '@vexil/engine';
import type { DefinitionPatch, FlagVersions, LoadedFlag } from '../../api/flag';
import { ApiProblem } from '../../api/problem';
import type { FlagWithStates } from '../logic/diff';
import { errorsUnder } from '../logic/problems';
import { changedEnvironments, definitionPatch, withDefinitionOf } from './draft-model';

/** The calls a save makes (api/flag.ts in the page; fakes in unit tests). */
export interface SaveCalls {
  fetchFlag(): Promise<LoadedFlag>;
  /** PATCH with `If-Match: "<version>"`; answers the flag as saved or throws the 412 problem. */
  patchDefinition(patch: DefinitionPatch, version: number): Promise<LoadedFlag>;
  /** PUT with `If-Match: "<version>"`; answers the new version or throws the 412 problem. */
  putState(environment: string, state: FlagState, version: number): Promise<number>;
}

/** Where a save left things: what the server now holds of what was sent (`written`), and its versions. */
interface Written {
  written: FlagWithStates;
  versions: FlagVersions;
}

export type SaveOutcome =
  /** Everything is saved: `written` equals the draft. */
  | ({ kind: 'saved' } & Written)
  /**
   * Someone saved the flag since it was loaded: nothing (more) was written. `current` is the flag as
   * they left it; `written` holds what this save wrote before noticing, if anything.
   */
  | ({ kind: 'conflict'; current: LoadedFlag } & Written)
  /** The server refused a part (400, 403…); field errors are rooted at the whole flag's paths. */
  | ({ kind: 'refused'; problem: ApiProblem } & Written);

/**
 * Saves a draft: the definition (PATCH) if it changed, then each changed environment's state (PUT),
 * each with If-Match. Versions are checked first, so a flag someone saved meanwhile is caught before
 * anything is written; If-Match still catches a save that slips in between.
 */
export async function saveDraft(
  saved: FlagWithStates,
  versions: FlagVersions,
  draft: FlagWithStates,
  calls: SaveCalls,
): Promise<SaveOutcome> {
  const patch = definitionPatch(saved, draft);
  const environments = changedEnvironments(saved, draft);
  let state: Written = { written: saved, versions };

  let current: LoadedFlag;
  try {
    current = await calls.fetchFlag();
  } catch (error) {
    return { kind: 'refused', problem: asProblem(error), ...state };
  }
  const stale =
    (patch !== undefined && current.versions.definition !== versions.definition) ||
    environments.some((key) => current.versions.environments[key] !== versions.environments[key]);
  if (stale) return { kind: 'conflict', current, ...state };

  // A variation the draft removes may still be used by a saved state until that state is saved:
  // the first PATCH keeps it (while adding any new ones the states need), a last one removes it.
  const removed = saved.variations.filter((variation) => !draft.variations.some((kept) => kept.key === variation.key));
  const later = patch?.variations !== undefined && removed.length > 0 && environments.length > 0;
  const patchWith = async (body: DefinitionPatch, definition: FlagWithStates): Promise<ApiProblem | undefined> => {
    try {
      const after = await calls.patchDefinition(body, state.versions.definition);
      state = {
        written: withDefinitionOf(state.written, definition),
        versions: { ...state.versions, definition: after.versions.definition },
      };
      return undefined;
    } catch (error) {
      return asProblem(error);
    }
  };

  if (patch !== undefined) {
    const variations = later ? [...draft.variations, ...removed] : draft.variations;
    const problem = await patchWith(later ? { ...patch, variations } : patch, { ...draft, variations });
    if (problem) return stopped(problem, state, calls);
  }

  for (const environment of environments) {
    const target = draft.environments[environment] as FlagState;
    try {
      const version = await calls.putState(environment, target, state.versions.environments[environment] ?? 0);
      state = {
        written: { ...state.written, environments: { ...state.written.environments, [environment]: target } },
        versions: { ...state.versions, environments: { ...state.versions.environments, [environment]: version } },
      };
    } catch (error) {
      return stopped(rooted(asProblem(error), `environments.${environment}`), state, calls);
    }
  }
  if (later) {
    const problem = await patchWith({ variations: draft.variations }, draft);
    if (problem) return stopped(problem, state, calls);
  }
  return { kind: 'saved', ...state };
}

/** A write the server refused: a 412 is someone else's save (shown as the flag they left), anything else a refusal. */
async function stopped(problem: ApiProblem, state: Written, calls: SaveCalls): Promise<SaveOutcome> {
  if (problem.status !== 412) return { kind: 'refused', problem, ...state };
  try {
    return { kind: 'conflict', current: await calls.fetchFlag(), ...state };
  } catch (reload) {
    return { kind: 'refused', problem: asProblem(reload), ...state };
  }
}

/** A state's errors (`allocations[0]…`) under `environments.<key>`, where the page and the diff look for them. */
function rooted(problem: ApiProblem, prefix: string): ApiProblem {
  return new ApiProblem(
    problem.status,
    problem.title,
    problem.detail,
    errorsUnder(problem, prefix),
    problem.retryAfterSeconds,
    problem.type,
  );
}

function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem(0, 'The save failed', error instanceof Error ? error.message : String(error));
}
