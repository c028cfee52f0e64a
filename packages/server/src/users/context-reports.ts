import { type Insertable, sql } from 'kysely';
import type { Dialect, Store, Tx } from '../db/database.js';
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

interface Seen extends ContextReport, ContextId {
  firstSeen: string;
  lastSeen: string;
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
    Object.assign(known, newer ? mergedReports(known, report) : mergedReports(report, known));
  }

  /** The contexts seen, by environment, kind and key. */
  ids(): ContextId[] {
    return [...this.byId.values()].map(({ environmentId, kind, key }) => ({ environmentId, kind, key }));
  }

  /** As rows (attributes as JSON text), in key order. */
  rows(): ContextRow[] {
    return [...this.byId.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, seen]) => ({
        environmentId: seen.environmentId,
        kind: seen.kind,
        key: seen.key,
        attributes: JSON.stringify(seen.attributes),
        privateAttributes: JSON.stringify(seen.privateAttributes),
        firstSeen: seen.firstSeen,
        lastSeen: seen.lastSeen,
      }));
  }
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

export class ContextReports {
  /** The last merge started, or done. */
  private tail: Promise<unknown> = Promise.resolve();
  /** A merge asked for and not yet started: it will read every report committed before it starts. */
  private waiting: Promise<void> | undefined;
  private appended = 0;
  /** Where a background merge's failure goes (the server's log). */
  onError: (error: unknown) => void = () => {};

  constructor(private readonly store: Store) {}

  /** Appends a batch's reports, in the batch's transaction. */
  async append(tx: Tx, rows: readonly ContextRow[]): Promise<void> {
    await insertRows(tx, this.store.dialect, 'context_reports', REPORT_COLUMNS, rows);
  }

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

  /**
   * Folds the oldest reports into `contexts` and deletes them, in one transaction; returns how many.
   * The stored rows of the users reported are read and merged with the reports here, and written
   * back whole: cheaper than merging JSON in SQL row by row. PostgreSQL's servers take turns at it
   * (one lock), so no merge overwrites another's.
   */
  private mergeSome(): Promise<number> {
    const { dialect } = this.store;
    return this.store.db.transaction().execute(async (tx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('context_reports'))`.execute(tx);
      const reports = await claim(tx, dialect);
      if (reports.length === 0) return 0;
      const seen = new SeenContexts();
      for (const report of reports) seen.add(parsed(report));
      for (const row of await storedContexts(tx, dialect, seen.ids())) seen.add(parsed(row));
      await insertRows(tx, dialect, 'contexts', CONTEXT_COLUMNS, seen.rows(), CONTEXT_KEY);
      return reports.length;
    });
  }
}

const CONTEXT_COLUMNS = REPORT_COLUMNS;
const CONTEXT_KEY = ['environment_id', 'kind', 'key'];

function parsed(row: ContextRow): Seen {
  return {
    environmentId: row.environmentId,
    kind: row.kind,
    key: row.key,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    privateAttributes: JSON.parse(row.privateAttributes) as PrivateAttributes,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
  };
}

/** The stored rows of these contexts, by environment and kind, a thousand keys a look-up. */
async function storedContexts(tx: Tx, dialect: Dialect, contexts: readonly ContextId[]): Promise<ContextRow[]> {
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
        ...(await lookUpKeys(tx, dialect, [
          {
            keys: group.keys.slice(start, start + KEYS_PER_LOOKUP),
            query: (keyIs) =>
              tx
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

/**
 * The oldest reports, deleted. SQLite has one writer, which commits in id order: the first rows by
 * id are the oldest, and nobody else takes them. PostgreSQL's servers may merge side by side, so
 * each takes rows nobody has locked.
 */
async function claim(tx: Tx, dialect: Dialect): Promise<Report[]> {
  const columns = ['environmentId', 'kind', 'key', 'attributes', 'privateAttributes', 'firstSeen', 'lastSeen'] as const;
  if (dialect === 'postgres')
    return tx
      .deleteFrom('contextReports')
      .where('id', 'in', (eb) =>
        eb.selectFrom('contextReports').select('id').orderBy('id').limit(REPORTS_PER_MERGE).forUpdate().skipLocked(),
      )
      .returning(columns)
      .execute();
  const reports = await tx
    .selectFrom('contextReports')
    .select(['id', ...columns])
    .orderBy('id')
    .limit(REPORTS_PER_MERGE)
    .execute();
  const last = reports.at(-1);
  if (last) await tx.deleteFrom('contextReports').where('id', '<=', last.id).execute();
  return reports;
}
