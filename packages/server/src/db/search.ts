import { sql, type RawBuilder } from 'kysely';

/**
 * `lower(column) LIKE '%text%'`, case-insensitive, with `%`, `_` and `\` in the text matched
 * literally on both databases (SQLite's LIKE has no escape character unless told).
 */
export function containsText(column: RawBuilder<unknown>, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${column}) like ${pattern} escape '\\'`;
}
