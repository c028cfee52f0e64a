import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { readableEnvironments } from '../environments/readable.js';
import { findProject } from '../projects/lookup.js';
import type { FlagDefinition } from '../rulesets/load.js';
import { requiresFlag } from './json-sql.js';
import { findFlag } from './service.js';

/** A live flag whose state requires the flag as a prerequisite, and where. */
export interface FlagDependent {
  key: string;
  /** The key when the flag has no name. */
  name: string;
  /** The environments (those the caller may read, in the project's order) where it requires the flag. */
  environments: string[];
}

/**
 * Where a flag is used: the live flags that name it as a prerequisite, in environments the caller
 * may read (the same flags that keep it from being archived or deleted), sorted by key.
 */
export async function listDependents(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<{ items: FlagDependent[] }> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'flag:read', { project: project.key });
  const flag = await findFlag(ctx.db, project, key);
  const readable = await readableEnvironments(ctx.db, actor, project, 'flag:read');
  if (readable.length === 0) return { items: [] };
  const rows = await ctx.db
    .selectFrom('flags')
    .innerJoin('flagStates', 'flagStates.flagId', 'flags.id')
    .select(['flags.key', 'flags.definition', 'flagStates.environmentId'])
    .where('flags.projectId', '=', project.id)
    .where('flags.archived', '=', 0)
    .where('flags.id', '!=', flag.id)
    .where(
      'flagStates.environmentId',
      'in',
      readable.map((environment) => environment.id),
    )
    .where(requiresFlag(ctx.store.dialect, 'flagStates.state', flag.key))
    .execute();
  const byKey = new Map<string, { name: string; environments: Set<string> }>();
  for (const row of rows) {
    const dependent = byKey.get(row.key) ?? {
      name: (JSON.parse(row.definition) as FlagDefinition).name ?? row.key,
      environments: new Set<string>(),
    };
    dependent.environments.add(row.environmentId);
    byKey.set(row.key, dependent);
  }
  const items = [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dependentKey, { name, environments }]) => ({
      key: dependentKey,
      name,
      environments: readable
        .filter((environment) => environments.has(environment.id))
        .map((environment) => environment.key),
    }));
  return { items };
}
