import type { Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import { readableBy } from '../environments/readable.js';
import { Problem, problems } from '../http/problems.js';
import { findEnvironment, findProject } from '../projects/lookup.js';

/**
 * What the console remembers for a member between visits: the project and environment they last
 * worked in. Personal, like a browser's memory of a tab: it changes nothing anyone else sees, so
 * it is not in the audit log (the console saves it on every switch, which would drown real changes).
 */
export interface Preferences {
  project: string | null;
  environment: string | null;
}

export async function getPreferences(ctx: ServerContext, actor: Actor): Promise<Preferences> {
  const memberId = memberOf(actor);
  const row = await ctx.db
    .selectFrom('memberPreferences')
    .select(['project', 'environment'])
    .where('memberId', '=', memberId)
    .executeTakeFirst();
  if (!row?.project) return { project: null, environment: null };
  // A project or environment deleted (or no longer visible) since is forgotten, not shown.
  const project = await visible(ctx.db, actor, row.project, row.environment);
  return project ?? { project: null, environment: null };
}

export async function setPreferences(
  ctx: ServerContext,
  actor: Actor,
  input: Partial<Preferences>,
): Promise<Preferences> {
  const memberId = memberOf(actor);
  const preferences = { project: input.project ?? null, environment: input.environment ?? null };
  if (preferences.environment !== null && preferences.project === null)
    throw problems.validation([{ path: 'environment', message: 'needs the project it belongs to' }]);
  if (preferences.project !== null) {
    const found = await visible(ctx.db, actor, preferences.project, preferences.environment);
    if (!found) throw problems.validation([{ path: 'project', message: `no project "${preferences.project}"` }]);
    if (found.environment !== preferences.environment)
      throw problems.validation([
        { path: 'environment', message: `no environment "${preferences.environment}" in "${preferences.project}"` },
      ]);
  }
  const updatedAt = new Date().toISOString();
  await ctx.db
    .insertInto('memberPreferences')
    .values({ memberId, ...preferences, updatedAt })
    .onConflict((conflict) => conflict.column('memberId').doUpdateSet({ ...preferences, updatedAt }))
    .execute();
  return preferences;
}

function memberOf(actor: Actor): string {
  if (actor.memberId === undefined)
    throw new Problem(404, 'not-found', 'Not found', 'Preferences are a member’s: this token acts for no member');
  return actor.memberId;
}

/**
 * The project (and environment, when it is still there) if the actor may see them: an environment
 * they may no longer read is forgotten like a deleted one.
 */
async function visible(
  db: Queryable,
  actor: Actor,
  projectKey: string,
  environmentKey: string | null,
): Promise<Preferences | undefined> {
  try {
    const project = await findProject(db, actor, projectKey);
    if (environmentKey === null || !readableBy(actor, 'environment:read', project.key)(environmentKey))
      return { project: project.key, environment: null };
    const environment = await findEnvironment(db, project, environmentKey).catch((error: unknown) => {
      if (error instanceof Problem && error.status === 404) return undefined;
      throw error;
    });
    return { project: project.key, environment: environment?.key ?? null };
  } catch (error) {
    if (error instanceof Problem && error.status === 404) return undefined;
    throw error;
  }
}
