import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { authorize } from '../auth/actor.js';
import type { Write } from '../changes/writer.js';
import type { ServerContext } from '../context.js';
import type { EnvironmentRow, ProjectRow } from '../db/schema.js';
import { defaultState } from '../flags/defaults.js';
import { problems } from '../http/problems.js';
import { environmentsOf, findEnvironment, findProject } from '../projects/lookup.js';
import { readableEnvironments } from './readable.js';
import type { FlagDefinition } from '../rulesets/load.js';

export const DEFAULT_ENVIRONMENTS = [
  { key: 'development', name: 'Development' },
  { key: 'staging', name: 'Staging' },
  { key: 'production', name: 'Production' },
] as const;

/** An environment is critical unless said otherwise when it is called production (PRODUCT.md §1). */
export function criticalByDefault(key: string): boolean {
  return key === 'production';
}

export interface EnvironmentView {
  key: string;
  name: string;
  position: number;
  revision: number;
  critical: boolean;
  createdAt: string;
}

export function environmentView(row: EnvironmentRow): EnvironmentView {
  return {
    key: row.key,
    name: row.name,
    position: row.position,
    revision: row.revision,
    critical: Boolean(row.critical),
    createdAt: row.createdAt,
  };
}

/** Adds an environment inside a write; every flag of the project gets its default (off) state there. */
export async function addEnvironment(
  write: Write,
  project: ProjectRow,
  input: { key: string; name: string; position: number; critical?: boolean | undefined },
): Promise<EnvironmentRow> {
  const row: EnvironmentRow = {
    id: randomUUID(),
    projectId: project.id,
    key: input.key,
    name: input.name,
    position: input.position,
    revision: 0,
    critical: (input.critical ?? criticalByDefault(input.key)) ? 1 : 0,
    createdAt: write.now,
  };
  await write.tx.insertInto('environments').values(row).execute();
  const flags = await write.tx
    .selectFrom('flags')
    .select(['id', 'definition'])
    .where('projectId', '=', project.id)
    .execute();
  if (flags.length > 0) {
    await write.tx
      .insertInto('flagStates')
      .values(
        flags.map((flag) => ({
          flagId: flag.id,
          environmentId: row.id,
          state: JSON.stringify(defaultState(JSON.parse(flag.definition) as FlagDefinition)),
          version: 1,
          updatedAt: write.now,
        })),
      )
      .execute();
  }
  write.audit({
    action: 'environment.created',
    resourceType: 'environment',
    resourceKey: row.key,
    projectKey: project.key,
    environmentKey: row.key,
    after: environmentView(row),
  });
  return row;
}

export async function listEnvironments(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
): Promise<EnvironmentView[]> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'environment:read', { project: project.key });
  return (await readableEnvironments(ctx.db, actor, project, 'environment:read')).map(environmentView);
}

export async function getEnvironment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<EnvironmentView> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'environment:read', { project: project.key, environment: key });
  return environmentView(await findEnvironment(ctx.db, project, key));
}

export async function createEnvironment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  input: {
    key: string;
    name?: string | undefined;
    position?: number | undefined;
    critical?: boolean | undefined;
  },
): Promise<EnvironmentView> {
  return ctx.write(actor, async (write) => {
    const project = await findProject(write.tx, actor, projectKey);
    authorize(actor, 'environment:manage', { project: project.key });
    const existing = await environmentsOf(write.tx, project.id);
    if (existing.some((environment) => environment.key === input.key)) {
      throw problems.conflict(`Environment "${input.key}" already exists`, [{ path: 'key', message: 'is taken' }]);
    }
    const position = input.position ?? existing.length;
    const row = await addEnvironment(write, project, {
      key: input.key,
      name: input.name ?? input.key,
      position,
      critical: input.critical,
    });
    await renumber(write, [...existing, row], row.key, position);
    return environmentView({ ...row, position: Math.min(position, existing.length) });
  });
}

export async function updateEnvironment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  input: { name?: string | undefined; position?: number | undefined; critical?: boolean | undefined },
): Promise<EnvironmentView> {
  return ctx.write(actor, async (write) => {
    const project = await findProject(write.tx, actor, projectKey);
    authorize(actor, 'environment:manage', { project: project.key, environment: key });
    const environment = await findEnvironment(write.tx, project, key);
    if (input.name !== undefined || input.critical !== undefined) {
      await write.tx
        .updateTable('environments')
        .set({
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.critical === undefined ? {} : { critical: input.critical ? 1 : 0 }),
        })
        .where('id', '=', environment.id)
        .execute();
    }
    if (input.position !== undefined)
      await renumber(write, await environmentsOf(write.tx, project.id), key, input.position);
    const after = await findEnvironment(write.tx, project, key);
    write.audit({
      action: 'environment.updated',
      resourceType: 'environment',
      resourceKey: key,
      projectKey: project.key,
      environmentKey: key,
      before: environmentView(environment),
      after: environmentView(after),
    });
    return environmentView(after);
  });
}

/** Reorders all environments of a project at once: `order` lists every key exactly once. */
export async function reorderEnvironments(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  order: string[],
): Promise<EnvironmentView[]> {
  return ctx.write(actor, async (write) => {
    const project = await findProject(write.tx, actor, projectKey);
    authorize(actor, 'environment:manage', { project: project.key });
    const environments = await environmentsOf(write.tx, project.id);
    const keys = new Set(environments.map((environment) => environment.key));
    const errors = order.flatMap((key, index) =>
      keys.has(key) ? [] : [{ path: `order[${index}]`, message: `unknown environment "${key}"` }],
    );
    if (errors.length === 0 && (new Set(order).size !== order.length || order.length !== keys.size)) {
      errors.push({ path: 'order', message: `must list each of the ${keys.size} environments exactly once` });
    }
    if (errors.length > 0) throw problems.validation(errors);
    for (const [position, key] of order.entries()) {
      await write.tx
        .updateTable('environments')
        .set({ position })
        .where('projectId', '=', project.id)
        .where('key', '=', key)
        .execute();
    }
    write.audit({
      action: 'environment.reordered',
      resourceType: 'project',
      resourceKey: project.key,
      projectKey: project.key,
      before: environments.map((environment) => environment.key),
      after: order,
    });
    return (await readableEnvironments(write.tx, actor, project, 'environment:read')).map(environmentView);
  });
}

export async function deleteEnvironment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<void> {
  await ctx.write(actor, async (write) => {
    const project = await findProject(write.tx, actor, projectKey);
    authorize(actor, 'environment:manage', { project: project.key, environment: key });
    const environment = await findEnvironment(write.tx, project, key);
    const keys = await write.tx
      .selectFrom('sdkKeys')
      .select('keyHash')
      .where('environmentId', '=', environment.id)
      .execute();
    // Cascades to the environment's flag states, SDK keys, change records, contexts and events.
    await write.tx.deleteFrom('environments').where('id', '=', environment.id).execute();
    write.audit({
      action: 'environment.deleted',
      resourceType: 'environment',
      resourceKey: key,
      projectKey: project.key,
      environmentKey: key,
      before: environmentView(environment),
    });
    const remaining = await environmentsOf(write.tx, project.id);
    await renumber(write, remaining, undefined, 0);
    // Its SDK keys went with it: open streams close, caches forget them.
    write.sdkKeysRevoked(keys.map((row) => row.keyHash));
  });
}

/** Positions 0…n-1 in order, with `moved` (if any) placed at `position`. */
async function renumber(
  write: Write,
  environments: EnvironmentRow[],
  moved: string | undefined,
  position: number,
): Promise<void> {
  const others = environments
    .filter((environment) => environment.key !== moved)
    .sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
  const target = environments.find((environment) => environment.key === moved);
  const ordered = target ? [...others.slice(0, position), target, ...others.slice(position)] : others;
  for (const [index, environment] of ordered.entries()) {
    if (environment.position !== index) {
      await write.tx.updateTable('environments').set({ position: index }).where('id', '=', environment.id).execute();
    }
  }
}
