import { randomUUID } from 'node:crypto';
import { validateFlag, type FlagConfig, type FlagState } from '@vexil/engine';
import { authorize, type Actor } from '../auth/actor.js';
import type { AuditInput, Write } from '../changes/writer.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import { pickReadable, readableBy } from '../environments/readable.js';
import type { EnvironmentRow, FlagRow, ProjectRow } from '../db/schema.js';
import { joinPath, Problem, problems, type FieldError } from '../http/problems.js';
import { environmentsOf, findEnvironment, findProject, projectForWrite } from '../projects/lookup.js';
import { flagConfigOf, type FlagDefinition } from '../rulesets/load.js';
import { BOOLEAN_VARIATIONS, defaultState } from './defaults.js';
import {
  addPrerequisiteEdges,
  dependentsIn,
  prerequisitesOf,
  replacePrerequisiteEdges,
  requiredKeys,
  requirers,
  segmentsOfFlag,
  type StoredFlag,
} from './prerequisite-graph.js';
import type { FlagStatePatch, FlagUpdate, NewFlag } from './schemas.js';
import { describeUses, removedVariationUses, useErrors, type RemovedVariationUse } from './variation-uses.js';

export interface FlagView extends FlagDefinition {
  key: string;
  archived: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The flag's state per environment key. */
  environments: Record<string, FlagStateView>;
}

export type FlagStateView = FlagState & { version: number; updatedAt: string };

/**
 * Makes an edit the revert of an earlier history entry (see history.ts): `check` runs first in
 * the edit's own transaction (does the revert still apply?), and the audit entry is named as a
 * revert and points at the entry it undoes.
 */
export interface RevertOf {
  entryId: number;
  check(tx: Queryable): Promise<void>;
}

function audited(entry: AuditInput, revertOf: RevertOf | undefined, revertAction: string): AuditInput {
  if (!revertOf) return entry;
  return { ...entry, action: revertAction, after: { ...(entry.after as object), reverts: revertOf.entryId } };
}

export async function getFlag(ctx: ServerContext, actor: Actor, projectKey: string, key: string): Promise<FlagView> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'flag:read', { project: project.key });
  const [view] = await viewsOf(ctx.db, project, [await findFlag(ctx.db, project, key)]);
  return seenBy(actor, project, view as FlagView);
}

/** A flag's state in one environment, with the version an `If-Match` of the next edit names. */
export async function getFlagState(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  environmentKey: string,
): Promise<FlagStateView> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'flag:read', { project: project.key, environment: environmentKey });
  const environment = await findEnvironment(ctx.db, project, environmentKey);
  const row = await findFlag(ctx.db, project, key);
  const stored = await ctx.db
    .selectFrom('flagStates')
    .select(['state', 'version', 'updatedAt'])
    .where('flagId', '=', row.id)
    .where('environmentId', '=', environment.id)
    .executeTakeFirstOrThrow();
  return { ...(JSON.parse(stored.state) as FlagState), version: stored.version, updatedAt: stored.updatedAt };
}

export async function createFlag(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  input: NewFlag,
): Promise<FlagView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'flag:write', { project: project.key });
    const type = input.type ?? 'boolean';
    if (input.variations === undefined && type !== 'boolean') {
      throw problems.validation([{ path: 'variations', message: `is required for ${type} flags` }]);
    }
    const definition = definitionOf({
      ...input,
      type,
      variations: (input.variations as FlagDefinition['variations']) ?? BOOLEAN_VARIATIONS,
    });
    const taken = await write.tx
      .selectFrom('flags')
      .select('id')
      .where('projectId', '=', project.id)
      .where('key', '=', input.key)
      .executeTakeFirst();
    if (taken)
      throw problems.conflict(`Flag "${input.key}" already exists in project "${project.key}"`, [
        { path: 'key', message: 'is taken' },
      ]);

    const environments = await environmentsOf(write.tx, project.id);
    const unknown = Object.keys(input.environments ?? {}).filter(
      (key) => !environments.some((environment) => environment.key === key),
    );
    if (unknown.length > 0)
      throw problems.validation(
        unknown.map((key) => ({ path: `environments.${key}`, message: 'is not an environment of this project' })),
      );

    const row: FlagRow = {
      id: randomUUID(),
      projectId: project.id,
      key: input.key,
      definition: JSON.stringify(definition),
      archived: 0,
      version: 1,
      createdAt: write.now,
      updatedAt: write.now,
    };
    const states = new Map<string, FlagState>();
    const errors: FieldError[] = definitionErrors(row.key, definition);
    for (const environment of environments) {
      // As if created off and then PATCHed: the fields given replace the defaults, the others stay.
      const state: FlagState = {
        ...defaultState(definition),
        ...(input.environments?.[environment.key] as Partial<FlagState> | undefined),
      };
      states.set(environment.id, state);
      if (errors.length === 0) {
        errors.push(
          ...(await stateErrors(
            write.tx,
            environment,
            { key: row.key, ...definition, ...state },
            `environments.${environment.key}`,
            { archivedAllowed: new Set() },
          )),
        );
      }
    }
    if (errors.length > 0) throw problems.validation(errors);

    await write.tx.insertInto('flags').values(row).execute();
    for (const environment of environments) {
      const state = states.get(environment.id) as FlagState;
      await write.tx
        .insertInto('flagStates')
        .values({
          flagId: row.id,
          environmentId: environment.id,
          state: JSON.stringify(state),
          version: 1,
          updatedAt: write.now,
        })
        .execute();
      write.rulesetChanged(environment.id, 'flag', row.key, { key: row.key, ...definition, ...state });
    }
    await addPrerequisiteEdges(
      write.tx,
      [...states].map(([environmentId, state]) => ({ flagId: row.id, environmentId, state })),
    );
    const [view] = await viewsOf(write.tx, project, [row]);
    write.audit({
      action: 'flag.created',
      resourceType: 'flag',
      resourceKey: row.key,
      projectKey: project.key,
      after: view,
    });
    return seenBy(actor, project, view as FlagView);
  });
}

/** Changes a flag's definition; every environment's state must stay valid with it. */
export async function updateFlag(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  input: FlagUpdate,
  { expectedVersion, revertOf }: { expectedVersion?: number; revertOf?: RevertOf } = {},
): Promise<FlagView> {
  return ctx.write(actor, async (write) => {
    await revertOf?.check(write.tx);
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'flag:write', { project: project.key });
    const row = await findFlag(write.tx, project, key);
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      throw problems.preconditionFailed(
        `The flag's definition is at version ${row.version}, not ${expectedVersion}; reload and retry`,
      );
    const [before] = await viewsOf(write.tx, project, [row]);
    const current = JSON.parse(row.definition) as FlagDefinition;
    const definition = definitionOf({
      ...current,
      ...input,
      variations: (input.variations as FlagDefinition['variations'] | undefined) ?? current.variations,
    });
    const errors = definitionErrors(key, definition);
    const environments = await environmentsOf(write.tx, project.id);
    const states = await statesOf(write.tx, row.id);
    if (errors.length === 0)
      await refuseRemovingUsedVariations(write.tx, project, row, current, definition, environments);
    for (const environment of environments) {
      if (errors.length > 0) break;
      const state = states.get(environment.id) as FlagState;
      errors.push(
        ...(await stateErrors(
          write.tx,
          environment,
          { key, ...definition, ...state },
          `environments.${environment.key}`,
        )),
      );
    }
    if (errors.length > 0) throw problems.validation(errors);

    const updated = { ...row, definition: JSON.stringify(definition), version: row.version + 1, updatedAt: write.now };
    await write.tx
      .updateTable('flags')
      .set({ definition: updated.definition, version: updated.version, updatedAt: write.now })
      .where('id', '=', row.id)
      .execute();
    if (!row.archived) {
      for (const environment of environments)
        write.rulesetChanged(environment.id, 'flag', key, {
          key,
          ...definition,
          ...(states.get(environment.id) as FlagState),
        });
    }
    const [after] = await viewsOf(write.tx, project, [updated]);
    write.audit(
      audited(
        { action: 'flag.updated', resourceType: 'flag', resourceKey: key, projectKey: project.key, before, after },
        revertOf,
        'flag.reverted',
      ),
    );
    return seenBy(actor, project, after as FlagView);
  });
}

/** Replaces (`replace`) or merges into (`patch`) a flag's state in one environment. */
export async function changeFlagState(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  environmentKey: string,
  change: { replace: FlagState } | { patch: FlagStatePatch },
  expectedVersion?: number,
  revertOf?: RevertOf,
): Promise<FlagStateView> {
  return ctx.write(actor, (write) =>
    writeFlagState(write, projectKey, key, environmentKey, change, expectedVersion, revertOf),
  );
}

/**
 * The write path of a flag state change inside a write in progress: checked, stored, its ruleset
 * change and audit entry recorded in `write` — so a caller that changes a state as part of a larger
 * change (an experiment starting, docs/experiments.md) commits both as one transaction.
 */
export async function writeFlagState(
  write: Write,
  projectKey: string,
  key: string,
  environmentKey: string,
  change: { replace: FlagState } | { patch: FlagStatePatch },
  expectedVersion?: number,
  revertOf?: RevertOf,
): Promise<FlagStateView> {
  const actor = write.actor;
  await revertOf?.check(write.tx);
  const project = await projectForWrite(write, projectKey);
  authorize(actor, 'flag:write', { project: project.key, environment: environmentKey });
  const environment = await findEnvironment(write.tx, project, environmentKey);
  const row = await findFlag(write.tx, project, key);
  const stored = await write.tx
    .selectFrom('flagStates')
    .selectAll()
    .where('flagId', '=', row.id)
    .where('environmentId', '=', environment.id)
    .executeTakeFirstOrThrow();
  if (expectedVersion !== undefined && stored.version !== expectedVersion) {
    throw problems.preconditionFailed(
      `The flag's state in ${environmentKey} is at version ${stored.version}, not ${expectedVersion}; reload and retry`,
    );
  }
  const before = JSON.parse(stored.state) as FlagState;
  const state =
    'replace' in change ? change.replace : dropUndefined({ ...before, ...(change.patch as Partial<FlagState>) });
  const config = flagConfigOf(row, state);
  const errors = await stateErrors(write.tx, environment, config, '', {
    dependents: false,
    archivedAllowed: row.archived ? 'all' : new Set(requiredKeys(before)),
  });
  if (errors.length > 0) throw problems.validation(errors);

  const version = stored.version + 1;
  await write.tx
    .updateTable('flagStates')
    .set({ state: JSON.stringify(state), version, updatedAt: write.now })
    .where('flagId', '=', row.id)
    .where('environmentId', '=', environment.id)
    .execute();
  await replacePrerequisiteEdges(write.tx, row.id, environment.id, state, before);
  if (!row.archived) write.rulesetChanged(environment.id, 'flag', key, config);
  write.audit(
    audited(
      {
        action: 'flag.state.updated',
        resourceType: 'flag',
        resourceKey: key,
        projectKey: project.key,
        environmentKey,
        before,
        after: state,
      },
      revertOf,
      'flag.state.reverted',
    ),
  );
  return { ...state, version, updatedAt: write.now };
}

/** Archived flags leave every SDK's ruleset but keep their history; restore brings them back. */
export async function setArchived(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  archived: boolean,
  revertOf?: RevertOf,
): Promise<FlagView> {
  return ctx.write(actor, async (write) => {
    await revertOf?.check(write.tx);
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'flag:write', { project: project.key });
    const row = await findFlag(write.tx, project, key);
    if (Boolean(row.archived) === archived) {
      throw problems.conflict(`Flag "${key}" is ${archived ? 'already' : 'not'} archived`);
    }
    if (archived) await refuseIfRequired(write, project, key, 'archive');
    else await refuseRestoringWithoutPrerequisites(write.tx, project, row);
    const updated = await changeArchived(write, project, row, archived, await statesOf(write.tx, row.id), revertOf);
    const [view] = await viewsOf(write.tx, project, [updated]);
    return seenBy(actor, project, view as FlagView);
  });
}

/** Archives or restores one flag inside a write: the row, its SDKs' rulesets, its audit entry. */
async function changeArchived(
  write: Write,
  project: ProjectRow,
  row: FlagRow,
  archived: boolean,
  states: Map<string, FlagState>,
  revertOf?: RevertOf,
): Promise<FlagRow> {
  const updated = { ...row, archived: archived ? 1 : 0, version: row.version + 1, updatedAt: write.now };
  await write.tx
    .updateTable('flags')
    .set({ archived: updated.archived, version: updated.version, updatedAt: write.now })
    .where('id', '=', row.id)
    .execute();
  for (const [environmentId, state] of states) {
    write.rulesetChanged(environmentId, 'flag', row.key, archived ? null : flagConfigOf(row, state));
  }
  write.audit(
    audited(
      {
        action: archived ? 'flag.archived' : 'flag.restored',
        resourceType: 'flag',
        resourceKey: row.key,
        projectKey: project.key,
        before: { archived: !archived },
        after: { archived },
      },
      revertOf,
      'flag.reverted',
    ),
  );
  return updated;
}

export const MAX_BULK_ARCHIVE = 500;

/**
 * Archives several flags in one transaction, each with its own audit entry as if archived alone;
 * all or none: 404 when a key is not a flag, 409 when one is archived already or is a prerequisite
 * of a live flag that is not archived with it. `errors` names each key at fault (`keys[2]`).
 */
export async function archiveFlags(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  keys: string[],
): Promise<{ archived: string[] }> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'flag:write', { project: project.key });
    const rows = await write.tx
      .selectFrom('flags')
      .selectAll()
      .where('projectId', '=', project.id)
      .where('key', 'in', keys)
      .execute();
    const rowOf = new Map(rows.map((row) => [row.key, row]));
    const missing = keys.filter((key) => !rowOf.has(key));
    if (missing.length > 0) {
      const errors = missing.map((key) => ({
        path: `keys[${keys.indexOf(key)}]`,
        message: `no flag "${key}" in project "${project.key}"`,
      }));
      const named = missing.map((key) => `"${key}"`).join(', ');
      throw new Problem(404, 'not-found', 'Not found', `Flag ${named} does not exist`, errors);
    }
    const archivedAlready = keys.flatMap((key, index) =>
      rowOf.get(key)?.archived ? [{ path: `keys[${index}]`, message: `flag "${key}" is already archived` }] : [],
    );
    if (archivedAlready.length > 0)
      throw problems.conflict(archivedAlready.map((error) => error.message).join('; '), archivedAlready);
    const required = await requiredBy(write.tx, project, new Set(keys));
    const blocked = keys.flatMap((key, index) => {
      const dependents = required.get(key);
      return dependents
        ? [
            {
              path: `keys[${index}]`,
              message: `flag "${key}" is a prerequisite of ${dependents.map((dependent) => `"${dependent}"`).join(', ')}`,
            },
          ]
        : [];
    });
    if (blocked.length > 0)
      throw problems.conflict(
        `Cannot archive: ${blocked.map((error) => error.message).join('; ')} (archive those too, or change them first)`,
        blocked,
      );

    const states = await write.tx
      .selectFrom('flagStates')
      .select(['flagId', 'environmentId', 'state'])
      .where(
        'flagId',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    for (const key of keys) {
      const row = rowOf.get(key) as FlagRow;
      const own = new Map(
        states
          .filter((state) => state.flagId === row.id)
          .map((state) => [state.environmentId, JSON.parse(state.state) as FlagState]),
      );
      await changeArchived(write, project, row, true, own);
    }
    return { archived: keys };
  });
}

export async function deleteFlag(ctx: ServerContext, actor: Actor, projectKey: string, key: string): Promise<void> {
  await ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'flag:write', { project: project.key });
    const row = await findFlag(write.tx, project, key);
    await refuseIfRequired(write, project, key, 'delete');
    const [before] = await viewsOf(write.tx, project, [row]);
    const states = await statesOf(write.tx, row.id);
    await write.tx.deleteFrom('flags').where('id', '=', row.id).execute();
    if (!row.archived)
      for (const environmentId of states.keys()) write.rulesetChanged(environmentId, 'flag', key, null);
    write.audit({ action: 'flag.deleted', resourceType: 'flag', resourceKey: key, projectKey: project.key, before });
  });
}

export async function findFlag(db: Queryable, project: ProjectRow, key: string): Promise<FlagRow> {
  const row = await db
    .selectFrom('flags')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw problems.notFound(`Flag "${key}" in project "${project.key}"`);
  return row;
}

export function definitionOf(input: FlagDefinition): FlagDefinition {
  const { name, description, tags, type, integer, variations, temporary, clientSideAvailable } = input;
  return dropUndefined({
    name,
    description,
    tags,
    type,
    integer,
    variations,
    temporary: temporary ?? true,
    clientSideAvailable: clientSideAvailable ?? false,
  });
}

/** Problems with the definition alone (type, variations), checked by the engine with a neutral state. */
export function definitionErrors(key: string, definition: FlagDefinition): FieldError[] {
  const none = { flag: () => undefined, segment: () => undefined };
  const errors = validateFlag({ key, ...definition, on: false }, none);
  return errors.filter((error) => !error.path.startsWith('on'));
}

/**
 * Validates a flag's config in an environment against what it touches there: the flags it requires
 * (and theirs, for cycles) and the segments it names. With `dependents`, the flags that require it
 * are checked too, since new variations could break them (a state change cannot: it leaves the
 * variations alone, and a cycle through the flag is the flag's own error; a draft that is only
 * evaluated, never saved, cannot break them either). A live flag may not newly require an archived
 * one (archiving a flag a live flag requires is refused too): `archivedAllowed` lists the keys it
 * may keep requiring although archived (those its stored state named before this rule), or is
 * 'all' when the flag is archived itself or nothing new is named.
 */
export async function stateErrors(
  db: Queryable,
  environment: EnvironmentRow,
  config: FlagConfig,
  prefix: string,
  {
    dependents = true,
    archivedAllowed = 'all',
  }: { dependents?: boolean; archivedAllowed?: 'all' | ReadonlySet<string> } = {},
): Promise<FieldError[]> {
  const required = await prerequisitesOf(db, environment, config);
  const requiring = dependents ? await dependentsIn(db, environment, config.key) : new Map<string, StoredFlag>();
  requiring.delete(config.key);
  const segments = await segmentsOfFlag(db, environment.projectId, config);
  const scope = {
    flag: (key: string) => (key === config.key ? config : required.get(key)?.config),
    segment: (key: string) => segments.get(key),
  };
  const errors = validateFlag(config, scope).map((error) => ({
    path: joinPath(prefix, error.path),
    message: error.message,
  }));
  if (archivedAllowed !== 'all')
    (config.prerequisites ?? []).forEach((prerequisite, index) => {
      if (required.get(prerequisite.flag)?.archived && !archivedAllowed.has(prerequisite.flag))
        errors.push({
          path: joinPath(prefix, `prerequisites[${index}].flag`),
          message: `flag "${prerequisite.flag}" is archived: restore it first, or require another flag`,
        });
    });
  for (const other of requiring.values()) {
    // Only what this flag could break in it: its prerequisites on this flag.
    const concerned = (other.config.prerequisites ?? []).flatMap((prerequisite, index) =>
      prerequisite.flag === config.key ? [`prerequisites[${index}]`] : [],
    );
    for (const error of validateFlag(other.config, scope)) {
      if (!concerned.some((path) => error.path === path || error.path.startsWith(`${path}.`))) continue;
      errors.push({
        path: joinPath(prefix, 'variations'),
        message: `flag "${other.config.key}" in ${environment.key}: ${error.path} ${error.message}`,
      });
    }
  }
  return errors;
}

async function refuseIfRequired(write: Write, project: ProjectRow, key: string, verb: string): Promise<void> {
  const dependents = (await requiredBy(write.tx, project, new Set([key]))).get(key) ?? [];
  if (dependents.length > 0) {
    throw problems.conflict(
      `Cannot ${verb} flag "${key}": it is a prerequisite of ${dependents.map((d) => `"${d}"`).join(', ')}`,
    );
  }
}

/** For each of `keys`, the live flags outside `keys` whose state in some environment requires it. */
async function requiredBy(
  db: Queryable,
  project: ProjectRow,
  keys: ReadonlySet<string>,
): Promise<Map<string, string[]>> {
  const environments = await environmentsOf(db, project.id);
  const rows = await requirers(
    db,
    environments.map((environment) => environment.id),
    [...keys],
    { live: true },
  );
  const required = new Map<string, string[]>();
  for (const row of rows) {
    if (keys.has(row.key)) continue;
    const dependents = required.get(row.requires) ?? [];
    if (!dependents.includes(row.key)) dependents.push(row.key);
    required.set(row.requires, dependents);
  }
  return required;
}

/**
 * A restored flag is live again, so what it requires must be live too (as when it is saved): 409
 * naming each archived or deleted flag its states require, and where.
 */
async function refuseRestoringWithoutPrerequisites(db: Queryable, project: ProjectRow, row: FlagRow): Promise<void> {
  const edges = await db
    .selectFrom('flagPrerequisites')
    .innerJoin('environments', 'environments.id', 'flagPrerequisites.environmentId')
    .leftJoin('flags', (join) =>
      join.on('flags.projectId', '=', project.id).onRef('flags.key', '=', 'flagPrerequisites.prerequisiteKey'),
    )
    .select(['flagPrerequisites.prerequisiteKey', 'environments.key as environment', 'flags.archived'])
    .where('flagPrerequisites.flagId', '=', row.id)
    .where((eb) => eb.or([eb('flags.archived', '=', 1), eb('flags.id', 'is', null)]))
    .orderBy('environments.position')
    .execute();
  if (edges.length === 0) return;
  const missing = new Map<string, { archived: boolean; environments: string[] }>();
  for (const edge of edges) {
    const entry = missing.get(edge.prerequisiteKey) ?? { archived: edge.archived === 1, environments: [] };
    entry.environments.push(edge.environment);
    missing.set(edge.prerequisiteKey, entry);
  }
  const reasons = [...missing].map(
    ([key, { archived, environments }]) =>
      `it requires flag "${key}", which is ${archived ? 'archived' : 'deleted'}, in ${environments.join(', ')}`,
  );
  const remedy = [...missing.values()].every((entry) => entry.archived) ? 'Restore' : 'Restore (or create)';
  throw problems.conflict(
    `Cannot restore flag "${row.key}": ${reasons.join('; ')}. ${remedy} those first, or change its prerequisites.`,
  );
}

/**
 * A definition change may not drop a variation some state still serves, targets or falls back to,
 * nor one another flag requires as a prerequisite: 409 saying where each use is.
 */
async function refuseRemovingUsedVariations(
  db: Queryable,
  project: ProjectRow,
  row: FlagRow,
  current: FlagDefinition,
  definition: FlagDefinition,
  environments: EnvironmentRow[],
): Promise<void> {
  const kept = new Set(definition.variations.map((variation) => variation.key));
  const removed = new Set(current.variations.map((variation) => variation.key).filter((key) => !kept.has(key)));
  if (removed.size === 0) return;
  const uses = await usesOfRemoved(db, project, row, removed, environments);
  if (uses.length > 0)
    throw problems.conflict(
      describeUses(removed, uses),
      useErrors(uses, (environment) => `environments.${environment}`),
    );
}

/** Where the flag's states (in `environments`) and other flags' prerequisites use the `removed` variations. */
export async function usesOfRemoved(
  db: Queryable,
  project: ProjectRow,
  row: FlagRow,
  removed: ReadonlySet<string>,
  environments: EnvironmentRow[],
  states?: Map<string, FlagState>,
): Promise<RemovedVariationUse[]> {
  const own = states ?? (await statesOf(db, row.id));
  const keyOf = new Map(environments.map((environment) => [environment.id, environment.key]));
  const positionOf = new Map(environments.map((environment, index) => [environment.id, index]));
  // The flags requiring it, wherever they do: the prerequisite graph names them, their states say how.
  const requiring = (await requirers(db, [...keyOf.keys()], [row.key], { live: false })).filter(
    (edge) => edge.flagId !== row.id,
  );
  const others =
    requiring.length === 0
      ? []
      : await db
          .selectFrom('flags')
          .innerJoin('flagStates', 'flagStates.flagId', 'flags.id')
          .select(['flags.key', 'flagStates.environmentId', 'flagStates.state'])
          .where('flags.projectId', '=', project.id)
          .where(
            'flags.id',
            'in',
            requiring.map((edge) => edge.flagId),
          )
          .where('flagStates.environmentId', 'in', [...keyOf.keys()])
          .orderBy('flags.key')
          .execute();
  // Each flag's environments in the project's order, whatever order the database returned them in.
  others.sort(
    (a, b) =>
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      (positionOf.get(a.environmentId) ?? 0) - (positionOf.get(b.environmentId) ?? 0),
  );
  return removedVariationUses(
    row.key,
    removed,
    environments.flatMap((environment) => {
      const state = own.get(environment.id);
      return state ? [{ environment: environment.key, state }] : [];
    }),
    others.flatMap((other) => {
      const environment = keyOf.get(other.environmentId);
      return environment === undefined
        ? []
        : [{ key: other.key, environment, state: JSON.parse(other.state) as FlagState }];
    }),
  );
}

export async function statesOf(db: Queryable, flagId: string): Promise<Map<string, FlagState>> {
  const rows = await db
    .selectFrom('flagStates')
    .select(['environmentId', 'state'])
    .where('flagId', '=', flagId)
    .execute();
  return new Map(rows.map((row) => [row.environmentId, JSON.parse(row.state) as FlagState]));
}

/**
 * A flag view as `actor` may see it: the states of environments they may not read are left out
 * (audit entries keep the whole view; the audit log leaves them out when it is read).
 */
function seenBy(actor: Actor, project: ProjectRow, view: FlagView): FlagView {
  return { ...view, environments: pickReadable(view.environments, readableBy(actor, 'flag:read', project.key)) };
}

async function viewsOf(db: Queryable, project: ProjectRow, rows: FlagRow[]): Promise<FlagView[]> {
  if (rows.length === 0) return [];
  const environments = await environmentsOf(db, project.id);
  const keyOf = new Map(environments.map((environment) => [environment.id, environment.key]));
  const states = await db
    .selectFrom('flagStates')
    .selectAll()
    .where(
      'flagId',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  const stateOf = new Map(states.map((state) => [`${state.flagId}/${state.environmentId}`, state]));
  return rows.map((row) => {
    const environmentStates: FlagView['environments'] = {};
    for (const environment of environments) {
      const state = stateOf.get(`${row.id}/${environment.id}`);
      if (state)
        environmentStates[keyOf.get(environment.id) as string] = {
          ...(JSON.parse(state.state) as FlagState),
          version: state.version,
          updatedAt: state.updatedAt,
        };
    }
    return {
      key: row.key,
      ...(JSON.parse(row.definition) as FlagDefinition),
      archived: Boolean(row.archived),
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      environments: environmentStates,
    };
  });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
