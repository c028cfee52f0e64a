import { randomUUID } from 'node:crypto';
import { validateSegment, type Clause, type FlagState, type Segment } from '@vexil/engine';
import { authorize, type Actor } from '../auth/actor.js';
import type { Write } from '../changes/writer.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { ProjectRow, SegmentRow } from '../db/schema.js';
import { joinPath, problems, type FieldError } from '../http/problems.js';
import { environmentsOf, findProject, projectForWrite } from '../projects/lookup.js';
import { segmentOf } from '../rulesets/load.js';
import type { NewSegment, SegmentDefinitionInput } from './schemas.js';

/** A segment's definition as stored: the engine's `Segment` without its key. */
export type SegmentDefinition = Omit<Segment, 'key'>;

export interface SegmentView extends Segment {
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function listSegments(ctx: ServerContext, actor: Actor, projectKey: string): Promise<SegmentView[]> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'segment:read', { project: project.key });
  const rows = await ctx.db
    .selectFrom('segments')
    .selectAll()
    .where('projectId', '=', project.id)
    .orderBy('key')
    .execute();
  return rows.map(segmentView);
}

export async function getSegment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<SegmentView> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'segment:read', { project: project.key });
  return segmentView(await findSegment(ctx.db, project, key));
}

export async function createSegment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  input: NewSegment,
): Promise<SegmentView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'segment:write', { project: project.key });
    const { key, ...fields } = input;
    const definition = checkedDefinition(key, fields);
    const taken = await write.tx
      .selectFrom('segments')
      .select('id')
      .where('projectId', '=', project.id)
      .where('key', '=', key)
      .executeTakeFirst();
    if (taken)
      throw problems.conflict(`Segment "${key}" already exists in project "${project.key}"`, [
        { path: 'key', message: 'is taken' },
      ]);
    const row: SegmentRow = {
      id: randomUUID(),
      projectId: project.id,
      key,
      definition: JSON.stringify(definition),
      version: 1,
      createdAt: write.now,
      updatedAt: write.now,
    };
    await write.tx.insertInto('segments').values(row).execute();
    const after = segmentView(row);
    await announce(write, project, segmentOf(row));
    write.audit({
      action: 'segment.created',
      resourceType: 'segment',
      resourceKey: key,
      projectKey: project.key,
      after,
    });
    return after;
  });
}

/** Replaces (`replace`, PUT) or merges into (`patch`, PATCH) a segment's definition. */
export async function changeSegment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  change: { replace: SegmentDefinitionInput } | { patch: SegmentDefinitionInput },
  expectedVersion?: number,
): Promise<SegmentView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'segment:write', { project: project.key });
    const row = await findSegment(write.tx, project, key);
    // If-Match: the version the caller edited; someone else's save since then is not overwritten.
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      throw problems.preconditionFailed(
        `Segment "${key}" is at version ${row.version}, not ${expectedVersion}; reload it and apply your changes again`,
      );
    const current = JSON.parse(row.definition) as SegmentDefinition;
    const definition = checkedDefinition(key, 'replace' in change ? change.replace : { ...current, ...change.patch });
    const updated: SegmentRow = {
      ...row,
      definition: JSON.stringify(definition),
      version: row.version + 1,
      updatedAt: write.now,
    };
    await write.tx
      .updateTable('segments')
      .set({ definition: updated.definition, version: updated.version, updatedAt: write.now })
      .where('id', '=', row.id)
      .execute();
    const after = segmentView(updated);
    // Editing a segment changes every flag that uses it, in every environment of the project.
    await announce(write, project, segmentOf(updated));
    write.audit({
      action: 'segment.updated',
      resourceType: 'segment',
      resourceKey: key,
      projectKey: project.key,
      before: segmentView(row),
      after,
    });
    return after;
  });
}

/** Deletes a segment no flag uses (archived flags included: restoring one must not break it). */
export async function deleteSegment(ctx: ServerContext, actor: Actor, projectKey: string, key: string): Promise<void> {
  await ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'segment:write', { project: project.key });
    const row = await findSegment(write.tx, project, key);
    const users = await flagsUsingSegment(write.tx, project, key);
    if (users.length > 0) {
      const named = users.map((user) => `"${user.flag}" (${user.environments.join(', ')})`).join(', ');
      throw problems.conflict(`Segment "${key}" is used by flag ${named}; remove it from their allocations first`);
    }
    await write.tx.deleteFrom('segments').where('id', '=', row.id).execute();
    for (const environment of await environmentsOf(write.tx, project.id))
      write.rulesetChanged(environment.id, 'segment', key, null);
    write.audit({
      action: 'segment.deleted',
      resourceType: 'segment',
      resourceKey: key,
      projectKey: project.key,
      before: segmentView(row),
    });
  });
}

export async function findSegment(db: Queryable, project: ProjectRow, key: string): Promise<SegmentRow> {
  const row = await db
    .selectFrom('segments')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw problems.notFound(`Segment "${key}" in project "${project.key}"`);
  return row;
}

/** The flags whose allocations name the segment, with the environments where they do. */
export async function flagsUsingSegment(
  db: Queryable,
  project: ProjectRow,
  key: string,
): Promise<{ flag: string; environments: string[] }[]> {
  const rows = await db
    .selectFrom('flags')
    .innerJoin('flagStates', 'flagStates.flagId', 'flags.id')
    .innerJoin('environments', 'environments.id', 'flagStates.environmentId')
    .select(['flags.key as flag', 'environments.key as environment', 'flagStates.state'])
    .where('flags.projectId', '=', project.id)
    .orderBy('flags.key')
    .orderBy('environments.position')
    .execute();
  const users = new Map<string, string[]>();
  for (const row of rows) {
    if (!segmentsNamedBy(JSON.parse(row.state) as FlagState).has(key)) continue;
    users.set(row.flag, [...(users.get(row.flag) ?? []), row.environment]);
  }
  return [...users].map(([flag, environments]) => ({ flag, environments }));
}

/** The segments a flag state's allocations refer to. */
export function segmentsNamedBy(state: FlagState): Set<string> {
  const keys = new Set<string>();
  for (const allocation of state.allocations ?? []) {
    for (const clause of allocation.conditions ?? []) if (isSegmentClause(clause)) keys.add(clause.segment);
  }
  return keys;
}

/** Tells every environment's SDKs about the segment as it now is. */
export async function announce(write: Write, project: ProjectRow, segment: Segment): Promise<void> {
  for (const environment of await environmentsOf(write.tx, project.id))
    write.rulesetChanged(environment.id, 'segment', segment.key, segment);
}

export function segmentView(row: SegmentRow): SegmentView {
  return { ...segmentOf(row), version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** The definition to store, after the engine found nothing wrong with it (400 with paths otherwise). */
export function checkedDefinition(key: string, input: SegmentDefinitionInput, under?: string): SegmentDefinition {
  const { name, description, contextKind, included, excluded, rules } = input;
  const definition = dropUndefined({
    name,
    description,
    contextKind,
    included,
    excluded,
    rules: rules as Segment['rules'],
  });
  const errors: FieldError[] = validateSegment({ key, ...definition });
  const seen = new Set<string>();
  definition.rules?.forEach((rule, index) => {
    if (rule.id === undefined) return;
    if (seen.has(rule.id)) errors.push({ path: `rules[${index}].id`, message: `duplicate rule id "${rule.id}"` });
    seen.add(rule.id);
  });
  if (errors.length > 0)
    throw problems.validation(
      under === undefined ? errors : errors.map((error) => ({ ...error, path: joinPath(under, error.path) })),
    );
  return definition;
}

function isSegmentClause(clause: Clause): clause is Extract<Clause, { segment: string }> {
  return 'segment' in clause;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
