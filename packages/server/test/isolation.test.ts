import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type Seeded } from '../src/index.js';
import { call, signIn } from './support/browser-session.js';
import { testDialects } from './support/databases.js';
import { sdkCall } from './support/sdk.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 5: no key or token reaches another organisation's or another project's data. Two
 * organisations share one server: the first start's ("default", project "default") and Acme
 * (project "acme-app"); the first also has a second project, "other".
 */
describe.each(await testDialects())('isolation on %s', (dialect) => {
  let server: TestServer;
  let acme: Seeded;
  let projectEditor: string;
  const asAcme = (method: string, path: string, body?: unknown) => server.api(method, path, body, acme.apiToken);
  const flagKeysOf = (config: { flags: unknown }) =>
    Array.isArray(config.flags)
      ? config.flags.map((flag: { key: string }) => flag.key)
      : Object.keys(config.flags as object);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    acme = await createOrganization(server.ctx, {
      key: 'acme',
      name: 'Acme',
      ownerEmail: 'owner@acme.test',
      project: 'acme-app',
    });
    const on = { on: true };
    expect(
      (
        await server.api('POST', '/api/v1/projects/default/flags', {
          key: 'default-secret',
          clientSideAvailable: true,
          environments: { development: on },
        })
      ).status,
    ).toBe(201);
    expect((await server.api('POST', '/api/v1/projects', { key: 'other' })).status).toBe(201);
    expect(
      (
        await server.api('POST', '/api/v1/projects/other/flags', {
          key: 'other-secret',
          clientSideAvailable: true,
          environments: { development: on },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await asAcme('POST', '/api/v1/projects/acme-app/flags', {
          key: 'acme-secret',
          clientSideAvailable: true,
          environments: { development: on },
        })
      ).status,
    ).toBe(201);
    projectEditor = (
      await server.api('POST', '/api/v1/api-tokens', {
        name: 'default editor',
        roles: [{ role: 'editor', project: 'default' }],
      })
    ).body.token;
  });
  afterAll(() => server.close());

  describe('between organisations', () => {
    it('shows each organisation only its own projects, and 404 for the other’s', async () => {
      expect((await asAcme('GET', '/api/v1/organization')).body.key).toBe('acme');
      expect((await asAcme('GET', '/api/v1/projects')).body.map((project: { key: string }) => project.key)).toEqual([
        'acme-app',
      ]);
      for (const [method, path, body] of [
        ['GET', '/api/v1/projects/default'],
        ['GET', '/api/v1/projects/default/flags'],
        ['GET', '/api/v1/projects/default/flags/default-secret'],
        ['PATCH', '/api/v1/projects/default/flags/default-secret', { description: 'mine now' }],
        ['PATCH', '/api/v1/projects/default/flags/default-secret/environments/production', { on: true }],
        ['POST', '/api/v1/projects/default/flags', { key: 'planted' }],
        ['GET', '/api/v1/projects/default/segments'],
        ['GET', '/api/v1/projects/default/environments/development/sdk-keys'],
        ['GET', '/api/v1/projects/default/environments/development/users'],
        ['DELETE', '/api/v1/projects/default'],
      ] as const) {
        const response = await asAcme(method, path, body);
        expect(response.status, `${method} ${path}`).toBe(404);
      }
      const other = await server.api('GET', '/api/v1/projects/acme-app/flags');
      expect(other.status).toBe(404);
      // The admin token belongs to the first organisation, like the first start's owner token.
      expect((await server.api('GET', '/api/v1/projects/acme-app', undefined, ADMIN_TOKEN)).status).toBe(404);
    });

    it('keeps members, tokens, invitations and the audit log apart', async () => {
      const members = (await asAcme('GET', '/api/v1/members')).body.map((member: { email: string }) => member.email);
      expect(members).toEqual(['owner@acme.test']);
      const tokens = (await asAcme('GET', '/api/v1/api-tokens')).body;
      expect(tokens.map((token: { createdBy: string }) => token.createdBy)).toEqual(['owner@acme.test']);

      const defaultMembers = (await server.api('GET', '/api/v1/members')).body;
      const defaultTokens = (await server.api('GET', '/api/v1/api-tokens')).body;
      const invitation = (
        await server.api('POST', '/api/v1/invitations', { email: 'invitee@default.test', roles: [{ role: 'viewer' }] })
      ).body;
      expect((await asAcme('PATCH', `/api/v1/members/${defaultMembers[0].id}`, { name: 'Taken over' })).status).toBe(
        404,
      );
      expect((await asAcme('DELETE', `/api/v1/members/${defaultMembers[0].id}`)).status).toBe(404);
      expect((await asAcme('DELETE', `/api/v1/api-tokens/${defaultTokens[0].id}`)).status).toBe(404);
      expect((await asAcme('DELETE', `/api/v1/invitations/${invitation.id}`)).status).toBe(404);
      expect((await asAcme('GET', '/api/v1/invitations')).body).toEqual([]);

      const audit = (await asAcme('GET', '/api/v1/audit?limit=500')).body.entries as { project: string | null }[];
      expect(audit.length).toBeGreaterThan(0);
      expect(audit.every((entry) => entry.project === null || entry.project === 'acme-app')).toBe(true);
      expect(JSON.stringify(audit)).not.toMatch(/default-secret|other-secret|owner@vexil\.local|invitee@default/);
    });

    it('refuses to grant roles on another organisation’s projects', async () => {
      const response = await asAcme('POST', '/api/v1/api-tokens', {
        name: 'reach',
        roles: [{ role: 'viewer', project: 'default' }],
      });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].path).toBe('roles[0].project');
    });

    it('signs a member in to their own organisation only', async () => {
      const session = await signIn(server.url, acme.ownerEmail, acme.ownerPassword);
      expect((await session.request('GET', '/api/v1/auth/session')).body.organization.key).toBe('acme');
      expect((await session.request('GET', '/api/v1/projects/default/flags')).status).toBe(404);
      expect((await session.request('GET', '/api/v1/projects/acme-app/flags')).status).toBe(200);
    });

    it('gives SDK keys only their own environment’s flags', async () => {
      const acmeConfig = await sdkCall(server, 'GET', '/sdk/v1/config', { key: acme.serverKey });
      expect(acmeConfig.status).toBe(200);
      expect(flagKeysOf(acmeConfig.body)).toEqual(['acme-secret']);
      const defaultConfig = await sdkCall(server, 'GET', '/sdk/v1/config', { key: server.seeded.serverKey });
      expect(flagKeysOf(defaultConfig.body)).toEqual(['default-secret']);

      const evaluated = await sdkCall(server, 'POST', '/sdk/v1/evaluate', {
        key: acme.clientKey,
        body: { context: { key: 'u-1' } },
      });
      expect(evaluated.status).toBe(200);
      expect(JSON.stringify(evaluated.body)).toContain('acme-secret');
      expect(JSON.stringify(evaluated.body)).not.toMatch(/default-secret|other-secret/);

      const ofrep = await sdkCall(server, 'POST', '/ofrep/v1/evaluate/flags/default-secret', {
        key: acme.serverKey,
        body: { context: { targetingKey: 'u-1' } },
      });
      expect(ofrep.status).toBe(404);
      expect(ofrep.body.errorCode).toBe('FLAG_NOT_FOUND');
    });
  });

  it('lets another organisation use a project key already used, without either seeing the other’s', async () => {
    // Runs after the 404 checks above: from here on, Acme has a "default" project of its own.
    const created = await asAcme('POST', '/api/v1/projects', { key: 'default' });
    expect(created.status).toBe(201);
    expect((await asAcme('GET', '/api/v1/projects/default/flags')).body.items).toEqual([]);
    expect((await asAcme('POST', '/api/v1/projects/default/flags', { key: 'acme-only' })).status).toBe(201);
    const first = (await server.api('GET', '/api/v1/projects/default/flags')).body.items.map(
      (flag: { key: string }) => flag.key,
    );
    expect(first).toContain('default-secret');
    expect(first).not.toContain('acme-only');
    expect((await asAcme('POST', '/api/v1/projects', { key: 'default' })).status).toBe(409);
  });

  describe('a person in both organisations (issue 12: "organisations leak their members")', () => {
    const keysOf = (body: object) => Object.keys(body).sort();
    let startedAt: string;

    beforeAll(async () => {
      startedAt = new Date().toISOString();
      const onlyHere = await server.api('POST', '/api/v1/members', {
        email: 'only-default@example.com',
        name: 'Only default',
        password: 'a password for default only',
        roles: [{ role: 'viewer' }],
      });
      expect(onlyHere.status).toBe(201);
    });

    it('answers Acme adding the other organisation’s owner as it answers a new address: no 409, nothing of the other', async () => {
      const member = (email: string, name: string) =>
        asAcme('POST', '/api/v1/members', {
          email,
          name,
          password: 'acme chose this one',
          roles: [{ role: 'viewer' }],
        });
      const existing = await member('owner@vexil.local', 'Shared');
      const fresh = await member('newcomer@acme.test', 'Newcomer');
      expect([existing.status, fresh.status]).toEqual([201, 201]);
      expect(keysOf(existing.body)).toEqual(keysOf(fresh.body));
      expect(existing.body).toEqual({
        id: expect.any(String),
        email: 'owner@vexil.local',
        name: 'Shared',
        roles: [{ role: 'viewer' }],
        createdAt: expect.any(String),
      });
      // The membership's creation, not the account's: the account's age would tell it existed.
      expect(existing.body.createdAt >= startedAt).toBe(true);
      expect(JSON.stringify(existing.body)).not.toMatch(/My organisation|"Owner"|hasPassword/);

      const invite = (email: string) => asAcme('POST', '/api/v1/invitations', { email, roles: [{ role: 'viewer' }] });
      const invitedMember = await invite('only-default@example.com');
      const invitedStranger = await invite('never-seen@example.com');
      expect([invitedMember.status, invitedStranger.status]).toEqual([201, 201]);
      expect(keysOf(invitedMember.body)).toEqual(keysOf(invitedStranger.body));
      // Only a member of Acme itself is "already a member".
      const again = await invite('owner@vexil.local');
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe('owner@vexil.local is already a member');
    });

    it('shows each organisation only its own membership of a person they share', async () => {
      const acmeMembers = (await asAcme('GET', '/api/v1/members')).body as {
        id: string;
        email: string;
        name: string;
      }[];
      const defaultMembers = (await server.api('GET', '/api/v1/members')).body as typeof acmeMembers;
      expect(acmeMembers.map((member) => member.email)).toEqual([
        'newcomer@acme.test',
        'owner@acme.test',
        'owner@vexil.local',
      ]);
      expect(defaultMembers.map((member) => member.email)).not.toContain('owner@acme.test');
      expect(defaultMembers.map((member) => member.email)).not.toContain('newcomer@acme.test');
      const inAcme = acmeMembers.find((member) => member.email === 'owner@vexil.local')!;
      const inDefault = defaultMembers.find((member) => member.email === 'owner@vexil.local')!;
      expect([inAcme.name, inDefault.name]).toEqual(['Shared', 'Owner']);
      expect(inAcme.id).not.toBe(inDefault.id);
      expect((await asAcme('GET', `/api/v1/members/${inDefault.id}`)).status).toBe(404);
      expect((await asAcme('PATCH', `/api/v1/members/${inDefault.id}`, { name: 'Mine' })).status).toBe(404);
    });

    it('keeps what a shared person does in one organisation out of the other’s audit log', async () => {
      const session = await signIn(server.url, 'owner@vexil.local', server.seeded.ownerPassword);
      const switched = await session.request('POST', '/api/v1/auth/organization', { organization: 'acme' });
      expect(switched.status).toBe(200);
      expect(switched.body.organizations.map((organization: { key: string }) => organization.key)).toEqual([
        'acme',
        'default',
      ]);
      const defaultAudit = JSON.stringify((await server.api('GET', '/api/v1/audit?limit=500')).body.entries);
      expect(defaultAudit).not.toMatch(/acme|Shared|switched-organization/i);
      const acmeAudit = JSON.stringify((await asAcme('GET', '/api/v1/audit?limit=500')).body.entries);
      expect(acmeAudit).toContain('member.switched-organization');
      expect(acmeAudit).not.toMatch(/My organisation|default-secret|"Owner"/);
    });

    it('says nothing about other organisations when signing in or switching fails', async () => {
      const login = (email: string) =>
        call(server.url, 'POST', '/api/v1/auth/login', { email, password: 'not the password at all' });
      const shared = await login('owner@vexil.local');
      const unknown = await login('nobody-anywhere@example.com');
      expect([shared.status, unknown.status]).toEqual([401, 401]);
      expect(shared.body).toEqual(unknown.body);

      const session = await signIn(server.url, 'only-default@example.com', 'a password for default only');
      const elsewhere = await session.request('POST', '/api/v1/auth/organization', { organization: 'acme' });
      const nowhere = await session.request('POST', '/api/v1/auth/organization', { organization: 'no-such-org' });
      expect([elsewhere.status, nowhere.status]).toEqual([404, 404]);
      expect(elsewhere.body.detail.replace('acme', 'X')).toBe(nowhere.body.detail.replace('no-such-org', 'X'));
      expect(elsewhere.body.errors).toEqual(nowhere.body.errors);
      expect((await session.request('GET', '/api/v1/auth/session')).body.organizations).toEqual([
        { key: 'default', name: 'My organisation' },
      ]);
    });
  });

  describe('between projects of one organisation', () => {
    it('shows a project’s member only that project', async () => {
      expect(
        (await server.api('GET', '/api/v1/projects', undefined, projectEditor)).body.map(
          (project: { key: string }) => project.key,
        ),
      ).toEqual(['default']);
      expect((await server.api('GET', '/api/v1/projects/other/flags', undefined, projectEditor)).status).toBe(404);
      expect((await server.api('POST', '/api/v1/projects/other/flags', { key: 'planted' }, projectEditor)).status).toBe(
        404,
      );
      expect(
        (
          await server.api(
            'PATCH',
            '/api/v1/projects/other/flags/other-secret/environments/development',
            { on: false },
            projectEditor,
          )
        ).status,
      ).toBe(404);
      expect((await server.api('GET', '/api/v1/audit?project=other', undefined, projectEditor)).body.entries).toEqual(
        [],
      );
      expect(
        (await server.api('POST', '/api/v1/projects/default/flags', { key: 'allowed-here' }, projectEditor)).status,
      ).toBe(201);
    });

    it('gives a project’s SDK keys none of another project’s flags', async () => {
      const config = await sdkCall(server, 'GET', '/sdk/v1/config', { key: server.seeded.serverKey });
      expect(flagKeysOf(config.body)).not.toContain('other-secret');
      const evaluated = await sdkCall(server, 'POST', '/sdk/v1/evaluate', {
        key: server.seeded.clientKey,
        body: { context: { key: 'u-1' } },
      });
      expect(JSON.stringify(evaluated.body)).not.toContain('other-secret');
      const otherKey = await server.api('POST', '/api/v1/projects/other/environments/development/sdk-keys', {
        name: 'other server',
        kind: 'server',
      });
      const otherConfig = await sdkCall(server, 'GET', '/sdk/v1/config', { key: otherKey.body.key });
      expect(flagKeysOf(otherConfig.body)).toEqual(['other-secret']);
    });
  });
});
