import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnvironment, migrate, openDatabase, type Store } from '../src/index.js';
import { createPostgresDatabase, testDialects } from './support/databases.js';

const NOW = '2026-11-20T10:00:00.000Z';

/** An experiment's row as 0010–0013 wrote it. */
async function insertExperiment(store: Store, id: string): Promise<void> {
  await sql`insert into experiments (id, project_id, environment_id, flag_id, key, name, allocation_ids, control_variation,
      planned_subjects_per_variation, status, version, created_at, updated_at, aggregated)
    values (${id}, 'project', 'development', 'flag', ${id}, ${id}, '["experiment"]', 'off', 1000, 'running', 1, ${NOW}, ${NOW}, 1)`.execute(
    store.db,
  );
}

async function insertSubject(store: Store, experimentId: string, key: string): Promise<void> {
  await sql`insert into experiment_subjects (experiment_id, context_kind, context_key, first_at, variation, other, allocation)
    values (${experimentId}, 'user', ${key}, ${NOW}, 'on', 'on', 'experiment')`.execute(store.db);
}

async function insertValues(store: Store, experimentId: string, key: string, y: number): Promise<void> {
  await sql`insert into experiment_subject_values
      (experiment_id, metric_id, context_kind, context_key, variation, day, post_n, post_sum, pre_n, pre_sum, y, x)
    values (${experimentId}, 'metric', 'user', ${key}, 'on', '2026-11-20', 1, ${y}, 0, 0, ${y}, 0)`.execute(store.db);
}

const subjects = (store: Store) =>
  store.db
    .selectFrom('experimentSubjects')
    .select(['experimentId', 'contextKey', 'variation'])
    .orderBy('experimentId')
    .orderBy('contextKey')
    .execute();
const values = (store: Store) =>
  store.db
    .selectFrom('experimentSubjectValues')
    .select(['experimentId', 'metricId', 'contextKey', 'y'])
    .orderBy('experimentId')
    .orderBy('contextKey')
    .execute();

/**
 * 0014 keys the experiments' per-subject aggregates by subject first: an upgrade keeps every row,
 * the keys' uniqueness and the cascades from a deleted experiment.
 */
describe.each(await testDialects())(
  'upgrading the experiments’ aggregates to their subject-first keys on %s',
  (dialect) => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'vexil-migrations-aggregates-'));
      const postgres = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
      store = await openDatabase({ ...configFromEnvironment({}), dataDir, databaseUrl: postgres?.url });
      await migrate(store.db, store.dialect, '0013_context_reports');
      await sql`insert into organizations (id, key, name, created_at) values ('org', 'default', 'Org', ${NOW})`.execute(
        store.db,
      );
      await sql`insert into projects (id, organization_id, key, name, description, created_at) values ('project', 'org', 'default', 'Default', '', ${NOW})`.execute(
        store.db,
      );
      await sql`insert into environments (id, project_id, key, name, position, revision, created_at) values ('development', 'project', 'development', 'Development', 0, 0, ${NOW})`.execute(
        store.db,
      );
      await sql`insert into flags (id, project_id, key, definition, version, created_at, updated_at) values ('flag', 'project', 'layout', '{}', 1, ${NOW}, ${NOW})`.execute(
        store.db,
      );
      for (const experiment of ['a', 'b']) await insertExperiment(store, experiment);
      for (const [experiment, key] of [
        ['a', 'u-1'],
        ['a', 'u-2'],
        ['b', 'u-1'],
      ] as const)
        await insertSubject(store, experiment, key);
      await insertValues(store, 'a', 'u-1', 3);
      await insertValues(store, 'b', 'u-1', 5);
      await migrate(store.db, store.dialect);
      cleanup = async () => {
        await store.db.destroy();
        await postgres?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      };
    });
    afterAll(() => cleanup());

    it('keeps every exposure and value', async () => {
      expect(await subjects(store)).toEqual([
        { experimentId: 'a', contextKey: 'u-1', variation: 'on' },
        { experimentId: 'a', contextKey: 'u-2', variation: 'on' },
        { experimentId: 'b', contextKey: 'u-1', variation: 'on' },
      ]);
      expect((await values(store)).map((row) => ({ ...row, y: Number(row.y) }))).toEqual([
        { experimentId: 'a', metricId: 'metric', contextKey: 'u-1', y: 3 },
        { experimentId: 'b', metricId: 'metric', contextKey: 'u-1', y: 5 },
      ]);
    });

    it('keeps one row per subject and experiment (and metric)', async () => {
      await expect(insertSubject(store, 'a', 'u-1')).rejects.toThrow(/unique|duplicate/i);
      await expect(insertValues(store, 'b', 'u-1', 7)).rejects.toThrow(/unique|duplicate/i);
    });

    it('seeks a subject’s rows of every experiment by its key', async () => {
      if (dialect === 'sqlite') {
        const query = sql`select experiment_id from experiment_subjects where context_kind = 'user' and context_key = 'u-1'`;
        const { rows } = await sql<{ detail: string }>`explain query plan ${query}`.execute(store.db);
        expect(rows.map((row) => row.detail).join(' ')).toMatch(
          /SEARCH experiment_subjects USING .*\(context_kind=\? AND context_key=\?\)/,
        );
      } else {
        // PostgreSQL would also scan an index whose leading column is the experiment: its definition tells.
        const { rows } = await sql<{ definition: string }>`select pg_get_indexdef(cast(name as regclass)) as definition
        from unnest(array['experiment_subjects_pk', 'experiment_subject_values_pk']) as name`.execute(store.db);
        expect(rows.map((row) => row.definition.replace(/.*USING btree /, ''))).toEqual([
          '(context_kind, context_key, experiment_id)',
          '(context_kind, context_key, experiment_id, metric_id)',
        ]);
      }
    });

    it('still deletes an experiment’s aggregates with it', async () => {
      await sql`delete from experiments where id = 'a'`.execute(store.db);
      expect((await subjects(store)).map((row) => row.experimentId)).toEqual(['b']);
      expect((await values(store)).map((row) => row.experimentId)).toEqual(['b']);
    });
  },
);
