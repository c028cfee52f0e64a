import { randomUUID } from 'node:crypto';
import type { Allocation, FlagState, Serve } from '@vexil/engine';
import { actorMay, authorize, type Actor } from '../auth/actor.js';
import type { Write } from '../changes/writer.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { EnvironmentRow, ExperimentRow, FlagRow, MetricRow, ProjectRow } from '../db/schema.js';
import { readableBy } from '../environments/readable.js';
import { writeFlagState } from '../flags/service.js';
import { problems, type FieldError } from '../http/problems.js';
import { findProject, projectForWrite } from '../projects/lookup.js';
import type { FlagDefinition } from '../rulesets/load.js';
import type { ExperimentChange, NewExperiment, StopExperiment } from './schemas.js';

/** The default of `plannedSubjectsPerVariation` (docs/experiments.md, "Always-valid interval"). */
export const DEFAULT_PLANNED_SUBJECTS = 10_000;

export type MetricRole = 'primary' | 'secondary' | 'guardrail';

/** An experiment as the API shows it. */
export interface ExperimentView {
  key: string;
  name: string;
  hypothesis: string | null;
  flag: string;
  environment: string;
  allocations: string[];
  controlVariation: string;
  primaryMetric: string;
  secondaryMetrics: string[];
  guardrailMetrics: string[];
  minimumDetectableEffect: number | null;
  plannedSubjectsPerVariation: number;
  status: 'draft' | 'running' | 'stopped';
  startedAt: string | null;
  stoppedAt: string | null;
  shippedVariation: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Each variation's share of each allocation's traffic when the experiment started. */
export type SplitWeights = Record<string, Record<string, number>>;

/** An experiment with what it refers to, loaded. */
export interface LoadedExperiment {
  row: ExperimentRow;
  project: ProjectRow;
  environment: EnvironmentRow;
  flag: FlagRow;
  metrics: { metric: MetricRow; role: MetricRole }[];
}

export async function listExperiments(ctx: ServerContext, actor: Actor, projectKey: string): Promise<ExperimentView[]> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'experiment:read', { project: project.key });
  const readable = readableBy(actor, 'experiment:read', project.key);
  const rows = await ctx.db
    .selectFrom('experiments')
    .innerJoin('environments', 'environments.id', 'experiments.environmentId')
    .innerJoin('flags', 'flags.id', 'experiments.flagId')
    .selectAll('experiments')
    .select(['environments.key as environmentKey', 'flags.key as flagKey'])
    .where('experiments.projectId', '=', project.id)
    .orderBy('experiments.key')
    .execute();
  const visible = rows.filter((row) => readable(row.environmentKey));
  const metrics = await metricsOf(
    ctx.db,
    visible.map((row) => row.id),
  );
  return visible.map((row) => experimentView(row, row.environmentKey, row.flagKey, metrics.get(row.id) ?? []));
}

export async function getExperiment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<ExperimentView> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'experiment:read', { project: project.key });
  return viewOf(await loadExperiment(ctx.db, actor, project, key));
}

export async function createExperiment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  input: NewExperiment,
): Promise<ExperimentView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'experiment:write', { project: project.key, environment: input.environment });
    const taken = await write.tx
      .selectFrom('experiments')
      .select('id')
      .where('projectId', '=', project.id)
      .where('key', '=', input.key)
      .executeTakeFirst();
    if (taken) {
      throw problems.conflict(`Experiment "${input.key}" already exists in project "${project.key}"`, [
        { path: 'key', message: 'is taken' },
      ]);
    }
    const settings: Settings = {
      name: input.name ?? input.key,
      hypothesis: input.hypothesis ?? null,
      flag: input.flag,
      environment: input.environment,
      allocations: input.allocations,
      controlVariation: input.controlVariation,
      primaryMetric: input.primaryMetric,
      secondaryMetrics: input.secondaryMetrics ?? [],
      guardrailMetrics: input.guardrailMetrics ?? [],
      minimumDetectableEffect: input.minimumDetectableEffect ?? null,
      plannedSubjectsPerVariation: input.plannedSubjectsPerVariation ?? DEFAULT_PLANNED_SUBJECTS,
    };
    const checked = await checkedReferences(write.tx, project, settings);
    const row: ExperimentRow = {
      id: randomUUID(),
      projectId: project.id,
      environmentId: checked.environment.id,
      flagId: checked.flag.id,
      key: input.key,
      name: settings.name,
      hypothesis: settings.hypothesis,
      allocationIds: JSON.stringify(settings.allocations),
      controlVariation: settings.controlVariation,
      minimumDetectableEffect: settings.minimumDetectableEffect,
      plannedSubjectsPerVariation: settings.plannedSubjectsPerVariation,
      status: 'draft',
      startedAt: null,
      stoppedAt: null,
      shippedVariation: null,
      splitWeights: null,
      aggregated: 0,
      version: 1,
      createdAt: write.now,
      updatedAt: write.now,
    };
    await write.tx.insertInto('experiments').values(row).execute();
    await storeMetrics(write, row.id, checked.metrics);
    const after = experimentView(row, checked.environment.key, checked.flag.key, checked.metrics);
    auditExperiment(write, project, after, 'experiment.created', undefined, after);
    return after;
  });
}

/** Changes a draft: the fields `change` names, the result checked as a whole, as a new experiment would be. */
export async function changeExperiment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  change: ExperimentChange,
): Promise<ExperimentView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    const loaded = await loadExperiment(write.tx, actor, project, key);
    authorize(actor, 'experiment:write', { project: project.key, environment: loaded.environment.key });
    requireStatus(loaded.row, 'draft', 'changed');
    const before = viewOf(loaded);
    const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const settings = { ...settingsOf(before), ...defined } as Settings;
    if (settings.environment !== before.environment)
      authorize(actor, 'experiment:write', { project: project.key, environment: settings.environment });
    const checked = await checkedReferences(write.tx, project, settings);
    const updated: ExperimentRow = {
      ...loaded.row,
      environmentId: checked.environment.id,
      flagId: checked.flag.id,
      name: settings.name,
      hypothesis: settings.hypothesis,
      allocationIds: JSON.stringify(settings.allocations),
      controlVariation: settings.controlVariation,
      minimumDetectableEffect: settings.minimumDetectableEffect,
      plannedSubjectsPerVariation: settings.plannedSubjectsPerVariation,
      version: loaded.row.version + 1,
      updatedAt: write.now,
    };
    const { id, ...fields } = updated;
    await write.tx.updateTable('experiments').set(fields).where('id', '=', id).execute();
    await write.tx.deleteFrom('experimentMetrics').where('experimentId', '=', id).execute();
    await storeMetrics(write, id, checked.metrics);
    const after = experimentView(updated, checked.environment.key, checked.flag.key, checked.metrics);
    auditExperiment(write, project, after, 'experiment.updated', before, after);
    return after;
  });
}

export async function deleteExperiment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<void> {
  await ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    const loaded = await loadExperiment(write.tx, actor, project, key);
    authorize(actor, 'experiment:write', { project: project.key, environment: loaded.environment.key });
    requireStatus(loaded.row, 'draft', 'deleted');
    await write.tx.deleteFrom('experiments').where('id', '=', loaded.row.id).execute();
    auditExperiment(write, project, viewOf(loaded), 'experiment.deleted', viewOf(loaded), undefined);
  });
}

/**
 * Starts a draft: turns `track` on for its allocations in the flag's state through the flag
 * service's own write path, so the state change (with its audit entry and the SDKs' ruleset change)
 * and the experiment's commit together or not at all.
 */
export async function startExperiment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<ExperimentView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    const loaded = await loadExperiment(write.tx, actor, project, key);
    const scope = { project: project.key, environment: loaded.environment.key };
    authorize(actor, 'experiment:write', scope);
    authorize(actor, 'flag:write', scope);
    requireStatus(loaded.row, 'draft', 'started');
    const state = await stateOf(write.tx, loaded.flag, loaded.environment);
    const ids = allocationIdsOf(loaded.row);
    const weights: SplitWeights = {};
    const errors: FieldError[] = [];
    ids.forEach((id, index) => {
      const allocation = state.allocations?.find((candidate) => candidate.id === id);
      const path = `allocations[${index}]`;
      if (!allocation) {
        errors.push({ path, message: `"${id}" is no longer an allocation of the flag in ${loaded.environment.key}` });
        return;
      }
      const shares = sharesOf(allocation.serve);
      const serving = Object.keys(shares).filter((variation) => (shares[variation] ?? 0) > 0);
      if (!serving.includes(loaded.row.controlVariation) || serving.length < 2) {
        errors.push({
          path,
          message: `"${id}" must split its traffic between the control "${loaded.row.controlVariation}" and at least one other variation (it serves ${serving.join(', ') || 'nothing'})`,
        });
        return;
      }
      weights[id] = shares;
    });
    if (errors.length > 0)
      throw problems.conflict(`Experiment "${key}" cannot start: ${errors.map((e) => e.message).join('; ')}`, errors);

    const tracked = (state.allocations ?? []).map((allocation) =>
      ids.includes(allocation.id) ? { ...allocation, track: true } : allocation,
    );
    if ((state.allocations ?? []).some((allocation) => ids.includes(allocation.id) && allocation.track !== true))
      await writeFlagState(write, project.key, loaded.flag.key, loaded.environment.key, {
        replace: { ...state, allocations: tracked },
      });
    return transition(write, project, loaded, 'experiment.started', {
      status: 'running',
      startedAt: write.now,
      splitWeights: JSON.stringify(weights),
      // Nothing received since the start yet: its aggregates are empty, and exact.
      aggregated: 1,
    });
  });
}

/**
 * Stops a running experiment: its allocations stop tracking, and with `ship` serve that variation
 * to everyone — one flag state change, audited, in the same transaction as the stop.
 */
export async function stopExperiment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  input: StopExperiment,
): Promise<ExperimentView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    const loaded = await loadExperiment(write.tx, actor, project, key);
    const scope = { project: project.key, environment: loaded.environment.key };
    authorize(actor, 'experiment:write', scope);
    authorize(actor, 'flag:write', scope);
    requireStatus(loaded.row, 'running', 'stopped');
    const definition = JSON.parse(loaded.flag.definition) as FlagDefinition;
    if (input.ship !== undefined && !definition.variations.some((variation) => variation.key === input.ship)) {
      throw problems.validation([
        { path: 'ship', message: `is not a variation of flag "${loaded.flag.key}" (${variationKeys(definition)})` },
      ]);
    }
    const state = await stateOf(write.tx, loaded.flag, loaded.environment);
    const ids = allocationIdsOf(loaded.row);
    const ship = input.ship;
    const changed = (state.allocations ?? []).map((allocation): Allocation => {
      if (!ids.includes(allocation.id)) return allocation;
      const { track: _track, ...rest } = allocation;
      return ship === undefined ? rest : { ...rest, serve: { variation: ship } };
    });
    if (JSON.stringify(changed) !== JSON.stringify(state.allocations ?? []))
      await writeFlagState(write, project.key, loaded.flag.key, loaded.environment.key, {
        replace: { ...state, allocations: changed },
      });
    return transition(write, project, loaded, 'experiment.stopped', {
      status: 'stopped',
      stoppedAt: write.now,
      shippedVariation: ship ?? null,
    });
  });
}

async function transition(
  write: Write,
  project: ProjectRow,
  loaded: LoadedExperiment,
  action: string,
  change: Partial<ExperimentRow>,
): Promise<ExperimentView> {
  const before = viewOf(loaded);
  const row: ExperimentRow = { ...loaded.row, ...change, version: loaded.row.version + 1, updatedAt: write.now };
  await write.tx
    .updateTable('experiments')
    .set({ ...change, version: row.version, updatedAt: write.now })
    .where('id', '=', row.id)
    .execute();
  const after = viewOf({ ...loaded, row });
  auditExperiment(write, project, after, action, before, after);
  return after;
}

/** Refuses a deletion of metrics experiments read, naming them. */
export async function experimentsUsingMetric(db: Queryable, metricId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('experimentMetrics')
    .innerJoin('experiments', 'experiments.id', 'experimentMetrics.experimentId')
    .select('experiments.key')
    .where('experimentMetrics.metricId', '=', metricId)
    .orderBy('experiments.key')
    .execute();
  return rows.map((row) => row.key);
}

/**
 * The experiment, or 404 — also when it lives in an environment the caller may not read, so that
 * nothing (not even that environment's key) is said about it.
 */
export async function loadExperiment(
  db: Queryable,
  actor: Actor,
  project: ProjectRow,
  key: string,
): Promise<LoadedExperiment> {
  const row = await db
    .selectFrom('experiments')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('key', '=', key)
    .executeTakeFirst();
  const environment =
    row && (await db.selectFrom('environments').selectAll().where('id', '=', row.environmentId).executeTakeFirst());
  if (
    !row ||
    !environment ||
    !actorMay(actor, 'experiment:read', { project: project.key, environment: environment.key })
  )
    throw problems.notFound(`Experiment "${key}" in project "${project.key}"`);
  const flag = await db.selectFrom('flags').selectAll().where('id', '=', row.flagId).executeTakeFirstOrThrow();
  const metrics = await db
    .selectFrom('experimentMetrics')
    .innerJoin('metrics', 'metrics.id', 'experimentMetrics.metricId')
    .selectAll('metrics')
    .select('experimentMetrics.role')
    .where('experimentMetrics.experimentId', '=', row.id)
    .orderBy('experimentMetrics.position')
    .execute();
  return {
    row,
    project,
    environment,
    flag,
    metrics: metrics.map(({ role, ...metric }) => ({ metric, role: role as MetricRole })),
  };
}

export function allocationIdsOf(row: ExperimentRow): string[] {
  return JSON.parse(row.allocationIds) as string[];
}

export async function stateOf(db: Queryable, flag: FlagRow, environment: EnvironmentRow): Promise<FlagState> {
  const stored = await db
    .selectFrom('flagStates')
    .select('state')
    .where('flagId', '=', flag.id)
    .where('environmentId', '=', environment.id)
    .executeTakeFirstOrThrow();
  return JSON.parse(stored.state) as FlagState;
}

/**
 * Each variation's share of an allocation's traffic: a split's weights; for imported shard ranges,
 * the product over shards of the share of buckets in range; one variation served to everyone is 1.
 */
export function sharesOf(serve: Serve): Record<string, number> {
  if ('variation' in serve) return { [serve.variation]: 1 };
  const shares: Record<string, number> = {};
  if ('split' in serve) {
    const total = serve.split.reduce((sum, entry) => sum + entry.weight, 0);
    for (const entry of serve.split)
      shares[entry.variation] = (shares[entry.variation] ?? 0) + (total > 0 ? entry.weight / total : 0);
    return shares;
  }
  for (const entry of serve.shards) {
    const share = entry.shards.reduce(
      (product, shard) =>
        product * (shard.ranges.reduce((sum, range) => sum + (range.end - range.start), 0) / serve.totalShards),
      1,
    );
    shares[entry.variation] = (shares[entry.variation] ?? 0) + share;
  }
  return shares;
}

function viewOf(loaded: LoadedExperiment): ExperimentView {
  return experimentView(
    loaded.row,
    loaded.environment.key,
    loaded.flag.key,
    loaded.metrics.map(({ metric, role }) => ({ key: metric.key, role })),
  );
}

function experimentView(
  row: ExperimentRow,
  environment: string,
  flag: string,
  metrics: readonly { key: string; role: MetricRole }[],
): ExperimentView {
  const keys = (role: MetricRole) => metrics.filter((metric) => metric.role === role).map((metric) => metric.key);
  return {
    key: row.key,
    name: row.name,
    hypothesis: row.hypothesis,
    flag,
    environment,
    allocations: allocationIdsOf(row),
    controlVariation: row.controlVariation,
    primaryMetric: keys('primary')[0] ?? '',
    secondaryMetrics: keys('secondary'),
    guardrailMetrics: keys('guardrail'),
    minimumDetectableEffect: row.minimumDetectableEffect === null ? null : Number(row.minimumDetectableEffect),
    plannedSubjectsPerVariation: Number(row.plannedSubjectsPerVariation),
    status: row.status,
    startedAt: row.startedAt,
    stoppedAt: row.stoppedAt,
    shippedVariation: row.shippedVariation,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

type Settings = Omit<
  ExperimentView,
  'key' | 'status' | 'startedAt' | 'stoppedAt' | 'shippedVariation' | 'version' | 'createdAt' | 'updatedAt'
>;

function settingsOf(view: ExperimentView): Settings {
  const { key: _k, status: _s, startedAt: _a, stoppedAt: _b, shippedVariation: _v, version: _n, ...rest } = view;
  const { createdAt: _c, updatedAt: _u, ...settings } = rest;
  return settings;
}

/** Every reference checked against the project, each problem at its field. */
async function checkedReferences(
  db: Queryable,
  project: ProjectRow,
  settings: Settings,
): Promise<{ environment: EnvironmentRow; flag: FlagRow; metrics: { key: string; id: string; role: MetricRole }[] }> {
  const errors: FieldError[] = [];
  const environment = await db
    .selectFrom('environments')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('key', '=', settings.environment)
    .executeTakeFirst();
  if (!environment) errors.push({ path: 'environment', message: `is not an environment of project "${project.key}"` });
  const flag = await db
    .selectFrom('flags')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('key', '=', settings.flag)
    .executeTakeFirst();
  if (!flag) errors.push({ path: 'flag', message: `is not a flag of project "${project.key}"` });
  else if (flag.archived) errors.push({ path: 'flag', message: 'is archived' });
  if (flag) {
    const definition = JSON.parse(flag.definition) as FlagDefinition;
    if (!definition.variations.some((variation) => variation.key === settings.controlVariation))
      errors.push({
        path: 'controlVariation',
        message: `is not a variation of flag "${flag.key}" (${variationKeys(definition)})`,
      });
    if (environment) {
      const state = await stateOf(db, flag, environment);
      const known = (state.allocations ?? []).map((allocation) => allocation.id);
      settings.allocations.forEach((id, index) => {
        if (!known.includes(id))
          errors.push({
            path: `allocations[${index}]`,
            message: `is not an allocation of flag "${flag.key}" in ${environment.key} (${known.join(', ') || 'it has none'})`,
          });
      });
    }
  }

  const wanted: { key: string; role: MetricRole; path: string }[] = [
    { key: settings.primaryMetric, role: 'primary', path: 'primaryMetric' },
    ...settings.secondaryMetrics.map((key, i) => ({ key, role: 'secondary' as const, path: `secondaryMetrics[${i}]` })),
    ...settings.guardrailMetrics.map((key, i) => ({ key, role: 'guardrail' as const, path: `guardrailMetrics[${i}]` })),
  ];
  const rows = await db
    .selectFrom('metrics')
    .select(['id', 'key'])
    .where('projectId', '=', project.id)
    .where(
      'key',
      'in',
      wanted.map((metric) => metric.key),
    )
    .execute();
  const seen = new Set<string>();
  const metrics: { key: string; id: string; role: MetricRole }[] = [];
  for (const metric of wanted) {
    const row = rows.find((candidate) => candidate.key === metric.key);
    if (!row) errors.push({ path: metric.path, message: `is not a metric of project "${project.key}"` });
    else if (seen.has(metric.key))
      errors.push({ path: metric.path, message: `"${metric.key}" is already one of the experiment's metrics` });
    else metrics.push({ key: metric.key, id: row.id, role: metric.role });
    seen.add(metric.key);
  }
  if (errors.length > 0 || !environment || !flag) throw problems.validation(errors);
  return { environment, flag, metrics };
}

async function storeMetrics(
  write: Write,
  experimentId: string,
  metrics: readonly { id: string; role: MetricRole }[],
): Promise<void> {
  await write.tx
    .insertInto('experimentMetrics')
    .values(metrics.map((metric, position) => ({ experimentId, metricId: metric.id, role: metric.role, position })))
    .execute();
}

async function metricsOf(db: Queryable, ids: string[]): Promise<Map<string, { key: string; role: MetricRole }[]>> {
  const byExperiment = new Map<string, { key: string; role: MetricRole }[]>();
  if (ids.length === 0) return byExperiment;
  const rows = await db
    .selectFrom('experimentMetrics')
    .innerJoin('metrics', 'metrics.id', 'experimentMetrics.metricId')
    .select(['experimentMetrics.experimentId', 'experimentMetrics.role', 'metrics.key'])
    .where('experimentMetrics.experimentId', 'in', ids)
    .orderBy('experimentMetrics.position')
    .execute();
  for (const row of rows) {
    const list = byExperiment.get(row.experimentId) ?? [];
    list.push({ key: row.key, role: row.role as MetricRole });
    byExperiment.set(row.experimentId, list);
  }
  return byExperiment;
}

function requireStatus(row: ExperimentRow, status: ExperimentRow['status'], verb: string): void {
  if (row.status !== status)
    throw problems.conflict(`Experiment "${row.key}" is ${row.status}: only a ${status} experiment can be ${verb}`, [
      { path: 'status', message: `is ${row.status}, not ${status}` },
    ]);
}

function variationKeys(definition: FlagDefinition): string {
  return definition.variations.map((variation) => variation.key).join(', ');
}

function auditExperiment(
  write: Write,
  project: ProjectRow,
  view: ExperimentView,
  action: string,
  before: ExperimentView | undefined,
  after: ExperimentView | undefined,
): void {
  write.audit({
    action,
    resourceType: 'experiment',
    resourceKey: view.key,
    projectKey: project.key,
    environmentKey: view.environment,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });
}
