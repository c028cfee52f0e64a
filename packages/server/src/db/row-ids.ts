import { type RawBuilder, sql } from 'kysely';
import type { Dialect, Tx } from './database.js';

/**
 * A row's physical id: SQLite's `rowid`, PostgreSQL's `ctid`. A transaction that looked rows up
 * (and holds what keeps others from changing them) deletes them by it, a seek whatever the planner's
 * statistics say, instead of looking them up again.
 */
export function rowId(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`rowid` : sql`ctid`;
}

/** Ids a DELETE names at once: well under both databases' limits on bound parameters. */
const IDS_PER_STATEMENT = 500;

/** Deletes the rows of `table` with these physical ids (`rowId`), read earlier in the same transaction. */
export async function deleteRows(tx: Tx, dialect: Dialect, table: string, ids: readonly unknown[]): Promise<void> {
  for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
    const chunk = ids.slice(start, start + IDS_PER_STATEMENT);
    if (dialect === 'sqlite')
      await sql`delete from ${sql.table(table)} where rowid in (select value from json_each(${JSON.stringify(chunk)}))`.execute(
        tx,
      );
    else await sql`delete from ${sql.table(table)} where ctid = any(cast(${chunk} as tid[]))`.execute(tx);
  }
}
