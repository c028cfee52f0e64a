import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/auth/secrets.js';
import { testDialects } from './support/databases.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('API tokens on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  let editorToken: { id: string; token: string };

  it('creates a token, shows it once and stores only its hash', async () => {
    const created = await server.api('POST', '/api/v1/api-tokens', {
      name: 'ci',
      roles: [{ role: 'editor', project: 'default' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'ci',
      roles: [{ role: 'editor', project: 'default' }],
      revokedAt: null,
    });
    expect(created.body.token).toMatch(/^vx_svc_[A-Za-z0-9_-]{32}$/);
    expect(created.body.hint).toBe(`vx_svc_…${created.body.token.slice(-4)}`);
    editorToken = created.body;

    const row = await server.ctx.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(row.tokenHash).toBe(hashSecret(created.body.token));
    expect(JSON.stringify(row)).not.toContain(created.body.token);

    const listed = await server.api('GET', '/api/v1/api-tokens');
    expect(listed.status).toBe(200);
    expect(listed.body.find((token: { id: string }) => token.id === created.body.id)).toEqual({
      id: created.body.id,
      kind: 'service',
      memberId: null,
      expiresAt: null,
      name: 'ci',
      hint: created.body.hint,
      roles: [{ role: 'editor', project: 'default' }],
      createdAt: expect.any(String),
      createdBy: 'first-start owner token',
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
  });

  it('authenticates requests with the new token, within its roles', async () => {
    expect((await server.api('GET', '/api/v1/projects/default/flags', undefined, editorToken.token)).status).toBe(200);
    expect(
      (await server.api('POST', '/api/v1/projects/default/environments', { key: 'qa' }, editorToken.token)).status,
    ).toBe(403);
  });

  it('refuses bindings to projects or environments that do not exist, and environments without a project', async () => {
    const unknownProject = await server.api('POST', '/api/v1/api-tokens', {
      name: 't',
      roles: [{ role: 'viewer' }, { role: 'editor', project: 'nowhere' }],
    });
    expect(unknownProject.status).toBe(400);
    expect(unknownProject.body.errors).toEqual([{ path: 'roles[1].project', message: 'unknown project "nowhere"' }]);

    const unknownEnvironment = await server.api('POST', '/api/v1/api-tokens', {
      name: 't',
      roles: [{ role: 'viewer', project: 'default', environment: 'moon' }],
    });
    expect(unknownEnvironment.status).toBe(400);
    expect(unknownEnvironment.body.errors).toEqual([
      { path: 'roles[0].environment', message: 'project "default" has no environment "moon"' },
    ]);

    const orphan = await server.api('POST', '/api/v1/api-tokens', {
      name: 't',
      roles: [{ role: 'viewer', environment: 'production' }],
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors).toEqual([{ path: 'roles[0].environment', message: 'needs the project it belongs to' }]);

    const twice = await server.api('POST', '/api/v1/api-tokens', {
      name: 't',
      roles: [
        { role: 'viewer', project: 'default' },
        { role: 'editor', project: 'default' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([
      { path: 'roles[1]', message: 'another role is already given for the same scope' },
    ]);
  });

  it('refuses malformed bodies with the field at fault', async () => {
    const noRoles = await server.api('POST', '/api/v1/api-tokens', { name: 't', roles: [] });
    expect(noRoles.status).toBe(400);
    expect(noRoles.body.errors[0].path).toBe('roles');

    const badRole = await server.api('POST', '/api/v1/api-tokens', { name: 't', roles: [{ role: 'god' }] });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors[0].path).toBe('roles[0].role');

    const unknownField = await server.api('POST', '/api/v1/api-tokens', {
      name: 't',
      roles: [{ role: 'viewer' }],
      expires: '2030-01-01',
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors).toEqual([{ path: 'expires', message: 'is not a known field' }]);

    const malformed = await server.api('POST', '/api/v1/api-tokens', '{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('https://vexil.dev/problems/malformed-json');

    const tokens = await server.ctx.db.selectFrom('apiTokens').select('name').where('name', '=', 't').execute();
    expect(tokens).toEqual([]);
  });

  it('lets only owners manage tokens', async () => {
    const admin = await server.api('POST', '/api/v1/api-tokens', { name: 'admin', roles: [{ role: 'admin' }] });
    for (const token of [admin.body.token, editorToken.token]) {
      expect((await server.api('GET', '/api/v1/api-tokens', undefined, token)).status).toBe(403);
      expect(
        (await server.api('POST', '/api/v1/api-tokens', { name: 'more', roles: [{ role: 'viewer' }] }, token)).status,
      ).toBe(403);
      expect((await server.api('DELETE', `/api/v1/api-tokens/${editorToken.id}`, undefined, token)).status).toBe(403);
    }
  });

  it('refuses to grant more than the caller holds where it holds less', async () => {
    // An owner who is only a viewer of the default project.
    const limited = await server.api(
      'POST',
      '/api/v1/api-tokens',
      { name: 'limited owner', roles: [{ role: 'owner' }, { role: 'viewer', project: 'default' }] },
      ADMIN_TOKEN,
    );
    expect(limited.status).toBe(201);
    const tooMuch = await server.api(
      'POST',
      '/api/v1/api-tokens',
      { name: 'x', roles: [{ role: 'viewer' }, { role: 'editor', project: 'default' }] },
      limited.body.token,
    );
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.body.detail).toContain('roles[1]');
    const orgWide = await server.api(
      'POST',
      '/api/v1/api-tokens',
      { name: 'x', roles: [{ role: 'editor' }] },
      limited.body.token,
    );
    expect(orgWide.status).toBe(403);
    const within = await server.api(
      'POST',
      '/api/v1/api-tokens',
      { name: 'x', roles: [{ role: 'editor' }, { role: 'viewer', project: 'default' }] },
      limited.body.token,
    );
    expect(within.status).toBe(201);
  });

  it('revokes a token: requests with it get 401 from then on', async () => {
    const revoked = await server.api('DELETE', `/api/v1/api-tokens/${editorToken.id}`);
    expect(revoked.status).toBe(204);
    const refused = await server.api('GET', '/api/v1/projects/default/flags', undefined, editorToken.token);
    expect(refused.status).toBe(401);
    expect(refused.body.type).toBe('https://vexil.dev/problems/unauthorized');
    const listed = await server.api('GET', '/api/v1/api-tokens');
    expect(listed.body.find((token: { id: string }) => token.id === editorToken.id).revokedAt).toEqual(
      expect.any(String),
    );
  });

  it('refuses to revoke a token twice, or one that does not exist', async () => {
    const again = await server.api('DELETE', `/api/v1/api-tokens/${editorToken.id}`);
    expect(again.status).toBe(409);
    expect((await server.api('DELETE', '/api/v1/api-tokens/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await server.api('DELETE', '/api/v1/api-tokens/not-a-uuid')).status).toBe(404);
  });

  it('audits creation and revocation without the secret', async () => {
    const rows = await server.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('resourceKey', '=', editorToken.id)
      .orderBy('id')
      .execute();
    expect(rows.map((row) => row.action)).toEqual(['api-token.created', 'api-token.revoked']);
    expect(JSON.parse(rows[1]?.after ?? '{}').revokedAt).toEqual(expect.any(String));
    for (const row of rows) expect(`${row.before}${row.after}`).not.toContain(editorToken.token);
  });
});

describe('API token use', () => {
  it('records when a token was last used', async () => {
    const server = await startTestServer('sqlite');
    try {
      const before = await server.ctx.db.selectFrom('apiTokens').select('lastUsedAt').executeTakeFirstOrThrow();
      expect(before.lastUsedAt).toBeNull();
      await server.api('GET', '/api/v1/projects');
      const after = await server.ctx.db.selectFrom('apiTokens').select('lastUsedAt').executeTakeFirstOrThrow();
      expect(after.lastUsedAt).not.toBeNull();
    } finally {
      await server.close();
    }
  });
});
