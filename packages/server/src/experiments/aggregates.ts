import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect, Queryable, Tx } from '../db/database.js';
import { type BulkColumn, insertRows } from '../db/bulk-insert.js';
import { type KeyLookup, lookUpKeys } from '../db/key-lookup.js';
import { deleteRows, rowId } from '../db/row-ids.js';
import type {
  ExperimentSubjectTable,
  ExperimentSubjectValueTable,
  ExperimentSumTable,
  MetricRow,
} from '../db/schema.js';

/**
 * Per-subject aggregates of started experiments (docs/experiments.md, "Aggregates"), so that a
 * results request reads a few sums instead of every raw event.
 *
 * Each batch of SDK events updates, in its own transaction, the running experiments it touches: a
 * subject's first exposure and variations (`experiment_subjects`), its values per metric before and
 * after that exposure (`experiment_subject_values`), and the sums per variation and day the
 * statistics need (`experiment_exposures`, `experiment_sums`), each changed by the difference the
 * batch makes. A subject whose exposure changes (first seen, an earlier exposure, a second
 * variation) has its values recomputed from its raw events, which the batch's own have joined, so
 * events that arrive before their subject's exposure still count where they belong. The result is
 * what a computation over raw events would give; `rebuildAggregates` is that computation, in SQL.
 */

/** A raw event as ingestion stores it (the columns aggregation reads). */
export interface AggregatedEvent {
  type: string;
  flagKey?: string | null;
  variationKey?: string | null;
  allocationId?: string | null;
  eventKey?: string | null;
  value?: number | null;
  contextKind: string;
  contextKey: string;
  occurredAt: string;
}

type MetricDefinition = Pick<MetricRow, 'id' | 'eventKey' | 'kind' | 'aggregation' | 'windowHours'>;

/** A running experiment. */
interface TrackedExperiment {
  id: string;
  /** Whether its aggregates are kept (false for one started before they existed, until it is rebuilt). */
  aggregated: boolean;
  flagKey: string;
  allocations: Set<string>;
  metrics: MetricDefinition[];
}

/** A subject's exposure: its first time, smallest and largest variation, and allocation. */
interface Exposure {
  firstAt: string;
  variation: string;
  other: string;
  allocation: string;
}

/** A subject's events of one metric, before and after its first exposure (within the window). */
interface Values {
  postN: number;
  postSum: number;
  preN: number;
  preSum: number;
}

/** A subject's stored values, and its row's physical id (`rowId`), to delete it by. */
interface StoredValues extends Values {
  row: unknown;
}

const NO_VALUES: Values = { postN: 0, postSum: 0, preN: 0, preSum: 0 };
const ROWS_PER_STATEMENT = 500;
/** Subjects a look-up names at once: well under both databases' limits on bound parameters. */
const KEYS_PER_LOOKUP = 1000;
/** Look-ups a UNION ALL joins at most (SQLite refuses more than 500). */
const LOOKUPS_PER_STATEMENT = 100;

/** Updates the aggregates of the environment's running experiments with a batch just inserted. */
export async function aggregateEvents(
  tx: Tx,
  dialect: Dialect,
  environmentId: string,
  events: readonly AggregatedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const work: ExperimentBatch[] = [];
  for (const experiment of await runningExperiments(tx, environmentId)) {
    const exposures = new Map<string, Exposure>();
    const metricEvents = new Map<string, AggregatedEvent[]>();
    const eventKeys = new Set(experiment.metrics.map((metric) => metric.eventKey));
    for (const event of events) {
      const subject = subjectId(event.contextKind, event.contextKey);
      if (
        event.type === 'exposure' &&
        event.flagKey === experiment.flagKey &&
        experiment.allocations.has(event.allocationId ?? '')
      ) {
        exposures.set(subject, merged(exposures.get(subject), exposureOf(event)));
      } else if (event.type === 'custom' && eventKeys.has(event.eventKey ?? '')) {
        const list = metricEvents.get(subject);
        if (list) list.push(event);
        else metricEvents.set(subject, [event]);
      }
    }
    if (exposures.size > 0 || metricEvents.size > 0) work.push({ experiment, exposures, metricEvents });
  }
  if (work.length === 0) return;
  // Batches touching one experiment take turns (PostgreSQL; SQLite writes one at a time): each
  // reads a subject's aggregates and writes them back changed. Locks are taken in the experiments'
  // order, the same for every batch, so two batches cannot deadlock.
  if (dialect === 'postgres') {
    // One round trip: the set function yields the ids in the array's order, the aggregate locks them in it.
    const ids = work.map(({ experiment }) => experiment.id);
    await sql`select count(pg_advisory_xact_lock(hashtext(id))) from unnest(cast(${ids} as text[])) as locked(id)`.execute(
      tx,
    );
  }
  await applyBatch(tx, dialect, environmentId, await withAggregates(tx, work));
}

/**
 * The parts of experiments whose aggregates are kept. One started before they existed is rebuilt
 * from raw events at its first results request (`rebuildAggregates`, under the experiment's lock):
 * read again once its lock is held, it is either still waiting — this batch's events, committed
 * first, are in the rebuild — or rebuilt meanwhile, and this batch is added to it here.
 */
async function withAggregates(tx: Tx, work: ExperimentBatch[]): Promise<ExperimentBatch[]> {
  const unbuilt = work.filter(({ experiment }) => !experiment.aggregated).map(({ experiment }) => experiment.id);
  if (unbuilt.length === 0) return work;
  const rebuilt = new Set(
    (
      await tx.selectFrom('experiments').select('id').where('id', 'in', unbuilt).where('aggregated', '=', 1).execute()
    ).map((row) => row.id),
  );
  return work.filter(({ experiment }) => experiment.aggregated || rebuilt.has(experiment.id));
}

/** One running experiment's part of a batch: the subjects it exposed (merged per subject) and the metric events it brought. */
interface ExperimentBatch {
  experiment: TrackedExperiment;
  exposures: Map<string, Exposure>;
  metricEvents: Map<string, AggregatedEvent[]>;
}

async function runningExperiments(db: Queryable, environmentId: string): Promise<TrackedExperiment[]> {
  const rows = await db
    .selectFrom('experiments')
    .innerJoin('flags', 'flags.id', 'experiments.flagId')
    .select(['experiments.id', 'experiments.allocationIds', 'experiments.aggregated', 'flags.key as flagKey'])
    .where('experiments.environmentId', '=', environmentId)
    .where('experiments.status', '=', 'running')
    // One order for every batch, so that batches taking several experiments' locks cannot deadlock.
    .orderBy('experiments.id')
    .execute();
  if (rows.length === 0) return [];
  const metrics = await metricsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    aggregated: Number(row.aggregated) === 1,
    flagKey: row.flagKey,
    allocations: new Set(JSON.parse(row.allocationIds) as string[]),
    metrics: metrics.get(row.id) ?? [],
  }));
}

async function metricsOf(db: Queryable, experimentIds: string[]): Promise<Map<string, MetricDefinition[]>> {
  const rows = await db
    .selectFrom('experimentMetrics')
    .innerJoin('metrics', 'metrics.id', 'experimentMetrics.metricId')
    .select([
      'experimentMetrics.experimentId',
      'metrics.id',
      'metrics.eventKey',
      'metrics.kind',
      'metrics.aggregation',
      'metrics.windowHours',
    ])
    .where('experimentMetrics.experimentId', 'in', experimentIds)
    .execute();
  const byExperiment = new Map<string, MetricDefinition[]>();
  for (const { experimentId, ...metric } of rows) {
    const list = byExperiment.get(experimentId) ?? [];
    list.push(metric);
    byExperiment.set(experimentId, list);
  }
  return byExperiment;
}

function subjectId(kind: string, key: string): string {
  return `${kind}\u0000${key}`;
}

function splitSubject(id: string): [kind: string, key: string] {
  const at = id.indexOf('\u0000');
  return [id.slice(0, at), id.slice(at + 1)];
}

function exposureOf(event: AggregatedEvent): Exposure {
  const variation = event.variationKey ?? '';
  return { firstAt: event.occurredAt, variation, other: variation, allocation: event.allocationId ?? '' };
}

/** Two exposure summaries of one subject as one: as min/max over all its exposures would give. */
function merged(a: Exposure | undefined, b: Exposure): Exposure {
  if (!a) return b;
  return {
    firstAt: first(a.firstAt, b.firstAt),
    variation: first(a.variation, b.variation),
    other: first(a.other, b.other) === a.other ? b.other : a.other,
    allocation: first(a.allocation, b.allocation),
  };
}

/** The one that sorts first (text, as the databases compare it). */
function first(a: string, b: string): string {
  return b < a ? b : a;
}

function sameExposure(a: Exposure, b: Exposure): boolean {
  return a.firstAt === b.firstAt && a.variation === b.variation && a.other === b.other && a.allocation === b.allocation;
}

const HOUR_MS = 3_600_000;

/** Adds one event to a subject's values of `metric`, before or after its first exposure (or neither: out of the window). */
function added(values: Values, metric: MetricDefinition, firstAt: string, event: AggregatedEvent): Values {
  const at = Date.parse(event.occurredAt);
  const first = Date.parse(firstAt);
  const window = metric.windowHours === null ? Number.POSITIVE_INFINITY : Number(metric.windowHours) * HOUR_MS;
  const value = event.value ?? 0;
  if (at >= first && at - first <= window)
    return { ...values, postN: values.postN + 1, postSum: values.postSum + value };
  if (at < first && first - at <= window) return { ...values, preN: values.preN + 1, preSum: values.preSum + value };
  return values;
}

/** A subject's value of a metric from its count and sum of events (Y after exposure, X before). */
function metricValue(metric: Pick<MetricRow, 'kind' | 'aggregation'>, count: number, sum: number): number {
  if (metric.kind === 'conversion') return count > 0 ? 1 : 0;
  if (metric.aggregation === 'count') return count;
  if (metric.aggregation === 'mean') return count > 0 ? sum / count : 0;
  return sum;
}

type Sums = Omit<ExperimentSumTable, 'experimentId' | 'metricId' | 'variation' | 'day'>;

/** Adds `sign` × a subject's contribution to the sums of its variation and day. */
function contribute(
  deltas: Map<string, Sums>,
  experimentId: string,
  metric: MetricDefinition,
  exposure: Exposure,
  values: Values,
  sign: 1 | -1,
): void {
  const y = metricValue(metric, values.postN, values.postSum);
  const x = metricValue(metric, values.preN, values.preSum);
  const pre = values.preN > 0 ? 1 : 0;
  const post = values.postN > 0 ? 1 : 0;
  if (pre === 0 && post === 0) return;
  const key = `${experimentId}\u0000${metric.id}\u0000${exposure.variation}\u0000${exposure.firstAt.slice(0, 10)}`;
  const sums = deltas.get(key) ?? { sy: 0, syy: 0, sx: 0, sxx: 0, sxy: 0, pre: 0, post: 0, valued: 0 };
  sums.sy += sign * y;
  sums.syy += sign * y * y;
  sums.sx += sign * x;
  sums.sxx += sign * x * x;
  sums.sxy += sign * x * y;
  sums.pre += sign * pre;
  sums.post += sign * post;
  sums.valued += sign;
  deltas.set(key, sums);
}

const counted = (exposure: Exposure | undefined): exposure is Exposure =>
  exposure !== undefined && exposure.variation === exposure.other;

/**
 * A batch's parts applied to the stored aggregates, every experiment's rows read and written
 * together: a few statements per batch, however many experiments it touches.
 */
async function applyBatch(tx: Tx, dialect: Dialect, environmentId: string, work: ExperimentBatch[]): Promise<void> {
  const stored = await storedExposures(tx, dialect, work);
  const changes: Changes = { exposures: [], values: [], gone: [], counts: new Map(), sums: new Map() };
  const plans = work.map(({ experiment, exposures, metricEvents }) => {
    const before = (subject: string) => stored.get(`${experiment.id}\u0000${subject}`);
    const after = new Map<string, Exposure>();
    for (const [subject, exposure] of exposures) {
      const known = before(subject);
      const next = merged(known, exposure);
      if (!known || !sameExposure(known, next)) after.set(subject, next);
    }
    // Values change for subjects whose exposure changed (recomputed) and for exposed subjects with new events (added).
    const extended = [...metricEvents.keys()].filter((subject) => !after.has(subject) && counted(before(subject)));
    return { experiment, metricEvents, before, after, extended };
  });
  const recomputed = new Set(plans.flatMap((plan) => [...plan.after.keys()]));
  const eventKeys = new Set(work.flatMap(({ experiment }) => experiment.metrics.map((metric) => metric.eventKey)));
  const raw = await rawEvents(tx, dialect, environmentId, [...eventKeys], [...recomputed]);

  // Only a subject counted before has stored values.
  const valuesBefore = await storedValues(
    tx,
    dialect,
    plans.map(({ experiment }) => experiment.id),
    plans.flatMap(({ before, after, extended }) =>
      [...after.keys(), ...extended].filter((subject) => counted(before(subject))),
    ),
  );
  for (const { experiment, metricEvents, before, after, extended } of plans) {
    const touched = [...after.keys(), ...extended];
    for (const subject of touched) {
      const known = before(subject);
      const exposure = after.get(subject) ?? (known as Exposure);
      if (after.has(subject)) {
        if (known) countDelta(changes.counts, experiment.id, known, -1);
        countDelta(changes.counts, experiment.id, exposure, 1);
        changes.exposures.push(exposureRow(experiment.id, subject, exposure));
      }
      for (const metric of experiment.metrics) {
        const key = `${experiment.id}\u0000${metric.id}\u0000${subject}`;
        const old = valuesBefore.get(key) ?? NO_VALUES;
        let values = after.has(subject) ? NO_VALUES : old;
        const events = after.has(subject) ? raw.get(subject) : metricEvents.get(subject);
        for (const event of events ?? [])
          if (event.eventKey === metric.eventKey) values = added(values, metric, exposure.firstAt, event);
        if (counted(known)) contribute(changes.sums, experiment.id, metric, known, old, -1);
        if (counted(exposure)) contribute(changes.sums, experiment.id, metric, exposure, values, 1);
        if (counted(exposure) && (values.postN > 0 || values.preN > 0))
          changes.values.push(valueRow(experiment.id, metric, subject, exposure, values));
        else {
          const stored = valuesBefore.get(key);
          if (stored) changes.gone.push(stored.row);
        }
      }
    }
  }
  await saveExposures(tx, dialect, changes.exposures);
  await saveValues(tx, dialect, changes.values, changes.gone);
  await addCounts(tx, changes.counts);
  await addSums(tx, changes.sums);
}

/** What a batch changes, over every experiment it touches. */
interface Changes {
  exposures: ExposureRow[];
  values: ValueRow[];
  /** Stored values that no longer count, by row id (`rowId`). */
  gone: unknown[];
  /** Subjects to add, by experiment, variation ('' for several), allocation and day. */
  counts: Map<string, number>;
  /** Sums to add, by experiment, metric, variation and day. */
  sums: Map<string, Sums>;
}

function countDelta(counts: Map<string, number>, experimentId: string, exposure: Exposure, sign: 1 | -1): void {
  const variation = counted(exposure) ? exposure.variation : '';
  const key = `${experimentId}\u0000${variation}\u0000${exposure.allocation}\u0000${exposure.firstAt.slice(0, 10)}`;
  counts.set(key, (counts.get(key) ?? 0) + sign);
}

/** Subject ids grouped by context kind, in chunks a look-up can name: (kind, keys). */
function* lookups(subjects: readonly string[]): Generator<[string, string[]]> {
  const byKind = new Map<string, string[]>();
  for (const subject of subjects) {
    const [kind, key] = splitSubject(subject);
    const keys = byKind.get(kind) ?? [];
    keys.push(key);
    byKind.set(kind, keys);
  }
  for (const [kind, keys] of byKind)
    for (let start = 0; start < keys.length; start += KEYS_PER_LOOKUP)
      yield [kind, keys.slice(start, start + KEYS_PER_LOOKUP)];
}

/**
 * The stored exposures of the subjects a batch names (those an experiment exposed, or that sent one
 * of its metrics' events) in the experiments it touches, by `${experiment id}\0${subject}`: a
 * subject's rows of every experiment are adjacent under the key (subject first), so its look-up
 * reads one place however many experiments run. Only the touched experiments' rows are read, so
 * that the experiments a subject was in before (stopped ones, other environments') cost nothing.
 */
async function storedExposures(tx: Tx, dialect: Dialect, work: ExperimentBatch[]): Promise<Map<string, Exposure>> {
  const found = new Map<string, Exposure>();
  const experimentIds = work.map(({ experiment }) => experiment.id);
  const subjects = new Set(
    work.flatMap(({ exposures, metricEvents }) => [...exposures.keys(), ...metricEvents.keys()]),
  );
  const rows = await bySubject(
    tx,
    dialect,
    subjects,
    (kind) => (keyIs) =>
      tx
        .selectFrom('experimentSubjects')
        .select(['experimentId', 'contextKind', 'contextKey', 'firstAt', 'variation', 'other', 'allocation'])
        .where('contextKind', '=', kind)
        .where(keyIs('contextKey'))
        .where(oneOf(dialect, 'experimentId', experimentIds)),
  );
  for (const { experimentId, contextKind, contextKey, ...exposure } of rows)
    found.set(`${experimentId}\u0000${subjectId(contextKind, contextKey)}`, exposure);
  return found;
}

/**
 * Stored values of these subjects in these experiments, by `${experiment id}\0${metric id}\0${subject}`:
 * as their exposures, a subject's rows of every experiment and metric in one place.
 */
async function storedValues(
  tx: Tx,
  dialect: Dialect,
  experimentIds: string[],
  subjects: Iterable<string>,
): Promise<Map<string, StoredValues>> {
  const found = new Map<string, StoredValues>();
  const rows = await bySubject(
    tx,
    dialect,
    new Set(subjects),
    (kind) => (keyIs) =>
      tx
        .selectFrom('experimentSubjectValues')
        .select(['experimentId', 'metricId', 'contextKind', 'contextKey', 'postN', 'postSum', 'preN', 'preSum'])
        .select(rowId(dialect).as('row'))
        .where('contextKind', '=', kind)
        .where(keyIs('contextKey'))
        .where(oneOf(dialect, 'experimentId', experimentIds)),
  );
  for (const { experimentId, metricId, contextKind, contextKey, ...values } of rows)
    found.set(`${experimentId}\u0000${metricId}\u0000${subjectId(contextKind, contextKey)}`, {
      row: values.row,
      postN: Number(values.postN),
      postSum: Number(values.postSum),
      preN: Number(values.preN),
      preSum: Number(values.preSum),
    });
  return found;
}

/** The rows `query` finds for each context kind and its keys among `subjects`, in as few statements as may hold them. */
async function bySubject<Row>(
  db: Queryable,
  dialect: Dialect,
  subjects: Set<string>,
  query: (kind: string) => KeyLookup<Row>['query'],
): Promise<Row[]> {
  const parts = [...lookups([...subjects])];
  const statements: Row[][] = [];
  for (let start = 0; start < parts.length; start += LOOKUPS_PER_STATEMENT) {
    const terms = parts
      .slice(start, start + LOOKUPS_PER_STATEMENT)
      .map(([kind, keys]) => ({ keys, query: query(kind) }));
    statements.push(await lookUpKeys(db, dialect, terms));
  }
  // Not push(...rows): a statement may return more rows than a call takes arguments.
  return statements.flat();
}

/**
 * `column` is one of `values`, bound as one parameter whatever their number, and checked on the rows
 * the key's seek found rather than sought itself: SQLite would seek each value (the unary `+` keeps
 * the term out of its index), which measured slower than reading a subject's few rows.
 */
function oneOf(dialect: Dialect, column: string, values: readonly string[]): RawBuilder<SqlBool> {
  return dialect === 'sqlite'
    ? sql<SqlBool>`+${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`
    : sql<SqlBool>`${sql.ref(column)} = any(cast(${values} as text[]))`;
}

/**
 * Every stored event of the experiment's metrics from these subjects, through index `events_custom`
 * (only custom events have an event key: a condition on the type would lead SQLite's planner to
 * the environment's every custom event instead). PostgreSQL is asked one event key a look-up: given
 * a list, its planner may seek the environment and the subject but filter the event keys, the
 * index's second column, reading every custom event of the environment per subject.
 */
async function rawEvents(
  tx: Tx,
  dialect: Dialect,
  environmentId: string,
  eventKeys: string[],
  subjects: string[],
): Promise<Map<string, AggregatedEvent[]>> {
  const found = new Map<string, AggregatedEvent[]>();
  if (eventKeys.length === 0) return found;
  const keySets = dialect === 'postgres' ? eventKeys.map((key) => [key]) : [eventKeys];
  for (const [kind, keys] of lookups(subjects))
    for (let start = 0; start < keySets.length; start += LOOKUPS_PER_STATEMENT) {
      const rows = await lookUpKeys(
        tx,
        dialect,
        keySets.slice(start, start + LOOKUPS_PER_STATEMENT).map((eventKeys) => ({
          keys,
          query: (keyIs) =>
            tx
              .selectFrom('events')
              .select(['type', 'eventKey', 'value', 'contextKind', 'contextKey', 'occurredAt'])
              .where('environmentId', '=', environmentId)
              .where('eventKey', 'in', eventKeys)
              .where('contextKind', '=', kind)
              .where(keyIs('contextKey')),
        })),
      );
      for (const row of rows) {
        const subject = subjectId(kind, row.contextKey);
        const list = found.get(subject);
        const event = { ...row, value: row.value === null ? null : Number(row.value) };
        if (list) list.push(event);
        else found.set(subject, [event]);
      }
    }
  return found;
}

type ExposureRow = ExperimentSubjectTable;

function exposureRow(experimentId: string, subject: string, exposure: Exposure): ExposureRow {
  const [contextKind, contextKey] = splitSubject(subject);
  return { experimentId, contextKind, contextKey, ...exposure };
}

type ValueRow = ExperimentSubjectValueTable;

function valueRow(
  experimentId: string,
  metric: MetricDefinition,
  subject: string,
  exposure: Exposure,
  values: Values,
): ValueRow {
  const [contextKind, contextKey] = splitSubject(subject);
  return {
    experimentId,
    metricId: metric.id,
    contextKind,
    contextKey,
    variation: exposure.variation,
    day: exposure.firstAt.slice(0, 10),
    postN: values.postN,
    postSum: values.postSum,
    preN: values.preN,
    preSum: values.preSum,
    y: metricValue(metric, values.postN, values.postSum),
    x: metricValue(metric, values.preN, values.preSum),
  };
}

function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    yield rows.slice(start, start + ROWS_PER_STATEMENT);
}

/** Rows in key order: concurrent writers then lock them in one order (PostgreSQL). */
function sorted<T>(entries: Iterable<[string, T]>): [string, T][] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const SUBJECT_COLUMNS: BulkColumn[] = [
  { name: 'experiment_id', type: 'text' },
  { name: 'context_kind', type: 'text' },
  { name: 'context_key', type: 'text' },
  { name: 'first_at', type: 'text' },
  { name: 'variation', type: 'text' },
  { name: 'other', type: 'text' },
  { name: 'allocation', type: 'text' },
];

function saveExposures(tx: Tx, dialect: Dialect, exposures: ExposureRow[]): Promise<void> {
  const rows = sorted(exposures.map((row): [string, ExposureRow] => [rowKey(row), row])).map(([, row]) => row);
  const key = SUBJECT_COLUMNS.slice(0, 3).map((column) => column.name);
  return insertRows(tx, dialect, 'experiment_subjects', SUBJECT_COLUMNS, rows, key);
}

function rowKey(row: { experimentId: string; contextKind: string; contextKey: string; metricId?: string }): string {
  return `${row.experimentId}\u0000${row.metricId ?? ''}\u0000${row.contextKind}\u0000${row.contextKey}`;
}

const VALUE_COLUMNS: BulkColumn[] = [
  { name: 'experiment_id', type: 'text' },
  { name: 'metric_id', type: 'text' },
  { name: 'context_kind', type: 'text' },
  { name: 'context_key', type: 'text' },
  { name: 'variation', type: 'text' },
  { name: 'day', type: 'text' },
  { name: 'post_n', type: 'integer' },
  { name: 'post_sum', type: 'double precision' },
  { name: 'pre_n', type: 'integer' },
  { name: 'pre_sum', type: 'double precision' },
  { name: 'y', type: 'double precision' },
  { name: 'x', type: 'double precision' },
];

async function saveValues(tx: Tx, dialect: Dialect, values: ValueRow[], gone: Changes['gone']): Promise<void> {
  const rows = sorted(values.map((row): [string, ValueRow] => [rowKey(row), row])).map(([, row]) => row);
  const key = VALUE_COLUMNS.slice(0, 4).map((column) => column.name);
  await insertRows(tx, dialect, 'experiment_subject_values', VALUE_COLUMNS, rows, key);
  await deleteRows(tx, dialect, 'experiment_subject_values', gone);
}

async function addCounts(tx: Tx, counts: Map<string, number>): Promise<void> {
  const rows = sorted(counts)
    .filter(([, subjects]) => subjects !== 0)
    .map(([key, subjects]) => {
      const [experimentId, variation, allocation, day] = key.split('\u0000') as [string, string, string, string];
      return { experimentId, variation, allocation, day, subjects };
    });
  for (const chunk of chunks(rows))
    await tx
      .insertInto('experimentExposures')
      .values(chunk)
      .onConflict((conflict) =>
        conflict
          .columns(['experimentId', 'variation', 'allocation', 'day'])
          .doUpdateSet((eb) => ({ subjects: eb('experimentExposures.subjects', '+', eb.ref('excluded.subjects')) })),
      )
      .execute();
}

async function addSums(tx: Tx, sums: Map<string, Sums>): Promise<void> {
  const rows = sorted(sums).map(([key, delta]) => {
    const [experimentId, metricId, variation, day] = key.split('\u0000') as [string, string, string, string];
    return { experimentId, metricId, variation, day, ...delta };
  });
  for (const chunk of chunks(rows))
    await tx
      .insertInto('experimentSums')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['experimentId', 'metricId', 'variation', 'day']).doUpdateSet((eb) => {
          const plus = (column: keyof Sums) => eb(`experimentSums.${column}`, '+', eb.ref(`excluded.${column}`));
          return {
            sy: plus('sy'),
            syy: plus('syy'),
            sx: plus('sx'),
            sxx: plus('sxx'),
            sxy: plus('sxy'),
            pre: plus('pre'),
            post: plus('post'),
            valued: plus('valued'),
          };
        }),
      )
      .execute();
}

// ── Rebuild from raw events ─────────────────────────────────────────────────────────────────

/** What a rebuild reads: the experiment, its scope in time, and its metrics. */
export interface RebuildScope {
  dialect: Dialect;
  experimentId: string;
  environmentId: string;
  flagKey: string;
  allocations: string[];
  from: string;
  /**
   * When it stopped; null while it runs: then every event committed counts, however late it was
   * received (a batch received after the results request began may commit before the rebuild).
   */
  to: string | null;
  metrics: MetricDefinition[];
}

/**
 * The aggregates computed afresh from raw events received while the experiment ran, in SQL (four
 * INSERT … SELECT): after a migration, or once a metric it reads was changed. Raw events past their
 * retention are gone, so a rebuild sees only what is kept (docs/experiments.md).
 */
export async function rebuildAggregates(tx: Tx, scope: RebuildScope): Promise<void> {
  const id = scope.experimentId;
  // Typed, so that PostgreSQL knows a parameter's type in a SELECT list.
  const text = (value: string) => sql`cast(${value} as text)`;
  if (scope.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${id}))`.execute(tx);
  for (const table of [
    'experimentSubjects',
    'experimentSubjectValues',
    'experimentExposures',
    'experimentSums',
  ] as const)
    await tx.deleteFrom(table).where('experimentId', '=', id).execute();
  await sql`
    insert into experiment_subjects (experiment_id, context_kind, context_key, first_at, variation, other, allocation)
    select ${text(id)}, context_kind, context_key, min(occurred_at), min(variation_key), max(variation_key), min(allocation_id)
    from events
    where environment_id = ${scope.environmentId} and type = 'exposure' and flag_key = ${scope.flagKey}
      and allocation_id in (${sql.join(scope.allocations)})
      and received_at >= ${scope.from} ${receivedBy(sql.ref('received_at'), scope.to)}
    group by context_kind, context_key`.execute(tx);
  await sql`
    insert into experiment_exposures (experiment_id, variation, allocation, day, subjects)
    select ${text(id)}, case when variation = other then variation else '' end, allocation, substr(first_at, 1, 10), count(*)
    from experiment_subjects where experiment_id = ${id}
    group by case when variation = other then variation else '' end, allocation, substr(first_at, 1, 10)`.execute(tx);
  for (const metric of scope.metrics) {
    await sql`
      insert into experiment_subject_values
        (experiment_id, metric_id, context_kind, context_key, variation, day, post_n, post_sum, pre_n, pre_sum, y, x)
      select ${text(id)}, ${text(metric.id)}, kind, subject, variation, day, post_n, post_sum, pre_n, pre_sum,
        ${valueSql(metric, sql.ref('post_n'), sql.ref('post_sum'))}, ${valueSql(metric, sql.ref('pre_n'), sql.ref('pre_sum'))}
      from (${perSubjectSql(scope, metric)}) per_subject
      where post_n > 0 or pre_n > 0`.execute(tx);
    await sql`
      insert into experiment_sums (experiment_id, metric_id, variation, day, sy, syy, sx, sxx, sxy, pre, post, valued)
      select ${text(id)}, ${text(metric.id)}, variation, day, sum(y), sum(y * y), sum(x), sum(x * x), sum(x * y),
        sum(case when pre_n > 0 then 1 else 0 end), sum(case when post_n > 0 then 1 else 0 end), count(*)
      from experiment_subject_values where experiment_id = ${id} and metric_id = ${metric.id}
      group by variation, day`.execute(tx);
  }
}

/** `and <at> <= <to>`, or nothing without an end. */
function receivedBy(at: RawBuilder<unknown>, to: string | null): RawBuilder<unknown> {
  return to === null ? sql`` : sql`and ${at} <= ${to}`;
}

/** `metricValue` in SQL. */
function valueSql(metric: MetricDefinition, count: RawBuilder<unknown>, sum: RawBuilder<unknown>): RawBuilder<unknown> {
  if (metric.kind === 'conversion') return sql`case when ${count} > 0 then 1.0 else 0.0 end`;
  if (metric.aggregation === 'count') return sql`1.0 * ${count}`;
  if (metric.aggregation === 'mean') return sql`case when ${count} > 0 then 1.0 * ${sum} / ${count} else 0.0 end`;
  return sql`1.0 * ${sum}`;
}

/** `at` moved by `hours`, as the same ISO 8601 text the events table stores (so text comparison orders it). */
function shifted(dialect: Dialect, at: RawBuilder<unknown>, hours: number): RawBuilder<string> {
  if (dialect === 'postgres')
    return sql<string>`to_char((${at}::timestamptz + ${hours} * interval '1 hour') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, ${`${hours >= 0 ? '+' : ''}${hours} hours`})`;
}

/**
 * Per counted subject of the rebuilt experiment: its events of the metric's key after its first
 * exposure (within the window) and before it (within the same length: CUPED's pre-period).
 */
function perSubjectSql(scope: RebuildScope, metric: MetricDefinition): RawBuilder<unknown> {
  const first = sql.ref('s.first_at');
  const at = sql.ref('e.occurred_at');
  const window = metric.windowHours === null ? null : Number(metric.windowHours);
  const post =
    window === null
      ? sql`${at} >= ${first}`
      : sql`${at} >= ${first} and ${at} <= ${shifted(scope.dialect, first, window)}`;
  const pre =
    window === null
      ? sql`${at} < ${first}`
      : sql`${at} < ${first} and ${at} >= ${shifted(scope.dialect, first, -window)}`;
  return sql`
    select s.context_kind as kind, s.context_key as subject, s.variation as variation, substr(s.first_at, 1, 10) as day,
      sum(case when ${post} then 1 else 0 end) as post_n,
      sum(case when ${post} then coalesce(e.value, 0) else 0 end) as post_sum,
      sum(case when ${pre} then 1 else 0 end) as pre_n,
      sum(case when ${pre} then coalesce(e.value, 0) else 0 end) as pre_sum
    from experiment_subjects s
    join events e on e.environment_id = ${scope.environmentId} and e.event_key = ${metric.eventKey}
      and e.context_kind = s.context_kind and e.context_key = s.context_key
      ${receivedBy(sql.ref('e.received_at'), scope.to)}
    where s.experiment_id = ${scope.experimentId} and s.variation = s.other
    group by s.context_kind, s.context_key, s.variation, s.first_at`;
}
