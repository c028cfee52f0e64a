import type { FlagConfig, FlagState, Segment } from '@vexil/engine';
import type { Queryable } from '../db/database.js';
import type { EnvironmentRow } from '../db/schema.js';
import { flagConfigOf, segmentOf } from '../rulesets/load.js';
import { segmentsNamedBy } from '../segments/service.js';

/**
 * The prerequisite graph of each environment, kept in `flag_prerequisites` beside the states it
 * comes from: whoever writes a state writes its rows in the same transaction. A save then reads
 * only what it touches — the flags it requires (and theirs, for cycles), the flags that require
 * it — through indexes, so its cost does not grow with the number of flags in the project.
 */

/** A flag of an environment as a save sees it. */
export interface StoredFlag {
  id: string;
  archived: boolean;
  config: FlagConfig;
}

/** The keys of the flags a state requires, each once. */
export function requiredKeys(state: Pick<FlagState, 'prerequisites'>): string[] {
  return [...new Set((state.prerequisites ?? []).map((prerequisite) => prerequisite.flag))];
}

/** 3 parameters a row: far under both databases' limits on bound parameters. */
const EDGES_PER_INSERT = 1000;

/** Records what new states require (a new flag's, an imported one's). */
export async function addPrerequisiteEdges(
  db: Queryable,
  states: readonly { flagId: string; environmentId: string; state: FlagState }[],
): Promise<void> {
  const rows = states.flatMap(({ flagId, environmentId, state }) =>
    requiredKeys(state).map((prerequisiteKey) => ({ flagId, environmentId, prerequisiteKey })),
  );
  for (let start = 0; start < rows.length; start += EDGES_PER_INSERT)
    await db
      .insertInto('flagPrerequisites')
      .values(rows.slice(start, start + EDGES_PER_INSERT))
      .execute();
}

/** A state was replaced: its rows now say what the new one requires (untouched when that did not change). */
export async function replacePrerequisiteEdges(
  db: Queryable,
  flagId: string,
  environmentId: string,
  state: FlagState,
  before: FlagState | undefined,
): Promise<void> {
  const keys = requiredKeys(state);
  if (before !== undefined && sameKeys(keys, requiredKeys(before))) return;
  await db
    .deleteFrom('flagPrerequisites')
    .where('flagId', '=', flagId)
    .where('environmentId', '=', environmentId)
    .execute();
  await addPrerequisiteEdges(db, [{ flagId, environmentId, state }]);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key) => b.includes(key));
}

/** Flags of the environment by key, with their state there (archived ones too); missing keys are left out. */
async function storedFlags(
  db: Queryable,
  environment: EnvironmentRow,
  keys: readonly string[],
): Promise<Map<string, StoredFlag>> {
  const found = new Map<string, StoredFlag>();
  if (keys.length === 0) return found;
  const rows = await db
    .selectFrom('flags')
    .innerJoin('flagStates', 'flagStates.flagId', 'flags.id')
    .select(['flags.id', 'flags.key', 'flags.definition', 'flags.archived', 'flagStates.state'])
    .where('flags.projectId', '=', environment.projectId)
    .where('flags.key', 'in', [...keys])
    .where('flagStates.environmentId', '=', environment.id)
    .execute();
  for (const row of rows)
    found.set(row.key, { id: row.id, archived: Boolean(row.archived), config: flagConfigOf(row, row.state) });
  return found;
}

/**
 * Everything `config` requires in the environment, directly or through other flags: what the
 * engine needs to check its prerequisites and to find a cycle through it. One query per level.
 */
export async function prerequisitesOf(
  db: Queryable,
  environment: EnvironmentRow,
  config: FlagConfig,
): Promise<Map<string, StoredFlag>> {
  const reached = new Map<string, StoredFlag>();
  let wanted = requiredKeys(config).filter((key) => key !== config.key);
  while (wanted.length > 0) {
    const found = await storedFlags(db, environment, wanted);
    const next = new Set<string>();
    for (const [key, flag] of found) {
      reached.set(key, flag);
      for (const required of requiredKeys(flag.config))
        if (required !== config.key && !reached.has(required) && !found.has(required)) next.add(required);
    }
    // A key that is no flag stays unreached: the engine reports it as unknown.
    wanted = [...next];
  }
  return reached;
}

/** The flags (archived ones too) whose state in the environment requires the flag `key`. */
export async function dependentsIn(
  db: Queryable,
  environment: EnvironmentRow,
  key: string,
): Promise<Map<string, StoredFlag>> {
  const rows = await db
    .selectFrom('flagPrerequisites')
    .innerJoin('flags', 'flags.id', 'flagPrerequisites.flagId')
    .innerJoin('flagStates', (join) =>
      join
        .onRef('flagStates.flagId', '=', 'flagPrerequisites.flagId')
        .onRef('flagStates.environmentId', '=', 'flagPrerequisites.environmentId'),
    )
    .select(['flags.id', 'flags.key', 'flags.definition', 'flags.archived', 'flagStates.state'])
    .where('flagPrerequisites.environmentId', '=', environment.id)
    .where('flagPrerequisites.prerequisiteKey', '=', key)
    .execute();
  return new Map(
    rows.map((row) => [row.key, { id: row.id, archived: Boolean(row.archived), config: flagConfigOf(row, row.state) }]),
  );
}

/**
 * Which flags of the project require each of `keys` in some environment: one row per (flag,
 * environment, key required), sorted by the requiring flag's key. `live`: archived flags left out.
 */
export async function requirers(
  db: Queryable,
  environmentIds: readonly string[],
  keys: readonly string[],
  { live }: { live: boolean },
): Promise<{ flagId: string; key: string; environmentId: string; requires: string }[]> {
  if (environmentIds.length === 0 || keys.length === 0) return [];
  let query = db
    .selectFrom('flagPrerequisites')
    .innerJoin('flags', 'flags.id', 'flagPrerequisites.flagId')
    .select([
      'flags.id as flagId',
      'flags.key',
      'flagPrerequisites.environmentId',
      'flagPrerequisites.prerequisiteKey as requires',
    ])
    .where('flagPrerequisites.environmentId', 'in', [...environmentIds])
    .where('flagPrerequisites.prerequisiteKey', 'in', [...keys])
    .orderBy('flags.key');
  if (live) query = query.where('flags.archived', '=', 0);
  return query.execute();
}

/** The project's segments that the flag's allocations name, by key. */
export async function segmentsOfFlag(
  db: Queryable,
  projectId: string,
  config: FlagConfig,
): Promise<Map<string, Segment>> {
  const keys = segmentsNamedBy(config);
  if (keys.size === 0) return new Map();
  const rows = await db
    .selectFrom('segments')
    .select(['key', 'definition'])
    .where('projectId', '=', projectId)
    .where('key', 'in', [...keys])
    .execute();
  return new Map(rows.map((row) => [row.key, segmentOf(row)]));
}
