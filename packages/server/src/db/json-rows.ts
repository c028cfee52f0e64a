import { sql } from 'kysely';
import type { Dialect, Tx } from './database.js';

/**
 * A column of rows sent as JSON: its name in the table (the rows' property is its camelCase, as
 * Kysely's CamelCasePlugin names it) and the type PostgreSQL reads it as.
 */
export interface JsonColumn {
  name: string;
  type: 'text' | 'integer' | 'double precision';
}

/**
 * Inserts `rows` (a missing property is null) in one statement whose rows are one JSON parameter,
 * unpacked by the database (SQLite `json_each`, PostgreSQL `jsonb_array_elements`): a thousand rows
 * bound as ten thousand parameters cost more to build, send and bind than to store. With
 * `conflict` (the unique key's columns), a row whose key exists replaces the other columns.
 */
export async function insertJsonRows(
  tx: Tx,
  dialect: Dialect,
  table: string,
  columns: readonly JsonColumn[],
  rows: readonly object[],
  conflict?: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const properties = columns.map((column) =>
    column.name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
  );
  const json = JSON.stringify(
    rows.map((row) => properties.map((property) => (row as Record<string, unknown>)[property] ?? null)),
  );
  const names = sql.join(columns.map((column) => sql.id(column.name)));
  const values =
    dialect === 'postgres'
      ? sql.join(columns.map((column, index) => sql`(e->>${sql.lit(index)})::${sql.raw(column.type)}`))
      : sql.join(columns.map((_, index) => sql`e.value->>${sql.lit(index)}`));
  const source =
    dialect === 'postgres'
      ? sql`jsonb_array_elements(${json}::jsonb) as e`
      : // `where true`: SQLite would read ON CONFLICT as a join constraint of the FROM clause.
        sql`json_each(${json}) as e where true`;
  const onConflict =
    conflict === undefined
      ? sql``
      : sql`on conflict (${sql.join(conflict.map((name) => sql.id(name)))}) do update set ${sql.join(
          columns
            .filter((column) => !conflict.includes(column.name))
            .map((column) => sql`${sql.id(column.name)} = excluded.${sql.id(column.name)}`),
        )}`;
  await sql`insert into ${sql.table(table)} (${names}) select ${values} from ${source} ${onConflict}`.execute(tx);
}
