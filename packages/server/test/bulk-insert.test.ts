import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BulkColumn, insertRows } from '../src/db/bulk-insert.js';
import { openDatabase, type Store } from '../src/db/database.js';
import { createPostgresDatabase, testDialects } from './support/databases.js';

const COLUMNS: BulkColumn[] = [
  { name: 'scope_id', type: 'text' },
  { name: 'item_key', type: 'text' },
  { name: 'label', type: 'text' },
  { name: 'amount', type: 'integer' },
  { name: 'ratio', type: 'double precision' },
];

interface Item {
  scopeId: string;
  itemKey: string;
  label?: string | null;
  amount: number;
  ratio?: number | null;
}

/** Values a row can carry: quotes, unicode and empty text, missing and null, whole and fractional numbers. */
const LABELS = ['plain', 'it\'s "quoted"', 'ünïcødé ✓', '', null, undefined, 'x'.repeat(2_000)];
const RATIOS = [0, 1.5, -2.25, 1e-9, 123_456_789.125, null, undefined];

function items(count: number, scope: string): Item[] {
  return Array.from({ length: count }, (_, index) => ({
    scopeId: scope,
    itemKey: `item-${String(index).padStart(5, '0')}`,
    label: LABELS[index % LABELS.length],
    amount: index * 7 - 50,
    ratio: RATIOS[index % RATIOS.length],
  }));
}

/** As the database gives it back: missing values are null. */
function stored(item: Item) {
  return {
    scopeId: item.scopeId,
    itemKey: item.itemKey,
    label: item.label ?? null,
    amount: item.amount,
    ratio: item.ratio ?? null,
  };
}

describe.each(await testDialects())('bulk inserts (%s)', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (dialect === 'postgres') {
      const database = await createPostgresDatabase();
      store = await openDatabase({ databaseUrl: database.url, dataDir: '' });
      cleanup = database.drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'vexil-bulk-'));
      store = await openDatabase({ dataDir });
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
    await sql`create table bulk_items (
      scope_id text not null, item_key text not null, label text, amount integer not null, ratio double precision,
      primary key (scope_id, item_key))`.execute(store.db);
  });

  afterAll(async () => {
    await store.db.destroy();
    await cleanup();
  });

  const read = async (scope: string) =>
    (
      await sql<Item>`select scope_id, item_key, label, amount, ratio from bulk_items where scope_id = ${scope} order by item_key`.execute(
        store.db,
      )
    ).rows.map((row) => ({ ...row, amount: Number(row.amount), ratio: row.ratio === null ? null : Number(row.ratio) }));

  // Row counts around the sizes SQLite's statements are cut into (500, 100, 20, 5, 1).
  it.each([1, 4, 5, 6, 99, 137, 500, 501, 1_234])('stores %i rows as given', async (count) => {
    const scope = `count-${count}`;
    const rows = items(count, scope);
    await store.db.transaction().execute((tx) => insertRows(tx, dialect, 'bulk_items', COLUMNS, rows));
    expect(await read(scope)).toEqual(rows.map(stored));
  });

  it('replaces the other columns of a row whose key exists, the last of a batch naming it twice winning', async () => {
    const scope = 'upsert';
    const key = ['scope_id', 'item_key'];
    await store.db.transaction().execute((tx) => insertRows(tx, dialect, 'bulk_items', COLUMNS, items(30, scope), key));
    const changes: Item[] = [
      { scopeId: scope, itemKey: 'item-00003', label: 'first', amount: 1 },
      { scopeId: scope, itemKey: 'item-00003', label: 'second', amount: 2, ratio: 0.5 },
      { scopeId: scope, itemKey: 'item-00040', label: 'new', amount: 40, ratio: 4 },
    ];
    // SQLite applies a multi-row VALUES row by row; PostgreSQL refuses one statement touching a row twice.
    const batches = dialect === 'postgres' ? changes.map((change) => [change]) : [changes];
    for (const batch of batches)
      await store.db.transaction().execute((tx) => insertRows(tx, dialect, 'bulk_items', COLUMNS, batch, key));
    const rows = await read(scope);
    expect(rows).toHaveLength(31);
    expect(rows.find((row) => row.itemKey === 'item-00003')).toEqual(stored(changes[1] as Item));
    expect(rows.find((row) => row.itemKey === 'item-00040')).toEqual(stored(changes[2] as Item));
    expect(rows.find((row) => row.itemKey === 'item-00004')).toEqual(stored(items(30, scope)[4] as Item));
  });

  it('writes nothing when a row is refused: the statement and its transaction fail whole', async () => {
    const scope = 'refused';
    const rows: Item[] = [...items(600, scope), { scopeId: scope, itemKey: 'item-00001', amount: 1 }];
    await expect(
      store.db.transaction().execute((tx) => insertRows(tx, dialect, 'bulk_items', COLUMNS, rows)),
    ).rejects.toThrow();
    expect(await read(scope)).toEqual([]);
  });
});
