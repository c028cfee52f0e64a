import { generateKeyPairSync } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_FLOW_COOKIE, OIDC_FLOW_MINUTES, OidcFlowCookie } from '../src/auth/oidc-flow.js';
import { createOrganization } from '../src/index.js';
import { SEED_OWNER_EMAIL } from '../src/seed.js';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Single sign-on with OpenID Connect (issue 5), against a real OpenID provider (panva's
 * oidc-provider) on 127.0.0.1: the browser's part of the authorization code flow is driven with
 * fetch, following redirects by hand and carrying each site's cookies.
 */

const CLIENT_ID = 'vexil-console';
const CLIENT_SECRET = 'a client secret long enough for HMAC, 0123456789';
const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
const PUBLIC_URL = 'https://vexil.example.com';

interface Account {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** An OpenID provider with accounts the tests choose, and its development login and consent pages. */
class TestIdentityProvider {
  readonly accounts = new Map<string, Account>();
  /** The provider's request handler, once serving; until then every request gets a 503. */
  private handler: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  /** Listens first, so the issuer URL is known before Vexil (and so its callback URL) exists. */
  static async listen(): Promise<TestIdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const identityProvider = new TestIdentityProvider(
      server,
      `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    );
    server.on('request', (request, response) => {
      if (identityProvider.handler) return identityProvider.handler(request, response);
      response.writeHead(503).end();
    });
    return identityProvider;
  }

  /** Starts answering, with Vexil registered as a client allowed to return to `redirectUris`. */
  serve(redirectUris: string[]): void {
    const accounts = this.accounts;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const configuration: Configuration = {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: (_context, id) => {
        const account = accounts.get(id);
        return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
      },
      jwks: {
        keys: [
          {
            ...(privateKey.export({ format: 'jwk' }) as Record<string, string>),
            kid: 'test',
            use: 'sig',
            alg: 'RS256',
          },
        ],
      },
      cookies: { keys: ['cookie signing key of the test provider'] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      features: { devInteractions: { enabled: true } },
    };
    this.handler = new Provider(this.issuer, configuration).callback();
  }

  /**
   * Plays the user at the provider: from the authorization URL Vexil redirected to, through the
   * login form (any password) and the consent page, to the redirect back to Vexil, which is returned.
   * `abort` cancels at the login page instead.
   */
  async signIn(authorizationUrl: string, accountId: string, options: { abort?: boolean } = {}): Promise<URL> {
    const browser = new Browser();
    let url = new URL(authorizationUrl);
    for (let step = 0; step < 12; step++) {
      if (url.origin !== this.issuer) return url;
      const response = await browser.get(url);
      if (response.status === 200) {
        const page = await response.text();
        const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
        if (!prompt) throw new Error(`unexpected page at ${url.href}: ${page.slice(0, 300)}`);
        const next = options.abort
          ? await browser.get(new URL(`${url.pathname}/abort`, url))
          : await browser.post(url, new URLSearchParams({ prompt, login: accountId, password: 'any' }));
        url = redirectOf(next, url);
      } else {
        url = redirectOf(response, url);
      }
    }
    throw new Error('the provider never redirected back');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Just enough of a browser: cookies kept per origin (paths and expiry do not matter here), no automatic redirects. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  get(url: URL | string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(new URL(url), { method: 'GET', headers });
  }

  post(url: URL, form: URLSearchParams): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string | undefined): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    if (value === undefined) cookies.delete(name);
    else cookies.set(name, value);
    this.jar.set(origin, cookies);
  }

  private async request(
    url: URL,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<Response> {
    const cookies = [...(this.jar.get(url.origin) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const response = await fetch(url, {
      ...init,
      headers: { ...init.headers, ...(cookies ? { cookie: cookies } : {}) },
      redirect: 'manual',
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.split('=').map((part) => part.trim());
        return (
          (key.toLowerCase() === 'max-age' && Number(setting) <= 0) ||
          (key.toLowerCase() === 'expires' && Date.parse(setting) <= Date.now())
        );
      });
      this.setCookie(url.origin, name, expired || value === '' ? undefined : value);
    }
    return response;
  }
}

function redirectOf(response: Response, from: URL): URL {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location)
    throw new Error(`expected a redirect from ${from.href}, got ${response.status}`);
  return new URL(location, from);
}

async function problemOf(
  response: Response,
): Promise<{ status: number; detail?: string; errors?: { path: string; message: string }[] }> {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return (await response.json()) as { status: number; detail?: string };
}

describe.each(await testDialects())('single sign-on with OpenID Connect on %s', (dialect) => {
  let identityProvider: TestIdentityProvider;
  let server: TestServer;

  beforeAll(async () => {
    identityProvider = await TestIdentityProvider.listen();
    server = await startTestServer(dialect, {
      oidc: { issuer: identityProvider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, name: 'Test IdP' },
    });
    identityProvider.serve([`${server.url}${CALLBACK_PATH}`]);
  });
  afterAll(async () => {
    await server?.close();
    await identityProvider?.close();
  });

  /** One sign-in as a browser would make it: returns the browser and Vexil's answer to the callback. */
  async function signIn(accountId: string, options: { returnTo?: string; abort?: boolean } = {}) {
    const browser = new Browser();
    const start = await browser.get(
      `${server.url}/api/v1/auth/oidc${options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`}`,
    );
    expect(start.status).toBe(302);
    const callback = await identityProvider.signIn(start.headers.get('location') ?? '', accountId, options);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${server.url}${CALLBACK_PATH}`);
    return { browser, callback, answer: await browser.get(callback) };
  }

  async function sessionOf(browser: Browser) {
    const response = await browser.get(`${server.url}/api/v1/auth/session`);
    return {
      status: response.status,
      body: (await response.json()) as {
        member: { email: string; name: string; roles: unknown[]; hasPassword: boolean };
        organization: { key: string };
        organizations: { key: string }[];
      },
    };
  }

  const subjectOf = async (email: string) =>
    (
      await server.ctx.db
        .selectFrom('accounts')
        .select('oidcSubject')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).oidcSubject;

  it('tells the sign-in page which ways of signing in there are', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/providers`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ password: true, oidc: { name: 'Test IdP' } });
  });

  it('sends the browser to the provider with PKCE (S256), state, nonce and the callback as redirect_uri, remembering them in a short-lived cookie', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/oidc`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe(identityProvider.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: `${server.url}${CALLBACK_PATH}`,
      code_challenge_method: 'S256',
    });
    for (const parameter of ['state', 'nonce', 'code_challenge'])
      expect(location.searchParams.get(parameter)).toMatch(/^[\w-]{22,}$/);
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('vexil_oidc='));
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('signs in an existing member found by email, with a working session, and links the identity to them', async () => {
    identityProvider.accounts.set('owner-at-idp', {
      email: 'Owner@Vexil.Local',
      email_verified: true,
      name: 'The Owner',
    });
    const { browser, answer } = await signIn('owner-at-idp');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/');
    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect(session.body.member.email).toBe(SEED_OWNER_EMAIL);
    expect(await subjectOf(SEED_OWNER_EMAIL)).toBe(`${identityProvider.issuer} owner-at-idp`);
    const audit = await server.api('GET', `/api/v1/audit?resourceType=member&resource=${SEED_OWNER_EMAIL}`);
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['member.sso-linked', 'member.signed-in']),
    );

    // Once linked, the identity finds the member even after the provider's email changes.
    identityProvider.accounts.set('owner-at-idp', { email: 'owner@elsewhere.example', email_verified: true });
    const again = await signIn('owner-at-idp');
    expect(again.answer.status).toBe(302);
    expect((await sessionOf(again.browser)).body.member.email).toBe(SEED_OWNER_EMAIL);
  });

  it('turns an open invitation into a member with its roles, and the invitation cannot be used again', async () => {
    const invitation = await server.api('POST', '/api/v1/invitations', {
      email: 'grace@example.com',
      roles: [{ role: 'editor', project: 'default' }],
    });
    expect(invitation.status).toBe(201);
    identityProvider.accounts.set('grace-at-idp', {
      email: 'grace@example.com',
      email_verified: true,
      name: 'Grace Hopper',
    });

    const { browser, answer } = await signIn('grace-at-idp');
    expect(answer.status).toBe(302);
    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect(session.body.member).toMatchObject({
      email: 'grace@example.com',
      name: 'Grace Hopper',
      roles: [{ role: 'editor', project: 'default' }],
      hasPassword: false,
    });
    expect(await subjectOf('grace@example.com')).toBe(`${identityProvider.issuer} grace-at-idp`);

    const open = await server.api('GET', '/api/v1/invitations');
    expect(open.body.map((row: { email: string }) => row.email)).not.toContain('grace@example.com');
    const reuse = await fetch(`${server.url}/api/v1/auth/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invitation.body.token, name: 'Impostor', password: 'a long enough password 123' }),
    });
    expect(reuse.status).toBe(404);
    const audit = await server.api('GET', '/api/v1/audit?resourceType=member&resource=grace@example.com');
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toEqual([
      'member.signed-in',
      'member.joined',
    ]);
  });

  it('refuses an email with neither a member nor an open invitation (403)', async () => {
    identityProvider.accounts.set('stranger', { email: 'stranger@example.com', email_verified: true });
    const { browser, answer } = await signIn('stranger');
    expect(answer.status).toBe(403);
    expect((await problemOf(answer)).detail).toBe('No member or invitation for stranger@example.com');
    expect(browser.cookie(server.url, 'vexil_session')).toBeUndefined();
  });

  it('refuses an email the provider says it has not verified (403), even a member’s', async () => {
    const invitation = await server.api('POST', '/api/v1/invitations', {
      email: 'unverified@example.com',
      roles: [{ role: 'viewer' }],
    });
    expect(invitation.status).toBe(201);
    identityProvider.accounts.set('unverified', { email: 'unverified@example.com', email_verified: false });
    const { answer } = await signIn('unverified');
    expect(answer.status).toBe(403);
    expect((await problemOf(answer)).detail).toContain('not verified unverified@example.com');
  });

  it('refuses an account without an email address (403)', async () => {
    identityProvider.accounts.set('no-email', {});
    const { answer } = await signIn('no-email');
    expect(answer.status).toBe(403);
    expect((await problemOf(answer)).detail).toContain('did not share an email address');
  });

  it('redirects to returnTo after sign-in when it is a path on this server, and to / otherwise', async () => {
    identityProvider.accounts.set('owner-at-idp', { email: SEED_OWNER_EMAIL, email_verified: true });
    const cases: [returnTo: string, expected: string][] = [
      ['/projects/default/flags?tag=beta', '/projects/default/flags?tag=beta'],
      ['//evil.example/phish', '/'],
      ['/\\evil.example', '/'],
      ['https://evil.example/', '/'],
      ['/\t/evil.example', '/'],
    ];
    for (const [returnTo, expected] of cases) {
      const { answer } = await signIn('owner-at-idp', { returnTo });
      expect(answer.status, returnTo).toBe(302);
      expect(answer.headers.get('location'), returnTo).toBe(expected);
    }
  });

  it('answers an error from the provider with a 401 naming it', async () => {
    identityProvider.accounts.set('owner-at-idp', { email: SEED_OWNER_EMAIL, email_verified: true });
    const { callback, answer } = await signIn('owner-at-idp', { abort: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(answer.status).toBe(401);
    expect((await problemOf(answer)).detail).toContain('access_denied');
  });

  describe('refuses a callback that is not the end of this browser’s sign-in', () => {
    /** A real authorization response for the owner, not yet handed to Vexil. */
    async function pendingCallback() {
      identityProvider.accounts.set('owner-at-idp', { email: SEED_OWNER_EMAIL, email_verified: true });
      const browser = new Browser();
      const start = await browser.get(`${server.url}/api/v1/auth/oidc`);
      const callback = await identityProvider.signIn(start.headers.get('location') ?? '', 'owner-at-idp');
      return { browser, callback };
    }

    it('a state other than the one this browser was given (400)', async () => {
      const { browser, callback } = await pendingCallback();
      callback.searchParams.set('state', 'a-state-from-someone-elses-sign-in');
      const answer = await browser.get(callback);
      expect(answer.status).toBe(400);
      expect((await problemOf(answer)).errors?.[0]?.path).toBe('querystring.state');
      expect(browser.cookie(server.url, 'vexil_session')).toBeUndefined();
    });

    it('no state (400)', async () => {
      const { browser, callback } = await pendingCallback();
      callback.searchParams.delete('state');
      const answer = await browser.get(callback);
      expect(answer.status).toBe(400);
      expect((await problemOf(answer)).errors).toEqual([{ path: 'querystring.state', message: 'is required' }]);
    });

    it('parameters given twice or too long (400 naming them)', async () => {
      const { browser, callback } = await pendingCallback();
      const doubled = new URL(callback);
      doubled.searchParams.append('code', 'another-code');
      const answer = await browser.get(doubled);
      expect(answer.status).toBe(400);
      expect((await problemOf(answer)).errors?.map((error) => error.path)).toEqual(['querystring.code']);
      const long = new URL(callback);
      long.searchParams.set('state', 's'.repeat(2000));
      const tooLong = await browser.get(long);
      expect(tooLong.status).toBe(400);
      expect((await problemOf(tooLong)).errors?.map((error) => error.path)).toEqual(['querystring.state']);
    });

    it('a browser that did not start it: no flow cookie (400)', async () => {
      const { callback } = await pendingCallback();
      const answer = await new Browser().get(callback);
      expect(answer.status).toBe(400);
      expect((await problemOf(answer)).detail).toContain('no sign-in in progress');
    });

    it('a flow cookie that was tampered with (400)', async () => {
      const { browser, callback } = await pendingCallback();
      const cookie = browser.cookie(server.url, 'vexil_oidc') ?? '';
      const [payload = '', signature = ''] = cookie.split('.');
      const flow = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...flow, returnTo: '//evil.example' })).toString('base64url');
      browser.setCookie(server.url, 'vexil_oidc', `${forged}.${signature}`);
      const answer = await browser.get(callback);
      expect(answer.status).toBe(400);
      expect((await problemOf(answer)).detail).toContain('not one this server issued');
    });

    it('a code already used, even with the flow cookie kept (401 from the provider)', async () => {
      const { browser, callback } = await pendingCallback();
      const cookie = browser.cookie(server.url, 'vexil_oidc');
      expect((await browser.get(callback)).status).toBe(302);
      browser.setCookie(server.url, 'vexil_oidc', cookie);
      const replay = await browser.get(callback);
      expect(replay.status).toBe(401);
      expect((await problemOf(replay)).detail).toContain('invalid_grant');
    });
  });

  describe('with several organisations', () => {
    let betaToken: string;
    const asBeta = (method: string, path: string, body?: unknown) => server.api(method, path, body, betaToken);
    const keys = (organizations: { key: string }[]) => organizations.map((organization) => organization.key);

    beforeAll(async () => {
      betaToken = (
        await createOrganization(server.ctx, {
          key: 'beta',
          name: 'Beta',
          ownerEmail: 'owner@beta.test',
          project: 'beta-app',
        })
      ).apiToken;
    });

    it('joins a new person to every organisation that invited them, landing in the latest', async () => {
      for (const invite of [server.api, asBeta])
        expect(
          (await invite('POST', '/api/v1/invitations', { email: 'hedy@example.com', roles: [{ role: 'viewer' }] }))
            .status,
        ).toBe(201);
      identityProvider.accounts.set('hedy-at-idp', { email: 'hedy@example.com', email_verified: true, name: 'Hedy' });
      const { browser, answer } = await signIn('hedy-at-idp');
      expect(answer.status).toBe(302);
      const session = await sessionOf(browser);
      expect(session.body.organization.key).toBe('beta');
      expect(keys(session.body.organizations)).toEqual(['beta', 'default']);
      expect(await subjectOf('hedy@example.com')).toBe(`${identityProvider.issuer} hedy-at-idp`);
    });

    it('joins an existing account to an organisation that invited its address, when the provider proves it', async () => {
      identityProvider.accounts.set('owner-at-idp', { email: SEED_OWNER_EMAIL, email_verified: true });
      expect(keys((await sessionOf((await signIn('owner-at-idp')).browser)).body.organizations)).toEqual(['default']);
      expect(
        (await asBeta('POST', '/api/v1/invitations', { email: SEED_OWNER_EMAIL, roles: [{ role: 'editor' }] })).status,
      ).toBe(201);
      // The provider now names another address: the invitation waits for one that proves this account's.
      identityProvider.accounts.set('owner-at-idp', { email: 'owner@elsewhere.example', email_verified: true });
      expect(keys((await sessionOf((await signIn('owner-at-idp')).browser)).body.organizations)).toEqual(['default']);
      identityProvider.accounts.set('owner-at-idp', { email: SEED_OWNER_EMAIL, email_verified: true });
      const joined = await sessionOf((await signIn('owner-at-idp')).browser);
      expect(joined.body.organization.key).toBe('beta');
      expect(joined.body.member).toMatchObject({ email: SEED_OWNER_EMAIL, roles: [{ role: 'editor' }] });
      expect(keys(joined.body.organizations)).toEqual(['beta', 'default']);
      expect((await asBeta('GET', '/api/v1/invitations')).body).toEqual([]);
      // The next sign-in lands where the account was last.
      expect((await sessionOf((await signIn('owner-at-idp')).browser)).body.organization.key).toBe('beta');
    });
  });

  it('lists its routes in the OpenAPI document, public and tagged auth', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { get?: { tags?: string[]; security?: unknown[]; summary?: string } }>;
    };
    for (const path of ['/api/v1/auth/providers', '/api/v1/auth/oidc', CALLBACK_PATH]) {
      const operation = document.paths[path]?.get;
      expect(operation, path).toBeDefined();
      expect(operation?.tags).toEqual(['auth']);
      expect(operation?.security).toEqual([]);
      expect(operation?.summary).toBeTruthy();
    }
  });
});

describe('single sign-on settings', () => {
  let identityProvider: TestIdentityProvider;
  beforeAll(async () => {
    identityProvider = await TestIdentityProvider.listen();
    identityProvider.serve([`${PUBLIC_URL}${CALLBACK_PATH}`]);
  });
  afterAll(() => identityProvider.close());

  it('is a 404 problem, and absent from the providers, when not configured', async () => {
    const server = await startTestServer('sqlite');
    try {
      const providers = await fetch(`${server.url}/api/v1/auth/providers`);
      expect(await providers.json()).toEqual({ password: true, oidc: null });
      for (const path of ['/api/v1/auth/oidc', `${CALLBACK_PATH}?code=x&state=y`]) {
        const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
        expect(response.status, path).toBe(404);
        expect((await problemOf(response)).detail).toContain('VEXIL_OIDC_ISSUER');
      }
    } finally {
      await server.close();
    }
  });

  it('derives the redirect URI from VEXIL_PUBLIC_URL, and makes the flow cookie Secure when that is https', async () => {
    const server = await startTestServer('sqlite', {
      publicUrl: PUBLIC_URL,
      oidc: { issuer: identityProvider.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, name: 'Test IdP' },
    });
    try {
      const response = await fetch(`${server.url}/api/v1/auth/oidc`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location') ?? '').searchParams.get('redirect_uri')).toBe(
        `${PUBLIC_URL}${CALLBACK_PATH}`,
      );
      expect(response.headers.getSetCookie().find((header) => header.startsWith('vexil_oidc='))).toMatch(/; Secure/);
    } finally {
      await server.close();
    }
  });

  it('answers 502 naming the issuer when the provider cannot be reached', async () => {
    const gone = await TestIdentityProvider.listen();
    await gone.close();
    const server = await startTestServer('sqlite', {
      oidc: { issuer: gone.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, name: 'Test IdP' },
    });
    try {
      const response = await fetch(`${server.url}/api/v1/auth/oidc`, { redirect: 'manual' });
      expect(response.status).toBe(502);
      expect((await problemOf(response)).detail).toContain(gone.issuer);
    } finally {
      await server.close();
    }
  });

  it('answers 502 while the provider fails, and discovers it again on the next sign-in once it works', async () => {
    const late = await TestIdentityProvider.listen();
    const server = await startTestServer('sqlite', {
      oidc: { issuer: late.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, name: 'Test IdP' },
    });
    try {
      const failing = await fetch(`${server.url}/api/v1/auth/oidc`, { redirect: 'manual' });
      expect(failing.status).toBe(502);
      late.serve([`${server.url}${CALLBACK_PATH}`]);
      const working = await fetch(`${server.url}/api/v1/auth/oidc`, { redirect: 'manual' });
      expect(working.status).toBe(302);
      expect(new URL(working.headers.get('location') ?? '').origin).toBe(late.issuer);
    } finally {
      await server.close();
      await late.close();
    }
  });

  it('refuses a flow cookie older than ten minutes', () => {
    const flows = new OidcFlowCookie(CLIENT_SECRET);
    let value = '';
    const reply = { setCookie: (_name: string, cookie: string) => (value = cookie) } as unknown as FastifyReply;
    const startedAt = Date.now();
    flows.set(
      reply,
      {
        state: 's',
        nonce: 'n',
        codeVerifier: 'v',
        redirectUri: `${PUBLIC_URL}${CALLBACK_PATH}`,
        returnTo: undefined,
        expiresAt: startedAt + OIDC_FLOW_MINUTES * 60_000,
      },
      true,
    );
    const request = { cookies: { [OIDC_FLOW_COOKIE]: value } } as unknown as FastifyRequest;
    expect(flows.read(request, startedAt + 9 * 60_000)).toMatchObject({ state: 's', nonce: 'n', codeVerifier: 'v' });
    expect(flows.read(request, startedAt + 10 * 60_000)).toEqual({
      missing: 'the sign-in was started more than 10 minutes ago',
    });
  });

  it('refuses to start with an issuer that is not https (http only on this machine)', async () => {
    await expect(
      startTestServer('sqlite', {
        oidc: { issuer: 'http://idp.example.com', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, name: 'x' },
      }),
    ).rejects.toThrow(/VEXIL_OIDC_ISSUER must be an https URL/);
  });
});
