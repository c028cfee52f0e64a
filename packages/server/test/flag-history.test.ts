import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diff, type Change } from '../src/audit/diff.js';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * PRODUCT.md §1 "Scheduled changes, approvals, history": every flag has a version history with
 * diff and revert. The history is the flag's audit entries; a revert undoes one of them through
 * the same edit a person would make, and is recorded as a change of its own.
 */

interface HistoryEntry {
  id: number;
  createdAt: string;
  actor: { type: string; id: string; name: string };
  action: string;
  environment: string | null;
  before: any;
  after: any;
  diff: Change[];
  reverts: number | null;
}

const STAFF = {
  id: 'staff',
  conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
  serve: { variation: 'on' },
};

describe.each(await testDialects())('flag history on %s', (dialect) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let productionKey: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const [name, roles] of Object.entries({
      editor: [{ role: 'editor', project: 'default' }],
      viewer: [{ role: 'viewer', project: 'default' }],
      'staging editor': [
        { role: 'editor', project: 'default' },
        { role: 'viewer', project: 'default', environment: 'production' },
      ],
      'production viewer': [{ role: 'viewer', project: 'default', environment: 'production' }],
    })) {
      tokens[name] = (await server.api('POST', '/api/v1/api-tokens', { name, roles })).body.token;
    }
    productionKey = (
      await server.api('POST', '/api/v1/projects/default/environments/production/sdk-keys', {
        name: 'history test',
        kind: 'server',
      })
    ).body.key;
  });
  afterAll(() => server.close());

  const flagPath = (flag: string) => `/api/v1/projects/default/flags/${flag}`;
  const history = async (flag: string, query = '', token?: string) =>
    server.api('GET', `${flagPath(flag)}/history${query}`, undefined, token);
  const entries = async (flag: string, query = '', token?: string): Promise<HistoryEntry[]> =>
    (await history(flag, query, token)).body.entries;
  const revert = (flag: string, id: number | string, token?: string) =>
    server.api('POST', `${flagPath(flag)}/history/${id}/revert`, undefined, token);
  const create = async (flag: string, body: Record<string, unknown> = {}) =>
    expect((await server.api('POST', '/api/v1/projects/default/flags', { key: flag, ...body })).status).toBe(201);
  const edit = async (flag: string, body: unknown) =>
    expect((await server.api('PATCH', flagPath(flag), body)).status).toBe(200);
  const setState = async (flag: string, environment: string, body: unknown) =>
    expect((await server.api('PATCH', `${flagPath(flag)}/environments/${environment}`, body)).status).toBe(200);
  /** The flag as production's server SDKs get it. */
  async function inProductionConfig(flag: string): Promise<Record<string, unknown> | undefined> {
    const response = await fetch(`${server.url}/sdk/v1/config`, { headers: { authorization: productionKey } });
    const ruleset = (await response.json()) as { flags: { key: string }[] };
    return ruleset.flags.find((candidate) => candidate.key === flag);
  }
  async function auditCount(): Promise<number> {
    return Number(
      (
        await server.ctx.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }

  describe('GET /flags/{flag}/history', () => {
    beforeAll(async () => {
      await create('checkout');
      await edit('checkout', { name: 'Checkout', tags: ['web'] });
      await setState('checkout', 'production', { on: true, allocations: [STAFF] });
      await setState('checkout', 'staging', { on: true });
      await setState('checkout', 'production', { allocations: [{ ...STAFF, exposure: 50 }] });
    });

    it('lists changes to the definition and to every environment’s state, newest first, naming the actor', async () => {
      const response = await history('checkout');
      expect(response.status).toBe(200);
      expect(response.body.next).toBeNull();
      const list: HistoryEntry[] = response.body.entries;
      expect(list.map((entry) => [entry.action, entry.environment])).toEqual([
        ['flag.state.updated', 'production'],
        ['flag.state.updated', 'staging'],
        ['flag.state.updated', 'production'],
        ['flag.updated', null],
        ['flag.created', null],
      ]);
      const ids = list.map((entry) => entry.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      for (const entry of list) {
        expect(entry.actor).toEqual({ type: 'api-token', id: expect.any(String), name: 'first-start owner token' });
        expect(entry.reverts).toBeNull();
      }
    });

    it('diffs each entry field by field, leaving out versions and times', async () => {
      const [exposure, staging, rollout, definition, creation] = await entries('checkout');
      expect(exposure?.diff).toEqual([{ op: 'add', path: '/allocations/0/exposure', value: 50 }]);
      expect(staging?.diff).toEqual([{ op: 'replace', path: '/on', from: false, value: true }]);
      expect(rollout?.diff).toEqual([
        { op: 'replace', path: '/on', from: false, value: true },
        { op: 'add', path: '/allocations', value: [STAFF] },
      ]);
      expect(rollout?.before).toEqual({ on: false, offVariation: 'off', fallthrough: { variation: 'on' } });
      expect(definition?.diff).toEqual([
        { op: 'add', path: '/name', value: 'Checkout' },
        { op: 'add', path: '/tags', value: ['web'] },
      ]);
      expect(creation?.before).toBeNull();
      expect(creation?.diff).toHaveLength(1);
      expect(creation?.diff[0]).toMatchObject({ op: 'add', path: '', value: { key: 'checkout', type: 'boolean' } });
      expect(creation?.diff[0]).not.toHaveProperty('value.version');
    });

    it('filters by environment: the definition’s changes and that environment’s', async () => {
      const list = await entries('checkout', '?environment=staging');
      expect(list.map((entry) => [entry.action, entry.environment])).toEqual([
        ['flag.state.updated', 'staging'],
        ['flag.updated', null],
        ['flag.created', null],
      ]);
    });

    it('pages with before=<next> until next is null', async () => {
      const all = (await entries('checkout')).map((entry) => entry.id);
      const seen: number[] = [];
      let next: number | null = null;
      do {
        const page = await history('checkout', `?limit=2${next === null ? '' : `&before=${next}`}`);
        expect(page.status).toBe(200);
        expect(page.body.entries.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.entries.map((entry: HistoryEntry) => entry.id));
        next = page.body.next;
      } while (next !== null);
      expect(seen).toEqual(all);
    });

    it('starts at the flag’s creation: a flag deleted and created again under its key has a history of its own', async () => {
      await create('reborn');
      await edit('reborn', { name: 'First life' });
      expect((await server.api('DELETE', flagPath('reborn'))).status).toBe(204);
      await create('reborn');
      expect((await entries('reborn')).map((entry) => entry.action)).toEqual(['flag.created']);
    });

    it('hides the state changes of environments the reader may not read', async () => {
      const list = await entries('checkout', '', tokens['production viewer']);
      expect(list.map((entry) => entry.environment)).toEqual(['production', 'production', null, null]);
      expect(await entries('checkout', '', tokens.viewer)).toHaveLength(5);
    });

    it('answers 404 for an unknown flag or project and 400 naming a bad query parameter', async () => {
      expect((await history('no-such-flag')).status).toBe(404);
      expect((await server.api('GET', '/api/v1/projects/no-such-project/flags/checkout/history')).status).toBe(404);
      for (const [query, path] of [
        ['?limit=0', 'querystring.limit'],
        ['?limit=many', 'querystring.limit'],
        ['?before=0', 'querystring.before'],
        ['?before=99999999999', 'querystring.before'],
        ['?environment=a%20b', 'querystring.environment'],
        ['?flag=checkout', 'querystring.flag'],
      ]) {
        const response = await history('checkout', query);
        expect(response.status, query).toBe(400);
        expect(response.body.errors[0].path, query).toBe(path);
      }
    });
  });

  describe('POST /flags/{flag}/history/{entryId}/revert', () => {
    it('reverts a definition change: exactly the fields it changed go back, and SDKs see it', async () => {
      await create('banner', {
        type: 'string',
        variations: [
          { key: 'a', value: 'hello' },
          { key: 'b', value: 'bonjour' },
        ],
      });
      await edit('banner', { description: 'The welcome banner', clientSideAvailable: true });
      await edit('banner', { name: 'Banner' });
      const [, change] = await entries('banner');
      expect(change?.diff.map((operation) => operation.path)).toEqual(['/clientSideAvailable', '/description']);
      expect((await inProductionConfig('banner'))?.clientSideAvailable).toBe(true);

      const response = await revert('banner', change?.id as number, tokens.editor);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        action: 'flag.reverted',
        environment: null,
        reverts: change?.id,
        actor: { type: 'api-token', name: 'editor' },
      });
      expect(response.body.diff).toEqual([
        { op: 'remove', path: '/description', from: 'The welcome banner' },
        { op: 'replace', path: '/clientSideAvailable', from: true, value: false },
      ]);
      const flag = (await server.api('GET', flagPath('banner'))).body;
      expect(flag).toMatchObject({ name: 'Banner', clientSideAvailable: false });
      expect(flag).not.toHaveProperty('description');
      expect((await inProductionConfig('banner'))?.clientSideAvailable).toBe(false);
    });

    it('reverts a production state change through the edit’s own path: the fields it changed, the SDK config, the change record', async () => {
      await create('rollout');
      await setState('rollout', 'production', { on: true, allocations: [STAFF] });
      await setState('rollout', 'production', { fallthrough: { variation: 'off' } });
      const [, rollout] = await entries('rollout', '?environment=production');
      expect(rollout?.diff.map((operation) => operation.path)).toEqual(['/on', '/allocations']);
      const revision = (await server.api('GET', '/api/v1/projects/default/environments/production')).body.revision;

      const response = await revert('rollout', rollout?.id as number, tokens.editor);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        action: 'flag.state.reverted',
        environment: 'production',
        reverts: rollout?.id,
      });
      expect(response.body.after).toEqual({ on: false, offVariation: 'off', fallthrough: { variation: 'off' } });

      const state = (await server.api('GET', flagPath('rollout'))).body.environments.production;
      expect(state).toMatchObject({ on: false, fallthrough: { variation: 'off' } });
      expect(state).not.toHaveProperty('allocations');
      expect(await inProductionConfig('rollout')).toMatchObject({ on: false, fallthrough: { variation: 'off' } });
      const production = await server.ctx.db
        .selectFrom('environments')
        .select('id')
        .where('key', '=', 'production')
        .executeTakeFirstOrThrow();
      const record = await server.ctx.db
        .selectFrom('changes')
        .selectAll()
        .where('environmentId', '=', production.id)
        .where('revision', '=', revision + 1)
        .executeTakeFirstOrThrow();
      expect(record.key).toBe('rollout');
      expect(JSON.parse(record.payload as string)).not.toHaveProperty('allocations');
    });

    it('is written to the audit log as its own entry, naming the actor and the reverted entry', async () => {
      await create('audited');
      await setState('audited', 'staging', { on: true });
      const [change] = await entries('audited');
      const revision = await revert('audited', change?.id as number, tokens.editor);
      expect(revision.status).toBe(201);
      const log = await server.api('GET', '/api/v1/audit?resourceType=flag&resource=audited&limit=1');
      expect(log.body.entries[0]).toMatchObject({
        id: revision.body.id,
        actor: { type: 'api-token', name: 'editor' },
        action: 'flag.state.reverted',
        resource: { type: 'flag', key: 'audited' },
        environment: 'staging',
        before: { on: true },
        after: { on: false, reverts: change?.id },
      });
      const [latest] = await entries('audited');
      expect(latest).toEqual(revision.body);
    });

    it('reverts a revert, and an archive', async () => {
      await create('twice');
      await setState('twice', 'development', { on: true });
      const [change] = await entries('twice');
      const undone = await revert('twice', change?.id as number);
      const redone = await revert('twice', undone.body.id);
      expect(redone.status).toBe(201);
      expect(redone.body.reverts).toBe(undone.body.id);
      expect((await server.api('GET', flagPath('twice'))).body.environments.development.on).toBe(true);

      expect((await server.api('POST', `${flagPath('twice')}/archive`)).status).toBe(200);
      const [archive] = await entries('twice');
      expect((await revert('twice', archive?.id as number)).status).toBe(201);
      expect((await server.api('GET', flagPath('twice'))).body.archived).toBe(false);
    });

    it('answers 409 naming the fields that changed since the entry', async () => {
      await create('moved');
      await setState('moved', 'production', { on: true, allocations: [STAFF] });
      const [change] = await entries('moved');
      await setState('moved', 'production', { allocations: [{ ...STAFF, exposure: 10 }] });
      const before = await auditCount();
      const response = await revert('moved', change?.id as number);
      expect(response.status).toBe(409);
      expect(response.body.type).toBe('https://vexil.dev/problems/conflict');
      expect(response.body.errors).toEqual([{ path: 'allocations', message: `changed since entry ${change?.id}` }]);
      expect(response.body.detail).toContain('allocations');
      expect(await auditCount()).toBe(before);
    });

    it('answers 409 when the revert would leave the flag invalid, with the field at fault', async () => {
      await create('colours', {
        type: 'string',
        variations: [
          { key: 'red', value: 'red' },
          { key: 'blue', value: 'blue' },
        ],
      });
      await edit('colours', {
        variations: [
          { key: 'red', value: 'red' },
          { key: 'blue', value: 'blue' },
          { key: 'green', value: 'green' },
        ],
      });
      const [added] = await entries('colours');
      await setState('colours', 'production', { fallthrough: { variation: 'green' } });
      const response = await revert('colours', added?.id as number);
      expect(response.status).toBe(409);
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(
        'environments.production.fallthrough.variation',
      );
    });

    it('answers 409 for the entry that created the flag: archive or delete it instead', async () => {
      await create('newborn');
      const [creation] = await entries('newborn');
      const response = await revert('newborn', creation?.id as number);
      expect(response.status).toBe(409);
      expect(response.body.detail).toMatch(/archive or delete/);
    });

    it('needs the permission the edit needs: a viewer gets 403, and so does an editor reverting production where they only view', async () => {
      await create('guarded');
      await setState('guarded', 'production', { on: true });
      await setState('guarded', 'staging', { on: true });
      const [staging, production] = await entries('guarded');
      const before = await auditCount();
      expect((await revert('guarded', production?.id as number, tokens.viewer)).status).toBe(403);
      expect((await revert('guarded', production?.id as number, tokens['staging editor'])).status).toBe(403);
      expect(await auditCount()).toBe(before);
      expect((await revert('guarded', staging?.id as number, tokens['staging editor'])).status).toBe(201);
    });

    it('honours If-Match: 412 when the definition or state moved on since the version given', async () => {
      await create('matched');
      await setState('matched', 'production', { on: true });
      const [change] = await entries('matched');
      const send = (version: string) =>
        fetch(`${server.url}${flagPath('matched')}/history/${change?.id}/revert`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'if-match': version },
        });
      expect((await send('"1"')).status).toBe(412);
      expect((await send('two')).status).toBe(400);
      expect((await send('"2"')).status).toBe(201);
    });

    it('answers 404 for an entry that does not exist or is another flag’s or project’s', async () => {
      await create('lonely');
      await create('neighbour');
      await setState('neighbour', 'production', { on: true });
      const [neighbours] = await entries('neighbour');
      expect((await revert('lonely', neighbours?.id as number)).status).toBe(404);
      expect((await revert('lonely', 2_000_000_000)).status).toBe(404);
      expect((await server.api('POST', '/api/v1/projects', { key: 'elsewhere' })).status).toBe(201);
      await server.api('POST', '/api/v1/projects/elsewhere/flags', { key: 'neighbour' });
      const missing = await server.api(
        'POST',
        `/api/v1/projects/elsewhere/flags/neighbour/history/${neighbours?.id}/revert`,
      );
      expect(missing.status).toBe(404);
      expect(missing.body.type).toBe('https://vexil.dev/problems/not-found');
    });

    it('answers 400 naming the entry id when it is no id at all', async () => {
      for (const id of ['abc', '0', '-3', '1.5', '99999999999']) {
        const response = await revert('checkout', id);
        expect(response.status, id).toBe(400);
        expect(response.body.errors[0].path, id).toBe('params.entryId');
      }
    });
  });
});

describe('diff', () => {
  /** Applies operations as RFC 6902 would (add, remove, replace), to check that they lead from before to after. */
  function apply(document: unknown, changes: Change[]): unknown {
    let result = structuredClone(document);
    for (const change of changes) {
      const parts = change.path
        .split('/')
        .slice(1)
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (parts.length === 0) {
        result = change.op === 'remove' ? undefined : structuredClone(change.value);
        continue;
      }
      const last = parts.pop() as string;
      const parent = parts.reduce<any>((node, part) => node[part], result);
      if (Array.isArray(parent) && change.op === 'add') parent.splice(Number(last), 0, structuredClone(change.value));
      else if (Array.isArray(parent) && change.op === 'remove') parent.splice(Number(last), 1);
      else if (change.op === 'remove') delete parent[last];
      else parent[last] = structuredClone(change.value);
    }
    return result;
  }

  it('finds nothing between equal documents, whatever the order of their fields', () => {
    expect(diff({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toEqual([]);
  });

  it('replaces scalars and values that change kind, carrying the value before', () => {
    expect(diff({ on: false, serve: { variation: 'a' } }, { on: true, serve: [1] })).toEqual([
      { op: 'replace', path: '/on', from: false, value: true },
      { op: 'replace', path: '/serve', from: { variation: 'a' }, value: [1] },
    ]);
    expect(diff(null, 0)).toEqual([{ op: 'replace', path: '', from: null, value: 0 }]);
  });

  it('compares arrays by index: extra items are added in order, missing ones removed from the end', () => {
    expect(diff([1, 2, 3, 4], [1, 5])).toEqual([
      { op: 'replace', path: '/1', from: 2, value: 5 },
      { op: 'remove', path: '/3', from: 4 },
      { op: 'remove', path: '/2', from: 3 },
    ]);
    expect(diff({ list: [] }, { list: ['a', 'b'] })).toEqual([
      { op: 'add', path: '/list/0', value: 'a' },
      { op: 'add', path: '/list/1', value: 'b' },
    ]);
  });

  it('adds or removes a whole document at "" when there is none on one side', () => {
    expect(diff(undefined, { key: 'x' })).toEqual([{ op: 'add', path: '', value: { key: 'x' } }]);
    expect(diff({ key: 'x' }, undefined)).toEqual([{ op: 'remove', path: '', from: { key: 'x' } }]);
  });

  it('escapes "~" and "/" in field names as JSON Pointer does', () => {
    expect(diff({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 }).map((change) => change.path)).toEqual([
      '/a~1b',
      '/c~0d',
    ]);
  });

  it('leads from before to after when applied as a JSON Patch', () => {
    const before = {
      on: true,
      targets: [{ variation: 'on', values: ['ada', 'grace'] }],
      allocations: [
        {
          id: 'staff',
          conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
          serve: { variation: 'on' },
        },
        {
          id: 'rollout',
          exposure: 10,
          serve: {
            split: [
              { variation: 'on', weight: 50 },
              { variation: 'off', weight: 50 },
            ],
          },
        },
      ],
      'odd/key~': 1,
    };
    const after = {
      on: true,
      allocations: [{ id: 'rollout', exposure: 25, serve: { variation: 'on' }, track: true }],
      fallthrough: { variation: 'off' },
      'odd/key~': 2,
    };
    expect(apply(before, diff(before, after))).toEqual(after);
    expect(apply(after, diff(after, before))).toEqual(before);
  });
});
