import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Session } from './support/browser-session.js';
import { testDialects } from './support/databases.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from './support/server.js';

/** GET and PUT /api/v1/auth/preferences: the console remembers a member's last project and environment. */
const preferences = '/api/v1/auth/preferences';

describe.each(await testDialects())('member preferences on %s', (dialect) => {
  let server: TestServer;
  let owner: Session;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    owner = await signIn(server.url, server.seeded.ownerEmail, server.seeded.ownerPassword);
  });
  afterAll(() => server.close());

  it('starts empty, remembers what was put, and writes no audit entry', async () => {
    expect((await owner.request('GET', preferences)).body).toEqual({ project: null, environment: null });
    const audit = async () =>
      Number(
        (
          await server.ctx.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await audit();
    const put = await owner.request('PUT', preferences, { project: 'default', environment: 'production' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ project: 'default', environment: 'production' });
    expect((await owner.request('GET', preferences)).body).toEqual({ project: 'default', environment: 'production' });
    // PUT replaces: what is left out is forgotten.
    expect((await owner.request('PUT', preferences, { project: 'default' })).body).toEqual({
      project: 'default',
      environment: null,
    });
    expect(await audit()).toBe(before);
  });

  it('is the same member’s through a personal token, and needs the CSRF token with a session', async () => {
    const personal = await owner.request('POST', '/api/v1/api-tokens', {
      name: 'my script',
      kind: 'personal',
      roles: [{ role: 'viewer' }],
    });
    expect(personal.status, JSON.stringify(personal.body)).toBe(201);
    const put = await server.api(
      'PUT',
      preferences,
      { project: 'default', environment: 'staging' },
      personal.body.token,
    );
    expect(put.status).toBe(200);
    expect((await owner.request('GET', preferences)).body).toEqual({ project: 'default', environment: 'staging' });
    const withoutCsrf = await owner.request('PUT', preferences, { project: null }, { csrf: null });
    expect(withoutCsrf.status).toBe(403);
  });

  it('refuses projects and environments that do not exist, naming the field', async () => {
    const cases: [body: unknown, path: string][] = [
      [{ project: 'nope' }, 'project'],
      [{ project: 'default', environment: 'nope' }, 'environment'],
      [{ environment: 'production' }, 'environment'],
      [{ project: 'not a key' }, 'project'],
      [{ project: 'default', theme: 'dark' }, 'theme'],
    ];
    for (const [body, path] of cases) {
      const response = await owner.request('PUT', preferences, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
  });

  it('forgets an environment that was deleted since', async () => {
    await server.api('POST', '/api/v1/projects/default/environments', { key: 'qa' });
    await owner.request('PUT', preferences, { project: 'default', environment: 'qa' });
    await server.api('DELETE', '/api/v1/projects/default/environments/qa');
    expect((await owner.request('GET', preferences)).body).toEqual({ project: 'default', environment: null });
  });

  it('answers 404 to service tokens and the admin token, which act for no member', async () => {
    for (const token of [server.token, ADMIN_TOKEN]) {
      expect((await server.api('GET', preferences, undefined, token)).status).toBe(404);
      expect((await server.api('PUT', preferences, { project: 'default' }, token)).status).toBe(404);
    }
    expect((await fetch(`${server.url}${preferences}`)).status).toBe(401);
  });
});
