import { compile, eppoContext } from '@vexil/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eppoCases,
  eppoConfiguration,
  EXPECTED_TYPE,
  importableConfiguration,
  readEppoJson,
} from '../../engine/test/support/eppo.js';
import { loadRuleset } from '../src/rulesets/load.js';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Eppo's shared suite (read in place from `../shared`), without the flags Vexil refuses to store. */
const everything = eppoConfiguration();
const valid = importableConfiguration();
const cases = eppoCases()
  .map(({ suite }) => suite)
  .filter((suite) => suite.flag in valid.flags);

describe.each(await testDialects())('Eppo import on %s', (dialect) => {
  let server: TestServer;
  const importInto = (environment: string, body: unknown, token?: string) =>
    server.api('POST', `/api/v1/projects/default/environments/${environment}/import/eppo`, body, token);
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  async function environmentId(key: string): Promise<string> {
    return (
      await server.ctx.db.selectFrom('environments').select('id').where('key', '=', key).executeTakeFirstOrThrow()
    ).id;
  }
  async function counts() {
    const count = async (table: 'flags' | 'flagStates' | 'segments' | 'auditLog' | 'changes') =>
      Number(
        (
          await server.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      flags: await count('flags'),
      states: await count('flagStates'),
      segments: await count('segments'),
      audit: await count('auditLog'),
      changes: await count('changes'),
    };
  }

  it('creates every flag of the document, and they serve what Eppo assigns', async () => {
    const response = await importInto('production', valid);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ created: Object.keys(valid.flags), updated: [], unchanged: [] });
    expect(cases.length).toBeGreaterThanOrEqual(15);

    const ruleset = compile((await loadRuleset(server.ctx.db, await environmentId('production')))!);
    expect(ruleset.problems).toEqual([]);
    for (const suite of cases) {
      for (const subject of suite.subjects) {
        const result = ruleset.evaluate(
          suite.flag,
          eppoContext(subject.subjectKey, subject.subjectAttributes),
          suite.defaultValue as never,
          EXPECTED_TYPE[suite.variationType],
        );
        expect(result.value, `${suite.flag} for ${subject.subjectKey}`).toEqual(subject.assignment);
      }
    }
  });

  it('keeps Eppo allocation keys that are not Vexil keys as names, and makes each rules segment the environment’s own', async () => {
    const flag = await server.api('GET', '/api/v1/projects/default/flags/integer-flag');
    const allocations = flag.body.environments.production.allocations;
    expect(allocations.map((allocation: { id: string; name?: string }) => [allocation.id, allocation.name])).toEqual([
      ['targeted-allocation', 'targeted allocation'],
      ['50-50-split', '50/50 split'],
    ]);
    expect(allocations[0].conditions).toEqual([{ segment: 'eppo.production.integer-flag.targeted-allocation' }]);
    const segment = await server.api(
      'GET',
      '/api/v1/projects/default/segments/eppo.production.integer-flag.targeted-allocation',
    );
    expect(segment.status).toBe(200);
    expect(segment.body.rules).toHaveLength(2);
  });

  it('leaves new flags off in the other environments', async () => {
    const flag = await server.api('GET', '/api/v1/projects/default/flags/kill-switch');
    expect(flag.body).toMatchObject({ type: 'boolean', temporary: true, clientSideAvailable: false });
    expect(flag.body.environments.production.on).toBe(true);
    expect(flag.body.environments.staging).toMatchObject({
      on: false,
      offVariation: 'off',
      fallthrough: { variation: 'on' },
    });
    const staging = compile((await loadRuleset(server.ctx.db, await environmentId('staging')))!);
    expect(staging.evaluate('kill-switch', { key: 'alice', country: 'US' })).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });
  });

  it('announces each flag to the SDKs of every environment and audits the import', async () => {
    const changes = await server.ctx.db
      .selectFrom('changes')
      .select(['environmentId', 'kind', 'key'])
      .where('key', '=', 'kill-switch')
      .execute();
    expect(changes).toHaveLength(3);
    const segmentChanges = await server.ctx.db
      .selectFrom('changes')
      .select('environmentId')
      .where('kind', '=', 'segment')
      .execute();
    expect(segmentChanges).toHaveLength(2 * 3); // two rules segments, three environments
    const entries = await server.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'resourceKey', 'after'])
      .where('action', 'like', '%')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(entries[0]).toMatchObject({ action: 'import.eppo', resourceKey: 'production' });
    expect(JSON.parse(entries[0]?.after ?? '{}')).toMatchObject({
      source: { format: 'SERVER', createdAt: '2024-04-17T19:40:53.716Z', environment: 'Test' },
      created: Object.keys(valid.flags),
    });
    const created = await server.ctx.db
      .selectFrom('auditLog')
      .select('resourceKey')
      .where('action', '=', 'flag.created')
      .execute();
    expect(created.map((entry) => entry.resourceKey).sort()).toEqual(Object.keys(valid.flags).sort());
  });

  it('changes nothing when the same document is imported again', async () => {
    const before = await counts();
    const again = await importInto('production', valid);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: [], updated: [], unchanged: Object.keys(valid.flags) });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('updates a flag’s variations and state, keeping its name and the other environments’ state', async () => {
    await server.api('PATCH', '/api/v1/projects/default/flags/integer-flag', { name: 'Integer flag' });
    await server.api('PATCH', '/api/v1/projects/default/flags/integer-flag/environments/staging', { on: true });
    const integerFlag = structuredClone(valid.flags['integer-flag']!);
    integerFlag.variations.four = { key: 'four', value: 4 };
    integerFlag.allocations = integerFlag.allocations.filter((allocation) => allocation.key !== 'targeted allocation');
    const response = await importInto('production', {
      ...valid,
      flags: { ...valid.flags, 'integer-flag': integerFlag },
    });
    expect(response.status).toBe(200);
    expect(response.body.updated).toEqual(['integer-flag']);
    expect(response.body.unchanged).toHaveLength(Object.keys(valid.flags).length - 1);

    const flag = await server.api('GET', '/api/v1/projects/default/flags/integer-flag');
    expect(flag.body.name).toBe('Integer flag');
    expect(flag.body.variations.map((variation: { key: string }) => variation.key)).toContain('four');
    expect(flag.body.environments.production.allocations.map((allocation: { id: string }) => allocation.id)).toEqual([
      '50-50-split',
    ]);
    expect(flag.body.environments.staging.on).toBe(true);
    // The rules segment of the allocation that went away goes with it.
    expect(
      (await server.api('GET', '/api/v1/projects/default/segments/eppo.production.integer-flag.targeted-allocation'))
        .status,
    ).toBe(404);
  });

  it('keeps each environment’s imported rules apart', async () => {
    const response = await importInto('development', {
      ...valid,
      flags: { 'integer-flag': valid.flags['integer-flag']! },
    });
    expect(response.body).toEqual({ created: [], updated: ['integer-flag'], unchanged: [] });
    expect(
      (await server.api('GET', '/api/v1/projects/default/segments/eppo.development.integer-flag.targeted-allocation'))
        .status,
    ).toBe(200);
    const production = await server.api('GET', '/api/v1/projects/default/flags/integer-flag');
    expect(production.body.environments.production.allocations).toHaveLength(1);
  });

  it('refuses a document with invalid flags as a whole, naming each problem, and writes nothing', async () => {
    const before = await counts();
    const response = await importInto('staging', everything);
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('https://vexil.dev/problems/validation');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'flags.empty_flag.variations', message: 'needs at least two variations' },
        { path: 'flags.invalid-value-flag.variations[1].value', message: expect.stringContaining('whole number') },
        { path: 'flags.start-and-end-date-test.allocations[1].serve.variation', message: 'unknown variation "future"' },
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses an update that would break the flag’s state in another environment', async () => {
    await server.api('POST', '/api/v1/projects/default/flags', {
      key: 'banner',
      type: 'string',
      variations: [
        { key: 'a', value: 'A' },
        { key: 'b', value: 'B' },
      ],
      environments: { staging: { on: true, fallthrough: { variation: 'b' } } },
    });
    const before = await counts();
    const banner = {
      key: 'banner',
      enabled: true,
      variationType: 'STRING',
      totalShards: 10000,
      variations: { a: { key: 'a', value: 'A' }, c: { key: 'c', value: 'C' } },
      allocations: [],
    };
    const response = await importInto('production', { flags: { banner } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'flags.banner', message: 'in environment "staging": fallthrough.variation unknown variation "b"' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses documents it cannot read, naming the field', async () => {
    const before = await counts();
    const missing = await importInto('staging', { format: 'SERVER' });
    expect(missing.body.errors).toEqual([{ path: 'flags', message: 'is required' }]);
    const empty = await importInto('staging', { flags: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('flags');

    const killSwitch = valid.flags['kill-switch']!;
    const wrongType = await importInto('staging', { flags: { 'kill-switch': { ...killSwitch, enabled: 'yes' } } });
    expect(wrongType.body.errors).toEqual([{ path: 'flags.kill-switch.enabled', message: 'must be boolean' }]);
    const operator = structuredClone(killSwitch);
    (operator.allocations[0]!.rules![0]!.conditions[0] as { operator: string }).operator = 'SOUNDS_LIKE';
    const badOperator = await importInto('staging', { flags: { 'kill-switch': operator } });
    expect(badOperator.body.errors[0].path).toBe('flags.kill-switch.allocations[0].rules[0].conditions[0].operator');
    const renamed = await importInto('staging', { flags: { other: killSwitch } });
    expect(renamed.body.errors).toEqual([
      { path: 'flags.other.key', message: 'must be the flag\'s key in flags ("other")' },
    ]);

    const obfuscated = await importInto('staging', readEppoJson('flags-v1-obfuscated.json'));
    expect(obfuscated.status).toBe(400);
    expect(obfuscated.body.errors).toEqual([
      { path: 'format', message: 'must be SERVER: the obfuscated CLIENT format cannot be imported' },
    ]);

    const malformed = await importInto('staging', '{"flags": {');
    expect(malformed.body.type).toBe('https://vexil.dev/problems/malformed-json');
    expect((await importInto('moon', valid)).status).toBe(404);
    expect((await server.api('POST', '/api/v1/projects/nowhere/environments/staging/import/eppo', valid)).status).toBe(
      404,
    );
    expect(await counts()).toEqual(before);
  });

  it('accepts documents of several megabytes, up to 10 MiB', async () => {
    const long = (letter: string) => letter.repeat(1024 * 1024);
    const big = {
      key: 'big',
      enabled: true,
      variationType: 'STRING',
      totalShards: 10000,
      variations: { a: { key: 'a', value: long('a') }, b: { key: 'b', value: long('b') } },
      allocations: [],
    };
    const accepted = await importInto('staging', { flags: { big } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.created).toEqual(['big']);
    const huge = {
      ...big,
      variations: { a: { key: 'a', value: long('a').repeat(6) }, b: { key: 'b', value: long('b').repeat(6) } },
    };
    const refused = await importInto('staging', { flags: { big: huge } });
    expect(refused.status).toBe(413);
    expect(refused.body.type).toBe('https://vexil.dev/problems/too-large');
  });

  it('imports 10,000 flags in one document: every flag, state, audit entry and change record', async () => {
    // More rows than either database binds in one statement (SQLite 32,766 and PostgreSQL 65,535 parameters).
    const flags = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, index) => {
        const key = `bulk-${String(index).padStart(5, '0')}`;
        const flag = {
          key,
          enabled: true,
          variationType: 'BOOLEAN',
          totalShards: 10000,
          variations: { on: { key: 'on', value: true }, off: { key: 'off', value: false } },
          allocations: [{ key: 'all', splits: [{ variationKey: 'on', shards: [] }], doLog: false }],
        };
        return [key, flag];
      }),
    );
    const before = await counts();
    const response = await importInto('development', { flags });
    expect(response.status).toBe(200);
    expect(response.body.created).toHaveLength(10_000);
    const after = await counts();
    expect(after.flags - before.flags).toBe(10_000);
    expect(after.states - before.states).toBe(30_000);
    expect(after.audit - before.audit).toBe(10_001);

    // Each environment's changes are numbered one after another; the replay window keeps the newest.
    const development = await environmentId('development');
    const revisions = (
      await server.ctx.db
        .selectFrom('changes')
        .select('revision')
        .where('environmentId', '=', development)
        .orderBy('revision')
        .execute()
    ).map((row) => Number(row.revision));
    const { revision } = await server.ctx.db
      .selectFrom('environments')
      .select('revision')
      .where('id', '=', development)
      .executeTakeFirstOrThrow();
    expect(revisions.at(-1)).toBe(Number(revision));
    expect(revisions).toEqual(
      Array.from({ length: server.ctx.config.replayWindow }, (_, i) => Number(revision) - revisions.length + 1 + i),
    );
    const ruleset = compile((await loadRuleset(server.ctx.db, development))!);
    expect(ruleset.evaluate('bulk-09999', { key: 'ada' }, false).value).toBe(true);
  }, 120_000);

  it('needs the right to manage the environment and to change the project’s flags', async () => {
    const token = async (roles: unknown[]) =>
      (await server.api('POST', '/api/v1/api-tokens', { name: 't', roles })).body.token as string;
    const document = { flags: { 'kill-switch': valid.flags['kill-switch']! } };
    expect((await importInto('production', document, await token([{ role: 'editor' }]))).status).toBe(403);
    // Admin of production alone would change definitions every environment shares.
    const productionAdmin = await token([
      { role: 'viewer', project: 'default' },
      { role: 'admin', project: 'default', environment: 'production' },
    ]);
    expect((await importInto('production', document, productionAdmin)).status).toBe(403);
    expect(
      (await importInto('production', document, await token([{ role: 'admin', project: 'default' }]))).status,
    ).toBe(200);
  });
});
