import { CompiledQuery, sql } from 'kysely';
import type { Dialect, Tx } from './database.js';

/**
 * A column of rows inserted in bulk: its name in the table (the rows' property is its camelCase, as
 * Kysely's CamelCasePlugin names it) and the type PostgreSQL reads it as.
 */
export interface BulkColumn {
  name: string;
  type: 'text' | 'integer' | 'double precision';
}

/**
 * Inserts `rows` (a missing property is null) in as few statements as each database runs fastest,
 * without Kysely's query builder, whose cost per bound value exceeds the database's for a thousand
 * rows (docs/benchmarks.md, "Event ingestion"):
 * - PostgreSQL: one statement whose rows are one JSON parameter (`jsonb_array_elements`), so that
 *   the rows cross the connection as one value;
 * - SQLite: multi-row `VALUES` of prepared statements kept by row count, half the cost of unpacking
 *   the same rows from JSON with `json_each`, which parses each row's text again for every column.
 * With `conflict` (the unique key's columns), a row whose key exists replaces the other columns.
 */
export async function insertRows(
  tx: Tx,
  dialect: Dialect,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly object[],
  conflict?: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const properties = columns.map((column) =>
    column.name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
  );
  const valuesOf = (row: object) => properties.map((property) => (row as Record<string, unknown>)[property]);
  if (dialect === 'postgres') {
    const json = JSON.stringify(rows.map((row) => valuesOf(row).map((value) => value ?? null)));
    const values = sql.join(columns.map((column, index) => sql`(e->>${sql.lit(index)})::${sql.raw(column.type)}`));
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.id(column.name)))})
      select ${values} from jsonb_array_elements(${json}::jsonb) as e ${sql.raw(onConflict(columns, conflict))}`.execute(
      tx,
    );
    return;
  }
  let start = 0;
  while (start < rows.length) {
    const count = STATEMENT_ROWS.find((size) => size <= rows.length - start) as number;
    const parameters: unknown[] = [];
    for (let index = start; index < start + count; index++)
      for (const value of valuesOf(rows[index] as object)) parameters.push(bindable(value));
    await tx.executeQuery(CompiledQuery.raw(sqliteInsert(table, columns, count, conflict), parameters));
    start += count;
  }
}

/**
 * Rows per SQLite statement: a batch is cut into statements of these sizes, largest first, so that a
 * table's inserts reuse a handful of prepared statements whatever the batch's length. 500 rows of
 * the widest table bind 6,000 values, well under SQLite's limit of 32,766.
 */
const STATEMENT_ROWS = [500, 100, 20, 5, 1];

const sqliteTexts = new Map<string, string>();

function sqliteInsert(
  table: string,
  columns: readonly BulkColumn[],
  count: number,
  conflict?: readonly string[],
): string {
  const id = `${table}\u0000${columns.map((column) => column.name).join()}\u0000${conflict?.join() ?? ''}\u0000${count}`;
  let text = sqliteTexts.get(id);
  if (text === undefined) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const names = columns.map((column) => quoted(column.name)).join(', ');
    text = `insert into ${quoted(table)} (${names}) values ${Array.from({ length: count }, () => row).join(', ')} ${onConflict(columns, conflict)}`;
    sqliteTexts.set(id, text);
  }
  return text;
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The upsert clause (both databases): a row whose `conflict` key exists has its other columns replaced. */
function onConflict(columns: readonly BulkColumn[], conflict: readonly string[] | undefined): string {
  if (conflict === undefined) return '';
  const replaced = columns
    .filter((column) => !conflict.includes(column.name))
    .map((column) => `${quoted(column.name)} = excluded.${quoted(column.name)}`);
  return `on conflict (${conflict.map(quoted).join(', ')}) do update set ${replaced.join(', ')}`;
}

/** A value as SQLite binds it: missing as null, a boolean as 0 or 1 (as JSON would have stored it). */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
