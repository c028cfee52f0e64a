import { canSeeProject, type Actor } from '../auth/actor.js';
import type { Write } from '../changes/writer.js';
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

/**
 * The project, for a write to its flags or segments: from here until the write commits, other such
 * writes to the project wait. A save checks what it does not change — that the flags it requires
 * are live, that it closes no prerequisite cycle, that a segment it deletes is unused — and those
 * checks hold only if no write changes the same things meanwhile. PostgreSQL runs transactions side
 * by side, so they take turns on the project's row; SQLite runs one write transaction at a time.
 * Taken first, before anything is read, so every read after it sees the previous writer's commit.
 */
export async function projectForWrite(write: Write, key: string): Promise<ProjectRow> {
  const project = await findProject(write.tx, write.actor, key);
  if (write.dialect === 'postgres')
    await write.tx.selectFrom('projects').select('id').where('id', '=', project.id).forUpdate().execute();
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
