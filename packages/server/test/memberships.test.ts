import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type Seeded } from '../src/index.js';
import { call, sessionFrom, signIn, type Session } from './support/browser-session.js';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * PRODUCT.md §1: "A person has one account and may be a member of several organisations."
 * One account, a membership per organisation with that organisation's name and roles; sign-in
 * lands in the organisation used last; a session switches between its account's organisations;
 * tokens belong to one membership; leaving one organisation leaves the others as they were.
 * (isolation.test.ts proves that none of this shows one organisation anything about another.)
 */
let addresses = 0;
const nextAddress = () => `203.0.113.${++addresses}`;

describe.each(await testDialects())('one account in several organisations on %s', (dialect) => {
  let server: TestServer;
  let beta: Seeded;
  const owner = () => ({ email: server.seeded.ownerEmail, password: server.seeded.ownerPassword });
  const asBeta = (method: string, path: string, body?: unknown) => server.api(method, path, body, beta.apiToken);
  const organizationKeys = (session: { organizations: { key: string }[] }) =>
    session.organizations.map((organization) => organization.key);
  /** The id of `email`'s membership in the organisation `as` acts for. */
  const membershipOf = async (email: string, as: (method: string, path: string) => Promise<{ body: any }>) =>
    ((await as('GET', '/api/v1/members')).body as { id: string; email: string }[]).find(
      (member) => member.email === email,
    )?.id as string;
  const signInAs = (email: string, password: string) => signIn(server.url, email, password, nextAddress());
  const login = (email: string, password: string) =>
    call(server.url, 'POST', '/api/v1/auth/login', { email, password }, { 'x-forwarded-for': nextAddress() });

  beforeAll(async () => {
    server = await startTestServer(dialect, { trustProxy: true });
    beta = await createOrganization(server.ctx, {
      key: 'beta',
      name: 'Beta',
      ownerEmail: 'owner@beta.test',
      project: 'beta-app',
    });
    const added = await asBeta('POST', '/api/v1/members', {
      email: server.seeded.ownerEmail,
      name: 'Borrowed',
      password: 'a first password chosen by beta',
      roles: [{ role: 'viewer' }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
  });
  afterAll(() => server.close());

  it('keeps the account’s password when another organisation adds it with a first password', async () => {
    expect((await login(owner().email, owner().password)).status).toBe(200);
    const withBetasPassword = await login(owner().email, 'a first password chosen by beta');
    expect(withBetasPassword.status).toBe(401);
    expect(withBetasPassword.body.detail).toBe('The email or the password is wrong');
  });

  it('lands a sign-in in the organisation used last, and lists every organisation of the account', async () => {
    const session = await signInAs(owner().email, owner().password);
    const me = (await session.request('GET', '/api/v1/auth/session')).body;
    expect(me.organization).toEqual({ key: 'default', name: 'My organisation' });
    expect(me.organizations).toEqual([
      { key: 'beta', name: 'Beta' },
      { key: 'default', name: 'My organisation' },
    ]);
    expect(me.member).toMatchObject({ email: owner().email, name: 'Owner', roles: [{ role: 'owner' }] });
  });

  it('switches a session to another of its organisations, with that membership’s name and roles', async () => {
    const session = await signInAs(owner().email, owner().password);
    const before = (await session.request('GET', '/api/v1/auth/session')).body;
    const switched = await session.request('POST', '/api/v1/auth/organization', { organization: 'beta' });
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    expect(switched.body).toMatchObject({
      member: { email: owner().email, name: 'Borrowed', roles: [{ role: 'viewer' }], hasPassword: true },
      organization: { key: 'beta', name: 'Beta' },
      organizations: before.organizations,
      csrfToken: session.csrfToken,
    });
    expect(switched.body.member.id).not.toBe(before.member.id);
    expect((await session.request('GET', '/api/v1/auth/session')).body.organization.key).toBe('beta');
    const projects = await session.request('GET', '/api/v1/projects');
    expect(projects.body.map((project: { key: string }) => project.key)).toEqual(['beta-app']);
    expect((await session.request('GET', '/api/v1/projects/default/flags')).status).toBe(404);
    // A viewer in beta, whatever they are in their own organisation.
    expect((await session.request('POST', '/api/v1/projects', { key: 'not-allowed' })).status).toBe(403);

    // The next sign-in lands where the account was last.
    const next = await login(owner().email, owner().password);
    expect(next.body.organization.key).toBe('beta');
    expect((await session.request('POST', '/api/v1/auth/organization', { organization: 'default' })).status).toBe(200);
    expect((await login(owner().email, owner().password)).body.organization.key).toBe('default');
  });

  it('needs the session’s CSRF token to switch, and is refused to tokens (403), which belong to one organisation', async () => {
    const session = await signInAs(owner().email, owner().password);
    const forged = await session.request('POST', '/api/v1/auth/organization', { organization: 'beta' }, { csrf: null });
    expect(forged.status).toBe(403);
    expect((await session.request('GET', '/api/v1/auth/session')).body.organization.key).toBe('default');
    const byToken = await server.api('POST', '/api/v1/auth/organization', { organization: 'beta' });
    expect(byToken.status).toBe(403);
    const bad = await session.request('POST', '/api/v1/auth/organization', { organization: 'no spaces' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('organization');
  });

  it('gives a personal token to one membership: it acts in that organisation, with those roles', async () => {
    const session = await signInAs(owner().email, owner().password);
    await session.request('POST', '/api/v1/auth/organization', { organization: 'beta' });
    const created = await session.request('POST', '/api/v1/api-tokens', {
      name: 'beta laptop',
      kind: 'personal',
      roles: [{ role: 'viewer' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.memberId).toBe(await membershipOf(owner().email, asBeta));
    const token = created.body.token as string;
    expect((await server.api('GET', '/api/v1/organization', undefined, token)).body.key).toBe('beta');
    // Switching the session elsewhere does not move the token.
    await session.request('POST', '/api/v1/auth/organization', { organization: 'default' });
    expect((await server.api('GET', '/api/v1/organization', undefined, token)).body.key).toBe('beta');
    expect((await server.api('GET', '/api/v1/projects/default/flags', undefined, token)).status).toBe(404);
  });

  it('renames a member, or changes their roles, in one organisation only', async () => {
    const id = await membershipOf(owner().email, asBeta);
    const renamed = await asBeta('PATCH', `/api/v1/members/${id}`, {
      name: 'Renamed by Beta',
      roles: [{ role: 'editor' }],
    });
    expect(renamed.status).toBe(200);
    const atHome = (await server.api('GET', '/api/v1/members')).body.find(
      (member: { email: string }) => member.email === owner().email,
    );
    expect(atHome).toMatchObject({ name: 'Owner', roles: [{ role: 'owner' }] });
  });

  it('changes the account’s password everywhere, ending its sessions in every organisation but this one', async () => {
    const email = 'traveller@example.com';
    const first = 'the traveller’s own password';
    expect(
      (await server.api('POST', '/api/v1/members', { email, name: 'T', password: first, roles: [{ role: 'viewer' }] }))
        .status,
    ).toBe(201);
    expect(
      (await asBeta('POST', '/api/v1/members', { email, name: 'T', password: 'ignored', roles: [{ role: 'viewer' }] }))
        .status,
    ).toBe(400); // too short: checked like any first password, whether or not it will be used
    expect(
      (
        await asBeta('POST', '/api/v1/members', {
          email,
          name: 'T',
          password: 'ignored, the account has one',
          roles: [{ role: 'viewer' }],
        })
      ).status,
    ).toBe(201);
    const here = await signInAs(email, first);
    const there = await signInAs(email, first);
    await there.request('POST', '/api/v1/auth/organization', { organization: 'beta' });
    const changed = await here.request('POST', '/api/v1/auth/password', {
      currentPassword: first,
      newPassword: 'a new password for every organisation',
    });
    expect(changed.status).toBe(204);
    expect((await here.request('GET', '/api/v1/auth/session')).status).toBe(200);
    expect((await there.request('GET', '/api/v1/auth/session')).status).toBe(401);
    expect((await login(email, first)).status).toBe(401);
    const again = await signInAs(email, 'a new password for every organisation');
    expect(organizationKeys((await again.request('GET', '/api/v1/auth/session')).body)).toEqual(['beta', 'default']);
  });

  describe('leaving one organisation', () => {
    let inDefault: Session;
    let inBeta: Session;
    let betaToken: string;

    beforeAll(async () => {
      inDefault = await signInAs(owner().email, owner().password);
      inBeta = await signInAs(owner().email, owner().password);
      expect((await inBeta.request('POST', '/api/v1/auth/organization', { organization: 'beta' })).status).toBe(200);
      betaToken = (
        await inBeta.request('POST', '/api/v1/api-tokens', {
          name: 'cli',
          kind: 'personal',
          roles: [{ role: 'viewer' }],
        })
      ).body.token;
      expect((await asBeta('DELETE', `/api/v1/members/${await membershipOf(owner().email, asBeta)}`)).status).toBe(204);
    });

    it('ends the sessions and personal tokens of that membership only', async () => {
      expect((await inBeta.request('GET', '/api/v1/projects')).status).toBe(401);
      expect((await server.api('GET', '/api/v1/projects', undefined, betaToken)).status).toBe(401);
      const home = await inDefault.request('GET', '/api/v1/auth/session');
      expect(home.status).toBe(200);
      expect(organizationKeys(home.body)).toEqual(['default']);
      expect((await inDefault.request('POST', '/api/v1/auth/organization', { organization: 'beta' })).status).toBe(404);
    });

    it('keeps the account, whose next sign-in lands in an organisation it is still in', async () => {
      await server.ctx.db
        .updateTable('accounts')
        .set({
          lastOrganizationId: (
            await server.ctx.db
              .selectFrom('organizations')
              .select('id')
              .where('key', '=', 'beta')
              .executeTakeFirstOrThrow()
          ).id,
        })
        .where('email', '=', owner().email)
        .execute();
      const next = await login(owner().email, owner().password);
      expect(next.status).toBe(200);
      expect(next.body.organization.key).toBe('default');
    });

    it('deletes an account left with no membership: it signs in no more, and its address starts afresh', async () => {
      const email = 'only-in-beta@example.com';
      const added = await asBeta('POST', '/api/v1/members', {
        email,
        name: 'Only',
        password: 'only in beta, for now',
        roles: [{ role: 'viewer' }],
      });
      expect((await login(email, 'only in beta, for now')).status).toBe(200);
      expect((await asBeta('DELETE', `/api/v1/members/${added.body.id}`)).status).toBe(204);
      expect(await server.ctx.db.selectFrom('accounts').select('id').where('email', '=', email).execute()).toEqual([]);
      expect((await login(email, 'only in beta, for now')).status).toBe(401);
      expect(
        (
          await server.api('POST', '/api/v1/members', {
            email,
            name: 'Fresh',
            password: 'a fresh start, a fresh password',
            roles: [{ role: 'viewer' }],
          })
        ).status,
      ).toBe(201);
      expect((await login(email, 'a fresh start, a fresh password')).body.organization.key).toBe('default');
    });
  });

  describe('invitations to an address that has an account', () => {
    it('are accepted with the account’s password, which stays as it was; the session lands in the new organisation', async () => {
      const invitation = await asBeta('POST', '/api/v1/invitations', {
        email: server.seeded.ownerEmail,
        roles: [{ role: 'editor' }],
      });
      expect(invitation.status).toBe(201);
      const accept = (password: string) =>
        call(
          server.url,
          'POST',
          '/api/v1/auth/invitations/accept',
          { token: invitation.body.token, name: 'Invited owner', password },
          { 'x-forwarded-for': nextAddress() },
        );
      const wrong = await accept('a password of my choosing');
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0].path).toBe('password');
      expect((await login(owner().email, 'a password of my choosing')).status).toBe(401);

      const accepted = await accept(owner().password);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
      expect(accepted.body).toMatchObject({
        member: { email: owner().email, name: 'Invited owner', roles: [{ role: 'editor' }], hasPassword: true },
        organization: { key: 'beta' },
        organizations: [{ key: 'beta' }, { key: 'default' }],
      });
      const session = sessionFrom(server.url, accepted);
      expect((await session.request('GET', '/api/v1/projects')).body.map((p: { key: string }) => p.key)).toEqual([
        'beta-app',
      ]);
      expect((await login(owner().email, owner().password)).body.organization.key).toBe('beta');
      expect((await accept(owner().password)).status).toBe(404);
    });

    it('limit wrong passwords like sign-in does: 429 with Retry-After past the limit', async () => {
      const invitation = await asBeta('POST', '/api/v1/invitations', {
        email: 'traveller@example.com',
        roles: [{ role: 'viewer' }],
      });
      expect(invitation.status).toBe(409); // already a member of beta
      await server.api('POST', '/api/v1/members', {
        email: 'guarded@example.com',
        name: 'Guarded',
        password: 'the guarded password',
        roles: [{ role: 'viewer' }],
      });
      const guarded = await asBeta('POST', '/api/v1/invitations', {
        email: 'guarded@example.com',
        roles: [{ role: 'viewer' }],
      });
      const accept = (password: string) =>
        call(
          server.url,
          'POST',
          '/api/v1/auth/invitations/accept',
          { token: guarded.body.token, name: 'Guess', password },
          { 'x-forwarded-for': nextAddress() },
        );
      for (let attempt = 0; attempt < 10; attempt++)
        expect((await accept(`guess number ${attempt}!`)).status).toBe(400);
      const limited = await accept('the guarded password');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
