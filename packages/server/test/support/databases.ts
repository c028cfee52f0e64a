import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The databases the store and API suites run against: SQLite always, PostgreSQL whenever it is
 * reachable — and in CI (CI=true) always, where an unreachable PostgreSQL is a failure, not a skip.
 */
export const POSTGRES_ADMIN_URL = process.env.VEXIL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: boolean | undefined;

export async function postgresReachable(): Promise<boolean> {
  if (reachable !== undefined) return reachable;
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    reachable = true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL must be reachable in CI at ${POSTGRES_ADMIN_URL}: ${(error as Error).message}`);
    reachable = false;
  } finally {
    await client.end().catch(() => {});
  }
  return reachable;
}

export type TestDialect = 'sqlite' | 'postgres';

/** Top-level await in a test file: `describe.each(await testDialects())(…)`. */
export async function testDialects(): Promise<TestDialect[]> {
  return (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A new, empty PostgreSQL database for one test server; `drop` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `vexil_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
