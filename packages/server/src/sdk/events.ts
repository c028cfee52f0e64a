import type { Insertable } from 'kysely';
import type { ServerContext } from '../context.js';
import { type BulkColumn, insertRows } from '../db/bulk-insert.js';
import { aggregateEvents } from '../experiments/aggregates.js';
import { GroupCommit } from './group-commit.js';
import { RecentContexts } from './recent-contexts.js';
import type { Dialect, Tx } from '../db/database.js';
import type { EvaluationCountTable, EventTable } from '../db/schema.js';
import { type ContextRow, SeenContexts } from '../users/context-reports.js';
import type { SdkKey } from './authenticate.js';
import { parseEvents, type ParsedEvent, type ReportedContext, type SdkEvent } from './event-schemas.js';

/** Per server: the contexts it wrote lately, and the group commit its batches go through. */
interface EventWriter {
  recent: RecentContexts;
  batches: GroupCommit<Rows>;
}

const writers = new WeakMap<ServerContext, EventWriter>();

function writerOf(ctx: ServerContext): EventWriter {
  let writer = writers.get(ctx);
  if (!writer) {
    writer = {
      recent: new RecentContexts(),
      batches: new GroupCommit((batches) => storeBatches(ctx, batches), EVENTS_PER_GROUP),
    };
    writers.set(ctx, writer);
  }
  return writer;
}

/** Events a transaction stores at most (whole batches, at least one). */
const EVENTS_PER_GROUP = 10_000;
/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;
/** What evaluation counts of the caller's default (no variation) are stored under. */
export const DEFAULT_VALUE_VARIATION = '';

/**
 * Stores a batch of SDK events for the key's environment, all or nothing: exposures and custom
 * events in `events`, summaries added to `evaluation_counts` by hour, the contexts it reports (with
 * first and last seen) for the users list (`context_reports`, merged into `contexts` in the
 * background), and what the batch changes in the running experiments' aggregates. These are
 * telemetry, not changes: no audit entry and no revision, so one plain transaction — shared with
 * the batches that arrive meanwhile (`storeBatches`) — and the promise resolves once it commits.
 */
export async function ingestEvents(
  ctx: ServerContext,
  key: SdkKey,
  batch: readonly { kind: SdkEvent['kind'] }[],
): Promise<{ accepted: number }> {
  const parsed = parseEvents(batch);
  const receivedAt = new Date();
  const rows = rowsOf(key.environmentId, parsed, receivedAt);
  const { recent, batches } = writerOf(ctx);
  const contexts = rows.contexts.filter((row) => !recent.unchanged(row));
  await batches.submit({ ...rows, contexts }, parsed.length);
  recent.remember(contexts);
  ctx.contextReports.committed(contexts.length);
  const kinds = new Map<string, number>();
  for (const { event } of parsed) kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
  for (const [kind, count] of kinds) ctx.metrics.eventsIngested.inc({ kind }, count);
  return { accepted: parsed.length };
}

/**
 * Batches in one transaction (a group commit, `GroupCommit`): their events, their evaluation counts
 * (added up where batches share an hour's counter), their context reports, and what they change in
 * the running experiments' aggregates, environment by environment in id order (so that PostgreSQL's
 * experiment locks are taken in one order by every transaction).
 */
async function storeBatches(ctx: ServerContext, batches: Rows[]): Promise<void> {
  const { dialect } = ctx.store;
  const events = batches.flatMap((batch) => batch.events);
  const byEnvironment = new Map<string, Insertable<EventTable>[]>();
  for (const event of events) {
    const list = byEnvironment.get(event.environmentId);
    if (list) list.push(event);
    else byEnvironment.set(event.environmentId, [event]);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await insertEvents(tx, dialect, events);
    for (const chunk of chunks(addedUp(batches.flatMap((batch) => batch.counts)))) await addCounts(tx, chunk);
    await ctx.contextReports.append(
      tx,
      batches.flatMap((batch) => batch.contexts),
    );
    // Last: it takes each running experiment's lock (PostgreSQL) until the commit.
    for (const [environmentId, environmentEvents] of [...byEnvironment].sort(byKey))
      await aggregateEvents(tx, dialect, environmentId, environmentEvents);
  });
}

/**
 * Counts of the same counter added up, in key order: one upsert may not touch a row twice
 * (PostgreSQL refuses), and concurrent upserts that share counters then lock their rows in the same
 * order, so they wait for each other instead of deadlocking.
 */
function addedUp(counts: Insertable<EvaluationCountTable>[]): Insertable<EvaluationCountTable>[] {
  const byCounter = new Map<string, Insertable<EvaluationCountTable>>();
  for (const count of counts) {
    const id = `${count.environmentId}\u0000${count.flagKey}\u0000${count.variationKey}\u0000${count.hour}`;
    const known = byCounter.get(id);
    if (known) known.count += count.count;
    else byCounter.set(id, { ...count });
  }
  return [...byCounter.entries()].sort(byKey).map(([, row]) => row);
}

interface Rows {
  events: Insertable<EventTable>[];
  counts: Insertable<EvaluationCountTable>[];
  contexts: ContextRow[];
}

function rowsOf(environmentId: string, parsed: ParsedEvent[], receivedAt: Date): Rows {
  const received = receivedAt.toISOString();
  const events: Insertable<EventTable>[] = [];
  // Added up when stored (`addedUp`), with the other batches of the transaction.
  const counts: Insertable<EvaluationCountTable>[] = [];
  // Attributes stay objects until stored: a batch's reports of one context are merged like the stored row.
  const contexts = new SeenContexts();
  const seen = (context: ReportedContext, at: string) =>
    contexts.add({ environmentId, ...context, firstSeen: at, lastSeen: at });

  for (const { event, contexts: reported } of parsed) {
    if (event.kind === 'summary') {
      const hour = new Date(event.startDate).toISOString().slice(0, 13);
      for (const counter of event.counters) {
        const variationKey = counter.variation ?? DEFAULT_VALUE_VARIATION;
        counts.push({ environmentId, flagKey: counter.flag, variationKey, hour, count: counter.count });
      }
      continue;
    }
    // A clock running ahead must not make a context "seen" in the future.
    const at = new Date(Math.min(event.timestamp, receivedAt.getTime())).toISOString();
    for (const context of reported) seen(context, at);
    if (event.kind === 'context') continue;
    const subject = subjectOf(reported);
    events.push({
      environmentId,
      type: event.kind,
      flagKey: event.kind === 'exposure' ? event.flag : null,
      variationKey: event.kind === 'exposure' ? event.variation : null,
      allocationId: event.kind === 'exposure' ? (event.allocation ?? null) : null,
      eventKey: event.kind === 'custom' ? event.key : null,
      value: event.kind === 'custom' ? (event.value ?? null) : null,
      contextKind: subject.kind,
      contextKey: subject.key,
      occurredAt: new Date(event.timestamp).toISOString(),
      receivedAt: received,
    });
  }
  return { events, counts, contexts: contexts.rows() };
}

const EVENT_COLUMNS: BulkColumn[] = [
  { name: 'environment_id', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'flag_key', type: 'text' },
  { name: 'variation_key', type: 'text' },
  { name: 'allocation_id', type: 'text' },
  { name: 'event_key', type: 'text' },
  { name: 'value', type: 'double precision' },
  { name: 'context_kind', type: 'text' },
  { name: 'context_key', type: 'text' },
  { name: 'occurred_at', type: 'text' },
  { name: 'received_at', type: 'text' },
];

/** The batch's events, in bulk (`insertRows`). */
function insertEvents(tx: Tx, dialect: Dialect, events: Insertable<EventTable>[]): Promise<void> {
  return insertRows(tx, dialect, 'events', EVENT_COLUMNS, events);
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * The context an event row is about: the `user` kind when there is one (what experiments count
 * by default), else the first kind given.
 */
function subjectOf(contexts: ReportedContext[]): ReportedContext {
  return (contexts.find((context) => context.kind === 'user') ?? contexts[0]) as ReportedContext;
}

function addCounts(tx: Tx, rows: Insertable<EvaluationCountTable>[]): Promise<unknown> {
  return tx
    .insertInto('evaluationCounts')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['environmentId', 'flagKey', 'variationKey', 'hour'])
        .doUpdateSet((eb) => ({ count: eb('evaluationCounts.count', '+', eb.ref('excluded.count')) })),
    )
    .execute();
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    yield rows.slice(start, start + ROWS_PER_STATEMENT);
}
