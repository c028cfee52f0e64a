import type { FlagConfig, FlagState, Ruleset, Segment } from '@vexil/engine';
import type { Queryable } from '../db/database.js';
import type { FlagRow, SegmentRow } from '../db/schema.js';

/** A flag's definition as stored: the engine's `Flag` without its key and archived mark. */
export type FlagDefinition = Omit<FlagConfig, 'key' | 'archived' | keyof FlagState>;

/** What SDKs evaluate for one flag in one environment. */
export function flagConfigOf(row: Pick<FlagRow, 'key' | 'definition'>, state: string | FlagState): FlagConfig {
  const definition = JSON.parse(row.definition) as FlagDefinition;
  return { key: row.key, ...definition, ...(typeof state === 'string' ? (JSON.parse(state) as FlagState) : state) };
}

export function segmentOf(row: Pick<SegmentRow, 'key' | 'definition'>): Segment {
  return { key: row.key, ...(JSON.parse(row.definition) as Omit<Segment, 'key'>) };
}

export interface EnvironmentRuleset extends Ruleset {
  version: number;
  flags: FlagConfig[];
  segments: Segment[];
}

/**
 * An environment's ruleset as SDKs get it: every flag not archived, with its state there, and the
 * project's segments; `version` is the environment's revision. Reads in one transaction when given one.
 */
export async function loadRuleset(db: Queryable, environmentId: string): Promise<EnvironmentRuleset | undefined> {
  const environment = await db
    .selectFrom('environments')
    .select(['projectId', 'revision'])
    .where('id', '=', environmentId)
    .executeTakeFirst();
  if (!environment) return undefined;
  const flags = await db
    .selectFrom('flags')
    .innerJoin('flagStates', 'flagStates.flagId', 'flags.id')
    .select(['flags.key', 'flags.definition', 'flagStates.state'])
    .where('flagStates.environmentId', '=', environmentId)
    .where('flags.archived', '=', 0)
    .orderBy('flags.key')
    .execute();
  const segments = await db
    .selectFrom('segments')
    .select(['key', 'definition'])
    .where('projectId', '=', environment.projectId)
    .orderBy('key')
    .execute();
  return {
    version: environment.revision,
    flags: flags.map((row) => flagConfigOf(row, row.state)),
    segments: segments.map(segmentOf),
  };
}
