import type { FlagState } from '@vexil/engine';
import { sql } from 'kysely';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { readableEnvironments } from '../environments/readable.js';
import { findProject } from '../projects/lookup.js';
import type { FlagDefinition } from '../rulesets/load.js';
import { segmentsNamedBy } from './service.js';

/** A flag whose allocations name a segment, and where. */
export interface SegmentUser {
  key: string;
  /** The key when the flag has no name. */
  name: string;
  /** Archived flags keep their states: restoring one must find its segments. */
  archived: boolean;
  /** The environments (those the caller may read, in the project's order) whose allocations name the segment. */
  environments: string[];
}

export interface SegmentUsage {
  segment: string;
  flags: SegmentUser[];
}

/**
 * Where a project's segments are used: for each segment that some flag's allocations name, the flags
 * and the environments where they do (the same flags that keep it from being deleted), in
 * environments the caller may read. The database picks the states that name any segment (their JSON
 * text holds `"segment":`), so only those are read, not every flag of the project.
 */
export async function listSegmentUsage(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
): Promise<{ items: SegmentUsage[] }> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'segment:read', { project: project.key });
  const readable = await readableEnvironments(ctx.db, actor, project, 'flag:read');
  if (readable.length === 0) return { items: [] };
  const rows = await ctx.db
    .selectFrom('flags')
    .innerJoin('flagStates', 'flagStates.flagId', 'flags.id')
    .select(['flags.key', 'flags.definition', 'flags.archived', 'flagStates.environmentId', 'flagStates.state'])
    .where('flags.projectId', '=', project.id)
    .where(
      'flagStates.environmentId',
      'in',
      readable.map((environment) => environment.id),
    )
    // States are stored as JSON.stringify writes them: a segment clause is `{"segment":"<key>"…}`.
    .where(sql<boolean>`${sql.ref('flagStates.state')} like ${'%"segment":%'}`)
    .execute();
  const order = new Map(readable.map((environment, index) => [environment.id, index]));
  const bySegment = new Map<string, Map<string, { name: string; archived: boolean; environments: Set<string> }>>();
  for (const row of rows) {
    for (const segment of segmentsNamedBy(JSON.parse(row.state) as FlagState)) {
      const flags = bySegment.get(segment) ?? new Map();
      bySegment.set(segment, flags);
      const user = flags.get(row.key) ?? {
        name: (JSON.parse(row.definition) as FlagDefinition).name ?? row.key,
        archived: Boolean(row.archived),
        environments: new Set<string>(),
      };
      user.environments.add(row.environmentId);
      flags.set(row.key, user);
    }
  }
  const byKey = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0);
  const keyOf = new Map(readable.map((environment) => [environment.id, environment.key]));
  const items = [...bySegment].sort(byKey).map(([segment, flags]) => ({
    segment,
    flags: [...flags].sort(byKey).map(([key, user]) => ({
      key,
      name: user.name,
      archived: user.archived,
      environments: [...user.environments]
        .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        .map((id) => keyOf.get(id) ?? id),
    })),
  }));
  return { items };
}
