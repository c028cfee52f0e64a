import type { Insertable } from 'kysely';
import type { ServerContext } from '../context.js';
import { insertJsonRows, type JsonColumn } from '../db/json-rows.js';
import { aggregateEvents } from '../experiments/aggregates.js';
import { RecentContexts } from './recent-contexts.js';
import type { Dialect, Tx } from '../db/database.js';
import type { EvaluationCountTable, EventTable } from '../db/schema.js';
import { type ContextRow, SeenContexts } from '../users/context-reports.js';
import type { SdkKey } from './authenticate.js';
import { parseEvents, type ParsedEvent, type ReportedContext, type SdkEvent } from './event-schemas.js';

/** Each server's contexts written lately (one cache per server context). */
const recentByServer = new WeakMap<ServerContext, RecentContexts>();

function recentContexts(ctx: ServerContext): RecentContexts {
  let recent = recentByServer.get(ctx);
  if (!recent) {
    recent = new RecentContexts();
    recentByServer.set(ctx, recent);
  }
  return recent;
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;
/** What evaluation counts of the caller's default (no variation) are stored under. */
export const DEFAULT_VALUE_VARIATION = '';

/**
 * Stores a batch of SDK events for the key's environment, all or nothing: exposures and custom
 * events in `events`, summaries added to `evaluation_counts` by hour, the contexts it reports (with
 * first and last seen) for the users list (`context_reports`, merged into `contexts` in the
 * background), and what the batch changes in the running experiments' aggregates. These are
 * telemetry, not changes: no audit entry and no revision, so one plain transaction.
 */
export async function ingestEvents(
  ctx: ServerContext,
  key: SdkKey,
  batch: readonly { kind: SdkEvent['kind'] }[],
): Promise<{ accepted: number }> {
  const parsed = parseEvents(batch);
  const receivedAt = new Date();
  const rows = rowsOf(key.environmentId, parsed, receivedAt);
  const recent = recentContexts(ctx);
  const contexts = rows.contexts.filter((row) => !recent.unchanged(row));
  await ctx.db.transaction().execute(async (tx) => {
    await insertEvents(tx, ctx.store.dialect, rows.events);
    for (const chunk of chunks(rows.counts)) await addCounts(tx, chunk);
    await ctx.contextReports.append(tx, contexts);
    // Last: it takes each running experiment's lock (PostgreSQL) until the commit.
    await aggregateEvents(tx, ctx.store.dialect, key.environmentId, rows.events);
  });
  recent.remember(contexts);
  ctx.contextReports.committed(contexts.length);
  const kinds = new Map<string, number>();
  for (const { event } of parsed) kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
  for (const [kind, count] of kinds) ctx.metrics.eventsIngested.inc({ kind }, count);
  return { accepted: parsed.length };
}

interface Rows {
  events: Insertable<EventTable>[];
  counts: Insertable<EvaluationCountTable>[];
  contexts: ContextRow[];
}

function rowsOf(environmentId: string, parsed: ParsedEvent[], receivedAt: Date): Rows {
  const received = receivedAt.toISOString();
  const events: Insertable<EventTable>[] = [];
  // Merged within the batch: one upsert may not touch the same row twice (PostgreSQL refuses).
  const counts = new Map<string, Insertable<EvaluationCountTable>>();
  // Attributes stay objects until stored: a batch's reports of one context are merged like the stored row.
  const contexts = new SeenContexts();
  const seen = (context: ReportedContext, at: string) =>
    contexts.add({ environmentId, ...context, firstSeen: at, lastSeen: at });

  for (const { event, contexts: reported } of parsed) {
    if (event.kind === 'summary') {
      const hour = new Date(event.startDate).toISOString().slice(0, 13);
      for (const counter of event.counters) {
        const variationKey = counter.variation ?? DEFAULT_VALUE_VARIATION;
        const id = `${counter.flag}\u0000${variationKey}\u0000${hour}`;
        const known = counts.get(id);
        if (known) known.count += counter.count;
        else counts.set(id, { environmentId, flagKey: counter.flag, variationKey, hour, count: counter.count });
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
  // Counters upserted in key order: concurrent batches that share some then lock their rows in the
  // same order, so on PostgreSQL they wait for each other instead of deadlocking.
  return {
    events,
    counts: [...counts.entries()].sort(byKey).map(([, row]) => row),
    contexts: contexts.rows(),
  };
}

const EVENT_COLUMNS: JsonColumn[] = [
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

/** The batch's events in one statement (`insertJsonRows`). */
function insertEvents(tx: Tx, dialect: Dialect, events: Insertable<EventTable>[]): Promise<void> {
  return insertJsonRows(tx, dialect, 'events', EVENT_COLUMNS, events);
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
