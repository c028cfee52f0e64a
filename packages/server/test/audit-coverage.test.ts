import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * PRODUCT.md §1: "Every change is written to the audit log (who, when, what, before/after)."
 * Every write route of the management API, as the OpenAPI document lists them, is called once
 * with a valid request by an API token of its own, and must leave an audit entry naming that
 * token and the resource it changed. A write route with no case below fails the suite: add one.
 */

interface Resource {
  type: string;
  key: string;
}

/** One valid request of a route, on resources made for it alone (so cases run in any order). */
interface WriteCase {
  path: string;
  body?: unknown;
  /** What the audit entry must name; from the response when the server picks the id. */
  resource: Resource | ((response: any) => Resource);
  /**
   * For a request someone else must make (a member in a session, say): its headers instead of the
   * coverage token, and the actor its entries must name.
   */
  as?: { headers: Record<string, string>; actor: { type: string; name: string } };
}

/** Makes fresh resources with the first-start owner token, so that only the case's request is the tested token's. */
interface Fixtures {
  unique(prefix: string): string;
  project(): Promise<string>;
  environment(project?: string): Promise<string>;
  flag(): Promise<string>;
  segment(): Promise<string>;
  sdkKey(): Promise<string>;
  apiToken(): Promise<string>;
  /** A new member (invited and accepted), signed in: their id, email and session headers. */
  member(): Promise<{ id: string; email: string; headers: Record<string, string> }>;
  /** An open invitation's id and single-use token. */
  invitation(): Promise<{ id: string; email: string; token: string }>;
  call(method: string, path: string, body?: unknown): Promise<any>;
}

/** Non-GET routes that change nothing, so leave no entry; each with the reason. */
const NOT_WRITES: Record<string, string> = {
  'POST /api/v1/projects/{project}/flags/{flag}/evaluate':
    'evaluates the flag (and an unsaved draft of it) for a context; stores nothing',
  'POST /api/v1/projects/{project}/segments/{segment}/evaluate':
    'says whether a context is in the segment (and in an unsaved draft of it), and why; stores nothing',
  'PUT /api/v1/auth/preferences':
    'the console’s memory of the member’s last project and environment: personal, seen by nobody else, saved on every switch',
};

const PASSWORD = 'a long enough password';
const asMember = (member: { email: string; headers: Record<string, string> }) => ({
  headers: member.headers,
  actor: { type: 'member', name: member.email },
});

const v1 = '/api/v1';
const flagIn = (flag: string) => `${v1}/projects/default/flags/${flag}`;
const keysOf = (environment: string) => `${v1}/projects/default/environments/${environment}/sdk-keys`;

/** A new experiment's body: a flag of its own split 50/50 in staging, and a metric of its own. */
async function experimentOn({ unique, call }: Fixtures, key: string): Promise<Record<string, unknown>> {
  const flag = unique('flag');
  const split = {
    split: [
      { variation: 'off', weight: 50 },
      { variation: 'on', weight: 50 },
    ],
  };
  await call('POST', `${v1}/projects/default/flags`, {
    key: flag,
    environments: { staging: { on: true, allocations: [{ id: 'split', serve: split }] } },
  });
  const metric = unique('metric');
  await call('POST', `${v1}/projects/default/metrics`, { key: metric, eventKey: 'signup', kind: 'conversion' });
  return {
    key,
    flag,
    environment: 'staging',
    allocations: ['split'],
    controlVariation: 'off',
    primaryMetric: metric,
  };
}

/** A new draft experiment, made with the owner token. */
async function experiment(fixtures: Fixtures): Promise<string> {
  const key = fixtures.unique('experiment');
  await fixtures.call('POST', `${v1}/projects/default/experiments`, await experimentOn(fixtures, key));
  return key;
}

const CASES: Record<string, (fixtures: Fixtures) => Promise<WriteCase>> = {
  'PATCH /api/v1/organization': async () => ({
    path: `${v1}/organization`,
    body: { name: 'My organisation' },
    resource: { type: 'organization', key: 'default' },
  }),

  'POST /api/v1/projects': async ({ unique }) => {
    const key = unique('project');
    return { path: `${v1}/projects`, body: { key }, resource: { type: 'project', key } };
  },
  'PATCH /api/v1/projects/{project}': async ({ project }) => {
    const key = await project();
    return { path: `${v1}/projects/${key}`, body: { name: 'Renamed' }, resource: { type: 'project', key } };
  },
  'DELETE /api/v1/projects/{project}': async ({ project }) => {
    const key = await project();
    return { path: `${v1}/projects/${key}`, resource: { type: 'project', key } };
  },

  'POST /api/v1/projects/{project}/environments': async ({ unique }) => {
    const key = unique('environment');
    return { path: `${v1}/projects/default/environments`, body: { key }, resource: { type: 'environment', key } };
  },
  'PUT /api/v1/projects/{project}/environments/order': async ({ project }) => {
    const key = await project();
    return {
      path: `${v1}/projects/${key}/environments/order`,
      body: { order: ['production', 'staging', 'development'] },
      resource: { type: 'project', key },
    };
  },
  'PATCH /api/v1/projects/{project}/environments/{environment}': async ({ environment }) => {
    const key = await environment();
    return {
      path: `${v1}/projects/default/environments/${key}`,
      body: { name: 'Renamed' },
      resource: { type: 'environment', key },
    };
  },
  'DELETE /api/v1/projects/{project}/environments/{environment}': async ({ environment }) => {
    const key = await environment();
    return { path: `${v1}/projects/default/environments/${key}`, resource: { type: 'environment', key } };
  },

  'POST /api/v1/projects/{project}/flags': async ({ unique }) => {
    const key = unique('flag');
    return { path: `${v1}/projects/default/flags`, body: { key }, resource: { type: 'flag', key } };
  },
  'PATCH /api/v1/projects/{project}/flags/{flag}': async ({ flag }) => {
    const key = await flag();
    return { path: flagIn(key), body: { name: 'Renamed' }, resource: { type: 'flag', key } };
  },
  'DELETE /api/v1/projects/{project}/flags/{flag}': async ({ flag }) => {
    const key = await flag();
    return { path: flagIn(key), resource: { type: 'flag', key } };
  },
  'POST /api/v1/projects/{project}/flags/{flag}/archive': async ({ flag }) => {
    const key = await flag();
    return { path: `${flagIn(key)}/archive`, resource: { type: 'flag', key } };
  },
  'POST /api/v1/projects/{project}/flags/archive': async ({ flag }) => {
    const key = await flag();
    return { path: `${v1}/projects/default/flags/archive`, body: { keys: [key] }, resource: { type: 'flag', key } };
  },
  'POST /api/v1/projects/{project}/flags/{flag}/restore': async ({ flag, call }) => {
    const key = await flag();
    await call('POST', `${flagIn(key)}/archive`);
    return { path: `${flagIn(key)}/restore`, resource: { type: 'flag', key } };
  },
  'PUT /api/v1/projects/{project}/flags/{flag}/environments/{environment}': async ({ flag }) => {
    const key = await flag();
    return { path: `${flagIn(key)}/environments/production`, body: { on: true }, resource: { type: 'flag', key } };
  },
  'PATCH /api/v1/projects/{project}/flags/{flag}/environments/{environment}': async ({ flag }) => {
    const key = await flag();
    return { path: `${flagIn(key)}/environments/production`, body: { on: true }, resource: { type: 'flag', key } };
  },
  'POST /api/v1/projects/{project}/flags/{flag}/history/{entryId}/revert': async ({ flag, call }) => {
    const key = await flag();
    await call('PATCH', `${flagIn(key)}/environments/production`, { on: true });
    const [latest] = (await call('GET', `${flagIn(key)}/history`)).entries;
    return { path: `${flagIn(key)}/history/${latest.id}/revert`, resource: { type: 'flag', key } };
  },

  'POST /api/v1/projects/{project}/segments': async ({ unique }) => {
    const key = unique('segment');
    return {
      path: `${v1}/projects/default/segments`,
      body: { key, included: ['ada'] },
      resource: { type: 'segment', key },
    };
  },
  'PUT /api/v1/projects/{project}/segments/{segment}': async ({ segment }) => {
    const key = await segment();
    return {
      path: `${v1}/projects/default/segments/${key}`,
      body: { included: ['grace'] },
      resource: { type: 'segment', key },
    };
  },
  'PATCH /api/v1/projects/{project}/segments/{segment}': async ({ segment }) => {
    const key = await segment();
    return {
      path: `${v1}/projects/default/segments/${key}`,
      body: { excluded: ['grace'] },
      resource: { type: 'segment', key },
    };
  },
  'DELETE /api/v1/projects/{project}/segments/{segment}': async ({ segment }) => {
    const key = await segment();
    return { path: `${v1}/projects/default/segments/${key}`, resource: { type: 'segment', key } };
  },

  'POST /api/v1/projects/{project}/metrics': async ({ unique }) => {
    const key = unique('metric');
    return {
      path: `${v1}/projects/default/metrics`,
      body: { key, eventKey: 'signup', kind: 'conversion' },
      resource: { type: 'metric', key },
    };
  },
  'PATCH /api/v1/projects/{project}/metrics/{metric}': async ({ unique, call }) => {
    const key = unique('metric');
    await call('POST', `${v1}/projects/default/metrics`, { key, eventKey: 'signup', kind: 'conversion' });
    return {
      path: `${v1}/projects/default/metrics/${key}`,
      body: { windowHours: 24 },
      resource: { type: 'metric', key },
    };
  },
  'DELETE /api/v1/projects/{project}/metrics/{metric}': async ({ unique, call }) => {
    const key = unique('metric');
    await call('POST', `${v1}/projects/default/metrics`, { key, eventKey: 'signup', kind: 'conversion' });
    return { path: `${v1}/projects/default/metrics/${key}`, resource: { type: 'metric', key } };
  },

  'POST /api/v1/projects/{project}/experiments': async (fixtures) => {
    const key = fixtures.unique('experiment');
    return {
      path: `${v1}/projects/default/experiments`,
      body: await experimentOn(fixtures, key),
      resource: { type: 'experiment', key },
    };
  },
  'PATCH /api/v1/projects/{project}/experiments/{experiment}': async (fixtures) => {
    const key = await experiment(fixtures);
    return {
      path: `${v1}/projects/default/experiments/${key}`,
      body: { hypothesis: 'audited' },
      resource: { type: 'experiment', key },
    };
  },
  'DELETE /api/v1/projects/{project}/experiments/{experiment}': async (fixtures) => {
    const key = await experiment(fixtures);
    return { path: `${v1}/projects/default/experiments/${key}`, resource: { type: 'experiment', key } };
  },
  'POST /api/v1/projects/{project}/experiments/{experiment}/start': async (fixtures) => {
    const key = await experiment(fixtures);
    return { path: `${v1}/projects/default/experiments/${key}/start`, resource: { type: 'experiment', key } };
  },
  'POST /api/v1/projects/{project}/experiments/{experiment}/stop': async (fixtures) => {
    const key = await experiment(fixtures);
    await fixtures.call('POST', `${v1}/projects/default/experiments/${key}/start`);
    return {
      path: `${v1}/projects/default/experiments/${key}/stop`,
      body: { ship: 'on' },
      resource: { type: 'experiment', key },
    };
  },

  'POST /api/v1/projects/{project}/environments/{environment}/sdk-keys': async () => ({
    path: keysOf('staging'),
    body: { name: 'audited key', kind: 'server' },
    resource: (created) => ({ type: 'sdk-key', key: created.id }),
  }),
  'PATCH /api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}': async ({ sdkKey }) => {
    const id = await sdkKey();
    return {
      path: `${keysOf('staging')}/${id}`,
      body: { name: 'renamed key' },
      resource: { type: 'sdk-key', key: id },
    };
  },
  'POST /api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}/rotate': async ({ sdkKey }) => {
    const id = await sdkKey();
    return {
      path: `${keysOf('staging')}/${id}/rotate`,
      body: { graceSeconds: 60 },
      resource: { type: 'sdk-key', key: id },
    };
  },
  'DELETE /api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}': async ({ sdkKey }) => {
    const id = await sdkKey();
    return { path: `${keysOf('staging')}/${id}`, resource: { type: 'sdk-key', key: id } };
  },

  'POST /api/v1/api-tokens': async () => ({
    path: `${v1}/api-tokens`,
    body: { name: 'audited token', roles: [{ role: 'viewer' }] },
    resource: (created) => ({ type: 'api-token', key: created.id }),
  }),
  'DELETE /api/v1/api-tokens/{id}': async ({ apiToken }) => {
    const id = await apiToken();
    return { path: `${v1}/api-tokens/${id}`, resource: { type: 'api-token', key: id } };
  },

  'POST /api/v1/auth/login': async ({ member }) => {
    const { email } = await member();
    return {
      path: `${v1}/auth/login`,
      body: { email, password: PASSWORD },
      resource: { type: 'member', key: email },
      as: { headers: {}, actor: { type: 'member', name: email } },
    };
  },
  'POST /api/v1/auth/logout': async ({ member }) => {
    const signedIn = await member();
    return { path: `${v1}/auth/logout`, resource: { type: 'member', key: signedIn.email }, as: asMember(signedIn) };
  },
  'POST /api/v1/auth/password': async ({ member }) => {
    const signedIn = await member();
    return {
      path: `${v1}/auth/password`,
      body: { currentPassword: PASSWORD, newPassword: `${PASSWORD}, changed` },
      resource: { type: 'member', key: signedIn.email },
      as: asMember(signedIn),
    };
  },
  'POST /api/v1/auth/organization': async ({ member }) => {
    // Switching to the organisation the session is in already: still a switch, still audited.
    const signedIn = await member();
    return {
      path: `${v1}/auth/organization`,
      body: { organization: 'default' },
      resource: { type: 'member', key: signedIn.email },
      as: asMember(signedIn),
    };
  },
  'POST /api/v1/auth/invitations/accept': async ({ invitation }) => {
    const { email, token } = await invitation();
    return {
      path: `${v1}/auth/invitations/accept`,
      body: { token, name: 'Joiner', password: PASSWORD },
      resource: { type: 'member', key: email },
      as: { headers: {}, actor: { type: 'member', name: email } },
    };
  },
  'POST /api/v1/invitations': async ({ unique }) => {
    const email = `${unique('invited')}@example.com`;
    return {
      path: `${v1}/invitations`,
      body: { email, roles: [{ role: 'viewer' }] },
      resource: { type: 'invitation', key: email },
    };
  },
  'DELETE /api/v1/invitations/{id}': async ({ invitation }) => {
    const { id, email } = await invitation();
    return { path: `${v1}/invitations/${id}`, resource: { type: 'invitation', key: email } };
  },
  'POST /api/v1/members': async ({ unique }) => {
    const email = `${unique('added')}@example.com`;
    return {
      path: `${v1}/members`,
      body: { email, name: 'Added', password: PASSWORD, roles: [{ role: 'viewer' }] },
      resource: { type: 'member', key: email },
    };
  },
  'PATCH /api/v1/members/{id}': async ({ member }) => {
    const { id, email } = await member();
    return {
      path: `${v1}/members/${id}`,
      body: { roles: [{ role: 'editor' }] },
      resource: { type: 'member', key: email },
    };
  },
  'DELETE /api/v1/members/{id}': async ({ member }) => {
    const { id, email } = await member();
    return { path: `${v1}/members/${id}`, resource: { type: 'member', key: email } };
  },

  'POST /api/v1/projects/{project}/environments/{environment}/import/eppo': async ({ unique }) => {
    const key = unique('imported');
    const variations = { a: { key: 'a', value: 'A' }, b: { key: 'b', value: 'B' } };
    return {
      path: `${v1}/projects/default/environments/staging/import/eppo`,
      body: {
        format: 'SERVER',
        flags: {
          [key]: { key, enabled: true, variationType: 'STRING', totalShards: 10000, variations, allocations: [] },
        },
      },
      resource: { type: 'flag', key },
    };
  },
};

describe.each(await testDialects())('an audit entry for every kind of write on %s', (dialect) => {
  let server: TestServer;
  let writeRoutes: string[];
  /** The API token every case's request is made with, unless the case says otherwise. */
  const writer = { name: 'audit coverage', token: '' };
  let counter = 0;

  async function call(method: string, path: string, body?: unknown): Promise<any> {
    const response = await server.api(method, path, body);
    if (response.status >= 300)
      throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }
  const fixtures: Fixtures = {
    unique: (prefix) => `${prefix}-${++counter}`,
    project: async () => (await call('POST', `${v1}/projects`, { key: fixtures.unique('project') })).key,
    environment: async () =>
      (await call('POST', `${v1}/projects/default/environments`, { key: fixtures.unique('environment') })).key,
    flag: async () => (await call('POST', `${v1}/projects/default/flags`, { key: fixtures.unique('flag') })).key,
    segment: async () =>
      (await call('POST', `${v1}/projects/default/segments`, { key: fixtures.unique('segment') })).key,
    sdkKey: async () => (await call('POST', keysOf('staging'), { name: fixtures.unique('key'), kind: 'server' })).id,
    apiToken: async () =>
      (await call('POST', `${v1}/api-tokens`, { name: fixtures.unique('token'), roles: [{ role: 'viewer' }] })).id,
    invitation: async () => {
      const email = `${fixtures.unique('invitee')}@example.com`;
      const { id, token } = await call('POST', `${v1}/invitations`, { email, roles: [{ role: 'viewer' }] });
      return { id, email, token };
    },
    member: async () => {
      const { email, token } = await fixtures.invitation();
      const accepted = await fetch(`${server.url}${v1}/auth/invitations/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, name: 'Member', password: PASSWORD }),
      });
      const body = (await accepted.json()) as { member: { id: string }; csrfToken: string };
      const cookie = (accepted.headers.get('set-cookie') ?? '').split(';')[0] as string;
      return { id: body.member.id, email, headers: { cookie, 'x-csrf-token': body.csrfToken } };
    },
    call,
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const created = await call('POST', `${v1}/api-tokens`, { name: writer.name, roles: [{ role: 'owner' }] });
    writer.token = created.token;
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    writeRoutes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith(`${v1}/`))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((route) => !route.startsWith('GET ') && !route.startsWith('HEAD '));
  });
  afterAll(() => server.close());

  it('has a case for every write route of the OpenAPI document, and none for a route that is gone', () => {
    expect(writeRoutes.length).toBeGreaterThan(20);
    const missing = writeRoutes.filter((route) => !(route in CASES) && !(route in NOT_WRITES));
    expect(missing, 'write routes without a case in CASES (or a reason in NOT_WRITES)').toEqual([]);
    const gone = [...Object.keys(CASES), ...Object.keys(NOT_WRITES)].filter((route) => !writeRoutes.includes(route));
    expect(gone, 'cases for routes the API no longer has').toEqual([]);
  });

  it.each(Object.keys(CASES))('%s leaves an audit entry naming its actor and the resource', async (route) => {
    const method = route.slice(0, route.indexOf(' '));
    const request = await (CASES[route] as (fixtures: Fixtures) => Promise<WriteCase>)(fixtures);
    const last = await server.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();

    const headers = request.as?.headers ?? { authorization: `Bearer ${writer.token}` };
    const sent = await fetch(`${server.url}${request.path}`, {
      method,
      headers: { ...headers, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await sent.text();
    expect(sent.status, text).toBeGreaterThanOrEqual(200);
    expect(sent.status, text).toBeLessThan(300);

    const entries = await server.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('id', '>', Number(last.id ?? 0))
      .orderBy('id')
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(1);
    const actor = request.as?.actor ?? { type: 'api-token', name: writer.name };
    for (const entry of entries) expect({ type: entry.actorType, name: entry.actorName }).toEqual(actor);
    const resource =
      typeof request.resource === 'function' ? request.resource(text ? JSON.parse(text) : undefined) : request.resource;
    expect(entries.map((entry) => ({ type: entry.resourceType, key: entry.resourceKey }))).toContainEqual(resource);
  });
});
