import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('users API on %s', (dialect) => {
  let server: TestServer;
  const users = '/api/v1/projects/default/environments/production/users';
  const keys = (body: { users: { key: string }[] }) => body.users.map((user) => user.key);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const environments = await server.ctx.db.selectFrom('environments').select(['id', 'key']).execute();
    const id = (key: string) => environments.find((environment) => environment.key === key)?.id as string;
    const seen = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`;
    await server.ctx.db
      .insertInto('contexts')
      .values([
        {
          environmentId: id('production'),
          kind: 'user',
          key: 'alice',
          attributes: JSON.stringify({ email: 'Alice@Acme.com', plan: 'pro' }),
          firstSeen: seen(0),
          lastSeen: seen(30),
        },
        {
          environmentId: id('production'),
          kind: 'user',
          key: 'bob',
          attributes: JSON.stringify({ email: 'bob@example.com', plan: 'free' }),
          firstSeen: seen(1),
          lastSeen: seen(40),
        },
        {
          environmentId: id('production'),
          kind: 'user',
          key: '100%_done',
          attributes: JSON.stringify({}),
          firstSeen: seen(2),
          lastSeen: seen(10),
        },
        {
          environmentId: id('production'),
          kind: 'user',
          key: 'team/carol',
          attributes: JSON.stringify({ email: 'carol@acme.com' }),
          firstSeen: seen(3),
          lastSeen: seen(5),
        },
        {
          environmentId: id('production'),
          kind: 'organization',
          key: 'acme',
          attributes: JSON.stringify({ name: 'Acme Inc' }),
          firstSeen: seen(4),
          lastSeen: seen(20),
        },
        {
          environmentId: id('staging'),
          kind: 'user',
          key: 'dave',
          attributes: JSON.stringify({}),
          firstSeen: seen(5),
          lastSeen: seen(50),
        },
      ])
      .execute();
    // SQLite's INSERT has no DEFAULT among values: the one row with private attributes is set apart.
    await server.ctx.db
      .updateTable('contexts')
      .set({ privateAttributes: JSON.stringify({ phone: ['phone'], address: ['/address/street'] }) })
      .where('key', '=', 'bob')
      .execute();
    await server.api('POST', '/api/v1/projects/default/flags', {
      key: 'new-checkout',
      name: 'New checkout',
      environments: {
        production: {
          on: true,
          allocations: [
            {
              id: 'staff',
              conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }],
              serve: { variation: 'on' },
            },
          ],
          fallthrough: { variation: 'off' },
        },
      },
    });
    await server.api('POST', '/api/v1/projects/default/flags', { key: 'old-banner' });
    await server.api('POST', '/api/v1/projects/default/flags/old-banner/archive');
  });
  afterAll(() => server.close());

  it('lists the contexts reported in the environment, last seen first', async () => {
    const response = await server.api('GET', users);
    expect(response.status).toBe(200);
    expect(keys(response.body)).toEqual(['bob', 'alice', 'acme', '100%_done', 'team/carol']);
    expect(response.body.total).toBe(5);
    // The names of the attributes an SDK marked private, sorted, whatever attribute they are in.
    expect(response.body.users[0].privateAttributes).toEqual(['/address/street', 'phone']);
    expect(response.body.users[1]).toEqual({
      kind: 'user',
      key: 'alice',
      attributes: { email: 'Alice@Acme.com', plan: 'pro' },
      privateAttributes: [],
      firstSeen: '2026-11-20T10:00:00.000Z',
      lastSeen: '2026-11-20T10:30:00.000Z',
    });
  });

  it('searches keys and attributes, in any case, and filters by kind', async () => {
    expect(keys((await server.api('GET', `${users}?q=ALI`)).body)).toEqual(['alice']);
    expect(keys((await server.api('GET', `${users}?q=acme`)).body)).toEqual(['alice', 'acme', 'team/carol']);
    expect(keys((await server.api('GET', `${users}?q=acme&kind=user`)).body)).toEqual(['alice', 'team/carol']);
    expect(keys((await server.api('GET', `${users}?q=free`)).body)).toEqual(['bob']);
    // A private attribute's name too.
    expect(keys((await server.api('GET', `${users}?q=PHONE`)).body)).toEqual(['bob']);
  });

  it('treats % and _ in the search as themselves', async () => {
    expect(keys((await server.api('GET', `${users}?q=${encodeURIComponent('%')}`)).body)).toEqual(['100%_done']);
    expect(keys((await server.api('GET', `${users}?q=_`)).body)).toEqual(['100%_done']);
  });

  it('pages with limit and offset, counting every match', async () => {
    const page = await server.api('GET', `${users}?limit=2&offset=1`);
    expect(keys(page.body)).toEqual(['alice', 'acme']);
    expect(page.body.total).toBe(5);
  });

  it('refuses bad query parameters, naming them', async () => {
    expect((await server.api('GET', `${users}?limit=0`)).body.errors[0].path).toBe('querystring.limit');
    expect((await server.api('GET', `${users}?offset=-1`)).body.errors[0].path).toBe('querystring.offset');
    expect((await server.api('GET', `${users}?sort=key`)).body.errors).toEqual([
      { path: 'querystring.sort', message: 'is not a known field' },
    ]);
  });

  it('shows a user with every active flag’s value for them and why', async () => {
    const response = await server.api('GET', `${users}/user/alice`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ kind: 'user', key: 'alice', attributes: { plan: 'pro' } });
    expect(response.body.flags.map((flag: { key: string }) => flag.key)).toEqual(['new-checkout']);
    const [checkout] = response.body.flags;
    expect(checkout).toMatchObject({
      key: 'new-checkout',
      name: 'New checkout',
      type: 'boolean',
      result: { value: false, variation: 'off', reason: 'DEFAULT' },
    });
    // The engine's trace says why: the email clause compares case-sensitively.
    expect(checkout.steps).toContainEqual(
      expect.objectContaining({
        step: 'allocation',
        id: 'staff',
        outcome: 'conditions-failed',
        clauses: [expect.objectContaining({ matched: false, actual: 'Alice@Acme.com' })],
      }),
    );

    const carol = await server.api('GET', `${users}/user/${encodeURIComponent('team/carol')}`);
    expect(carol.status).toBe(200);
    expect(carol.body.flags[0]).toMatchObject({
      result: { value: true, variation: 'on', reason: 'TARGETING_MATCH', allocation: 'staff' },
    });
    const bob = await server.api('GET', `${users}/user/bob`);
    expect(bob.body).toMatchObject({ attributes: { plan: 'free' }, privateAttributes: ['/address/street', 'phone'] });
  });

  it('answers unknown users, kinds and environments with 404', async () => {
    expect((await server.api('GET', `${users}/user/nobody`)).status).toBe(404);
    expect((await server.api('GET', `${users}/organization/alice`)).status).toBe(404);
    expect((await server.api('GET', `${users.replace('production', 'staging')}/user/alice`)).status).toBe(404);
    expect((await server.api('GET', '/api/v1/projects/default/environments/moon/users')).status).toBe(404);
  });

  it('lets an environment’s viewer read its users and no other environment’s', async () => {
    const viewer = await server.api('POST', '/api/v1/api-tokens', {
      name: 'production viewer',
      roles: [{ role: 'viewer', project: 'default', environment: 'production' }],
    });
    expect((await server.api('GET', `${users}/user/bob`, undefined, viewer.body.token)).status).toBe(200);
    expect((await server.api('GET', users.replace('production', 'staging'), undefined, viewer.body.token)).status).toBe(
      403,
    );
  });
});
