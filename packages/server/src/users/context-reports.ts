import { type Insertable, sql } from 'kysely';
import type { Dialect, Queryable, Store, Tx } from '../db/database.js';
import { type BulkColumn, insertRows } from '../db/bulk-insert.js';
import { lookUpKeys } from '../db/key-lookup.js';
import type { ContextReportTable, ContextTable } from '../db/schema.js';
import type { PrivateAttributes } from '../sdk/event-schemas.js';

/**
 * The users list (`contexts`) is kept from SDK events in two steps. Ingestion appends each batch's
 * reports of its contexts to `context_reports`, in the batch's transaction: a few sequential pages,
 * committed before the batch is acknowledged. A merger folds the reports into `contexts` in the
 * background — every second, sooner when many wait, and before every read of the users list — one
 * write per user however many batches named it, each page written once per merge. Upserting at
 * ingestion instead wrote a random page of the table and of each of its indexes per reported user,
 * and merged attributes in SQL: together more than storing the events cost (docs/benchmarks.md).
 */

export type ContextRow = Insertable<ContextTable> & { privateAttributes: string };

/** What a context's reports are merged into: its attributes and the names of its private ones. */
export interface ContextReport {
  attributes: Record<string, unknown>;
  privateAttributes: PrivateAttributes;
}

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

interface ContextId {
  environmentId: string;
  kind: string;
  key: string;
}

/**
 * A context as seen in a report or a stored row. Its attributes and private names stay the JSON
 * text a row holds until a merge with different ones needs them parsed: most reports of a user
 * repeat what is stored, and parsing and writing back what does not change was most of a merge's
 * JavaScript.
 */
interface Seen extends ContextId {
  attributes: ContextReport['attributes'] | string;
  privateAttributes: ContextReport['privateAttributes'] | string;
  firstSeen: string;
  lastSeen: string;
}

function reportOf(seen: Seen): ContextReport {
  return {
    attributes: typeof seen.attributes === 'string' ? JSON.parse(seen.attributes) : seen.attributes,
    privateAttributes:
      typeof seen.privateAttributes === 'string' ? JSON.parse(seen.privateAttributes) : seen.privateAttributes,
  } as ContextReport;
}

/** Whether two sightings hold the same JSON text (merged, they give it back). */
function sameText(a: Seen, b: Seen): boolean {
  return (
    typeof a.attributes === 'string' &&
    a.attributes === b.attributes &&
    typeof a.privateAttributes === 'string' &&
    a.privateAttributes === b.privateAttributes
  );
}

/**
 * Reports of contexts (and stored rows, which are reports too) merged per context, in any order:
 * first seen only moves back, last seen only forward, and each attribute has the value of the latest
 * report that gave it — one a report leaves out keeps its value, so a `track()` call sent with only
 * the key does not erase what an evaluation reported (docs/sdk-protocol.md). The private attributes'
 * names are merged the same way, with the attributes (`mergedReports`).
 */
export class SeenContexts {
  private readonly byId = new Map<string, Seen>();

  add(report: Seen): void {
    const id = `${report.environmentId}\u0000${report.kind}\u0000${report.key}`;
    const known = this.byId.get(id);
    if (!known) {
      this.byId.set(id, { ...report });
      return;
    }
    if (report.firstSeen < known.firstSeen) known.firstSeen = report.firstSeen;
    const newer = report.lastSeen >= known.lastSeen;
    if (newer) known.lastSeen = report.lastSeen;
    if (sameText(known, report)) return;
    const [older, latest] = newer ? [known, report] : [report, known];
    Object.assign(known, mergedReports(reportOf(older), reportOf(latest)));
  }

  /** The contexts seen, by environment, kind and key. */
  ids(): ContextId[] {
    return [...this.byId.values()].map(({ environmentId, kind, key }) => ({ environmentId, kind, key }));
  }

  /** As rows (attributes as JSON text), in the order first added: reports, appended as they come. */
  rows(): ContextRow[] {
    return [...this.byId.values()].map(rowOf);
  }

  /**
   * As rows in key order: what is written over stored rows, so that SQLite writes each page once
   * and PostgreSQL's concurrent merges lock rows in one order.
   */
  rowsInKeyOrder(): ContextRow[] {
    return [...this.byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, seen]) => rowOf(seen));
  }
}

function rowOf(seen: Seen): ContextRow {
  return {
    environmentId: seen.environmentId,
    kind: seen.kind,
    key: seen.key,
    attributes: typeof seen.attributes === 'string' ? seen.attributes : JSON.stringify(seen.attributes),
    privateAttributes:
      typeof seen.privateAttributes === 'string' ? seen.privateAttributes : JSON.stringify(seen.privateAttributes),
    firstSeen: seen.firstSeen,
    lastSeen: seen.lastSeen,
  };
}

const REPORT_COLUMNS: BulkColumn[] = [
  { name: 'environment_id', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'key', type: 'text' },
  { name: 'attributes', type: 'text' },
  { name: 'private_attributes', type: 'text' },
  { name: 'first_seen', type: 'text' },
  { name: 'last_seen', type: 'text' },
];

/** Reports a merge folds at most, in one transaction. */
const REPORTS_PER_MERGE = 20_000;
/** Keys per look-up of stored contexts: well under both databases' limits on bound parameters. */
const KEYS_PER_LOOKUP = 1_000;
/** Reports appended since the last merge that start one at once, without waiting for the timer. */
const MERGE_AT = 20_000;
const MERGE_EVERY_MS = 1_000;

/**
 * A merge's writes: the merged rows of the users it folded, and the last report it folded (every
 * report up to it is deleted).
 */
export interface MergedReports {
  rows: ContextRow[];
  lastReportId: number;
}

/** Where a merge prepared on another connection is written (`writeMerged`, in a transaction there). */
export type MergeWriter = (merged: MergedReports) => Promise<void>;

export class ContextReports {
  /** The last merge started, or done. */
  private tail: Promise<unknown> = Promise.resolve();
  /** A merge asked for and not yet started: it will read every report committed before it starts. */
  private waiting: Promise<void> | undefined;
  private appended = 0;
  /** Where a background merge's failure goes (the server's log). */
  onError: (error: unknown) => void = () => {};

  /**
   * Merges in transactions of `store`, or, given a `writer`, reads and merges on `store` and leaves
   * the writes to the writer: on SQLite, ingestion's worker thread (sdk/worker-event-store.ts), so
   * that only the writes take turns with ingestion's transactions.
   */
  constructor(
    private readonly store: Store,
    private readonly writer?: MergeWriter,
  ) {}

  /** Reports just committed: a merge starts at once when enough wait. */
  committed(count: number): void {
    this.appended += count;
    if (this.appended >= MERGE_AT) this.flush().catch(this.onError);
  }

  /**
   * Merges every report committed so far into `contexts` (reports another server has claimed on the
   * same PostgreSQL database are merged by it). Merges run one at a time; asking while one runs
   * queues one more, shared by everyone who asks meanwhile.
   */
  flush(): Promise<void> {
    if (this.waiting !== undefined) return this.waiting;
    const next = this.tail.then(() => {
      this.waiting = undefined;
      this.appended = 0;
      return this.mergeAll();
    });
    this.waiting = next;
    this.tail = next.catch(() => {});
    return next;
  }

  /** Merges every second until the returned function is called, which merges once more. */
  mergePeriodically(): () => Promise<void> {
    const timer = setInterval(() => this.flush().catch(this.onError), MERGE_EVERY_MS);
    timer.unref();
    return () => {
      clearInterval(timer);
      return this.flush();
    };
  }

  private async mergeAll(): Promise<void> {
    while ((await this.mergeSome()) === REPORTS_PER_MERGE);
  }

  /** Folds the oldest reports into `contexts`; returns how many. */
  private mergeSome(): Promise<number> {
    return this.writer ? this.mergeElsewhere(this.writer) : this.mergeHere();
  }

  /**
   * Reads the oldest reports and their users' stored rows, merges them, and has `writer` write the
   * result; returns how many reports it folded. SQLite only: the file has one writer, ingestion's
   * worker, which appends reports with ever larger ids and writes `contexts` only when asked here.
   * Merges run one at a time, so what is read here is still current when the writer writes it.
   */
  private async mergeElsewhere(writer: MergeWriter): Promise<number> {
    const reports = await oldestReports(this.store.db);
    const last = reports.at(-1);
    if (last === undefined) return 0;
    await writer({ rows: await mergedRows(this.store.db, this.store.dialect, reports), lastReportId: last.id });
    return reports.length;
  }

  /**
   * Folds the oldest reports into `contexts` and deletes them, in one transaction. The stored rows of the users reported are read and merged with the reports here, and written
   * back whole: cheaper than merging JSON in SQL row by row. PostgreSQL's servers take turns at it
   * (one lock), so no merge overwrites another's.
   */
  private mergeHere(): Promise<number> {
    const { dialect } = this.store;
    return this.store.db.transaction().execute(async (tx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('context_reports'))`.execute(tx);
      const reports = await claim(tx, dialect);
      if (reports.length === 0) return 0;
      await writeContexts(tx, dialect, await mergedRows(tx, dialect, reports));
      return reports.length;
    });
  }
}

/** Appends a batch's reports, in the batch's transaction. */
export async function appendReports(tx: Tx, dialect: Dialect, rows: readonly ContextRow[]): Promise<void> {
  await insertRows(tx, dialect, 'context_reports', REPORT_COLUMNS, rows);
}

/**
 * A merge prepared elsewhere (`ContextReports` with a writer), written in `tx`: the rows, and the
 * reports it folded deleted. An environment deleted since the merge read took its reports and users
 * along; its rows are not written back.
 */
export async function writeMerged(tx: Tx, dialect: Dialect, merged: MergedReports): Promise<void> {
  const environments = [...new Set(merged.rows.map((row) => row.environmentId))];
  const kept =
    environments.length === 0
      ? new Set<string>()
      : new Set(
          (await tx.selectFrom('environments').select('id').where('id', 'in', environments).execute()).map(
            (row) => row.id,
          ),
        );
  await writeContexts(
    tx,
    dialect,
    merged.rows.filter((row) => kept.has(row.environmentId)),
  );
  await tx.deleteFrom('contextReports').where('id', '<=', merged.lastReportId).execute();
}

/** The reports merged with their users' stored rows, as rows to write back whole. */
async function mergedRows(db: Queryable, dialect: Dialect, reports: readonly Report[]): Promise<ContextRow[]> {
  const seen = new SeenContexts();
  for (const report of reports) seen.add(report);
  for (const row of await storedContexts(db, dialect, seen.ids())) seen.add(row);
  return seen.rowsInKeyOrder();
}

function writeContexts(tx: Tx, dialect: Dialect, rows: readonly ContextRow[]): Promise<void> {
  return insertRows(tx, dialect, 'contexts', CONTEXT_COLUMNS, rows, CONTEXT_KEY);
}

const CONTEXT_COLUMNS = REPORT_COLUMNS;
const CONTEXT_KEY = ['environment_id', 'kind', 'key'];

/** The stored rows of these contexts, by environment and kind, a thousand keys a look-up. */
async function storedContexts(db: Queryable, dialect: Dialect, contexts: readonly ContextId[]): Promise<ContextRow[]> {
  const keys = new Map<string, { environmentId: string; kind: string; keys: string[] }>();
  for (const { environmentId, kind, key } of contexts) {
    const id = `${environmentId}\u0000${kind}`;
    const group = keys.get(id) ?? { environmentId, kind, keys: [] };
    group.keys.push(key);
    keys.set(id, group);
  }
  const found: ContextRow[] = [];
  for (const group of keys.values())
    for (let start = 0; start < group.keys.length; start += KEYS_PER_LOOKUP)
      found.push(
        ...(await lookUpKeys(db, dialect, [
          {
            keys: group.keys.slice(start, start + KEYS_PER_LOOKUP),
            query: (keyIs) =>
              db
                .selectFrom('contexts')
                .selectAll()
                .where('environmentId', '=', group.environmentId)
                .where('kind', '=', group.kind)
                .where(keyIs('key')),
          },
        ])),
      );
  return found;
}

type Report = Omit<ContextReportTable, 'id'>;

const REPORT_FIELDS = [
  'environmentId',
  'kind',
  'key',
  'attributes',
  'privateAttributes',
  'firstSeen',
  'lastSeen',
] as const;

/** The oldest reports, with their ids. */
function oldestReports(db: Queryable): Promise<(Report & { id: number })[]> {
  return db
    .selectFrom('contextReports')
    .select(['id', ...REPORT_FIELDS])
    .orderBy('id')
    .limit(REPORTS_PER_MERGE)
    .execute() as Promise<(Report & { id: number })[]>;
}

/**
 * The oldest reports, deleted. SQLite has one writer, which commits in id order: the first rows by
 * id are the oldest, and nobody else takes them. PostgreSQL's servers may merge side by side, so
 * each takes rows nobody has locked.
 */
async function claim(tx: Tx, dialect: Dialect): Promise<Report[]> {
  if (dialect === 'postgres')
    return tx
      .deleteFrom('contextReports')
      .where('id', 'in', (eb) =>
        eb.selectFrom('contextReports').select('id').orderBy('id').limit(REPORTS_PER_MERGE).forUpdate().skipLocked(),
      )
      .returning(REPORT_FIELDS)
      .execute();
  const reports = await oldestReports(tx);
  const last = reports.at(-1);
  if (last) await tx.deleteFrom('contextReports').where('id', '<=', last.id).execute();
  return reports;
}
