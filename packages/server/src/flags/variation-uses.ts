import type { FlagState, Serve } from '@vexil/engine';
import type { FieldError } from '../http/problems.js';

/**
 * Where a flag's variations are used, so that a change removing one that is still served can say
 * where ("production: offVariation, allocations[1] split") instead of the engine's bare "unknown
 * variation" at the first place it trips over.
 */

export interface VariationUse {
  variation: string;
  /** The field, in the engine's notation, relative to the state: `allocations[1].serve.split[0].variation`. */
  path: string;
  /** The same place for people: `allocations[1] split`. */
  place: string;
}

/** Every place a state serves, targets or falls back to a variation. */
export function variationUses(state: FlagState): VariationUse[] {
  const uses: VariationUse[] = [];
  if (state.offVariation !== undefined)
    uses.push({ variation: state.offVariation, path: 'offVariation', place: 'offVariation' });
  state.targets?.forEach((target, index) =>
    uses.push({ variation: target.variation, path: `targets[${index}].variation`, place: `targets[${index}]` }),
  );
  state.allocations?.forEach((allocation, index) =>
    uses.push(...serveUses(allocation.serve, `allocations[${index}].serve`, `allocations[${index}]`)),
  );
  if (state.fallthrough) uses.push(...serveUses(state.fallthrough, 'fallthrough', 'fallthrough'));
  return uses;
}

function serveUses(serve: Serve, path: string, place: string): VariationUse[] {
  if ('variation' in serve) return [{ variation: serve.variation, path: `${path}.variation`, place }];
  if ('split' in serve)
    return serve.split.map((part, index) => ({
      variation: part.variation,
      path: `${path}.split[${index}].variation`,
      place: `${place} split`,
    }));
  return serve.shards.map((part, index) => ({
    variation: part.variation,
    path: `${path}.shards[${index}].variation`,
    place: `${place} shards`,
  }));
}

/** A use of a removed variation: in the flag's own state in an environment, or by a flag requiring it. */
export interface RemovedVariationUse extends VariationUse {
  environment: string;
  /** The flag whose state uses it, when it is another flag's prerequisite. */
  dependent?: string;
}

/** The uses of `removed` in the flag's states (by environment key) and in others' prerequisites on it. */
export function removedVariationUses(
  flagKey: string,
  removed: ReadonlySet<string>,
  states: { environment: string; state: FlagState }[],
  others: { key: string; environment: string; state: FlagState }[],
): RemovedVariationUse[] {
  const uses: RemovedVariationUse[] = [];
  for (const { environment, state } of states) {
    for (const use of variationUses(state)) if (removed.has(use.variation)) uses.push({ ...use, environment });
  }
  for (const other of others) {
    other.state.prerequisites?.forEach((prerequisite, index) => {
      if (prerequisite.flag !== flagKey) return;
      for (const variation of prerequisite.variations.filter((candidate) => removed.has(candidate)))
        uses.push({
          variation,
          path: `prerequisites[${index}].variations`,
          place: `prerequisite of "${other.key}"`,
          environment: other.environment,
          dependent: other.key,
        });
    });
  }
  return uses;
}

/** "Variation "blue" is still used — production: offVariation, allocations[1] split; staging: fallthrough." */
export function describeUses(removed: ReadonlySet<string>, uses: RemovedVariationUse[]): string {
  const used = [...new Set(uses.map((use) => use.variation))];
  const several = used.length > 1;
  const byEnvironment = new Map<string, string[]>();
  for (const use of uses) {
    const place = several ? `${use.place} ("${use.variation}")` : use.place;
    const places = byEnvironment.get(use.environment) ?? [];
    if (!places.includes(place)) places.push(place);
    byEnvironment.set(use.environment, places);
  }
  const where = [...byEnvironment].map(([environment, places]) => `${environment}: ${places.join(', ')}`).join('; ');
  const what = several
    ? `Variations ${used.map((key) => `"${key}"`).join(', ')} are`
    : `Variation "${used[0] ?? [...removed][0]}" is`;
  return `${what} still used — ${where}. Serve another variation there first.`;
}

/** One field error per use: at the state's field (under `prefix`), or at `variations` for another flag's prerequisite. */
export function useErrors(uses: RemovedVariationUse[], prefix: (environment: string) => string): FieldError[] {
  return uses.map((use) =>
    use.dependent === undefined
      ? {
          path: `${prefix(use.environment)}.${use.path}`,
          message: `uses variation "${use.variation}", which this change removes`,
        }
      : {
          path: 'variations',
          message: `flag "${use.dependent}" requires variation "${use.variation}" in ${use.environment} (${use.path})`,
        },
  );
}
