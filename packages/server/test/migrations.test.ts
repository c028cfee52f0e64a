import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configFromEnvironment,
  createOrganization,
  migrate,
  openDatabase,
  ServerContext,
  type Store,
} from '../src/index.js';
import { createPostgresDatabase, testDialects } from './support/databases.js';

/**
 * An upgrade from the schema of an earlier release keeps every row and every foreign key:
 * here, from before project keys became unique per organisation (0003), which rebuilds the
 * projects table on SQLite, and before critical environments (0004).
 */
describe.each(await testDialects())('upgrading the schema on %s', (dialect) => {
  let store: Store;
  let ctx: ServerContext;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vexil-migrations-'));
    const postgres = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
    const config = { ...configFromEnvironment({}), dataDir, databaseUrl: postgres?.url, logLevel: 'silent' };
    store = await openDatabase(config);
    // The schema and data of a server from before 0003, written as that release wrote them.
    await migrate(store.db, store.dialect, '0002_accounts');
    const now = new Date().toISOString();
    await sql`insert into organizations (id, key, name, created_at) values ('org', 'default', 'My organisation', ${now})`.execute(
      store.db,
    );
    await sql`insert into projects (id, organization_id, key, name, description, created_at) values ('project', 'org', 'default', 'Default project', '', ${now})`.execute(
      store.db,
    );
    for (const [position, key] of ['development', 'staging', 'production'].entries())
      await sql`insert into environments (id, project_id, key, name, position, revision, created_at) values (${key}, 'project', ${key}, ${key}, ${position}, 0, ${now})`.execute(
        store.db,
      );
    ctx = new ServerContext(config, store);
    await ctx.start();
    await migrate(store.db, store.dialect);
    cleanup = async () => {
      await ctx.close();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  it('keeps the projects, their environments and keys', async () => {
    const projects = await store.db.selectFrom('projects').selectAll().execute();
    expect(projects.map((project) => project.key)).toEqual(['default']);
    const environments = await store.db
      .selectFrom('environments')
      .select('key')
      .where('projectId', '=', projects[0]!.id)
      .orderBy('position')
      .execute();
    expect(environments.map((environment) => environment.key)).toEqual(['development', 'staging', 'production']);
  });

  it('makes the production environments critical, and no other', async () => {
    const environments = await store.db.selectFrom('environments').select(['key', 'critical']).orderBy('key').execute();
    expect(environments).toEqual([
      { key: 'development', critical: 0 },
      { key: 'production', critical: 1 },
      { key: 'staging', critical: 0 },
    ]);
  });

  it('lets another organisation use the same project key, but not the same organisation twice', async () => {
    const other = await createOrganization(ctx, {
      key: 'other',
      name: 'Other',
      ownerEmail: 'owner@other.test',
      project: 'default',
    });
    expect(other.project).toBe('default');
    await expect(
      store.db
        .insertInto('projects')
        .values({
          id: 'duplicate',
          organizationId: (
            await store.db.selectFrom('organizations').select('id').where('key', '=', 'other').executeTakeFirstOrThrow()
          ).id,
          key: 'default',
          name: 'x',
          description: '',
          createdAt: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('still cascades from a project to its environments', async () => {
    const project = await store.db
      .selectFrom('projects')
      .select('id')
      .where('key', '=', 'default')
      .orderBy('createdAt')
      .executeTakeFirstOrThrow();
    await store.db.deleteFrom('projects').where('id', '=', project.id).execute();
    const left = await store.db.selectFrom('environments').select('id').where('projectId', '=', project.id).execute();
    expect(left).toEqual([]);
  });
});
