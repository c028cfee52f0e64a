import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { ServerContext } from '../context.js';
import { insertJsonRows, type JsonColumn } from '../db/json-rows.js';
import { aggregateEvents } from '../experiments/aggregates.js';
import { RecentContexts } from './recent-contexts.js';
import type { Dialect, Tx } from '../db/database.js';
import type { ContextTable, EvaluationCountTable, EventTable } from '../db/schema.js';
import type { SdkKey } from './authenticate.js';
import {
  parseEvents,
  type ParsedEvent,
  type PrivateAttributes,
  type ReportedContext,
  type SdkEvent,
} from './event-schemas.js';

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
 * events in `events`, summaries added to `evaluation_counts` by hour, every context seen in
 * `contexts` (the users list), first and last seen, and what the batch changes in the running
 * experiments' aggregates. These are telemetry, not changes: no audit
 * entry and no revision, so one plain transaction.
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
    for (const chunk of chunks(contexts)) await upsertContexts(tx, ctx.store.dialect, chunk);
    // Last: it takes each running experiment's lock (PostgreSQL) until the commit.
    await aggregateEvents(tx, ctx.store.dialect, key.environmentId, rows.events);
  });
  recent.remember(contexts);
  const kinds = new Map<string, number>();
  for (const { event } of parsed) kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
  for (const [kind, count] of kinds) ctx.metrics.eventsIngested.inc({ kind }, count);
  return { accepted: parsed.length };
}

interface Rows {
  events: Insertable<EventTable>[];
  counts: Insertable<EvaluationCountTable>[];
  contexts: Insertable<ContextTable>[];
}

/** What a context's reports are merged into: its attributes and the names of its private ones. */
type ContextReport = Pick<ReportedContext, 'attributes' | 'privateAttributes'>;

/**
 * `newer` over `older`, by top-level attribute: one the newer report gives, or marks private (the
 * attribute or a path in it), is as the newer report says — a private mark removes the older
 * value, a value removes the older private marks; one it does not name keeps what it had.
 */
export function mergedReports(older: ContextReport, newer: ContextReport): ContextReport {
  const without = <T>(record: Record<string, T>, names: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(record).filter(([name]) => !Object.hasOwn(names, name)));
  return {
    attributes: { ...without(older.attributes, newer.privateAttributes), ...newer.attributes },
    privateAttributes: { ...without(older.privateAttributes, newer.attributes), ...newer.privateAttributes },
  } as ContextReport;
}

function rowsOf(environmentId: string, parsed: ParsedEvent[], receivedAt: Date): Rows {
  const received = receivedAt.toISOString();
  const events: Insertable<EventTable>[] = [];
  // Merged within the batch: one upsert may not touch the same row twice (PostgreSQL refuses).
  const counts = new Map<string, Insertable<EvaluationCountTable>>();
  // Attributes stay objects until stored: a batch's reports of one context are merged like the stored row (below).
  const contexts = new Map<
    string,
    Omit<ContextTable, 'attributes' | 'privateAttributes'> & {
      attributes: Record<string, unknown>;
      privateAttributes: PrivateAttributes;
    }
  >();
  const seen = (context: ReportedContext, at: string) => {
    const id = `${context.kind}\u0000${context.key}`;
    const known = contexts.get(id);
    if (!known)
      contexts.set(id, {
        environmentId,
        kind: context.kind,
        key: context.key,
        attributes: { ...context.attributes },
        privateAttributes: { ...context.privateAttributes },
        firstSeen: at,
        lastSeen: at,
      });
    else {
      if (at < known.firstSeen) known.firstSeen = at;
      // Newest value (or private mark) per attribute; an attribute a report leaves out keeps what it had.
      const newer = at >= known.lastSeen;
      if (newer) known.lastSeen = at;
      Object.assign(known, newer ? mergedReports(known, context) : mergedReports(context, known));
    }
  };

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
  // Upserted in key order: concurrent batches that share contexts or counters then lock their rows
  // in the same order, so on PostgreSQL they wait for each other instead of deadlocking.
  return {
    events,
    counts: [...counts.entries()].sort(byKey).map(([, row]) => row),
    contexts: [...contexts.entries()].sort(byKey).map(([, row]) => ({
      ...row,
      attributes: JSON.stringify(row.attributes),
      privateAttributes: JSON.stringify(row.privateAttributes),
    })),
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

/**
 * First seen only moves back, last seen only forward, and the attributes are merged: each has the
 * value of the latest report that gave it, and one a report leaves out keeps its value — a `track()`
 * call sent with only the key must not erase what an evaluation reported (docs/sdk-protocol.md).
 * The private attributes' names are merged the same way, with the attributes (`mergedReports`).
 */
function upsertContexts(tx: Tx, dialect: Dialect, rows: Insertable<ContextTable>[]): Promise<unknown> {
  const stored = sql.ref('contexts.attributes');
  const reported = sql.ref('excluded.attributes');
  const storedPrivate = sql.ref('contexts.privateAttributes');
  const reportedPrivate = sql.ref('excluded.privateAttributes');
  return tx
    .insertInto('contexts')
    .values(rows)
    .onConflict((conflict) =>
      conflict.columns(['environmentId', 'kind', 'key']).doUpdateSet((eb) => ({
        attributes: eb
          .case()
          .when('excluded.lastSeen', '>=', eb.ref('contexts.lastSeen'))
          .then(mergedAttributes(dialect, stored, reported, reportedPrivate))
          .else(mergedAttributes(dialect, reported, stored, storedPrivate))
          .end(),
        privateAttributes: eb
          .case()
          .when('excluded.lastSeen', '>=', eb.ref('contexts.lastSeen'))
          .then(mergedAttributes(dialect, storedPrivate, reportedPrivate, reported))
          .else(mergedAttributes(dialect, reportedPrivate, storedPrivate, stored))
          .end(),
        firstSeen: eb
          .case()
          .when('excluded.firstSeen', '<', eb.ref('contexts.firstSeen'))
          .then(eb.ref('excluded.firstSeen'))
          .else(eb.ref('contexts.firstSeen'))
          .end(),
        lastSeen: eb
          .case()
          .when('excluded.lastSeen', '>', eb.ref('contexts.lastSeen'))
          .then(eb.ref('excluded.lastSeen'))
          .else(eb.ref('contexts.lastSeen'))
          .end(),
      })),
    )
    .execute();
}

/**
 * The members of `base` whose names are in neither `over` nor `alsoOver`, with those of `over` on
 * top, top level only (a nested object is one attribute's value, replaced whole), as JSON text:
 * `mergedReports` in SQL (`alsoOver` is the newer report's other half). SQLite's json_patch would
 * merge nested objects and drop attributes set to null, so there the object is rebuilt from the
 * documents' members.
 */
function mergedAttributes(
  dialect: Dialect,
  base: RawBuilder<unknown>,
  over: RawBuilder<unknown>,
  alsoOver: RawBuilder<unknown>,
): RawBuilder<string> {
  if (dialect === 'postgres')
    return sql<string>`((${base}::jsonb - array(select jsonb_object_keys(${alsoOver}::jsonb))) || ${over}::jsonb)::text`;
  // json_each's values are SQL values: objects and arrays as JSON text, true and false as 1 and 0.
  return sql<string>`(select coalesce(json_group_object(key, case
      when type in ('object', 'array') then json(value)
      when type = 'true' then json('true')
      when type = 'false' then json('false')
      else value end), '{}')
    from (select key, value, type from json_each(${base})
        where key not in (select key from json_each(${over})) and key not in (select key from json_each(${alsoOver}))
      union all select key, value, type from json_each(${over})))`;
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    yield rows.slice(start, start + ROWS_PER_STATEMENT);
}
