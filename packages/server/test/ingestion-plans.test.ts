import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, type Dialect as KyselyDialect, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/schema.js';
import { type EventRows, LocalEventStore } from '../src/sdk/event-store.js';
import { testDialects } from './support/databases.js';
import { createFlag, developmentId, EXPERIMENT_SPLIT } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 15: ingestion's look-ups of the subjects a batch names (their exposures, stored values,
 * raw events and users-list rows) must each seek those subjects in an index, never read a range
 * that grows with the tables. Results stay right either way, so only the plans tell: one look-up
 * that named the experiment but not the metric read every value the experiment had stored, per
 * batch, and SQLite's ingestion slowed from ~14,000 to ~5,000 events/s over its first 1.6 million
 * events; PostgreSQL, with no statistics on a table, read every stored event of the environment per
 * batch (docs/benchmarks.md). Here every statement ingestion runs is recorded, and the plan of each
 * that binds subject keys is checked — on PostgreSQL on tables never analyzed, as after a fast load
 * with autovacuum off, and with sequential scans off, since on tables this small one would be cheapest.
 */

const v1 = '/api/v1/projects/default';
const T0 = Date.parse('2026-11-20T10:15:00.000Z');

/** A batch of exposures and purchases by `subjects`, at `T0 + offsetMs`. */
function batch(environmentId: string, subjects: string[], offsetMs: number): EventRows {
  const at = new Date(T0 + offsetMs).toISOString();
  const subject = (key: string) => ({
    environmentId,
    contextKind: 'user',
    contextKey: key,
    occurredAt: at,
    receivedAt: at,
  });
  return {
    events: subjects.flatMap((key, index) => [
      {
        ...subject(key),
        type: 'exposure',
        flagKey: 'layout',
        variationKey: index % 2 ? 'on' : 'off',
        allocationId: 'experiment',
      },
      { ...subject(key), type: 'custom', eventKey: 'purchase', value: 10 + index },
    ]),
    counts: [],
    contexts: subjects.map((key) => ({
      environmentId,
      kind: 'user',
      key,
      attributes: JSON.stringify({ plan: 'pro' }),
      privateAttributes: '{}',
      firstSeen: at,
      lastSeen: at,
    })),
  };
}

/** A plan's lines that read a table: `SEARCH …`/`SCAN …` (SQLite), `… Scan … on …` and their conditions (PostgreSQL). */
interface Planner {
  plan(sql: string, parameters: readonly unknown[]): Promise<string[]>;
  close(): Promise<void>;
}

function sqlitePlanner(file: string): Planner {
  const sqlite = new SQLite(file);
  return {
    plan: async (sql, parameters) =>
      sqlite
        .prepare(`explain query plan ${sql}`)
        .all(...parameters)
        .map((row) => (row as { detail: string }).detail)
        // `SCAN json_each VIRTUAL TABLE` is the list of keys the statement was given, not a table.
        .filter((line) => /^(SEARCH|SCAN) /.test(line) && !/^SCAN json_each\b/.test(line)),
    close: async () => {
      sqlite.close();
    },
  };
}

/** The condition lines that follow a plan node's line. */
function conditions(lines: string[]): string[] {
  const end = lines.findIndex((line) => !/^(Index Cond|Filter|TID Cond|Rows Removed by Filter):/.test(line));
  return end === -1 ? lines : lines.slice(0, end);
}

function postgresPlanner(url: string): Planner {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect().then(() => client.query('set enable_seqscan = off; set enable_bitmapscan = off'));
  return {
    async plan(sql, parameters) {
      await connected;
      const { rows } = await client.query(`explain ${sql}`, parameters as unknown[]);
      const lines = rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN'].trim());
      // Each scan with its conditions (`Index Cond: …`, `Filter: …`), as one line.
      return lines.flatMap((line, index) =>
        /Scan (.* )?on (events|experiment_subjects|experiment_subject_values|contexts)\b/.test(line)
          ? [[line, ...conditions(lines.slice(index + 1))].join(' ')]
          : [],
      );
    },
    close: () => client.end(),
  };
}

describe.each(await testDialects())('ingestion’s look-ups on %s', (dialect) => {
  let server: TestServer;
  let planner: Planner;
  const statements: { sql: string; parameters: readonly unknown[] }[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createFlag(server, { key: 'layout' }, EXPERIMENT_SPLIT);
    for (const metric of [
      { key: 'bought', eventKey: 'purchase', kind: 'conversion' },
      { key: 'spend', eventKey: 'purchase', kind: 'numeric', aggregation: 'sum', capPercentile: 90 },
    ])
      expect((await server.api('POST', `${v1}/metrics`, metric)).status).toBe(201);
    const created = await server.api('POST', `${v1}/experiments`, {
      key: 'layout-test',
      flag: 'layout',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'bought',
      secondaryMetrics: ['spend'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await server.api('POST', `${v1}/experiments/layout-test/start`)).status).toBe(200);
    planner =
      dialect === 'sqlite'
        ? sqlitePlanner(join(server.ctx.config.dataDir, 'vexil.db'))
        : postgresPlanner(server.ctx.config.databaseUrl as string);
  });
  afterAll(async () => {
    await planner?.close();
    await server?.close();
  });

  it('seek the subjects they name, in every subject-keyed table', async () => {
    const connection: KyselyDialect =
      dialect === 'sqlite'
        ? new SqliteDialect({ database: new SQLite(join(server.ctx.config.dataDir, 'vexil.db')) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: server.ctx.config.databaseUrl, max: 1 }) });
    const db = new Kysely<Database>({
      dialect: connection,
      plugins: [new CamelCasePlugin()],
      log: (event) => {
        if (event.level === 'query') statements.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    const events = new LocalEventStore({ db, dialect, location: 'test' });
    const environmentId = await developmentId(server);
    const subjects = Array.from({ length: 40 }, (_, index) => `subject-${index}`);
    try {
      // First seen; then seen again, with stored exposures, values and users-list rows to look up.
      await events.store(batch(environmentId, subjects, 0), subjects.length * 2);
      await events.flushContexts();
      await events.store(batch(environmentId, subjects.slice(10), 3_600_000), 60);
      await events.flushContexts();
      // Three subjects exposed to their other variation: excluded, their stored values deleted.
      await events.store(batch(environmentId, subjects.slice(5, 8), 7_200_000), 6);
    } finally {
      await events.close();
      await db.destroy();
    }

    // `… "context_key" in (select value from json_each(?))` (SQLite), `… "context_key" = wanted.key` (PostgreSQL), and the
    // deletes of rows found so, by their ids.
    const bySubject = statements.filter(({ sql }) =>
      /"(context_)?key" (in \(|= wanted\.key)|where (rowid in|ctid = any)/.test(sql),
    );
    expect(bySubject.some(({ sql }) => sql.startsWith('delete from "experiment_subject_values"'))).toBe(true);
    const tables = new Set<string>();
    for (const { sql, parameters } of bySubject) {
      const plan = await planner.plan(sql, parameters);
      expect(plan.length, sql).toBeGreaterThan(0);
      for (const line of plan) {
        tables.add((dialect === 'sqlite' ? line.split(' ')[1] : / on (\w+)/.exec(line)?.[1]) as string);
        // The whole key, subject included: `… (experiment_id=? AND metric_id=? AND context_kind=? AND context_key=?)`,
        // or the ids of rows found so (a delete).
        if (dialect === 'sqlite') expect(line, sql).toMatch(/^SEARCH \w+ USING .*\b((context_)?key|rowid)=\?/);
        else {
          expect(line, sql).toMatch(/^(->\s+)?(Index (Only )?Scan .*Index Cond: .*\b(context_)?key = |Tid Scan )/);
          // Raw events: every condition in the index's seek. A filter means the event key, the
          // index's second column, was skipped, and each key read every custom event of the environment.
          if (/ on events\b/.test(line)) expect(line, sql).not.toMatch(/Filter:/);
        }
      }
    }
    // Every subject-keyed look-up ran: exposures, values, raw events, the users list.
    expect([...tables].sort()).toEqual(['contexts', 'events', 'experiment_subject_values', 'experiment_subjects']);
  });
});
