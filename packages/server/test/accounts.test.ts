import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/auth/secrets.js';
import { call, sessionFrom, signIn, type Session } from './support/browser-session.js';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 5, accounts: sign-in with a session cookie, CSRF on cookie-authenticated writes, sign-out,
 * session expiry, rate-limited sign-in, password change, invitations, members, personal tokens.
 * The server trusts X-Forwarded-For here so each test can sign in from its own address.
 */
let addresses = 0;
const nextAddress = () => `198.51.100.${++addresses}`;

describe.each(await testDialects())('accounts on %s', (dialect) => {
  let server: TestServer;
  let owner: Session;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    server = await startTestServer(dialect, { trustProxy: true });
    owner = await signIn(server.url, server.seeded.ownerEmail, server.seeded.ownerPassword, nextAddress());
  });
  afterAll(() => server.close());

  /** Invites `email` with `roles` as the owner and accepts the invitation; returns their session. */
  async function join(email: string, roles: unknown[]): Promise<{ session: Session; id: string }> {
    const invitation = await owner.request('POST', '/api/v1/invitations', { email, roles });
    expect(invitation.status, JSON.stringify(invitation.body)).toBe(201);
    const accepted = await call(server.url, 'POST', '/api/v1/auth/invitations/accept', {
      token: invitation.body.token,
      name: email.split('@')[0],
      password,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    return { session: sessionFrom(server.url, accepted), id: accepted.body.member.id };
  }

  describe('sign-in', () => {
    it('sets an httpOnly, SameSite session cookie and returns the member with a CSRF token', async () => {
      const response = await call(
        server.url,
        'POST',
        '/api/v1/auth/login',
        { email: 'OWNER@vexil.local', password: server.seeded.ownerPassword },
        { 'x-forwarded-for': nextAddress() },
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        member: {
          id: expect.any(String),
          email: 'owner@vexil.local',
          name: 'Owner',
          roles: [{ role: 'owner' }],
          hasPassword: true,
          createdAt: expect.any(String),
        },
        organization: { key: 'default', name: 'My organisation' },
        organizations: [{ key: 'default', name: 'My organisation' }],
        csrfToken: expect.any(String),
        expiresAt: expect.any(String),
      });
      const [cookie, csrfCookie] = response.headers.getSetCookie();
      expect(cookie).toMatch(/^vexil_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
      expect(cookie).not.toContain('Secure');
      // The CSRF token, readable by the console's scripts (double-submit), never the session.
      expect(csrfCookie).toMatch(new RegExp(`^vexil_csrf=${response.body.csrfToken};`));
      expect(csrfCookie).not.toContain('HttpOnly');
      expect(csrfCookie).toContain('SameSite=Lax');
      // The session lasts VEXIL_SESSION_HOURS (default a week).
      expect(Date.parse(response.body.expiresAt) - Date.now()).toBeGreaterThan(167 * 3_600_000);
    });

    it('marks the cookie Secure behind an HTTPS proxy', async () => {
      const response = await call(
        server.url,
        'POST',
        '/api/v1/auth/login',
        { email: server.seeded.ownerEmail, password: server.seeded.ownerPassword },
        { 'x-forwarded-for': nextAddress(), 'x-forwarded-proto': 'https' },
      );
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie().every((header) => header.includes('Secure'))).toBe(true);
    });

    it('stores only a hash of the session secret', async () => {
      const secret = owner.cookie.split('=')[1] as string;
      const rows = await server.ctx.db.selectFrom('sessions').selectAll().execute();
      expect(rows.some((row) => row.idHash === hashSecret(secret))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(secret);
    });

    it('answers a wrong password and an unknown email alike, with 401', async () => {
      const wrong = await call(
        server.url,
        'POST',
        '/api/v1/auth/login',
        { email: server.seeded.ownerEmail, password: 'not the password' },
        { 'x-forwarded-for': nextAddress() },
      );
      const unknown = await call(
        server.url,
        'POST',
        '/api/v1/auth/login',
        { email: 'nobody@example.com', password: 'not the password' },
        { 'x-forwarded-for': nextAddress() },
      );
      for (const response of [wrong, unknown]) {
        expect(response.status).toBe(401);
        expect(response.body.type).toBe('https://vexil.dev/problems/unauthorized');
        expect(response.body.detail).toBe('The email or the password is wrong');
        expect(response.headers.get('set-cookie')).toBeNull();
      }
    });

    it('refuses malformed credentials with 400 naming the field', async () => {
      for (const [body, path] of [
        [{ email: 'owner@vexil.local' }, 'password'],
        [{ password: 'x' }, 'email'],
        [{ email: 'owner@vexil.local', password: 42 }, 'password'],
        [{ email: 'owner@vexil.local', password: 'x', remember: true }, 'remember'],
      ] as const) {
        const response = await call(server.url, 'POST', '/api/v1/auth/login', body, {
          'x-forwarded-for': nextAddress(),
        });
        expect(response.status).toBe(400);
        expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
      }
    });

    it('lets the session cookie read the API and tells who is signed in', async () => {
      const me = await owner.request('GET', '/api/v1/auth/session');
      expect(me.status).toBe(200);
      expect(me.body.member.email).toBe('owner@vexil.local');
      expect(me.body.csrfToken).toBe(owner.csrfToken);
      expect((await owner.request('GET', '/api/v1/projects/default/flags')).status).toBe(200);
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without the CSRF token, or with a wrong one, and writes nothing', async () => {
      const before = await server.ctx.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      for (const csrf of [null, '', 'forged', `${owner.csrfToken}x`]) {
        const response = await owner.request(
          'POST',
          '/api/v1/projects/default/flags',
          { key: 'csrf-victim' },
          { csrf },
        );
        expect(response.status, String(csrf)).toBe(403);
        expect(response.body.detail).toContain('x-csrf-token');
      }
      const after = await server.ctx.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect((await server.api('GET', '/api/v1/projects/default/flags/csrf-victim')).status).toBe(404);
    });

    it('accepts the write with the session’s CSRF token and audits the member as its actor', async () => {
      const response = await owner.request('POST', '/api/v1/projects/default/flags', { key: 'made-in-the-console' });
      expect(response.status).toBe(201);
      const entry = await server.ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('resourceKey', '=', 'made-in-the-console')
        .executeTakeFirstOrThrow();
      expect([entry.actorType, entry.actorName]).toEqual(['member', 'owner@vexil.local']);
    });

    it('does not ask bearer-token requests for a CSRF token', async () => {
      expect((await server.api('POST', '/api/v1/projects/default/flags', { key: 'made-by-automation' })).status).toBe(
        201,
      );
    });
  });

  describe('sessions end', () => {
    it('signs out: the cookie is cleared and the session no longer works', async () => {
      const session = await signIn(server.url, server.seeded.ownerEmail, server.seeded.ownerPassword, nextAddress());
      const out = await session.request('POST', '/api/v1/auth/logout');
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie().map((header) => header.split(';')[0])).toEqual([
        'vexil_session=',
        'vexil_csrf=',
      ]);
      const after = await session.request('GET', '/api/v1/projects');
      expect(after.status).toBe(401);
    });

    it('expires: a session past its expiry gets 401', async () => {
      const session = await signIn(server.url, server.seeded.ownerEmail, server.seeded.ownerPassword, nextAddress());
      expect((await session.request('GET', '/api/v1/projects')).status).toBe(200);
      const idHash = hashSecret(session.cookie.split('=')[1] as string);
      await server.ctx.db
        .updateTable('sessions')
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .where('idHash', '=', idHash)
        .execute();
      const expired = await session.request('GET', '/api/v1/projects');
      expect(expired.status).toBe(401);
      expect(expired.body.detail).toContain('session has ended');
    });

    it('answers a made-up session cookie with 401', async () => {
      const response = await call(server.url, 'GET', '/api/v1/projects', undefined, {
        cookie: 'vexil_session=made-up',
      });
      expect(response.status).toBe(401);
    });
  });

  describe('rate limiting', () => {
    it('allows 10 failed sign-ins per minute per account, then answers 429 with Retry-After', async () => {
      const { session } = await join('limited@example.com', [{ role: 'viewer' }]);
      expect(session.csrfToken).toBeTruthy();
      for (let attempt = 0; attempt < 10; attempt++) {
        const response = await call(
          server.url,
          'POST',
          '/api/v1/auth/login',
          { email: 'limited@example.com', password: 'guess' },
          { 'x-forwarded-for': nextAddress() },
        );
        expect(response.status).toBe(401);
      }
      // From yet another address, and with the right password: the account is limited.
      const limited = await call(
        server.url,
        'POST',
        '/api/v1/auth/login',
        { email: 'Limited@example.com', password },
        { 'x-forwarded-for': nextAddress() },
      );
      expect(limited.status).toBe(429);
      expect(limited.body.type).toBe('https://vexil.dev/problems/too-many-requests');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Other accounts are not affected.
      expect(
        (
          await call(
            server.url,
            'POST',
            '/api/v1/auth/login',
            { email: server.seeded.ownerEmail, password: server.seeded.ownerPassword },
            { 'x-forwarded-for': nextAddress() },
          )
        ).status,
      ).toBe(200);
    });

    it('never holds back sign-ins that succeed', async () => {
      const address = nextAddress();
      for (let attempt = 0; attempt < 15; attempt++) {
        const response = await call(
          server.url,
          'POST',
          '/api/v1/auth/login',
          { email: server.seeded.ownerEmail, password: server.seeded.ownerPassword },
          { 'x-forwarded-for': address },
        );
        expect(response.status).toBe(200);
      }
    });

    it('allows 10 failed sign-ins per minute per address, whatever the accounts', async () => {
      const address = nextAddress();
      for (let attempt = 0; attempt < 10; attempt++) {
        const response = await call(
          server.url,
          'POST',
          '/api/v1/auth/login',
          { email: `someone-${attempt}@example.com`, password: 'guess' },
          { 'x-forwarded-for': address },
        );
        expect(response.status).toBe(401);
      }
      const limited = await call(
        server.url,
        'POST',
        '/api/v1/auth/login',
        { email: server.seeded.ownerEmail, password: server.seeded.ownerPassword },
        { 'x-forwarded-for': address },
      );
      expect(limited.status).toBe(429);
      // The refused address did not use up the owner's allowance.
      expect(
        (
          await call(
            server.url,
            'POST',
            '/api/v1/auth/login',
            { email: server.seeded.ownerEmail, password: server.seeded.ownerPassword },
            { 'x-forwarded-for': nextAddress() },
          )
        ).status,
      ).toBe(200);
    });
  });

  describe('password change', () => {
    it('checks the current password and the new one’s length, naming the field', async () => {
      const { session } = await join('changer@example.com', [{ role: 'viewer' }]);
      const wrong = await session.request('POST', '/api/v1/auth/password', {
        currentPassword: 'not it at all',
        newPassword: 'a new long password',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ path: 'currentPassword', message: 'is not the current password' }]);
      const short = await session.request('POST', '/api/v1/auth/password', {
        currentPassword: password,
        newPassword: 'short',
      });
      expect(short.status).toBe(400);
      expect(short.body.errors[0].path).toBe('newPassword');
    });

    it('changes the password, ends the member’s other sessions and keeps this one', async () => {
      const { session } = await join('rotator@example.com', [{ role: 'viewer' }]);
      const other = await signIn(server.url, 'rotator@example.com', password, nextAddress());
      const changed = await session.request('POST', '/api/v1/auth/password', {
        currentPassword: password,
        newPassword: 'an entirely new passphrase',
      });
      expect(changed.status).toBe(204);
      expect((await session.request('GET', '/api/v1/auth/session')).status).toBe(200);
      expect((await other.request('GET', '/api/v1/auth/session')).status).toBe(401);
      const old = await call(
        server.url,
        'POST',
        '/api/v1/auth/login',
        { email: 'rotator@example.com', password },
        { 'x-forwarded-for': nextAddress() },
      );
      expect(old.status).toBe(401);
      await signIn(server.url, 'rotator@example.com', 'an entirely new passphrase', nextAddress());
      const entry = await server.ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'member.password-changed')
        .where('resourceKey', '=', 'rotator@example.com')
        .executeTakeFirstOrThrow();
      expect(entry.actorName).toBe('rotator@example.com');
      expect(`${entry.before}${entry.after}`).not.toMatch(/scrypt|passphrase/);
    });

    it('is refused to API tokens: only a signed-in member changes their own password', async () => {
      const response = await server.api('POST', '/api/v1/auth/password', {
        currentPassword: 'whatever it is',
        newPassword: 'whatever it will be',
      });
      expect(response.status).toBe(403);
    });
  });

  describe('invitations', () => {
    it('shows the link once, stores only its hash, and makes a member with the invitation’s roles', async () => {
      const invitation = await owner.request('POST', '/api/v1/invitations', {
        email: 'New.Person@Example.com',
        roles: [{ role: 'editor', project: 'default' }],
      });
      expect(invitation.status).toBe(201);
      expect(invitation.body.token).toMatch(/^vx_inv_/);
      expect(invitation.body.url).toBe(`${server.url}/invitations/accept#${invitation.body.token}`);
      expect(invitation.body.email).toBe('new.person@example.com');
      const row = await server.ctx.db
        .selectFrom('invitations')
        .selectAll()
        .where('id', '=', invitation.body.id)
        .executeTakeFirstOrThrow();
      expect(row.tokenHash).toBe(hashSecret(invitation.body.token));
      expect(JSON.stringify(row)).not.toContain(invitation.body.token);
      const listed = await owner.request('GET', '/api/v1/invitations');
      expect(listed.body.map((open: { email: string }) => open.email)).toContain('new.person@example.com');
      expect(JSON.stringify(listed.body)).not.toContain(invitation.body.token);

      const accepted = await call(server.url, 'POST', '/api/v1/auth/invitations/accept', {
        token: invitation.body.token,
        name: 'New Person',
        password,
      });
      expect(accepted.status).toBe(201);
      expect(accepted.body.member).toMatchObject({
        email: 'new.person@example.com',
        name: 'New Person',
        roles: [{ role: 'editor', project: 'default' }],
      });
      const session = sessionFrom(server.url, accepted);
      expect((await session.request('POST', '/api/v1/projects/default/flags', { key: 'by-new-person' })).status).toBe(
        201,
      );
      expect((await session.request('POST', '/api/v1/projects', { key: 'not-theirs' })).status).toBe(403);
      const joined = await server.ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'member.joined')
        .where('resourceKey', '=', 'new.person@example.com')
        .executeTakeFirstOrThrow();
      expect(joined.actorName).toBe('new.person@example.com');
    });

    it('works once: a second acceptance gets 404 and creates no one', async () => {
      const invitation = await owner.request('POST', '/api/v1/invitations', {
        email: 'once@example.com',
        roles: [{ role: 'viewer' }],
      });
      const body = { token: invitation.body.token, name: 'Once', password };
      const [first, second] = await Promise.all([
        call(server.url, 'POST', '/api/v1/auth/invitations/accept', body),
        call(server.url, 'POST', '/api/v1/auth/invitations/accept', body),
      ]);
      expect([first.status, second.status].sort()).toEqual([201, 404]);
      const third = await call(server.url, 'POST', '/api/v1/auth/invitations/accept', body);
      expect(third.status).toBe(404);
      const members = await server.ctx.db
        .selectFrom('members')
        .innerJoin('accounts', 'accounts.id', 'members.accountId')
        .select('members.id')
        .where('accounts.email', '=', 'once@example.com')
        .execute();
      expect(members).toHaveLength(1);
    });

    it('refuses revoked, expired, replaced and made-up invitations', async () => {
      const revoked = await owner.request('POST', '/api/v1/invitations', {
        email: 'revoked@example.com',
        roles: [{ role: 'viewer' }],
      });
      expect((await owner.request('DELETE', `/api/v1/invitations/${revoked.body.id}`)).status).toBe(204);
      expect((await owner.request('DELETE', `/api/v1/invitations/${revoked.body.id}`)).status).toBe(409);
      const expired = await owner.request('POST', '/api/v1/invitations', {
        email: 'expired@example.com',
        roles: [{ role: 'viewer' }],
        expiresInHours: 1,
      });
      await server.ctx.db
        .updateTable('invitations')
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', expired.body.id)
        .execute();
      const replaced = await owner.request('POST', '/api/v1/invitations', {
        email: 'twice@example.com',
        roles: [{ role: 'viewer' }],
      });
      await owner.request('POST', '/api/v1/invitations', { email: 'twice@example.com', roles: [{ role: 'editor' }] });
      for (const token of [revoked.body.token, expired.body.token, replaced.body.token, 'vx_inv_made-up']) {
        const response = await call(server.url, 'POST', '/api/v1/auth/invitations/accept', {
          token,
          name: 'X',
          password,
        });
        expect(response.status).toBe(404);
      }
    });

    it('refuses bad invitations with the field at fault', async () => {
      const cases: [unknown, number, string][] = [
        [{ email: 'not-an-email', roles: [{ role: 'viewer' }] }, 400, 'email'],
        [{ email: 'a@example.com', roles: [] }, 400, 'roles'],
        [{ email: 'a@example.com', roles: [{ role: 'king' }] }, 400, 'roles[0].role'],
        [{ email: 'a@example.com', roles: [{ role: 'viewer', project: 'nope' }] }, 400, 'roles[0].project'],
        [{ email: 'a@example.com', roles: [{ role: 'viewer' }], expiresInHours: 0 }, 400, 'expiresInHours'],
        [{ email: 'owner@vexil.local', roles: [{ role: 'viewer' }] }, 409, 'email'],
      ];
      for (const [body, status, path] of cases) {
        const response = await owner.request('POST', '/api/v1/invitations', body);
        expect(response.status, JSON.stringify(body)).toBe(status);
        expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
      }
      const weak = await owner.request('POST', '/api/v1/invitations', {
        email: 'weak@example.com',
        roles: [{ role: 'viewer' }],
      });
      const accept = await call(server.url, 'POST', '/api/v1/auth/invitations/accept', {
        token: weak.body.token,
        name: 'Weak',
        password: 'short',
      });
      expect(accept.status).toBe(400);
      expect(accept.body.errors[0].path).toBe('password');
    });

    it('lets only owners invite, and nobody grant more than they hold', async () => {
      const { session: admin } = await join('an-admin@example.com', [{ role: 'admin' }]);
      expect(
        (await admin.request('POST', '/api/v1/invitations', { email: 'b@example.com', roles: [{ role: 'viewer' }] }))
          .status,
      ).toBe(403);
      expect((await admin.request('GET', '/api/v1/invitations')).status).toBe(403);
      // An owner of the organisation who is only a viewer of project "default".
      const { session: limited } = await join('limited-owner@example.com', [
        { role: 'owner' },
        { role: 'viewer', project: 'default' },
      ]);
      const beyond = await limited.request('POST', '/api/v1/invitations', {
        email: 'c@example.com',
        roles: [{ role: 'editor', project: 'default' }],
      });
      expect(beyond.status).toBe(403);
    });
  });

  describe('members', () => {
    it('lets an owner add a member with a first password, who can then sign in', async () => {
      const added = await owner.request('POST', '/api/v1/members', {
        email: 'Added@Example.com',
        name: 'Added',
        password,
        roles: [{ role: 'viewer', project: 'default' }],
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        email: 'added@example.com',
        name: 'Added',
        roles: [{ role: 'viewer', project: 'default' }],
      });
      // Whether an account has a password is the account's: it may have been set in another organisation.
      expect(added.body).not.toHaveProperty('hasPassword');
      expect((await owner.request('GET', `/api/v1/members/${added.body.id}`)).body).toEqual(added.body);
      const session = await signIn(server.url, 'added@example.com', password, nextAddress());
      expect((await session.request('GET', '/api/v1/projects/default/flags')).status).toBe(200);
      expect((await session.request('POST', '/api/v1/projects/default/flags', { key: 'not-allowed' })).status).toBe(
        403,
      );
      const again = await owner.request('POST', '/api/v1/members', {
        email: 'added@example.com',
        name: 'Again',
        password,
        roles: [{ role: 'viewer' }],
      });
      expect(again.status).toBe(409);
      expect(again.body.errors[0].path).toBe('email');
      const weak = await owner.request('POST', '/api/v1/members', {
        email: 'weak-added@example.com',
        name: 'Weak',
        password: 'short',
        roles: [{ role: 'viewer' }],
      });
      expect(weak.body.errors[0].path).toBe('password');
      expect((await owner.request('GET', '/api/v1/members/not-a-member')).status).toBe(404);
    });

    it('lists members without any secret', async () => {
      const response = await owner.request('GET', '/api/v1/members');
      expect(response.status).toBe(200);
      expect(response.body.map((member: { email: string }) => member.email)).toContain('owner@vexil.local');
      expect(JSON.stringify(response.body)).not.toMatch(/scrypt|passwordHash/);
    });

    it('changes a member’s roles, effective on their next request', async () => {
      const { session, id } = await join('demoted@example.com', [{ role: 'editor' }]);
      expect((await session.request('POST', '/api/v1/projects/default/flags', { key: 'before-demotion' })).status).toBe(
        201,
      );
      const updated = await owner.request('PATCH', `/api/v1/members/${id}`, { roles: [{ role: 'viewer' }] });
      expect(updated.status).toBe(200);
      expect(updated.body.roles).toEqual([{ role: 'viewer' }]);
      expect((await session.request('POST', '/api/v1/projects/default/flags', { key: 'after-demotion' })).status).toBe(
        403,
      );
      const entry = await server.ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'member.updated')
        .where('resourceKey', '=', 'demoted@example.com')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.before as string).roles).toEqual([{ role: 'editor' }]);
      expect(JSON.parse(entry.after as string).roles).toEqual([{ role: 'viewer' }]);
    });

    it('keeps the last owner: demoting or removing them is a 409', async () => {
      const me = await owner.request('GET', '/api/v1/auth/session');
      const others = (await owner.request('GET', '/api/v1/members')).body.filter(
        (member: { id: string; roles: { role: string; project?: string }[] }) =>
          member.id !== me.body.member.id &&
          member.roles.some((binding) => binding.role === 'owner' && !binding.project),
      );
      for (const other of others) await owner.request('DELETE', `/api/v1/members/${other.id}`);
      expect(
        (await owner.request('PATCH', `/api/v1/members/${me.body.member.id}`, { roles: [{ role: 'admin' }] })).status,
      ).toBe(409);
      expect((await owner.request('DELETE', `/api/v1/members/${me.body.member.id}`)).status).toBe(409);
    });

    it('removes a member: their sessions and personal tokens stop working at once', async () => {
      const { session, id } = await join('leaver@example.com', [{ role: 'editor' }]);
      const token = await session.request('POST', '/api/v1/api-tokens', {
        name: 'laptop',
        kind: 'personal',
        roles: [{ role: 'viewer' }],
      });
      expect(token.status).toBe(201);
      expect((await server.api('GET', '/api/v1/projects', undefined, token.body.token)).status).toBe(200);
      expect((await owner.request('DELETE', `/api/v1/members/${id}`)).status).toBe(204);
      expect((await session.request('GET', '/api/v1/projects')).status).toBe(401);
      expect((await server.api('GET', '/api/v1/projects', undefined, token.body.token)).status).toBe(401);
      expect((await owner.request('DELETE', `/api/v1/members/${id}`)).status).toBe(404);
    });

    it('lets only owners manage members', async () => {
      const { session: admin } = await join('not-an-owner@example.com', [{ role: 'admin' }]);
      const { id } = await join('target@example.com', [{ role: 'viewer' }]);
      expect((await admin.request('PATCH', `/api/v1/members/${id}`, { roles: [{ role: 'editor' }] })).status).toBe(403);
      expect((await admin.request('DELETE', `/api/v1/members/${id}`)).status).toBe(403);
      expect(
        (
          await admin.request('POST', '/api/v1/members', {
            email: 'by-admin@example.com',
            name: 'X',
            password,
            roles: [{ role: 'viewer' }],
          })
        ).status,
      ).toBe(403);
      expect((await admin.request('GET', '/api/v1/members')).status).toBe(200);
    });
  });

  describe('personal and service tokens', () => {
    it('gives a member a personal token, prefixed vx_pat_, bounded by the member’s roles now and later', async () => {
      const { session, id } = await join('personal@example.com', [{ role: 'editor' }]);
      const created = await session.request('POST', '/api/v1/api-tokens', {
        name: 'cli',
        kind: 'personal',
        roles: [{ role: 'editor' }],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'personal', memberId: id, createdBy: 'personal@example.com' });
      expect(created.body.token).toMatch(/^vx_pat_/);
      const token = created.body.token as string;
      expect(
        (await server.api('POST', '/api/v1/projects/default/flags', { key: 'by-personal-token' }, token)).status,
      ).toBe(201);
      const entry = await server.ctx.db
        .selectFrom('auditLog')
        .selectAll()
        .where('resourceKey', '=', 'by-personal-token')
        .executeTakeFirstOrThrow();
      expect([entry.actorType, entry.actorName]).toEqual(['api-token', 'personal@example.com (token cli)']);
      // The member is demoted: the token can no longer write, though its own grant says editor.
      await owner.request('PATCH', `/api/v1/members/${id}`, { roles: [{ role: 'viewer' }] });
      expect(
        (await server.api('POST', '/api/v1/projects/default/flags', { key: 'after-demotion-by-token' }, token)).status,
      ).toBe(403);
      expect((await server.api('GET', '/api/v1/projects/default/flags', undefined, token)).status).toBe(200);
      // The member sees and revokes their own tokens, and nobody else's.
      const listed = await session.request('GET', '/api/v1/api-tokens');
      expect(listed.body.map((listedToken: { id: string }) => listedToken.id)).toEqual([created.body.id]);
      const service = (await owner.request('GET', '/api/v1/api-tokens')).body.find(
        (listedToken: { kind: string }) => listedToken.kind === 'service',
      );
      expect((await session.request('DELETE', `/api/v1/api-tokens/${service.id}`)).status).toBe(404);
      expect((await session.request('DELETE', `/api/v1/api-tokens/${created.body.id}`)).status).toBe(204);
      expect((await server.api('GET', '/api/v1/projects', undefined, token)).status).toBe(401);
    });

    it('refuses a personal token beyond the member’s roles, a service token to non-owners, and a personal one to a service token', async () => {
      const { session } = await join('modest@example.com', [{ role: 'viewer' }]);
      expect(
        (
          await session.request('POST', '/api/v1/api-tokens', {
            name: 'x',
            kind: 'personal',
            roles: [{ role: 'editor' }],
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await session.request('POST', '/api/v1/api-tokens', {
            name: 'x',
            kind: 'service',
            roles: [{ role: 'viewer' }],
          })
        ).status,
      ).toBe(403);
      const byServiceToken = await server.api('POST', '/api/v1/api-tokens', {
        name: 'x',
        kind: 'personal',
        roles: [{ role: 'viewer' }],
      });
      expect(byServiceToken.status).toBe(400);
      expect(byServiceToken.body.errors[0].path).toBe('kind');
    });

    it('expires: refused at creation when already past, and with 401 once past', async () => {
      const past = await server.api('POST', '/api/v1/api-tokens', {
        name: 'old',
        roles: [{ role: 'viewer' }],
        expiresAt: '2020-01-01T00:00:00Z',
      });
      expect(past.status).toBe(400);
      expect(past.body.errors).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
      expect(
        (
          await server.api('POST', '/api/v1/api-tokens', {
            name: 'bad',
            roles: [{ role: 'viewer' }],
            expiresAt: 'tomorrow',
          })
        ).body.errors[0].path,
      ).toBe('expiresAt');
      const soon = await server.api('POST', '/api/v1/api-tokens', {
        name: 'short-lived',
        roles: [{ role: 'viewer' }],
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(soon.status).toBe(201);
      expect((await server.api('GET', '/api/v1/projects', undefined, soon.body.token)).status).toBe(200);
      await server.ctx.db
        .updateTable('apiTokens')
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', soon.body.id)
        .execute();
      const expired = await server.api('GET', '/api/v1/projects', undefined, soon.body.token);
      expect(expired.status).toBe(401);
      expect(expired.body.detail).toContain('expired');
    });

    it('records when a token was last used', async () => {
      const created = await server.api('POST', '/api/v1/api-tokens', { name: 'used', roles: [{ role: 'viewer' }] });
      expect(created.body.lastUsedAt).toBeNull();
      await server.api('GET', '/api/v1/projects', undefined, created.body.token);
      const listed = (await server.api('GET', '/api/v1/api-tokens')).body.find(
        (token: { id: string }) => token.id === created.body.id,
      );
      expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(JSON.stringify(listed)).not.toContain(created.body.token);
    });
  });
});
