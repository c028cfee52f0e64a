import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries run on: the database or a transaction. */
export type Queryable = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, for the start-up banner (no password). */
  location: string;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/**
 * Opens SQLite (the default: one file, WAL, fsync on every commit so that `kill -9` and power
 * loss keep what was acknowledged) or PostgreSQL when a `postgres://` URL is given.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Store> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error('DATABASE_URL must be a postgres:// URL');
    }
    // Loaded only when asked for: SQLite users should not pay for it at start.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its connection must not crash the server; the pool replaces it.
    pool.on('error', () => {});
    const url = new URL(options.databaseUrl);
    url.password = '';
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] }),
      dialect: 'postgres',
      location: url.toString(),
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'vexil.db');
  return { db: openSqlite(file), dialect: 'sqlite', location: file };
}

export interface SqliteOptions {
  /** How long a transaction waits for the other connection's write lock (default 5 s). */
  busyTimeoutMs?: number;
  /** The WAL's size in pages past which a commit checkpoints it (SQLite's default: 1,000). */
  autoCheckpointPages?: number;
}

/**
 * Each connection's page cache, at most (SQLite's default is 2 MiB; pages are cached as they are
 * read, so a small database uses little). Ingestion's transactions dirty thousands of random pages
 * of the subject-keyed indexes, more than 2 MiB holds once the tables are large: loading the
 * results benchmark's first 2 million events went 8–12 % faster with 64 MiB (docs/benchmarks.md).
 */
const CACHE_KIB = 64 * 1024;

/**
 * One connection to the SQLite file: the server's, or ingestion's worker thread's
 * (sdk/worker-event-store.ts). Transactions begin IMMEDIATE, taking the write lock at once, waiting
 * up to `busyTimeoutMs` for the other connection's transaction: a deferred one that read first and
 * wrote second would fail at once with SQLITE_BUSY when the other connection committed in between.
 */
export function openSqlite(file: string, options: SqliteOptions = {}): Db {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`cache_size = -${CACHE_KIB}`);
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
  if (options.autoCheckpointPages !== undefined) sqlite.pragma(`wal_autocheckpoint = ${options.autoCheckpointPages}`);
  const dialect = new SqliteDialect({ database: withStatementCache(sqlite) });
  return new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
}

/** A unique index refused the row: PostgreSQL's 23505, SQLite's SQLITE_CONSTRAINT_UNIQUE. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Statements kept prepared, by SQL text: most of the server's statements recur with the same text. */
const CACHED_STATEMENTS = 500;

/**
 * better-sqlite3 with its prepared statements reused: Kysely prepares every query afresh, and
 * preparing a 500-row INSERT costs about what running it does (event ingestion). One connection
 * runs one statement at a time, so a statement is never reused while it runs.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      // Kysely begins every transaction with a plain `begin` (see `openSqlite`).
      const text = sqlText === 'begin' ? 'begin immediate' : sqlText;
      let statement = statements.get(text);
      if (statement) {
        // Most recently used last, so the first key is the one to forget.
        statements.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value as string);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}
