import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/auth/secrets.js';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('SDK keys API on %s', (dialect) => {
  let server: TestServer;
  const keys = '/api/v1/projects/default/environments/production/sdk-keys';
  const revoked: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
    server.ctx.hub.onKeyRevoked((hash) => revoked.push(hash));
  });
  afterAll(() => server.close());

  let server1: { id: string; key: string };
  let client1: { id: string; key: string };

  it('creates a server key, shows it once and stores only its hash', async () => {
    const created = await server.api('POST', keys, { name: 'backend', kind: 'server' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'backend',
      kind: 'server',
      status: 'active',
      expiresAt: null,
      revokedAt: null,
    });
    expect(created.body.key).toMatch(/^vx_server_/);
    expect(created.body.hint).toBe(`vx_server_…${created.body.key.slice(-4)}`);
    server1 = created.body;

    const row = await server.ctx.db
      .selectFrom('sdkKeys')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ keyHash: hashSecret(created.body.key), clientKey: null });
    const listed = await server.api('GET', keys);
    expect(listed.body).toEqual([
      {
        id: server1.id,
        name: 'backend',
        kind: 'server',
        hint: created.body.hint,
        status: 'active',
        createdAt: expect.any(String),
        expiresAt: null,
        revokedAt: null,
      },
    ]);
  });

  it('creates a client key, which lists always show (it is public)', async () => {
    const created = await server.api('POST', keys, { name: 'web', kind: 'client' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^vx_client_/);
    client1 = created.body;
    const listed = await server.api('GET', keys);
    expect(listed.body.find((key: { id: string }) => key.id === client1.id).key).toBe(client1.key);
  });

  it('keeps each environment’s keys apart', async () => {
    const development = await server.api('GET', '/api/v1/projects/default/environments/development/sdk-keys');
    expect(development.body.map((key: { name: string }) => key.name).sort()).toEqual([
      'development client key',
      'development server key',
    ]);
    expect(
      (
        await server.api('PATCH', `/api/v1/projects/default/environments/development/sdk-keys/${server1.id}`, {
          name: 'x',
        })
      ).status,
    ).toBe(404);
  });

  it('renames a key', async () => {
    const renamed = await server.api('PATCH', `${keys}/${server1.id}`, { name: 'backend (eu)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: server1.id, name: 'backend (eu)' });
    expect(renamed.body.key).toBeUndefined();
  });

  it('rotates a key: a new key of the same kind and name, the old one valid for the grace period', async () => {
    const before = Date.now();
    const rotated = await server.api('POST', `${keys}/${server1.id}/rotate`, { graceSeconds: 3600 });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ name: 'backend (eu)', kind: 'server', status: 'active' });
    expect(rotated.body.key).toMatch(/^vx_server_/);
    expect(rotated.body.key).not.toBe(server1.key);
    expect(rotated.body.previous).toMatchObject({ id: server1.id, status: 'expiring', revokedAt: null });
    const expiresAt = Date.parse(rotated.body.previous.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(revoked).toEqual([]);

    const again = await server.api('POST', `${keys}/${server1.id}/rotate`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('expiring');
  });

  it('rotates with the default grace period of a day when no body is sent', async () => {
    const rotated = await server.api('POST', `${keys}/${client1.id}/rotate`);
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).toMatch(/^vx_client_/);
    const grace = Date.parse(rotated.body.previous.expiresAt) - Date.parse(rotated.body.createdAt);
    expect(grace).toBe(24 * 3600_000);
    client1 = rotated.body;
  });

  it('rotating with no grace revokes the old key at once and closes its streams', async () => {
    const rotated = await server.api('POST', `${keys}/${client1.id}/rotate`, { graceSeconds: 0 });
    expect(rotated.status).toBe(201);
    expect(rotated.body.previous).toMatchObject({ status: 'revoked', expiresAt: null, revokedAt: expect.any(String) });
    expect(revoked).toEqual([hashSecret(client1.key)]);
  });

  it('revokes a key, keeping it listed, and tells the SDK streams', async () => {
    revoked.length = 0;
    const response = await server.api('DELETE', `${keys}/${server1.id}`);
    expect(response.status).toBe(204);
    expect(revoked).toEqual([hashSecret(server1.key)]);
    const listed = await server.api('GET', keys);
    expect(listed.body.find((key: { id: string }) => key.id === server1.id)).toMatchObject({
      status: 'revoked',
      revokedAt: expect.any(String),
    });

    expect((await server.api('DELETE', `${keys}/${server1.id}`)).status).toBe(409);
    expect((await server.api('POST', `${keys}/${server1.id}/rotate`, {})).status).toBe(409);
    expect(revoked).toHaveLength(1);
  });

  it('refuses bad input with the field at fault and writes nothing', async () => {
    const count = async () => (await server.ctx.db.selectFrom('sdkKeys').select('id').execute()).length;
    const before = await count();
    const kind = await server.api('POST', keys, { name: 'x', kind: 'mobile' });
    expect(kind.status).toBe(400);
    expect(kind.body.errors[0].path).toBe('kind');
    const missing = await server.api('POST', keys, { kind: 'server' });
    expect(missing.body.errors).toEqual([{ path: 'name', message: 'is required' }]);
    const unknown = await server.api('POST', keys, { name: 'x', kind: 'server', secret: 'mine' });
    expect(unknown.body.errors).toEqual([{ path: 'secret', message: 'is not a known field' }]);
    const grace = await server.api('POST', `${keys}/${client1.id}/rotate`, { graceSeconds: 31 * 24 * 3600 });
    expect(grace.status).toBe(400);
    expect(grace.body.errors[0].path).toBe('graceSeconds');
    const fraction = await server.api('POST', `${keys}/${client1.id}/rotate`, { graceSeconds: 1.5 });
    expect(fraction.body.errors[0].path).toBe('graceSeconds');
    const malformed = await server.api('POST', keys, '{"name": "x"');
    expect(malformed.body.type).toBe('https://vexil.dev/problems/malformed-json');
    expect((await server.api('PATCH', `${keys}/00000000-0000-0000-0000-000000000000`, { name: 'x' })).status).toBe(404);
    expect(
      (await server.api('POST', '/api/v1/projects/default/environments/moon/sdk-keys', { name: 'x', kind: 'server' }))
        .status,
    ).toBe(404);
    expect(await count()).toBe(before);
  });

  it('audits every change without a key in it', async () => {
    const rows = await server.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('resourceType', '=', 'sdk-key')
      .where('environmentKey', '=', 'production')
      .orderBy('id')
      .execute();
    expect(rows.map((row) => row.action)).toEqual([
      'sdk-key.created',
      'sdk-key.created',
      'sdk-key.renamed',
      'sdk-key.created',
      'sdk-key.rotated',
      'sdk-key.created',
      'sdk-key.rotated',
      'sdk-key.created',
      'sdk-key.rotated',
      'sdk-key.revoked',
    ]);
    const secrets = (await server.ctx.db.selectFrom('sdkKeys').select('keyHash').execute()).map((row) => row.keyHash);
    const logged = rows.map((row) => `${row.before}${row.after}`).join('');
    expect(logged).not.toMatch(/vx_(server|client)_[A-Za-z0-9_-]{32}/);
    for (const hash of secrets) expect(logged).not.toContain(hash);
  });

  it('lets only those who manage the environment touch its keys', async () => {
    const editor = await server.api('POST', '/api/v1/api-tokens', { name: 'editor', roles: [{ role: 'editor' }] });
    expect((await server.api('GET', keys, undefined, editor.body.token)).status).toBe(403);
    expect((await server.api('POST', keys, { name: 'x', kind: 'client' }, editor.body.token)).status).toBe(403);
  });
});
