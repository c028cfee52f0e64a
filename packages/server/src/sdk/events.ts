import type { Insertable } from 'kysely';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/database.js';
import type { ContextTable, EvaluationCountTable, EventTable } from '../db/schema.js';
import type { SdkKey } from './authenticate.js';
import { parseEvents, type ParsedEvent, type ReportedContext, type SdkEvent } from './event-schemas.js';

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;
/** What evaluation counts of the caller's default (no variation) are stored under. */
export const DEFAULT_VALUE_VARIATION = '';

/**
 * Stores a batch of SDK events for the key's environment, all or nothing: exposures and custom
 * events in `events`, summaries added to `evaluation_counts` by hour, and every context seen in
 * `contexts` (the users list), first and last seen. These are telemetry, not changes: no audit
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
  await ctx.db.transaction().execute(async (tx) => {
    for (const chunk of chunks(rows.events)) await tx.insertInto('events').values(chunk).execute();
    for (const chunk of chunks(rows.counts)) await addCounts(tx, chunk);
    for (const chunk of chunks(rows.contexts)) await upsertContexts(tx, chunk);
  });
  for (const { event } of parsed) ctx.metrics.eventsIngested.inc({ kind: event.kind });
  return { accepted: parsed.length };
}

interface Rows {
  events: Insertable<EventTable>[];
  counts: Insertable<EvaluationCountTable>[];
  contexts: ContextTable[];
}

function rowsOf(environmentId: string, parsed: ParsedEvent[], receivedAt: Date): Rows {
  const received = receivedAt.toISOString();
  const events: Insertable<EventTable>[] = [];
  // Merged within the batch: one upsert may not touch the same row twice (PostgreSQL refuses).
  const counts = new Map<string, Insertable<EvaluationCountTable>>();
  const contexts = new Map<string, ContextTable>();
  const seen = (context: ReportedContext, at: string) => {
    const id = `${context.kind}\u0000${context.key}`;
    const known = contexts.get(id);
    const attributes = JSON.stringify(context.attributes);
    if (!known)
      contexts.set(id, {
        environmentId,
        kind: context.kind,
        key: context.key,
        attributes,
        firstSeen: at,
        lastSeen: at,
      });
    else {
      if (at < known.firstSeen) known.firstSeen = at;
      if (at >= known.lastSeen) Object.assign(known, { lastSeen: at, attributes });
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
  return { events, counts: [...counts.values()], contexts: [...contexts.values()] };
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

/** First seen only moves back, last seen only forward, and the attributes are the latest reported. */
function upsertContexts(tx: Tx, rows: ContextTable[]): Promise<unknown> {
  return tx
    .insertInto('contexts')
    .values(rows)
    .onConflict((conflict) =>
      conflict.columns(['environmentId', 'kind', 'key']).doUpdateSet((eb) => ({
        attributes: eb
          .case()
          .when('excluded.lastSeen', '>=', eb.ref('contexts.lastSeen'))
          .then(eb.ref('excluded.attributes'))
          .else(eb.ref('contexts.attributes'))
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

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    yield rows.slice(start, start + ROWS_PER_STATEMENT);
}
