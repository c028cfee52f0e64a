import type { FlagState } from '@vexil/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Saving flags (issue 12, items 14, 16 and 17): a save reads only the flags it touches, found
 * through the prerequisite graph kept beside the states; prerequisites follow the same rule as
 * archiving (a live flag never requires an archived one); creating with `environments` is creating
 * and then PATCHing; If-Match names a version in decimal digits.
 */
const flags = '/api/v1/projects/default/flags';
const requires = (flag: string, variations = ['on']) => ({ prerequisites: [{ flag, variations }] });

describe.each(await testDialects())('saving flags on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  const create = async (key: string, environments?: Record<string, unknown>) => {
    const created = await server.api('POST', flags, { key, ...(environments ? { environments } : {}) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  /** Every (flag, environment, required flag) the stored states name, as the graph table must hold them. */
  async function graphFromStates(): Promise<string[]> {
    const rows = await server.ctx.db
      .selectFrom('flagStates')
      .innerJoin('flags', 'flags.id', 'flagStates.flagId')
      .innerJoin('environments', 'environments.id', 'flagStates.environmentId')
      .select(['flags.key', 'environments.key as environment', 'flagStates.state'])
      .execute();
    return rows
      .flatMap((row) =>
        ((JSON.parse(row.state) as FlagState).prerequisites ?? []).map(
          (prerequisite) => `${row.key} ${row.environment} → ${prerequisite.flag}`,
        ),
      )
      .sort();
  }
  async function graphTable(): Promise<string[]> {
    const rows = await server.ctx.db
      .selectFrom('flagPrerequisites')
      .innerJoin('flags', 'flags.id', 'flagPrerequisites.flagId')
      .innerJoin('environments', 'environments.id', 'flagPrerequisites.environmentId')
      .select(['flags.key', 'environments.key as environment', 'flagPrerequisites.prerequisiteKey'])
      .execute();
    return rows.map((row) => `${row.key} ${row.environment} → ${row.prerequisiteKey}`).sort();
  }

  describe('reads only the flags a save touches', () => {
    // A flag whose stored state cannot even be parsed: any save that read every flag would fail on it.
    beforeAll(async () => {
      await create('bystander');
      await create('chain-a');
      await create('chain-b', { production: requires('chain-a') });
      await server.ctx.db
        .updateTable('flagStates')
        .set({ state: '{"not json' })
        .where('flagId', '=', server.ctx.db.selectFrom('flags').select('id').where('key', '=', 'bystander'))
        .execute();
    });
    afterAll(async () => {
      await server.ctx.db
        .updateTable('flagStates')
        .set({ state: JSON.stringify({ on: false, offVariation: 'off', fallthrough: { variation: 'on' } }) })
        .where('flagId', '=', server.ctx.db.selectFrom('flags').select('id').where('key', '=', 'bystander'))
        .execute();
    });

    it('creates, changes and turns flags on and off without reading unrelated ones', async () => {
      await create('chain-c', { production: { on: true, ...requires('chain-b') } });
      const toggled = await server.api('PATCH', `${flags}/chain-b/environments/production`, { on: true });
      expect(toggled.status, JSON.stringify(toggled.body)).toBe(200);
      const replaced = await server.api('PUT', `${flags}/chain-a/environments/staging`, {
        on: true,
        fallthrough: { variation: 'off' },
      });
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
      const renamed = await server.api('PATCH', `${flags}/chain-a`, { name: 'Chain A' });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    });

    it('still finds a cycle through the flags a save reaches', async () => {
      const cycle = await server.api('PATCH', `${flags}/chain-a/environments/production`, requires('chain-c'));
      expect(cycle.status).toBe(400);
      expect(cycle.body.errors).toContainEqual({ path: 'prerequisites', message: 'would create a prerequisite cycle' });
    });

    it('still refuses to drop a variation a flag requiring it uses', async () => {
      const removed = await server.api('PATCH', `${flags}/chain-a`, {
        variations: [
          { key: 'yes', value: true },
          { key: 'off', value: false },
        ],
      });
      expect(removed.status).toBe(409);
      expect(removed.body.errors).toContainEqual({
        path: 'variations',
        message: 'flag "chain-b" requires variation "on" in production (prerequisites[0].variations)',
      });
    });

    it('archives, restores and deletes without reading unrelated flags, and still sees who requires what', async () => {
      const refused = await server.api('POST', `${flags}/chain-b/archive`);
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toBe('Cannot archive flag "chain-b": it is a prerequisite of "chain-c"');
      expect((await server.api('POST', `${flags}/archive`, { keys: ['chain-c', 'chain-b'] })).status).toBe(200);
      expect((await server.api('POST', `${flags}/chain-b/restore`)).status).toBe(200);
      expect((await server.api('DELETE', `${flags}/chain-c`)).status).toBe(204);
    });
  });

  it('keeps the prerequisite graph in step with the states, whichever way they are written', async () => {
    await create('graph-base');
    await create('graph-other');
    await create('graph-user', { development: requires('graph-base'), staging: requires('graph-base') });
    await server.api('PUT', `${flags}/graph-user/environments/development`, {
      on: false,
      prerequisites: [
        { flag: 'graph-other', variations: ['on'] },
        { flag: 'graph-base', variations: ['off'] },
      ],
    });
    await server.api('PATCH', `${flags}/graph-user/environments/staging`, { prerequisites: [] });
    await create('graph-imported', { production: requires('graph-base') });
    // An import replaces the state of the environment it imports into, prerequisites included.
    const imported = await server.api('POST', '/api/v1/projects/default/environments/production/import/eppo', {
      flags: {
        'graph-imported': {
          key: 'graph-imported',
          enabled: true,
          variationType: 'BOOLEAN',
          totalShards: 10000,
          variations: { on: { key: 'on', value: true }, off: { key: 'off', value: false } },
          allocations: [],
        },
      },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    await create('graph-gone', { staging: requires('graph-base') });
    expect((await server.api('DELETE', `${flags}/graph-gone`)).status).toBe(204);
    await server.api('POST', '/api/v1/projects/default/environments', { key: 'qa' });
    await create('graph-qa', { qa: requires('graph-base') });
    expect((await server.api('DELETE', '/api/v1/projects/default/environments/qa')).status).toBe(204);

    const table = await graphTable();
    expect(table).toEqual(await graphFromStates());
    expect(table.filter((edge) => edge.startsWith('graph-'))).toEqual([
      'graph-user development → graph-base',
      'graph-user development → graph-other',
    ]);
  });

  describe('a live flag never requires an archived one (item 14)', () => {
    beforeAll(async () => {
      await create('retired');
      await create('current');
      expect((await server.api('POST', `${flags}/retired/archive`)).status).toBe(200);
    });

    it('refuses to create a flag requiring an archived flag, naming the field', async () => {
      const refused = await server.api('POST', flags, {
        key: 'needs-retired',
        environments: { production: { on: true, ...requires('retired') } },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        {
          path: 'environments.production.prerequisites[0].flag',
          message: 'flag "retired" is archived: restore it first, or require another flag',
        },
      ]);
      expect((await server.api('GET', `${flags}/needs-retired`)).status).toBe(404);
    });

    it('refuses a state requiring an archived flag, with PUT and PATCH', async () => {
      const put = await server.api('PUT', `${flags}/current/environments/staging`, {
        on: true,
        ...requires('retired'),
      });
      expect(put.status).toBe(400);
      expect(put.body.errors).toEqual([
        {
          path: 'prerequisites[0].flag',
          message: 'flag "retired" is archived: restore it first, or require another flag',
        },
      ]);
      const patch = await server.api('PATCH', `${flags}/current/environments/staging`, {
        prerequisites: [
          { flag: 'chain-a', variations: ['on'] },
          { flag: 'retired', variations: ['off'] },
        ],
      });
      expect(patch.status).toBe(400);
      expect(patch.body.errors.map((error: { path: string }) => error.path)).toEqual(['prerequisites[1].flag']);
    });

    it('lets an archived flag require another archived flag, and restores them in order', async () => {
      await create('retired-too');
      expect((await server.api('POST', `${flags}/retired-too/archive`)).status).toBe(200);
      const saved = await server.api('PATCH', `${flags}/retired-too/environments/staging`, requires('retired'));
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      const early = await server.api('POST', `${flags}/retired-too/restore`);
      expect(early.status).toBe(409);
      expect(early.body.detail).toBe(
        'Cannot restore flag "retired-too": it requires flag "retired", which is archived, in staging. Restore those first, or change its prerequisites.',
      );
      expect((await server.api('POST', `${flags}/retired/restore`)).status).toBe(200);
      expect((await server.api('POST', `${flags}/retired-too/restore`)).status).toBe(200);
      expect((await server.api('POST', `${flags}/retired/archive`)).status).toBe(409);
      await server.api('PATCH', `${flags}/retired-too/environments/staging`, { prerequisites: [] });
      expect((await server.api('POST', `${flags}/retired/archive`)).status).toBe(200);
    });

    it('does not restore a flag requiring a flag deleted while it was archived', async () => {
      await create('short-lived');
      await create('orphan', { development: requires('short-lived'), production: requires('short-lived') });
      expect((await server.api('POST', `${flags}/orphan/archive`)).status).toBe(200);
      expect((await server.api('DELETE', `${flags}/short-lived`)).status).toBe(204);
      const restored = await server.api('POST', `${flags}/orphan/restore`);
      expect(restored.status).toBe(409);
      expect(restored.body.detail).toBe(
        'Cannot restore flag "orphan": it requires flag "short-lived", which is deleted, in development, production. Restore (or create) those first, or change its prerequisites.',
      );
    });

    it('still switches off a flag stored requiring an archived flag before this rule', async () => {
      // As an earlier release could store it: a live flag requiring a flag archived afterwards.
      await create('legacy', { production: { on: true, ...requires('current') } });
      const current = await server.ctx.db
        .selectFrom('flags')
        .select('id')
        .where('key', '=', 'current')
        .executeTakeFirstOrThrow();
      await server.ctx.db.updateTable('flags').set({ archived: 1 }).where('id', '=', current.id).execute();
      try {
        const off = await server.api('PATCH', `${flags}/legacy/environments/production`, { on: false });
        expect(off.status, JSON.stringify(off.body)).toBe(200);
        // Naming it again is no new requirement; naming it elsewhere is.
        const kept = await server.api('PATCH', `${flags}/legacy/environments/production`, { on: true });
        expect(kept.status, JSON.stringify(kept.body)).toBe(200);
        const elsewhere = await server.api('PATCH', `${flags}/legacy/environments/staging`, requires('current'));
        expect(elsewhere.status).toBe(400);
      } finally {
        await server.ctx.db.updateTable('flags').set({ archived: 0 }).where('id', '=', current.id).execute();
      }
    });
  });

  describe('creating with environments (item 16)', () => {
    it('is creating the flag off and then PATCHing each environment given', async () => {
      const state = { on: true, allocations: [{ id: 'staff', serve: { variation: 'on' } }] };
      const direct = await create('created-on', { production: state });
      await create('patched-on');
      const patched = await server.api('PATCH', `${flags}/patched-on/environments/production`, state);
      expect(patched.status).toBe(200);
      const { version: _direct, updatedAt: _at, ...created } = direct.environments.production;
      const { version: _patched, updatedAt: _then, ...afterPatch } = patched.body;
      expect(created).toEqual(afterPatch);
      expect(created).toEqual({ ...state, offVariation: 'off', fallthrough: { variation: 'on' } });
    });

    it('refuses an allocation without an id with a 400 naming the field, wherever a state is written', async () => {
      const allocations = [{ name: 'Beta users', serve: { variation: 'on' } }];
      const created = await server.api('POST', flags, {
        key: 'no-id',
        environments: { production: { on: true, allocations } },
      });
      expect(created.status).toBe(400);
      expect(created.body.errors).toEqual([
        { path: 'environments.production.allocations[0].id', message: 'is required' },
      ]);
      for (const method of ['PUT', 'PATCH']) {
        const saved = await server.api(method, `${flags}/chain-a/environments/production`, { on: true, allocations });
        expect(saved.status).toBe(400);
        expect(saved.body.errors).toEqual([{ path: 'allocations[0].id', message: 'is required' }]);
      }
    });
  });

  describe('If-Match', () => {
    const path = `${flags}/chain-a/environments/development`;
    const patch = (ifMatch: string) =>
      fetch(`${server.url}${path}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'if-match': ifMatch },
        body: JSON.stringify({ on: false }),
      });
    const version = async () => (await server.api('GET', `${flags}/chain-a`)).body.environments.development.version;

    it('takes a version in decimal digits only: hex, exponents and empty tags are a 400', async () => {
      const current = await version();
      for (const tag of [
        `"0x${current.toString(16)}"`,
        `"${current}e0"`,
        '""',
        '',
        ' ',
        `"${current}.0"`,
        `"+${current}"`,
      ]) {
        const response = await patch(tag);
        expect(response.status, tag).toBe(400);
        expect(((await response.json()) as { errors: unknown }).errors).toEqual([
          { path: 'headers.if-match', message: 'must be a version number' },
        ]);
      }
      expect(await version()).toBe(current);
    });

    it('matches the version as a strong or weak tag, or bare; * matches any', async () => {
      const forms = [(n: number) => `"${n}"`, (n: number) => `W/"${n}"`, (n: number) => `${n}`, () => '*'];
      for (const form of forms) {
        const current = await version();
        expect((await patch(form(current))).status).toBe(200);
        expect(await version()).toBe(current + 1);
      }
      expect((await patch(`"${(await version()) - 1}"`)).status).toBe(412);
    });
  });
});
