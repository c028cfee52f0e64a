import { canSeeProject, type Actor } from '../auth/actor.js';
import type { Queryable } from '../db/database.js';
import type { EnvironmentRow, ProjectRow } from '../db/schema.js';
import { problems } from '../http/problems.js';

/** The project by key in the actor's organisation; 404 when it is not there or not theirs to see. */
export async function findProject(db: Queryable, actor: Actor, key: string): Promise<ProjectRow> {
  const project = await db
    .selectFrom('projects')
    .selectAll()
    .where('key', '=', key)
    .where('organizationId', '=', actor.organizationId)
    .executeTakeFirst();
  if (!project || !canSeeProject(actor, project.key)) throw problems.notFound(`Project "${key}"`);
  return project;
}

export async function findEnvironment(db: Queryable, project: ProjectRow, key: string): Promise<EnvironmentRow> {
  const environment = await db
    .selectFrom('environments')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!environment) throw problems.notFound(`Environment "${key}" of project "${project.key}"`);
  return environment;
}

export async function environmentsOf(db: Queryable, projectId: string): Promise<EnvironmentRow[]> {
  return db
    .selectFrom('environments')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('position')
    .orderBy('key')
    .execute();
}
