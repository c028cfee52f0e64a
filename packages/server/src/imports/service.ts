import { randomUUID } from 'node:crypto';
import type { FlagState, UfcConfiguration } from '@vexil/engine';
import { authorize, type Actor } from '../auth/actor.js';
import type { Write } from '../changes/writer.js';
import type { ServerContext } from '../context.js';
import type { Insertable } from 'kysely';
import type { Database, EnvironmentRow, ProjectRow, SegmentRow } from '../db/schema.js';
import { addPrerequisiteEdges, replacePrerequisiteEdges } from '../flags/prerequisite-graph.js';
import { problems, type FieldError } from '../http/problems.js';
import { environmentsOf, findEnvironment, projectForWrite } from '../projects/lookup.js';
import { flagConfigOf } from '../rulesets/load.js';
import { segmentsNamedBy, segmentView } from '../segments/service.js';
import { translateUfc } from './eppo.js';
import { flagErrors, planFlags, planSegments, segmentErrors, type PlannedFlag, type PlannedSegments } from './plan.js';

export interface ImportSummary {
  /** Flag keys, in the document's order. */
  created: string[];
  updated: string[];
  /** Flags whose definition and state were already as imported: nothing written for them. */
  unchanged: string[];
}

/**
 * Imports an Eppo UFC document into one environment, in one transaction: each flag is created
 * (off in the project's other environments) or has its variations and its state there replaced;
 * the rules segments are created or updated. Every flag and segment is validated by the engine
 * first, in every environment it reaches; one problem anywhere and nothing is written.
 */
export async function importEppo(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
  ufc: UfcConfiguration,
): Promise<ImportSummary> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'import:run', { project: project.key, environment: environmentKey });
    // Definitions and segments are shared by every environment of the project.
    authorize(actor, 'flag:write', { project: project.key });
    const environment = await findEnvironment(write.tx, project, environmentKey);
    refuseInconsistentKeys(ufc);

    const translated = translateUfc(ufc, environment.key);
    const environments = await environmentsOf(write.tx, project.id);
    const plan = await planFlags(write, project, environment, environments, translated.flags);
    const segments = await planSegments(write, project, translated.segments);
    const errors = [...segmentErrors(translated.segments), ...flagErrors(plan, segments, environment, environments)];
    if (errors.length > 0) throw problems.validation(errors);

    const summary: ImportSummary = { created: [], updated: [], unchanged: [] };
    const created: NewFlagRows = { flags: [], states: [] };
    // Segments first, so that SDKs applying changes in order know a segment before a flag uses it.
    await saveSegments(write, project, environments, segments.imported);
    for (const flag of translated.flags) {
      const planned = plan.get(flag.key) as PlannedFlag;
      summary[await saveFlag(write, project, environment, environments, planned, created)].push(flag.key);
    }
    await insertNewFlags(write, created);
    await dropOrphanSegments(write, project, environment, environments, plan, segments);
    write.audit({
      action: 'import.eppo',
      resourceType: 'environment',
      resourceKey: environment.key,
      projectKey: project.key,
      environmentKey: environment.key,
      after: {
        source: {
          format: ufc.format ?? null,
          createdAt: ufc.createdAt ?? null,
          environment: ufc.environment?.name ?? null,
        },
        ...summary,
      },
    });
    return summary;
  });
}

/**
 * Eppo's CLIENT format hashes flag keys, attributes and operators, so it cannot be imported; said
 * before the document's shape is checked, which would otherwise list every obfuscated field.
 */
export function refuseOtherFormats(body: unknown): void {
  const format = typeof body === 'object' && body !== null && 'format' in body ? body.format : undefined;
  if (format !== undefined && format !== 'SERVER') {
    throw problems.validation([
      { path: 'format', message: `must be SERVER: the obfuscated ${String(format)} format cannot be imported` },
    ]);
  }
}

/** Each flag under its own key, once. */
function refuseInconsistentKeys(ufc: UfcConfiguration): void {
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  for (const [recordKey, flag] of Object.entries(ufc.flags)) {
    if (flag.key !== recordKey)
      errors.push({ path: `flags.${recordKey}.key`, message: `must be the flag's key in flags ("${recordKey}")` });
    if (keys.has(flag.key))
      errors.push({ path: `flags.${recordKey}.key`, message: `duplicate flag key "${flag.key}"` });
    keys.add(flag.key);
  }
  if (errors.length > 0) throw problems.validation(errors);
}

/** Writes the imported segments that differ from what is stored; new ones in a few statements. */
async function saveSegments(
  write: Write,
  project: ProjectRow,
  environments: EnvironmentRow[],
  imported: PlannedSegments['imported'],
): Promise<void> {
  const created: SegmentRow[] = [];
  for (const { segment, row: existing } of imported) {
    const { key, ...definition } = segment;
    if (existing && sameJson(JSON.parse(existing.definition), definition)) continue;
    const row: SegmentRow = existing
      ? { ...existing, definition: JSON.stringify(definition), version: existing.version + 1, updatedAt: write.now }
      : {
          id: randomUUID(),
          projectId: project.id,
          key,
          definition: JSON.stringify(definition),
          version: 1,
          createdAt: write.now,
          updatedAt: write.now,
        };
    if (existing) {
      await write.tx
        .updateTable('segments')
        .set({ definition: row.definition, version: row.version, updatedAt: write.now })
        .where('id', '=', row.id)
        .execute();
    } else {
      created.push(row);
    }
    for (const environment of environments) write.rulesetChanged(environment.id, 'segment', key, segment);
    write.audit({
      action: existing ? 'segment.updated' : 'segment.created',
      resourceType: 'segment',
      resourceKey: key,
      projectKey: project.key,
      ...(existing ? { before: segmentView(existing) } : {}),
      after: segmentView(row),
    });
  }
  for (let start = 0; start < created.length; start += ROWS_PER_INSERT)
    await write.tx
      .insertInto('segments')
      .values(created.slice(start, start + ROWS_PER_INSERT))
      .execute();
}

/** New flags' rows, inserted together once every flag is planned: thousands of flags, a few statements. */
interface NewFlagRows {
  flags: Insertable<Database['flags']>[];
  states: Insertable<Database['flagStates']>[];
}

/** Rows a statement, under both databases' limits on bound parameters (SQLite 32,766; PostgreSQL 65,535). */
const ROWS_PER_INSERT = 1000;

async function insertNewFlags(write: Write, rows: NewFlagRows): Promise<void> {
  for (let start = 0; start < rows.flags.length; start += ROWS_PER_INSERT)
    await write.tx
      .insertInto('flags')
      .values(rows.flags.slice(start, start + ROWS_PER_INSERT))
      .execute();
  for (let start = 0; start < rows.states.length; start += ROWS_PER_INSERT)
    await write.tx
      .insertInto('flagStates')
      .values(rows.states.slice(start, start + ROWS_PER_INSERT))
      .execute();
  await addPrerequisiteEdges(
    write.tx,
    rows.states.map(({ flagId, environmentId, state }) => ({
      flagId,
      environmentId,
      state: JSON.parse(state) as FlagState,
    })),
  );
}

/**
 * Writes one imported flag (a new one's rows are added to `created`, inserted by the caller);
 * says whether it was created, updated or already as imported.
 */
async function saveFlag(
  write: Write,
  project: ProjectRow,
  target: EnvironmentRow,
  environments: EnvironmentRow[],
  planned: PlannedFlag,
  created: NewFlagRows,
): Promise<keyof ImportSummary> {
  const { row, definition, states } = planned;
  const state = states.get(target.id) as FlagState;
  const announce = (environmentIds: string[]) => {
    if (row.archived) return; // archived flags are not in any SDK's ruleset
    for (const id of environmentIds)
      write.rulesetChanged(
        id,
        'flag',
        row.key,
        flagConfigOf({ key: row.key, definition: JSON.stringify(definition) }, states.get(id) as FlagState),
      );
  };

  if (!planned.before) {
    created.flags.push({ ...row, definition: JSON.stringify(definition) });
    for (const environment of environments) {
      created.states.push({
        flagId: row.id,
        environmentId: environment.id,
        state: JSON.stringify(states.get(environment.id)),
        version: 1,
        updatedAt: write.now,
      });
    }
    announce(environments.map((environment) => environment.id));
    const after = {
      key: row.key,
      ...definition,
      environments: Object.fromEntries(
        environments.map((environment) => [environment.key, states.get(environment.id)]),
      ),
    };
    write.audit({ action: 'flag.created', resourceType: 'flag', resourceKey: row.key, projectKey: project.key, after });
    return 'created';
  }

  const definitionChanged = !sameJson(planned.before, definition);
  const stateBefore = planned.statesBefore.get(target.id);
  const stateChanged = !sameJson(stateBefore, state);
  if (!definitionChanged && !stateChanged) return 'unchanged';
  if (definitionChanged) {
    await write.tx
      .updateTable('flags')
      .set({ definition: JSON.stringify(definition), version: row.version + 1, updatedAt: write.now })
      .where('id', '=', row.id)
      .execute();
    write.audit({
      action: 'flag.updated',
      resourceType: 'flag',
      resourceKey: row.key,
      projectKey: project.key,
      before: planned.before,
      after: definition,
    });
  }
  if (stateChanged) {
    const stored = await write.tx
      .selectFrom('flagStates')
      .select('version')
      .where('flagId', '=', row.id)
      .where('environmentId', '=', target.id)
      .executeTakeFirst();
    if (stored) {
      await write.tx
        .updateTable('flagStates')
        .set({ state: JSON.stringify(state), version: stored.version + 1, updatedAt: write.now })
        .where('flagId', '=', row.id)
        .where('environmentId', '=', target.id)
        .execute();
      await replacePrerequisiteEdges(write.tx, row.id, target.id, state, stateBefore);
    } else {
      await write.tx
        .insertInto('flagStates')
        .values({
          flagId: row.id,
          environmentId: target.id,
          state: JSON.stringify(state),
          version: 1,
          updatedAt: write.now,
        })
        .execute();
      await addPrerequisiteEdges(write.tx, [{ flagId: row.id, environmentId: target.id, state }]);
    }
    write.audit({
      action: 'flag.state.updated',
      resourceType: 'flag',
      resourceKey: row.key,
      projectKey: project.key,
      environmentKey: target.key,
      before: stateBefore,
      after: state,
    });
  }
  // A new definition reaches every environment; a new state only the one imported into.
  announce(definitionChanged ? [...states.keys()] : [target.id]);
  return 'updated';
}

/**
 * Segments an earlier import made for this environment's flags that no flag uses any more (the
 * allocation went away in Eppo) are deleted, so re-imports leave no debris.
 */
async function dropOrphanSegments(
  write: Write,
  project: ProjectRow,
  target: EnvironmentRow,
  environments: EnvironmentRow[],
  plan: Map<string, PlannedFlag>,
  segments: PlannedSegments,
): Promise<void> {
  const used = new Set<string>();
  for (const planned of plan.values())
    for (const state of planned.states.values()) for (const key of segmentsNamedBy(state)) used.add(key);
  const prefixes = [...plan.values()].flatMap((planned) =>
    planned.imported ? [`eppo.${target.key}.${planned.row.key}.`] : [],
  );
  for (const row of segments.rows) {
    if (used.has(row.key) || !prefixes.some((prefix) => row.key.startsWith(prefix))) continue;
    await write.tx.deleteFrom('segments').where('id', '=', row.id).execute();
    for (const environment of environments) write.rulesetChanged(environment.id, 'segment', row.key, null);
    write.audit({
      action: 'segment.deleted',
      resourceType: 'segment',
      resourceKey: row.key,
      projectKey: project.key,
      before: segmentView(row),
    });
  }
}

/** Equal as JSON documents, whatever the order of their fields. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined);
    return `{${fields
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
