import {
  importEppoConfiguration,
  KEY_PATTERN,
  type Clause,
  type FlagState,
  type Segment,
  type UfcConfiguration,
} from '@vexil/engine';
import type { FlagDefinition } from '../rulesets/load.js';

/** One flag of a UFC document, as Vexil will store it. */
export interface ImportedFlag {
  /** Where the flag is in the request body (`flags.<key>`), for error paths. */
  path: string;
  key: string;
  /** Only what Eppo decides; the rest of an existing flag's definition (name, tags, …) is kept. */
  definition: Pick<FlagDefinition, 'type' | 'integer' | 'variations'>;
  /** The flag's state in the environment imported into. */
  state: FlagState;
}

/** The rules of an allocation with several (Eppo ORs them), as a segment. */
export interface ImportedSegment {
  /** Where the allocation is in the request body (`flags.<key>.allocations[<i>]`). */
  path: string;
  segment: Segment;
}

/**
 * Translates a UFC document into flags and segments for one environment, through the engine's
 * importer (which keeps Eppo's semantics), with two changes so the result can be stored:
 * - allocation keys that are not Vexil keys (Eppo allows spaces and slashes: "50/50 split")
 *   become ids ("50-50-split"), keeping the original as the allocation's name; Eppo's shards
 *   carry their own salts, so assignments do not change;
 * - the engine names rule segments `eppo.<flag>.<allocation>`; segments belong to the project
 *   while states belong to an environment, so they become `eppo.<environment>.<flag>.<allocation>`
 *   and importing into one environment never changes what another serves.
 */
export function translateUfc(
  ufc: UfcConfiguration,
  environmentKey: string,
): { flags: ImportedFlag[]; segments: ImportedSegment[] } {
  const recordKeys = Object.keys(ufc.flags);
  const renamed = new Map<string, string[]>();
  const flags: UfcConfiguration['flags'] = {};
  for (const [recordKey, flag] of Object.entries(ufc.flags)) {
    const ids = allocationIds(flag.allocations.map((allocation) => allocation.key));
    renamed.set(recordKey, ids);
    flags[recordKey] = {
      ...flag,
      allocations: flag.allocations.map((allocation, index) => ({ ...allocation, key: ids[index] as string })),
    };
  }
  const ruleset = importEppoConfiguration({ ...ufc, flags });
  const engineSegments = new Map((ruleset.segments ?? []).map((segment) => [segment.key, segment]));

  const segments: ImportedSegment[] = [];
  const imported = ruleset.flags.map((config, flagIndex): ImportedFlag => {
    const recordKey = recordKeys[flagIndex] as string;
    const original = ufc.flags[recordKey]?.allocations ?? [];
    const path = `flags.${recordKey}`;
    const allocations = (config.allocations ?? []).map((allocation, index) => {
      const originalKey = original[index]?.key;
      const conditions = allocation.conditions?.map((clause): Clause => {
        const segment = 'segment' in clause ? engineSegments.get(clause.segment) : undefined;
        if (!segment) return clause;
        const key = `eppo.${environmentKey}.${config.key}.${allocation.id}`;
        segments.push({ path: `${path}.allocations[${index}]`, segment: { ...segment, key } });
        return { ...clause, segment: key };
      });
      return {
        ...allocation,
        ...(originalKey !== undefined && originalKey !== allocation.id ? { name: originalKey } : {}),
        ...(conditions === undefined ? {} : { conditions }),
      };
    });
    const { key, type, integer, variations, on } = config;
    return { path, key, definition: { type, ...(integer ? { integer } : {}), variations }, state: { on, allocations } };
  });
  return { flags: imported, segments };
}

/**
 * Vexil ids for Eppo allocation keys: valid keys stay as they are; the others get their runs of
 * other characters replaced by "-", numbered when that collides.
 */
function allocationIds(keys: string[]): string[] {
  const taken = new Set(keys.filter((key) => KEY_PATTERN.test(key)));
  return keys.map((key) => {
    if (KEY_PATTERN.test(key)) return key;
    const base = key.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100) || 'allocation';
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  });
}
