import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashSecret } from '../src/auth/secrets.js';
import { buildApp, configFromEnvironment, migrate, openDatabase, ServerContext, type Store } from '../src/index.js';
import { call } from './support/browser-session.js';
import { createPostgresDatabase, testDialects } from './support/databases.js';

/**
 * The upgrade to accounts and memberships (0005): every member of a server from before becomes an
 * account plus one membership, and everything that named the member — sessions, personal tokens,
 * preferences, audit entries — still works. The old server's rows are written as it wrote them.
 */
describe.each(await testDialects())('upgrading members to accounts and memberships on %s', (dialect) => {
  let store: Store;
  let ctx: ServerContext;
  let url: string;
  let cleanup: () => Promise<void>;
  const password = 'the password from before';
  const sessionSecret = 'a-session-secret-from-before';
  const personalToken = 'vx_pat_a-personal-token-from-before';
  const adaSubject = 'https://idp.example.com ada-at-idp';

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vexil-accounts-migration-'));
    const postgres = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
    const config = { ...configFromEnvironment({}), dataDir, databaseUrl: postgres?.url, logLevel: 'silent' };
    store = await openDatabase(config);
    await migrate(store.db, store.dialect, '0004_console');
    const now = new Date().toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const hash = await hashPassword(password);
    const owner = JSON.stringify([{ role: 'owner' }]);
    for (const [id, key] of [
      ['org-a', 'alpha'],
      ['org-b', 'beta'],
    ] as const) {
      await sql`insert into organizations (id, key, name, created_at) values (${id}, ${key}, ${key.toUpperCase()}, ${now})`.execute(
        store.db,
      );
      await sql`insert into projects (id, organization_id, key, name, description, created_at) values (${`${key}-project`}, ${id}, ${key}, ${key}, '', ${now})`.execute(
        store.db,
      );
    }
    await sql`insert into members (id, organization_id, email, name, password_hash, roles, created_at, oidc_subject) values ('ada', 'org-a', 'ada@example.com', 'Ada', ${hash}, ${owner}, ${now}, ${adaSubject})`.execute(
      store.db,
    );
    await sql`insert into members (id, organization_id, email, name, password_hash, roles, created_at) values ('bob', 'org-b', 'bob@example.com', 'Bob', ${hash}, ${owner}, ${now})`.execute(
      store.db,
    );
    await sql`insert into sessions (id_hash, member_id, csrf_token, created_at, expires_at, last_seen_at) values (${hashSecret(sessionSecret)}, 'ada', 'csrf-from-before', ${now}, ${later}, ${now})`.execute(
      store.db,
    );
    await sql`insert into api_tokens (id, organization_id, name, token_hash, hint, roles, created_at, created_by, kind, member_id) values ('bob-token', 'org-b', 'laptop', ${hashSecret(personalToken)}, 'vx_pat_…fore', ${owner}, ${now}, 'bob@example.com', 'personal', 'bob')`.execute(
      store.db,
    );
    await sql`insert into member_preferences (member_id, project, environment, updated_at) values ('ada', 'alpha', null, ${now})`.execute(
      store.db,
    );
    await sql`insert into audit_log (organization_id, actor_type, actor_id, actor_name, action, resource_type, resource_key, created_at) values ('org-a', 'member', 'ada', 'ada@example.com', 'member.signed-in', 'member', 'ada@example.com', ${now})`.execute(
      store.db,
    );

    ctx = new ServerContext(config, store);
    await ctx.start();
    await migrate(store.db, store.dialect);
    const app = await buildApp(ctx, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    cleanup = async () => {
      await ctx.close();
      await app.close();
      await store.db.destroy();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  it('makes each member an account with the same id, and a membership keeping its id', async () => {
    const accounts = await store.db.selectFrom('accounts').selectAll().orderBy('email').execute();
    expect(
      accounts.map(({ id, email, oidcSubject, lastOrganizationId }) => ({
        id,
        email,
        oidcSubject,
        lastOrganizationId,
      })),
    ).toEqual([
      { id: 'ada', email: 'ada@example.com', oidcSubject: adaSubject, lastOrganizationId: 'org-a' },
      { id: 'bob', email: 'bob@example.com', oidcSubject: null, lastOrganizationId: 'org-b' },
    ]);
    const members = await store.db.selectFrom('members').selectAll().orderBy('id').execute();
    expect(members.map(({ id, organizationId, accountId, name }) => ({ id, organizationId, accountId, name }))).toEqual(
      [
        { id: 'ada', organizationId: 'org-a', accountId: 'ada', name: 'Ada' },
        { id: 'bob', organizationId: 'org-b', accountId: 'bob', name: 'Bob' },
      ],
    );
    expect(JSON.parse(members[0]!.roles)).toEqual([{ role: 'owner' }]);
  });

  it('keeps sessions, their CSRF token and the member’s preferences working', async () => {
    const cookie = { cookie: `vexil_session=${sessionSecret}` };
    const session = await call(url, 'GET', '/api/v1/auth/session', undefined, cookie);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      member: { id: 'ada', email: 'ada@example.com', name: 'Ada', hasPassword: true },
      organization: { key: 'alpha' },
      organizations: [{ key: 'alpha', name: 'ALPHA' }],
      csrfToken: 'csrf-from-before',
    });
    expect((await call(url, 'GET', '/api/v1/auth/preferences', undefined, cookie)).body).toEqual({
      project: 'alpha',
      environment: null,
    });
  });

  it('keeps personal tokens acting for their member, in their organisation', async () => {
    const projects = await call(url, 'GET', '/api/v1/projects', undefined, {
      authorization: `Bearer ${personalToken}`,
    });
    expect(projects.status).toBe(200);
    expect(projects.body.map((project: { key: string }) => project.key)).toEqual(['beta']);
  });

  it('keeps passwords: the member signs in as before, and lands in their organisation', async () => {
    const signedIn = await call(url, 'POST', '/api/v1/auth/login', { email: 'bob@example.com', password });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.member.id).toBe('bob');
    expect(signedIn.body.organization.key).toBe('beta');
  });

  it('keeps audit entries naming the member by the id the membership still has', async () => {
    const entries = await call(url, 'GET', '/api/v1/audit?resourceType=member&resource=ada@example.com', undefined, {
      cookie: `vexil_session=${sessionSecret}`,
    });
    expect(entries.status).toBe(200);
    expect(entries.body.entries.some((entry: { actor: { id: string } }) => entry.actor.id === 'ada')).toBe(true);
  });

  it('holds one account per email, one membership per account and organisation, and still cascades', async () => {
    const now = new Date().toISOString();
    await expect(
      store.db
        .insertInto('accounts')
        .values({
          id: 'ada-2',
          email: 'ada@example.com',
          passwordHash: '',
          oidcSubject: null,
          lastOrganizationId: null,
          createdAt: now,
        })
        .execute(),
    ).rejects.toThrow();
    await expect(
      store.db
        .insertInto('members')
        .values({
          id: 'ada-again',
          organizationId: 'org-a',
          accountId: 'ada',
          name: 'Ada',
          roles: '[]',
          createdAt: now,
        })
        .execute(),
    ).rejects.toThrow();
    // Ada joins beta too: a second membership of the same account.
    await store.db
      .insertInto('members')
      .values({
        id: 'ada-in-beta',
        organizationId: 'org-b',
        accountId: 'ada',
        name: 'Ada B',
        roles: '[]',
        createdAt: now,
      })
      .execute();
    await store.db.deleteFrom('members').where('id', '=', 'ada').execute();
    expect(await store.db.selectFrom('sessions').selectAll().where('memberId', '=', 'ada').execute()).toEqual([]);
    expect(await store.db.selectFrom('memberPreferences').selectAll().where('memberId', '=', 'ada').execute()).toEqual(
      [],
    );
    await store.db.deleteFrom('members').where('id', '=', 'bob').execute();
    expect(await store.db.selectFrom('apiTokens').selectAll().where('id', '=', 'bob-token').execute()).toEqual([]);
  });
});
