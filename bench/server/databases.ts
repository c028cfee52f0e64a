/**
 * The databases the ingestion and results parts run on: SQLite in the server's data directory, and
 * PostgreSQL in a scratch database made for the run at `VEXIL_TEST_POSTGRES_URL` (default
 * `postgres://postgres@127.0.0.1:5432/postgres`), dropped afterwards. PostgreSQL is left out when
 * unreachable, except in CI, where that is an error.
 */
import pg from 'pg';

export const DATABASES = ['sqlite', 'postgres'] as const;
export type Database = (typeof DATABASES)[number];
export const DATABASE_NAMES: Record<Database, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
export const POSTGRES_ADMIN_URL = process.env.VEXIL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<boolean> {
  try {
    await admin('select 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * `measure` on each database in turn, with the PostgreSQL URL of a fresh scratch database (undefined
 * for SQLite); `leftOut` makes the entry of a PostgreSQL that cannot be reached outside CI.
 */
export async function onEachDatabase<T>(
  databases: readonly Database[],
  scratchName: string,
  measure: (database: Database, databaseUrl: string | undefined) => Promise<T>,
  leftOut: (database: Database, why: string) => T,
): Promise<T[]> {
  const entries: T[] = [];
  for (const database of databases) {
    if (database === 'sqlite') {
      entries.push(await measure(database, undefined));
      continue;
    }
    if (!(await postgresReachable())) {
      if (process.env.CI === 'true') throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}`);
      entries.push(leftOut(database, `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}`));
      continue;
    }
    const name = `vexil_bench_${scratchName}_${process.pid}`;
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    try {
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      entries.push(await measure(database, url.toString()));
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
    }
  }
  return entries;
}
