import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/database.js';

/**
 * Fields inside the JSON text of flag definitions and states, read by the database so that a
 * filtered page of flags is chosen there rather than by loading every flag. SQLite has
 * `json_extract`, PostgreSQL `::jsonb`; field names are constants of this code, never input.
 */

/** The text of a top-level string field (`name`, `type`), or null. */
export function jsonText(dialect: Dialect, column: string, field: string): RawBuilder<string | null> {
  return dialect === 'postgres'
    ? sql<string | null>`(${sql.ref(column)}::jsonb ->> ${sql.lit(field)})`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${field}`)})`;
}

/** A top-level field as JSON text (`["a","b"]` for tags), to search in; null when absent. */
export function jsonOf(dialect: Dialect, column: string, field: string): RawBuilder<string | null> {
  return dialect === 'postgres'
    ? sql<string | null>`(${sql.ref(column)}::jsonb -> ${sql.lit(field)})::text`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${field}`)})`;
}

/** Whether a top-level boolean field is true, with `absent` standing for a missing field. */
export function jsonIsTrue(dialect: Dialect, column: string, field: string, absent: boolean): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`coalesce((${sql.ref(column)}::jsonb ->> ${sql.lit(field)})::boolean, ${sql.lit(absent)})`
    : sql<boolean>`coalesce(json_extract(${sql.ref(column)}, ${sql.lit(`$.${field}`)}), ${sql.lit(absent ? 1 : 0)}) = 1`;
}

/** A top-level boolean field as the driver returns it (SQLite 1/0, PostgreSQL 'true'/'false'); see `isTrue`. */
export function jsonBoolean(dialect: Dialect, column: string, field: string): RawBuilder<unknown> {
  return dialect === 'postgres'
    ? sql`(${sql.ref(column)}::jsonb ->> ${sql.lit(field)})`
    : sql`json_extract(${sql.ref(column)}, ${sql.lit(`$.${field}`)})`;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === 'true';
}

/** Whether the string array at a top-level field (`tags`) holds `value` exactly. */
export function jsonArrayHas(dialect: Dialect, column: string, field: string, value: string): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`coalesce((${sql.ref(column)}::jsonb -> ${sql.lit(field)}) @> ${JSON.stringify([value])}::jsonb, false)`
    : sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}, ${sql.lit(`$.${field}`)}) where value = ${value})`;
}

/** A column in byte order on both databases, so pages and cursors agree whatever the server's locale. */
export function inKeyOrder(dialect: Dialect, column: string): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`${sql.ref(column)} collate "C"` : sql<string>`${sql.ref(column)}`;
}

/** Whether a state's `prerequisites` name the flag `flagKey`. */
export function requiresFlag(dialect: Dialect, column: string, flagKey: string): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`coalesce((${sql.ref(column)}::jsonb -> 'prerequisites') @> ${JSON.stringify([{ flag: flagKey }])}::jsonb, false)`
    : sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}, '$.prerequisites') where json_extract(value, '$.flag') = ${flagKey})`;
}
