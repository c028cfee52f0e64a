import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect, Queryable } from './database.js';
import type { Database } from './schema.js';

/** The condition that `column` is one of a look-up's keys. */
export type KeyCondition = (column: string) => Expression<SqlBool>;

/** One look-up: its keys, and its query filtered with the condition it is given on them. */
export interface KeyLookup<Row> {
  keys: readonly string[];
  // biome-ignore lint/suspicious/noExplicitAny: the tables a look-up reads are its own business.
  query: (keyIs: KeyCondition) => SelectQueryBuilder<Database, any, Row>;
}

/**
 * The rows of several look-ups by key (the subjects of a batch, in ingestion), in one statement:
 * a UNION ALL of them. Each must seek its keys in an index, never read the range of the key's
 * prefix, whose size grows with the table.
 *
 * SQLite's planner seeks `column in (select value from json_each(?))` key by key. The keys travel
 * as one JSON parameter, so that a statement's text does not change with their number: prepared
 * once, not once per batch, and built without a query-builder node per key (together ~7 % of
 * ingestion's worker thread, docs/benchmarks.md). PostgreSQL's planner seeks keys only when its
 * statistics say the prefix matches many rows; a table it has not analyzed (autovacuum off, or a
 * load outrunning it) looks tiny, and it read the prefix's whole range instead: every stored event
 * of the environment, once per batch (docs/benchmarks.md). There, each key is its own parameterized
 * index scan, a LATERAL join on the keys that `offset 0` keeps from being planned as anything else.
 */
export async function lookUpKeys<Row>(
  db: Queryable,
  dialect: Dialect,
  lookups: readonly KeyLookup<Row>[],
): Promise<Row[]> {
  if (lookups.length === 0) return [];
  if (dialect === 'sqlite') {
    const [first, ...rest] = lookups.map(({ keys, query }) =>
      query((column) => sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(keys)}))`),
    );
    const union = rest.reduce((all, next) => all.unionAll(next), first as NonNullable<typeof first>);
    return union.execute();
  }
  const terms = lookups.map(({ keys, query }) => {
    const each = query((column) => sql<SqlBool>`${sql.ref(column)} = wanted.key`).offset(0);
    return sql`select found.* from unnest(cast(${keys} as text[])) as wanted(key) cross join lateral ${each} as found`;
  });
  const { rows } = await sql<Row>`${sql.join(terms, sql` union all `)}`.execute(db);
  return rows;
}
