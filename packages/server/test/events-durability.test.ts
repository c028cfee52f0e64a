import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { createPostgresDatabase, testDialects } from './support/databases.js';
import { buildServer, killHard, startServerProcess, type ServerProcess } from './support/process.js';

// Issue 15 and PRODUCT.md §3: an SDK event batch answered 202 is committed — `kill -9` in the middle
// of a stream of batches loses none of them, and a batch is stored whole or not at all.

const SENDERS = 4;
const EXPOSURES = 150;
const CUSTOM = 100;
/** Acknowledged batches after which the server is killed, while every sender has one in flight. */
const KILL_AFTER = 24;

/**
 * Batch `id`: exposures whose allocation names the batch and custom events whose value is its
 * number, every one of them a row in `events`, for users of a small pool (their upserts collide).
 */
function batch(id: number): string {
  const timestamp = Date.now();
  const context = (n: number) => ({ key: `user-${(id * 7 + n) % 500}`, plan: n % 2 === 0 ? 'pro' : 'free' });
  return JSON.stringify({
    events: [
      ...Array.from({ length: EXPOSURES }, (_, n) => ({
        kind: 'exposure',
        flag: 'durable-experiment',
        variation: n % 2 === 0 ? 'control' : 'treatment',
        allocation: `batch-${id}`,
        context: context(n),
        timestamp,
      })),
      ...Array.from({ length: CUSTOM }, (_, n) => ({
        kind: 'custom',
        key: 'durable-conversion',
        value: id,
        context: context(n),
        timestamp,
      })),
      // The batch's own device, for the users list: its report is appended with the events and merged later.
      { kind: 'context', context: { kind: 'device', key: `batch-${id}` }, timestamp },
      {
        kind: 'summary',
        startDate: timestamp,
        endDate: timestamp,
        counters: [{ flag: 'durable-experiment', count: 1 }],
      },
    ],
  });
}

describe.each(await testDialects())('SDK events durability on %s', (dialect) => {
  let dataDir: string;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildServer();
    dataDir = mkdtempSync(join(tmpdir(), 'vexil-events-durability-'));
    database = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
    env = { VEXIL_DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}) };
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Rows per batch marker: exposures by allocation, custom events by value, devices in the users list. */
  async function storedBatches(): Promise<{
    exposures: Map<number, number>;
    custom: Map<number, number>;
    devices: Set<number>;
  }> {
    const store = await openDatabase({ dataDir, databaseUrl: database?.url });
    try {
      const exposures = await store.db
        .selectFrom('events')
        .select(['allocationId', sql<number>`count(*)`.as('n')])
        .where('flagKey', '=', 'durable-experiment')
        .groupBy('allocationId')
        .execute();
      const custom = await store.db
        .selectFrom('events')
        .select(['value', sql<number>`count(*)`.as('n')])
        .where('eventKey', '=', 'durable-conversion')
        .groupBy('value')
        .execute();
      const devices = await store.db.selectFrom('contexts').select('key').where('kind', '=', 'device').execute();
      return {
        exposures: new Map(exposures.map((row) => [Number(row.allocationId?.slice('batch-'.length)), Number(row.n)])),
        custom: new Map(custom.map((row) => [Number(row.value), Number(row.n)])),
        devices: new Set(devices.map((row) => Number(row.key.slice('batch-'.length)))),
      };
    } finally {
      await store.db.destroy();
    }
  }

  it('keeps every batch answered 202 after kill -9 mid-stream, and stores none in part', async () => {
    const first = await startServerProcess(env);
    const { serverKey } = JSON.parse(readFileSync(join(dataDir, 'first-start-secrets.json'), 'utf8')) as {
      serverKey: string;
    };
    const send = (server: ServerProcess, id: number) =>
      fetch(`${server.url}/sdk/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' },
        body: batch(id),
      });

    const acknowledged: number[] = [];
    const refused: string[] = [];
    const cutOff: number[] = [];
    let nextId = 1;
    let killed: Promise<void> | undefined;
    // Each sender posts batch after batch until the server goes; the kill comes while all are in flight.
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (;;) {
          const id = nextId++;
          try {
            const response = await send(first, id);
            const body = await response.text();
            if (response.status === 202 && body === JSON.stringify({ accepted: EXPOSURES + CUSTOM + 2 }))
              acknowledged.push(id);
            else refused.push(`batch ${id}: ${response.status} ${body.slice(0, 200)}`);
          } catch {
            cutOff.push(id);
            return;
          }
          if (acknowledged.length >= KILL_AFTER) killed ??= killHard(first);
        }
      }),
    );
    await killed;

    expect(refused).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // Every sender was cut off with a batch in flight: the kill came mid-stream.
    expect(cutOff).toHaveLength(SENDERS);

    const second = await startServerProcess(env);
    try {
      expect(second.output()).not.toContain('First start');
      const stored = await storedBatches();
      for (const id of acknowledged) {
        expect.soft(stored.exposures.get(id), `exposures of acknowledged batch ${id}`).toBe(EXPOSURES);
        expect.soft(stored.custom.get(id), `custom events of acknowledged batch ${id}`).toBe(CUSTOM);
      }
      // A batch cut off by the kill may have been committed or not, but never in part.
      for (const id of cutOff) {
        const whole = stored.exposures.get(id) === EXPOSURES && stored.custom.get(id) === CUSTOM;
        const none = !stored.exposures.has(id) && !stored.custom.has(id);
        expect(whole || none, `batch ${id}, in flight at the kill, is whole or absent`).toBe(true);
      }
      const known = new Set([...acknowledged, ...cutOff]);
      expect([...stored.exposures.keys(), ...stored.custom.keys()].filter((id) => !known.has(id))).toEqual([]);

      // Each acknowledged batch's device reaches the users list: reports the kill left unmerged are
      // merged by the restarted server (every second).
      let devices = stored.devices;
      for (let wait = 0; acknowledged.some((id) => !devices.has(id)) && wait < 100; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        devices = (await storedBatches()).devices;
      }
      expect(acknowledged.filter((id) => !devices.has(id))).toEqual([]);
      expect([...devices].filter((id) => !known.has(id))).toEqual([]);

      // The restarted server takes events again, on the same data.
      const after = await send(second, nextId);
      expect(after.status).toBe(202);
      expect((await storedBatches()).custom.get(nextId)).toBe(CUSTOM);
    } finally {
      await killHard(second);
    }
  }, 60_000);
});
