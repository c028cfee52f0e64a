import { randomUUID } from 'node:crypto';
import { authorize, canSeeProject, type Actor } from '../auth/actor.js';
import type { Write } from '../changes/writer.js';
import type { ServerContext } from '../context.js';
import type { ProjectRow } from '../db/schema.js';
import {
  addEnvironment,
  DEFAULT_ENVIRONMENTS,
  environmentView,
  type EnvironmentView,
} from '../environments/service.js';
import { readableBy, type EnvironmentFilter } from '../environments/readable.js';
import { problems } from '../http/problems.js';
import { environmentsOf, findProject } from './lookup.js';

export interface ProjectView {
  key: string;
  name: string;
  description: string;
  createdAt: string;
  environments: EnvironmentView[];
}

/** The project with its environments: those `readable` lets through, or all of them (for the audit log). */
export async function projectView(
  db: ServerContext['db'],
  row: ProjectRow,
  readable: EnvironmentFilter = () => true,
): Promise<ProjectView> {
  const environments = (await environmentsOf(db, row.id)).filter((environment) => readable(environment.key));
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt,
    environments: environments.map(environmentView),
  };
}

export async function listProjects(ctx: ServerContext, actor: Actor): Promise<ProjectView[]> {
  const rows = await ctx.db
    .selectFrom('projects')
    .selectAll()
    .where('organizationId', '=', actor.organizationId)
    .orderBy('key')
    .execute();
  return Promise.all(
    rows
      .filter((row) => canSeeProject(actor, row.key))
      .map((row) => projectView(ctx.db, row, readableBy(actor, 'environment:read', row.key))),
  );
}

export async function getProject(ctx: ServerContext, actor: Actor, key: string): Promise<ProjectView> {
  const project = await findProject(ctx.db, actor, key);
  authorize(actor, 'project:read', { project: key });
  return projectView(ctx.db, project, readableBy(actor, 'environment:read', project.key));
}

/** Inside a write: a project with the three default environments (or the ones named). */
export async function addProject(
  write: Write,
  organizationId: string,
  input: {
    key: string;
    name: string;
    description?: string | undefined;
    environments?: { key: string; name: string }[] | undefined;
  },
): Promise<ProjectRow> {
  const taken = await write.tx
    .selectFrom('projects')
    .select('id')
    .where('organizationId', '=', organizationId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  if (taken) throw problems.conflict(`Project "${input.key}" already exists`, [{ path: 'key', message: 'is taken' }]);
  const row: ProjectRow = {
    id: randomUUID(),
    organizationId,
    key: input.key,
    name: input.name,
    description: input.description ?? '',
    createdAt: write.now,
  };
  await write.tx.insertInto('projects').values(row).execute();
  write.audit({
    action: 'project.created',
    resourceType: 'project',
    resourceKey: row.key,
    projectKey: row.key,
    after: { key: row.key, name: row.name, description: row.description },
  });
  for (const [position, environment] of (input.environments ?? DEFAULT_ENVIRONMENTS).entries()) {
    await addEnvironment(write, row, { key: environment.key, name: environment.name, position });
  }
  return row;
}

export async function createProject(
  ctx: ServerContext,
  actor: Actor,
  input: {
    key: string;
    name?: string | undefined;
    description?: string | undefined;
    environments?: { key: string; name?: string | undefined }[] | undefined;
  },
): Promise<ProjectView> {
  authorize(actor, 'project:create');
  const environments = input.environments?.map((environment) => ({
    key: environment.key,
    name: environment.name ?? environment.key,
  }));
  if (environments && new Set(environments.map((environment) => environment.key)).size !== environments.length) {
    throw problems.validation([{ path: 'environments', message: 'environment keys must be unique' }]);
  }
  return ctx.write(actor, async (write) => {
    const row = await addProject(write, actor.organizationId, {
      key: input.key,
      name: input.name ?? input.key,
      description: input.description,
      environments,
    });
    return projectView(write.tx, row, readableBy(actor, 'environment:read', row.key));
  });
}

export async function updateProject(
  ctx: ServerContext,
  actor: Actor,
  key: string,
  input: { name?: string | undefined; description?: string | undefined },
): Promise<ProjectView> {
  return ctx.write(actor, async (write) => {
    const project = await findProject(write.tx, actor, key);
    authorize(actor, 'project:update', { project: key });
    const updated = {
      ...project,
      name: input.name ?? project.name,
      description: input.description ?? project.description,
    };
    await write.tx
      .updateTable('projects')
      .set({ name: updated.name, description: updated.description })
      .where('id', '=', project.id)
      .execute();
    write.audit({
      action: 'project.updated',
      resourceType: 'project',
      resourceKey: key,
      projectKey: key,
      before: { name: project.name, description: project.description },
      after: { name: updated.name, description: updated.description },
    });
    return projectView(write.tx, updated, readableBy(actor, 'environment:read', updated.key));
  });
}

export async function deleteProject(ctx: ServerContext, actor: Actor, key: string): Promise<void> {
  await ctx.write(actor, async (write) => {
    const project = await findProject(write.tx, actor, key);
    authorize(actor, 'project:delete', { project: key });
    const before = await projectView(write.tx, project);
    const keys = await write.tx
      .selectFrom('sdkKeys')
      .innerJoin('environments', 'environments.id', 'sdkKeys.environmentId')
      .select('sdkKeys.keyHash')
      .where('environments.projectId', '=', project.id)
      .execute();
    // Cascades to environments, flags, segments and everything below them.
    await write.tx.deleteFrom('projects').where('id', '=', project.id).execute();
    write.audit({ action: 'project.deleted', resourceType: 'project', resourceKey: key, projectKey: key, before });
    write.sdkKeysRevoked(keys.map((row) => row.keyHash));
  });
}
