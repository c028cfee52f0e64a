import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnvironment, migrate, openDatabase, ServerContext } from '../src/index.js';
import type { RulesetChange } from '../src/changes/hub.js';
import { postgresReachable, testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('change publication on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('publishes every committed change once, in revision order, even when writes race', async () => {
    const heard: RulesetChange[] = [];
    const unsubscribe = server.ctx.hub.subscribe((change) => heard.push(change));
    const keys = Array.from({ length: 12 }, (_, index) => `race-${index}`);
    const responses = await Promise.all(
      keys.map((key) => server.api('POST', '/api/v1/projects/default/flags', { key })),
    );
    expect(responses.map((response) => response.status)).toEqual(keys.map(() => 201));
    unsubscribe();

    for (const environment of ['development', 'staging', 'production']) {
      const { id } = await server.ctx.db
        .selectFrom('environments')
        .select('id')
        .where('key', '=', environment)
        .executeTakeFirstOrThrow();
      const revisions = heard.filter((change) => change.environmentId === id).map((change) => change.revision);
      expect(revisions).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    }
    expect(new Set(heard.map((change) => change.key))).toEqual(new Set(keys));
  });

  it('keeps only the replay window of change records per environment', async () => {
    const small = await startTestServer(dialect, { replayWindow: 3 });
    try {
      for (let index = 0; index < 5; index++)
        await small.api('POST', '/api/v1/projects/default/flags', { key: `windowed-${index}` });
      const rows = await small.ctx.db
        .selectFrom('changes')
        .innerJoin('environments', 'environments.id', 'changes.environmentId')
        .select('changes.revision')
        .where('environments.key', '=', 'staging')
        .orderBy('changes.revision')
        .execute();
      expect(rows.map((row) => row.revision)).toEqual([3, 4, 5]);
    } finally {
      await small.close();
    }
  });
});

describe.runIf(await postgresReachable())('several nodes on one PostgreSQL database', () => {
  it('a change made on one node is published on the others, in order', async () => {
    const first = await startTestServer('postgres');
    const config = { ...configFromEnvironment({}), databaseUrl: first.ctx.config.databaseUrl, logLevel: 'silent' };
    const store = await openDatabase(config);
    await migrate(store.db, store.dialect);
    const second = new ServerContext(config, store);
    await second.start();
    try {
      const heard: RulesetChange[] = [];
      const arrived = new Promise<void>((resolve) =>
        second.hub.subscribe((change) => {
          heard.push(change);
          if (heard.length === 6) resolve();
        }),
      );
      await first.api('POST', '/api/v1/projects/default/flags', { key: 'from-node-one' });
      await first.api('PATCH', '/api/v1/projects/default/flags/from-node-one/environments/production', { on: true });
      await first.api('PATCH', '/api/v1/projects/default/flags/from-node-one/environments/production', { on: false });
      await first.api('PATCH', '/api/v1/projects/default/flags/from-node-one/environments/production', { on: true });
      await arrived;
      const production = heard.filter(
        (change) => (change.payload as { on: boolean }).on !== undefined && change.revision > 1,
      );
      expect(production.map((change) => change.revision)).toEqual([2, 3, 4]);
      expect(production.map((change) => (change.payload as { on: boolean }).on)).toEqual([true, false, true]);
    } finally {
      await second.close();
      await store.db.destroy();
      await first.close();
    }
  });
});
