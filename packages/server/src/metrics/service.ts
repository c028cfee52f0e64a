import { randomUUID } from 'node:crypto';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { MetricRow, ProjectRow } from '../db/schema.js';
import { problems, type FieldError } from '../http/problems.js';
import { experimentsUsingMetric } from '../experiments/service.js';
import { findProject, projectForWrite } from '../projects/lookup.js';
import type { MetricChange, NewMetric } from './schemas.js';

/** A metric as the API shows it. */
export interface MetricView {
  key: string;
  name: string;
  description: string | null;
  eventKey: string;
  kind: 'conversion' | 'numeric';
  aggregation: 'sum' | 'mean' | 'count' | null;
  direction: 'higher' | 'lower';
  windowHours: number | null;
  capPercentile: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a metric's meaning is made of, checked together. */
type MetricSettings = Pick<
  MetricRow,
  'name' | 'description' | 'eventKey' | 'kind' | 'aggregation' | 'direction' | 'windowHours' | 'capPercentile'
>;

export async function listMetrics(ctx: ServerContext, actor: Actor, projectKey: string): Promise<MetricView[]> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'metric:read', { project: project.key });
  const rows = await ctx.db
    .selectFrom('metrics')
    .selectAll()
    .where('projectId', '=', project.id)
    .orderBy('key')
    .execute();
  return rows.map(metricView);
}

export async function getMetric(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
): Promise<MetricView> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'metric:read', { project: project.key });
  return metricView(await findMetric(ctx.db, project, key));
}

export async function createMetric(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  input: NewMetric,
): Promise<MetricView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'metric:write', { project: project.key });
    const settings = checkedSettings({
      name: input.name ?? input.key,
      description: input.description ?? null,
      eventKey: input.eventKey,
      kind: input.kind,
      aggregation: input.aggregation ?? null,
      direction: input.direction ?? 'higher',
      windowHours: input.windowHours ?? null,
      capPercentile: input.capPercentile ?? null,
    });
    const taken = await write.tx
      .selectFrom('metrics')
      .select('id')
      .where('projectId', '=', project.id)
      .where('key', '=', input.key)
      .executeTakeFirst();
    if (taken) {
      throw problems.conflict(`Metric "${input.key}" already exists in project "${project.key}"`, [
        { path: 'key', message: 'is taken' },
      ]);
    }
    const row: MetricRow = {
      id: randomUUID(),
      projectId: project.id,
      key: input.key,
      ...settings,
      version: 1,
      createdAt: write.now,
      updatedAt: write.now,
    };
    await write.tx.insertInto('metrics').values(row).execute();
    const after = metricView(row);
    write.audit({
      action: 'metric.created',
      resourceType: 'metric',
      resourceKey: row.key,
      projectKey: project.key,
      after,
    });
    return after;
  });
}

/** What a subject's stored values of a metric depend on (experiments/aggregates.ts). */
const AGGREGATED_FIELDS = ['eventKey', 'kind', 'aggregation', 'windowHours'] as const;

/**
 * Experiments that started reading the metric keep its definition: their aggregates were built
 * with it, and results mixing two definitions would be neither's (a new metric can be added to
 * new experiments instead). The direction and the cap apply when results are read, so they may change.
 */
async function refuseRedefinitionInUse(db: Queryable, before: MetricRow, after: MetricRow): Promise<void> {
  const changed = AGGREGATED_FIELDS.filter((field) => after[field] !== before[field]);
  if (changed.length === 0) return;
  const started = await db
    .selectFrom('experimentMetrics')
    .innerJoin('experiments', 'experiments.id', 'experimentMetrics.experimentId')
    .select('experiments.key')
    .where('experimentMetrics.metricId', '=', before.id)
    .where('experiments.status', '!=', 'draft')
    .orderBy('experiments.key')
    .execute();
  if (started.length === 0) return;
  const names = started.map(({ key }) => `"${key}"`).join(', ');
  throw problems.conflict(
    `Metric "${before.key}" is read by started experiment${started.length > 1 ? 's' : ''} ${names}: its ${changed.join(', ')} cannot change under them; create a new metric instead`,
    changed.map((field) => ({
      path: field,
      message: `cannot change while ${names} read${started.length > 1 ? '' : 's'} this metric`,
    })),
  );
}

/** Changes the fields `change` names; the result is checked as a whole, as a new metric would be. */
export async function changeMetric(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  change: MetricChange,
): Promise<MetricView> {
  return ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'metric:write', { project: project.key });
    const row = await findMetric(write.tx, project, key);
    const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const settings = checkedSettings({ ...settingsOf(row), ...defined } as MetricSettings);
    const updated: MetricRow = { ...row, ...settings, version: row.version + 1, updatedAt: write.now };
    await refuseRedefinitionInUse(write.tx, row, updated);
    await write.tx
      .updateTable('metrics')
      .set({ ...settings, version: updated.version, updatedAt: write.now })
      .where('id', '=', row.id)
      .execute();
    const after = metricView(updated);
    write.audit({
      action: 'metric.updated',
      resourceType: 'metric',
      resourceKey: key,
      projectKey: project.key,
      before: metricView(row),
      after,
    });
    return after;
  });
}

export async function deleteMetric(ctx: ServerContext, actor: Actor, projectKey: string, key: string): Promise<void> {
  await ctx.write(actor, async (write) => {
    const project = await projectForWrite(write, projectKey);
    authorize(actor, 'metric:write', { project: project.key });
    const row = await findMetric(write.tx, project, key);
    const experiments = await experimentsUsingMetric(write.tx, row.id);
    if (experiments.length > 0) {
      throw problems.conflict(
        `Metric "${key}" is used by experiment${experiments.length > 1 ? 's' : ''} ${experiments.map((e) => `"${e}"`).join(', ')}: remove it from ${experiments.length > 1 ? 'them' : 'it'} first`,
        experiments.map((experiment) => ({ path: 'experiments', message: experiment })),
      );
    }
    await write.tx.deleteFrom('metrics').where('id', '=', row.id).execute();
    write.audit({
      action: 'metric.deleted',
      resourceType: 'metric',
      resourceKey: key,
      projectKey: project.key,
      before: metricView(row),
    });
  });
}

export async function findMetric(db: Queryable, project: ProjectRow, key: string): Promise<MetricRow> {
  const row = await db
    .selectFrom('metrics')
    .selectAll()
    .where('projectId', '=', project.id)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw problems.notFound(`Metric "${key}" in project "${project.key}"`);
  return row;
}

export function metricView(row: MetricRow): MetricView {
  return {
    key: row.key,
    ...settingsOf(row),
    // PostgreSQL's `real` comes back as a number, SQLite's too; both may hold a float's rounding.
    capPercentile: row.capPercentile === null ? null : Number(row.capPercentile),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function settingsOf(row: MetricRow): MetricSettings {
  const { name, description, eventKey, kind, aggregation, direction, windowHours, capPercentile } = row;
  return { name, description, eventKey, kind, aggregation, direction, windowHours, capPercentile };
}

/** How the fields go together: an aggregation and a cap only for numeric metrics, and a numeric one needs its aggregation. */
function checkedSettings(settings: MetricSettings): MetricSettings {
  const errors: FieldError[] = [];
  if (settings.kind === 'numeric' && settings.aggregation === null) {
    errors.push({ path: 'aggregation', message: 'is required for a numeric metric: sum, mean or count' });
  }
  if (settings.kind === 'conversion' && settings.aggregation !== null) {
    errors.push({ path: 'aggregation', message: 'applies to numeric metrics only (a conversion is yes or no)' });
  }
  if (settings.kind === 'conversion' && settings.capPercentile !== null) {
    errors.push({ path: 'capPercentile', message: 'applies to numeric metrics only' });
  }
  if (errors.length > 0) throw problems.validation(errors);
  return settings;
}
