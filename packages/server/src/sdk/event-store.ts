import type { Insertable } from 'kysely';
import { type BulkColumn, insertRows } from '../db/bulk-insert.js';
import type { Dialect, Store, Tx } from '../db/database.js';
import type { EvaluationCountTable, EventTable } from '../db/schema.js';
import { aggregateEvents } from '../experiments/aggregates.js';
import { appendReports, type ContextRow, ContextReports } from '../users/context-reports.js';
import { GroupCommit } from './group-commit.js';

/** What one batch of SDK events adds to the database. */
export interface EventRows {
  events: Insertable<EventTable>[];
  counts: Insertable<EvaluationCountTable>[];
  contexts: ContextRow[];
}

/**
 * Where ingestion's writes go: batches of event rows, each committed (with the other batches of
 * its group) before its promise resolves, and the users list's reports merged in the background.
 * On PostgreSQL the server's own connections do it (`LocalEventStore`); on SQLite a worker thread
 * with a connection of its own (`WorkerEventStore`), so that SQLite's work runs beside the
 * requests' parsing instead of after it.
 */
export interface EventStore {
  /** Resolves once the rows are committed; rejects with the database's error if they could not be. */
  store(rows: EventRows, size: number): Promise<void>;
  /** Merges every context report committed so far into the users list. */
  flushContexts(): Promise<void>;
  /** Merges reports every second from now on; failures go to `onError`. */
  mergeContextsPeriodically(onError: (error: unknown) => void): void;
  /** Stops once the batches submitted are stored (and merged once more, when merging periodically). */
  close(): Promise<void>;
}

/** Events a transaction stores at most (whole batches, at least one). */
const EVENTS_PER_GROUP = 10_000;
/**
 * Group transactions at once on PostgreSQL: one inserts its events while the other holds the
 * experiments' locks (measured best at 2: docs/benchmarks.md). SQLite has one writer.
 */
const POSTGRES_GROUPS_AT_ONCE = 2;

/** Ingestion's writes on this thread's connection, and the users list's merges (`ContextReports`). */
export class LocalEventStore implements EventStore {
  private readonly batches: BatchWriter;
  private readonly contextReports: ContextReports;
  private stopMerging: (() => Promise<void>) | undefined;

  constructor(database: Store) {
    this.batches = new BatchWriter(database);
    this.contextReports = new ContextReports(database);
  }

  async store(rows: EventRows, size: number): Promise<void> {
    await this.batches.store(rows, size);
    this.contextReports.committed(rows.contexts.length);
  }

  flushContexts(): Promise<void> {
    return this.contextReports.flush();
  }

  mergeContextsPeriodically(onError: (error: unknown) => void): void {
    this.contextReports.onError = onError;
    this.stopMerging ??= this.contextReports.mergePeriodically();
  }

  async close(): Promise<void> {
    await this.batches.close();
    await this.stopMerging?.();
  }
}

/** Batches of SDK events written in group commits (`GroupCommit`). */
export class BatchWriter {
  private readonly batches: GroupCommit<EventRows>;
  /** Batches submitted and not yet committed (or refused). */
  private readonly storing = new Set<Promise<void>>();

  constructor(private readonly database: Store) {
    const groups = database.dialect === 'postgres' ? POSTGRES_GROUPS_AT_ONCE : 1;
    this.batches = new GroupCommit((batches) => this.storeBatches(batches), EVENTS_PER_GROUP, groups);
  }

  /** Resolves once the rows are committed; rejects with the database's error if they could not be. */
  async store(rows: EventRows, size: number): Promise<void> {
    const stored = this.batches.submit(rows, size);
    this.storing.add(stored);
    try {
      await stored;
    } finally {
      this.storing.delete(stored);
    }
  }

  /** Resolves once the batches submitted are stored (or refused). */
  async close(): Promise<void> {
    await Promise.allSettled(this.storing);
  }

  /**
   * Batches in one transaction: their events, their context reports, what they change in the
   * running experiments' aggregates, environment by environment in id order (so that PostgreSQL's
   * experiment locks are taken in one order by every transaction), and their evaluation counts
   * (added up where batches share an hour's counter). Rows other transactions write too are written
   * last, the counters after the experiments' locks: a group that waits for them waits with nothing
   * locked that the group before it needs, and the inserts before them run beside it.
   */
  private async storeBatches(batches: EventRows[]): Promise<void> {
    const { dialect } = this.database;
    const events = batches.flatMap((batch) => batch.events);
    const byEnvironment = new Map<string, Insertable<EventTable>[]>();
    for (const event of events) {
      const list = byEnvironment.get(event.environmentId);
      if (list) list.push(event);
      else byEnvironment.set(event.environmentId, [event]);
    }
    await this.database.db.transaction().execute(async (tx) => {
      await insertEvents(tx, dialect, events);
      await appendReports(
        tx,
        dialect,
        batches.flatMap((batch) => batch.contexts),
      );
      // It takes each running experiment's lock (PostgreSQL) until the commit.
      for (const [environmentId, environmentEvents] of [...byEnvironment].sort(byKey))
        await aggregateEvents(tx, dialect, environmentId, environmentEvents);
      for (const chunk of chunks(addedUp(batches.flatMap((batch) => batch.counts)))) await addCounts(tx, chunk);
    });
  }
}

/** Rows per INSERT of evaluation counts: well under SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;

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
