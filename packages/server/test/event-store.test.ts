import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Checkpointer } from '../src/db/checkpointer.js';
import { openSqlite } from '../src/db/database.js';
import { migrate, openDatabase, type Store } from '../src/index.js';
import type { EventRows } from '../src/sdk/event-store.js';
import { WorkerEventStore } from '../src/sdk/worker-event-store.js';
import { ContextReports, writeMerged } from '../src/users/context-reports.js';
import { createFlag, developmentId, patchFlag, sdkCall } from './support/sdk.js';
import { startTestServer } from './support/server.js';

const T0 = Date.parse('2026-11-20T10:15:00.000Z');

/** One exposure and one context report of `key` in `environmentId`, as ingestion hands them to the event store. */
function rowsFor(environmentId: string, key: string): EventRows {
  const at = new Date(T0).toISOString();
  return {
    events: [
      {
        environmentId,
        type: 'exposure',
        flagKey: 'checkout',
        variationKey: 'on',
        allocationId: 'all',
        contextKind: 'user',
        contextKey: key,
        occurredAt: at,
        receivedAt: at,
      },
    ],
    counts: [],
    contexts: [
      { environmentId, kind: 'user', key, attributes: '{}', privateAttributes: '{}', firstSeen: at, lastSeen: at },
    ],
  };
}

describe('WorkerEventStore (SQLite ingestion in a worker thread)', () => {
  let dataDir: string;
  let store: Store;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vexil-event-store-'));
    store = await openDatabase({ dataDir });
    await migrate(store.db, store.dialect);
  });
  afterAll(async () => {
    await store.db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('passes the database’s refusal back with its code', async () => {
    const events = new WorkerEventStore(store);
    try {
      // No such environment: the foreign key refuses the whole batch.
      const refused = await events.store(rowsFor('no-such-environment', 'u-1'), 1).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as { code?: string }).code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
      expect(await store.db.selectFrom('events').select('id').execute()).toEqual([]);
    } finally {
      await events.close();
    }
  });

  it('fails the calls of a worker that stopped (here: it could not open the file), instead of leaving them waiting', async () => {
    const events = new WorkerEventStore({ ...store, location: join(dataDir, 'no-such-directory', 'vexil.db') });
    try {
      await expect(events.store(rowsFor('no-such-environment', 'u-3'), 1)).rejects.toThrow(
        /directory does not exist|unable to open/i,
      );
      // Asked again, a new worker starts (and fails the same way).
      await expect(events.store(rowsFor('no-such-environment', 'u-4'), 1)).rejects.toThrow(
        /directory does not exist|unable to open/i,
      );
    } finally {
      await events.close();
    }
  });

  it('refuses calls once closed, instead of leaving them waiting', async () => {
    const events = new WorkerEventStore(store);
    await events.flushContexts();
    await events.close();
    await expect(events.flushContexts()).rejects.toThrow('shutting down');
    await expect(events.store(rowsFor('no-such-environment', 'u-2'), 1)).rejects.toThrow('shutting down');
  });
});

describe('the WAL checkpointer (SQLite)', () => {
  it('copies what ingestion commits into the database file from a thread of its own, not in the commit', async () => {
    const server = await startTestServer('sqlite');
    try {
      const answer = await sdkCall(server, 'POST', '/sdk/v1/events', {
        key: server.seeded.serverKey,
        body: { events: [{ kind: 'custom', key: 'clicked', context: { key: 'u-checkpointed' }, timestamp: T0 }] },
      });
      expect(answer.status).toBe(202);
      // The file alone, without its WAL, holds only what a checkpoint copied. The batch's few pages
      // are far below the WAL size at which the worker's commits checkpoint it themselves
      // (WRITER_CHECKPOINT_PAGES), so only the checkpointer's thread can have copied them.
      const file = join(server.ctx.config.dataDir, 'vexil.db');
      const inFile = () => {
        const copy = `${file}.copy-${Date.now()}`;
        copyFileSync(file, copy);
        const sqlite = new SQLite(copy);
        try {
          return sqlite.prepare("select count(*) as n from events where context_key = 'u-checkpointed'").get();
        } finally {
          sqlite.close();
        }
      };
      await expect.poll(inFile, { timeout: 5_000 }).toEqual({ n: 1 });
    } finally {
      await server.close();
    }
  });
});

describe('the WAL checkpointer, when its thread fails', () => {
  it('says so, and closes without waiting for a thread that has already stopped', async () => {
    const errors: Error[] = [];
    const checkpointer = new Checkpointer(join(tmpdir(), 'no-such-directory-vexil', 'vexil.db'), (error) =>
      errors.push(error),
    );
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBe(1);
    expect(errors[0]?.message).toMatch(/^The WAL checkpointer stopped \(the writer checkpoints alone\): .*directory/);
    checkpointer.committed();
    await checkpointer.close();
  });
});

describe('SQLite transactions beside a second connection (the worker’s)', () => {
  it('hold the write lock from their start, so a write between their read and their write cannot fail them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vexil-immediate-'));
    const file = join(dataDir, 'vexil.db');
    const db = openSqlite(file);
    const other = new SQLite(file);
    try {
      other.exec('create table marks (mark integer)');
      other.pragma('busy_timeout = 0');
      await db.transaction().execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw('select count(*) from marks'));
        // A deferred transaction would let this write in, then fail its own write with SQLITE_BUSY.
        expect(() => other.prepare('insert into marks values (2)').run()).toThrow(/locked|busy/i);
        await tx.executeQuery(CompiledQuery.raw('insert into marks values (1)'));
      });
      other.prepare('insert into marks values (2)').run();
      expect(other.prepare('select mark from marks order by rowid').all()).toEqual([{ mark: 1 }, { mark: 2 }]);
    } finally {
      other.close();
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('ingestion beside management writes on SQLite', () => {
  it('answers every change and every batch while both write at once (neither fails on the other’s lock)', async () => {
    const server = await startTestServer('sqlite');
    try {
      await createFlag(server, { key: 'busy' });
      const batch = (index: number) => ({
        events: Array.from({ length: 200 }, (_, event) => ({
          kind: 'custom',
          key: 'clicked',
          value: event,
          context: { key: `u-${index}-${event}`, plan: 'pro' },
          timestamp: T0 + event,
        })),
      });
      const [batches, changes] = await Promise.all([
        Promise.all(
          Array.from({ length: 30 }, (_, index) =>
            sdkCall(server, 'POST', '/sdk/v1/events', { key: server.seeded.serverKey, body: batch(index) }),
          ),
        ),
        (async () => {
          for (let index = 0; index < 15; index++) await patchFlag(server, 'busy', { on: index % 2 === 0 });
          return 15;
        })(),
      ]);
      expect(batches.map((answer) => answer.status)).toEqual(Array(30).fill(202));
      expect(changes).toBe(15);
      const environment = await developmentId(server);
      const stored = await server.ctx.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('environmentId', '=', environment)
        .executeTakeFirstOrThrow();
      expect(Number(stored.count)).toBe(30 * 200);
      await server.ctx.events.flushContexts();
      const users = await server.api('GET', '/api/v1/projects/default/environments/development/users?limit=1');
      expect(users.status).toBe(200);
      expect(users.body.total).toBe(30 * 200);
    } finally {
      await server.close();
    }
  });
});

describe('the users list’s merges read on one connection and written by another (SQLite)', () => {
  it('leave out the users of an environment deleted between the read and the write, instead of failing', async () => {
    const server = await startTestServer('sqlite');
    try {
      const { store } = server.ctx;
      const development = await developmentId(server);
      const sent = await sdkCall(server, 'POST', '/sdk/v1/events', {
        key: server.seeded.serverKey,
        body: { events: [{ kind: 'context', context: { key: 'u-gone', plan: 'pro' }, timestamp: T0 }] },
      });
      expect(sent.status).toBe(202);
      const written: number[] = [];
      const merges = new ContextReports(store, async (merged) => {
        written.push(merged.rows.length);
        // The environment goes (its reports and users with it) after the merge read them.
        await store.db.deleteFrom('environments').where('id', '=', development).execute();
        await store.db.transaction().execute((tx) => writeMerged(tx, store.dialect, merged));
      });
      await merges.flush();
      expect(written).toEqual([1]);
      expect(
        await store.db.selectFrom('contexts').select('key').where('environmentId', '=', development).execute(),
      ).toEqual([]);
      expect(await store.db.selectFrom('contextReports').select('id').execute()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
