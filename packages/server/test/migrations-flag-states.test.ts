import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, type EvaluationContext, type FlagConfig, type FlagState, type Segment } from '@vexil/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, configFromEnvironment, migrate, openDatabase, ServerContext, type Store } from '../src/index.js';
import type { Api } from '../src/http/api.js';
import { loadRuleset } from '../src/rulesets/load.js';
import { createPostgresDatabase, testDialects } from './support/databases.js';
import { ADMIN_TOKEN } from './support/server.js';

/**
 * An upgrade with flags stored by a release before the engine refused some forms (0007) and before
 * the prerequisite graph had its table (0006): every stored flag can be saved again — switched off
 * above all — it serves exactly what it served, and saves see the prerequisites it had.
 */
const VARIATIONS = [
  { key: 'on', value: true },
  { key: 'off', value: false },
];

/** As an earlier release stored it: values on exists/not_exists, "bob" in two user target lists. */
const LEGACY_STATE: FlagState = {
  on: true,
  offVariation: 'off',
  prerequisites: [{ flag: 'base', variations: ['on'] }],
  targets: [
    { variation: 'on', values: ['ada', 'bob'] },
    { variation: 'off', values: ['bob', 'cy', 'cy'] },
    { contextKind: 'org', variation: 'on', values: ['bob'] },
  ],
  allocations: [
    { id: 'staff', conditions: [{ segment: 'staff' }], serve: { variation: 'off' } },
    {
      id: 'has-email',
      conditions: [{ attribute: 'email', operator: 'exists', values: ['ignored'] }],
      serve: { variation: 'on' },
    },
    {
      id: 'no-plan',
      conditions: [{ attribute: 'plan', operator: 'not_exists', values: [1] }],
      serve: { variation: 'off' },
    },
  ],
  fallthrough: { variation: 'on' },
};
const LEGACY_SEGMENT = {
  name: 'Staff',
  rules: [{ clauses: [{ attribute: 'staff', operator: 'exists', values: [true] }] }],
};
const BASE_STATE: FlagState = { on: true, offVariation: 'off', fallthrough: { variation: 'on' } };

const CONTEXTS: EvaluationContext[] = [
  { key: 'ada' },
  { key: 'bob' },
  { key: 'cy' },
  { kind: 'org', key: 'bob' },
  { kind: 'multi', user: { key: 'bob' }, org: { key: 'bob' } },
  { key: 'dan', email: 'dan@example.com' },
  { key: 'eve', plan: 'pro' },
  { key: 'fay', plan: 'pro', staff: false },
  { key: 'gus', email: 'gus@example.com', staff: 'yes' },
];

describe.each(await testDialects())('upgrading stored flags on %s', (dialect) => {
  let store: Store;
  let ctx: ServerContext;
  let app: Api;
  let url: string;
  let cleanup: () => Promise<void>;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/api/v1/projects/default${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vexil-upgrade-'));
    const postgres = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
    const config = {
      ...configFromEnvironment({}),
      dataDir,
      databaseUrl: postgres?.url,
      adminToken: ADMIN_TOKEN,
      logLevel: 'silent' as const,
    };
    store = await openDatabase(config);
    // The schema and rows of a server from before 0006, written as that release wrote them.
    await migrate(store.db, store.dialect, '0004_console');
    const now = new Date().toISOString();
    const run = (query: ReturnType<typeof sql>) => query.execute(store.db);
    await run(sql`insert into organizations (id, key, name, created_at) values ('org', 'default', 'Org', ${now})`);
    await run(
      sql`insert into projects (id, organization_id, key, name, description, created_at) values ('project', 'org', 'default', 'Default', '', ${now})`,
    );
    for (const [position, key] of ['development', 'production'].entries())
      await run(
        sql`insert into environments (id, project_id, key, name, position, revision, created_at) values (${key}, 'project', ${key}, ${key}, ${position}, 0, ${now})`,
      );
    for (const key of ['base', 'legacy'])
      await run(
        sql`insert into flags (id, project_id, key, definition, archived, version, created_at, updated_at) values (${key}, 'project', ${key}, ${JSON.stringify({ type: 'boolean', variations: VARIATIONS, temporary: true, clientSideAvailable: false })}, 0, 1, ${now}, ${now})`,
      );
    const states: [string, string, FlagState][] = [
      ['base', 'development', BASE_STATE],
      ['base', 'production', BASE_STATE],
      ['legacy', 'development', { on: false, offVariation: 'off', fallthrough: { variation: 'on' } }],
      ['legacy', 'production', LEGACY_STATE],
    ];
    for (const [flag, environment, state] of states)
      await run(
        sql`insert into flag_states (flag_id, environment_id, state, version, updated_at) values (${flag}, ${environment}, ${JSON.stringify(state)}, 7, ${now})`,
      );
    await run(
      sql`insert into segments (id, project_id, key, definition, version, created_at, updated_at) values ('staff', 'project', 'staff', ${JSON.stringify(LEGACY_SEGMENT)}, 1, ${now}, ${now})`,
    );

    await migrate(store.db, store.dialect);
    ctx = new ServerContext(config, store);
    await ctx.start();
    app = await buildApp(ctx, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    cleanup = async () => {
      await ctx.close();
      await app.close();
      await store.db.destroy();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  it('rewrites the stored state to the accepted form of the same meaning, keeping its version', async () => {
    const legacy = (await api('GET', '/flags/legacy')).body.environments.production;
    expect(legacy.version).toBe(7);
    expect(legacy.targets).toEqual([
      { variation: 'on', values: ['ada', 'bob'] },
      { variation: 'off', values: ['cy', 'cy'] },
      { contextKind: 'org', variation: 'on', values: ['bob'] },
    ]);
    expect(legacy.allocations.map((allocation: { conditions: unknown }) => allocation.conditions)).toEqual([
      [{ segment: 'staff' }],
      [{ attribute: 'email', operator: 'exists', values: [] }],
      [{ attribute: 'plan', operator: 'not_exists', values: [] }],
    ]);
    const segment = (await api('GET', '/segments/staff')).body;
    expect(segment.rules).toEqual([{ clauses: [{ attribute: 'staff', operator: 'exists', values: [] }] }]);
    // What needed no rewriting is left byte for byte.
    const base = await store.db.selectFrom('flagStates').select('state').where('flagId', '=', 'base').execute();
    expect(base.map((row) => row.state)).toEqual([JSON.stringify(BASE_STATE), JSON.stringify(BASE_STATE)]);
  });

  it('serves every context what the flag served before the upgrade', async () => {
    const flag = (key: string, state: FlagState): FlagConfig => ({
      key,
      type: 'boolean',
      variations: VARIATIONS,
      ...state,
    });
    const before = compile({
      flags: [flag('base', BASE_STATE), flag('legacy', LEGACY_STATE)],
      segments: [{ key: 'staff', ...LEGACY_SEGMENT } as Segment],
    });
    const after = compile((await loadRuleset(store.db, 'production'))!);
    for (const context of CONTEXTS)
      expect(after.evaluate('legacy', context), JSON.stringify(context)).toEqual(before.evaluate('legacy', context));
  });

  it('lets every stored flag be switched off, and saved again as it is', async () => {
    const off = await api('PATCH', '/flags/legacy/environments/production', { on: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const segment = await api('PATCH', '/segments/staff', { name: 'Staff members' });
    expect(segment.status, JSON.stringify(segment.body)).toBe(200);
  });

  it('fills the prerequisite graph from the stored states', async () => {
    const edges = await store.db.selectFrom('flagPrerequisites').selectAll().execute();
    expect(edges).toEqual([{ flagId: 'legacy', environmentId: 'production', prerequisiteKey: 'base' }]);
    const archive = await api('POST', '/flags/base/archive');
    expect(archive.status).toBe(409);
    expect(archive.body.detail).toBe('Cannot archive flag "base": it is a prerequisite of "legacy"');
  });
});
