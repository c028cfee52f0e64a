import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../src/index.js';
import { call, signIn, type Session } from './support/browser-session.js';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 12, item 1: a caller sees nothing of what it may not read — not a state, user, SDK key or
 * audit entry of another environment, project or organisation, nor even that environment's key.
 *
 * The first start's organisation has projects "default" and "other"; a second organisation (Acme,
 * project "acme-app") shares the server. Every environment of every project holds data carrying
 * a marker that names where it lives (`mk-default-production…`): flag targets, clause values and
 * allocation names, SDK key names, users' keys and attributes, and through them audit entries of
 * every kind (a flag created, changed, deleted, a state changed, environments reordered). Four
 * callers then drive every read route of the OpenAPI document, in every place it names, and the
 * writes they may attempt: a member signed in with editor on default/development only; that
 * member's personal token, made when they were editor of the whole project (a token is held to
 * its member's current roles); a service token with admin on default/development only; and a
 * service token with editor on project "default" only. No answer may hold a marker of a place its caller may not read, nor a JSON string
 * equal to the key of such a place. A route the walk cannot fill in fails the suite until it has
 * values (PATH_VALUES), a body (READ_BODIES) or a write case (WRITES).
 */

const v1 = '/api/v1';
/** The walks make a few thousand requests: seconds on SQLite, longer on PostgreSQL or a busy machine. */
const WALK_TIMEOUT = 300_000;
const PASSWORD = 'a long enough password';
const PROJECTS = ['default', 'other', 'acme-app'] as const;
const ENVIRONMENTS = ['development', 'staging', 'production'] as const;

/** Where a piece of data lives: `mk-default-production` for an environment, `mk-default-project` for the project. */
const mark = (project: string, environment?: string) => `mk-${project}-${environment ?? 'project'}`;

interface Answer {
  status: number;
  body: any;
}

interface Caller {
  name: string;
  /** Substrings no answer may hold (markers of places the caller may not read). */
  hiddenMarkers: string[];
  /** Strings no answer may hold whole (keys and names of those places). */
  hiddenKeys: string[];
  call(method: string, path: string, body?: unknown): Promise<Answer>;
}

interface Request {
  method: string;
  path: string;
  body?: unknown;
}

interface Operation {
  method: string;
  /** As the document names it: `/api/v1/projects/{project}/flags`. */
  path: string;
  query: { name: string; schema: Schema }[];
}

interface Schema {
  type?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  const?: unknown;
  maximum?: number;
}

/** Values of each path parameter; `chosen` holds the parameters filled so far (left to right). */
type PathValues = (chosen: Record<string, string>, path: string) => string[];

/** Non-GET operations that only read, each with the bodies to send. */
const READ_BODIES: Record<string, (chosen: Record<string, string>) => unknown[]> = {
  'POST /api/v1/projects/{project}/flags/{flag}/evaluate': (chosen) => [
    { context: { key: 'probe', email: `${mark(chosen.project as string, 'development')}-clause-2` } },
    // A draft for each environment: refused where the caller may not read, evaluated where it may.
    ...ENVIRONMENTS.map((environment) => ({
      context: { key: 'probe' },
      draft: { definition: { description: 'draft' }, environments: { [environment]: { on: true } } },
    })),
  ],
  // Segments are the project's: whoever may look at the project may test one (and an unsaved draft of it).
  'POST /api/v1/projects/{project}/segments/{segment}/evaluate': (chosen) => [
    { context: { key: `${mark(chosen.project as string)}-included` } },
    { context: { key: 'probe' }, draft: { included: ['probe'] } },
  ],
};

/**
 * One write a scoped caller may attempt, made on resources of its own where it changes anything
 * (refusals are answers too: they must not say more than a success would).
 */
type WriteCase = (fixtures: Fixtures) => Promise<Request[]>;

interface Fixtures {
  unique(prefix: string): string;
  /** A new flag of project default, made by its owner. */
  flag(): Promise<string>;
  segment(): Promise<string>;
  /** A new server key of default/development. */
  sdkKey(): Promise<string>;
  owner(method: string, path: string, body?: unknown): Promise<Answer>;
  ownerMemberId: string;
}

const flagsOf = `${v1}/projects/default/flags`;
const keysOf = (environment: string) => `${v1}/projects/default/environments/${environment}/sdk-keys`;
const eachEnvironment = (request: (environment: string) => Request) => ENVIRONMENTS.map(request);
const ufc = {
  format: 'SERVER',
  flags: {
    imported: {
      key: 'imported',
      enabled: true,
      variationType: 'BOOLEAN',
      variations: { on: { key: 'on', value: true }, off: { key: 'off', value: false } },
      allocations: [{ key: 'all', splits: [{ variationKey: 'on', shards: [] }] }],
      totalShards: 10000,
    },
  },
};

/** A draft experiment's body on the marked allocation of flag "gate" of project default. */
const experimentOnGate = (environment: string) => ({
  hypothesis: `${mark('default', environment)}-hypothesis`,
  flag: 'gate',
  environment,
  allocations: ['markers'],
  controlVariation: 'off',
  primaryMetric: `${mark('default')}-metric`,
});

/** A new flag of project default split 50/50 everywhere, and an experiment on it in each environment (started or not), made by the owner. */
async function splitExperiments({ unique, owner }: Fixtures, started: boolean): Promise<string[]> {
  const flag = unique('flag');
  const split = {
    on: true,
    allocations: [
      {
        id: 'split',
        serve: {
          split: [
            { variation: 'off', weight: 50 },
            { variation: 'on', weight: 50 },
          ],
        },
      },
    ],
  };
  const environments = Object.fromEntries(ENVIRONMENTS.map((environment) => [environment, split]));
  expect((await owner('POST', flagsOf, { key: flag, environments })).status).toBe(201);
  const keys: string[] = [];
  for (const environment of ENVIRONMENTS) {
    const key = unique('experiment');
    const body = { ...experimentOnGate(environment), key, flag, allocations: ['split'] };
    expect((await owner('POST', `${v1}/projects/default/experiments`, body)).status).toBe(201);
    if (started) expect((await owner('POST', `${v1}/projects/default/experiments/${key}/start`)).status).toBe(200);
    keys.push(key);
  }
  return keys;
}

/** Every non-GET operation that writes: the requests each scoped caller makes, or why none does. */
const WRITES: Record<string, WriteCase | string> = {
  'POST /api/v1/auth/login': async () => [
    { method: 'POST', path: `${v1}/auth/login`, body: { email: 'dev-editor@vexil.test', password: PASSWORD } },
  ],
  'POST /api/v1/auth/invitations/accept':
    'needs a single-use invitation; answers the new member’s own session, as signing in does (driven above)',
  'POST /api/v1/auth/organization': 'switches a person between their own organisations; answers their session',
  'POST /api/v1/auth/logout': 'ends the session this suite signs in with; answers nothing',
  'POST /api/v1/auth/password': 'changes the caller’s own password; answers nothing',
  'PUT /api/v1/auth/preferences': async () => [
    ...eachEnvironment((environment) => ({
      method: 'PUT',
      path: `${v1}/auth/preferences`,
      body: { project: 'default', environment },
    })),
  ],
  'POST /api/v1/members': async ({ unique }) => [
    {
      method: 'POST',
      path: `${v1}/members`,
      body: { email: `${unique('member')}@vexil.test`, name: 'New', password: PASSWORD, roles: [{ role: 'viewer' }] },
    },
  ],
  'PATCH /api/v1/members/{id}': async ({ ownerMemberId }) => [
    { method: 'PATCH', path: `${v1}/members/${ownerMemberId}`, body: { name: 'Renamed' } },
  ],
  'DELETE /api/v1/members/{id}': async ({ ownerMemberId }) => [
    { method: 'DELETE', path: `${v1}/members/${ownerMemberId}` },
  ],
  'POST /api/v1/invitations': async ({ unique }) => [
    {
      method: 'POST',
      path: `${v1}/invitations`,
      body: { email: `${unique('invitee')}@vexil.test`, roles: [{ role: 'viewer' }] },
    },
  ],
  'DELETE /api/v1/invitations/{id}': async () => [
    { method: 'DELETE', path: `${v1}/invitations/00000000-0000-0000-0000-000000000000` },
  ],
  'PATCH /api/v1/organization': async () => [
    { method: 'PATCH', path: `${v1}/organization`, body: { name: 'Renamed' } },
  ],
  'POST /api/v1/projects': async ({ unique }) => [
    { method: 'POST', path: `${v1}/projects`, body: { key: unique('project') } },
  ],
  'PATCH /api/v1/projects/{project}': async () => [
    { method: 'PATCH', path: `${v1}/projects/default`, body: { description: 'changed' } },
  ],
  'DELETE /api/v1/projects/{project}': async () => [{ method: 'DELETE', path: `${v1}/projects/default` }],
  'POST /api/v1/projects/{project}/environments': async ({ unique }) => [
    { method: 'POST', path: `${v1}/projects/default/environments`, body: { key: unique('environment') } },
  ],
  'PUT /api/v1/projects/{project}/environments/order': async () => [
    { method: 'PUT', path: `${v1}/projects/default/environments/order`, body: { order: [...ENVIRONMENTS] } },
  ],
  'PATCH /api/v1/projects/{project}/environments/{environment}': async () =>
    eachEnvironment((environment) => ({
      method: 'PATCH',
      path: `${v1}/projects/default/environments/${environment}`,
      body: { name: `${environment} renamed` },
    })),
  'DELETE /api/v1/projects/{project}/environments/{environment}': async () => [
    // Not development: the environment admin may delete it, and the other cases need it.
    { method: 'DELETE', path: `${v1}/projects/default/environments/production` },
  ],
  'POST /api/v1/projects/{project}/flags': async ({ unique }) => [
    { method: 'POST', path: flagsOf, body: { key: unique('flag') } },
  ],
  'POST /api/v1/projects/{project}/flags/archive': async ({ flag }) => [
    { method: 'POST', path: `${flagsOf}/archive`, body: { keys: [await flag()] } },
  ],
  'PATCH /api/v1/projects/{project}/flags/{flag}': async ({ flag }) => [
    { method: 'PATCH', path: `${flagsOf}/${await flag()}`, body: { description: 'changed' } },
    { method: 'PATCH', path: `${flagsOf}/gate`, body: { description: 'changed' } },
  ],
  'DELETE /api/v1/projects/{project}/flags/{flag}': async ({ flag }) => [
    { method: 'DELETE', path: `${flagsOf}/${await flag()}` },
  ],
  'POST /api/v1/projects/{project}/flags/{flag}/archive': async ({ flag }) => [
    { method: 'POST', path: `${flagsOf}/${await flag()}/archive` },
  ],
  'POST /api/v1/projects/{project}/flags/{flag}/restore': async ({ flag, owner }) => {
    const key = await flag();
    await owner('POST', `${flagsOf}/${key}/archive`);
    return [{ method: 'POST', path: `${flagsOf}/${key}/restore` }];
  },
  'PUT /api/v1/projects/{project}/flags/{flag}/environments/{environment}': async () =>
    eachEnvironment((environment) => ({
      method: 'PUT',
      path: `${flagsOf}/gate/environments/${environment}`,
      body: markedState('default', environment, 'written'),
    })),
  'PATCH /api/v1/projects/{project}/flags/{flag}/environments/{environment}': async () =>
    eachEnvironment((environment) => ({
      method: 'PATCH',
      path: `${flagsOf}/gate/environments/${environment}`,
      body: { on: true },
    })),
  'POST /api/v1/projects/{project}/flags/{flag}/history/{entryId}/revert': async ({ owner }) => {
    // The latest change of each environment's state, and of the definition.
    const requests: Request[] = [];
    for (const environment of ENVIRONMENTS) {
      await owner('PATCH', `${flagsOf}/gate/environments/${environment}`, { on: false });
      const { entries } = (await owner('GET', `${flagsOf}/gate/history?environment=${environment}&limit=1`)).body;
      requests.push({ method: 'POST', path: `${flagsOf}/gate/history/${entries[0].id}/revert` });
    }
    await owner('PATCH', `${flagsOf}/gate`, { description: 'to revert' });
    const { entries } = (await owner('GET', `${flagsOf}/gate/history?limit=1`)).body;
    requests.push({ method: 'POST', path: `${flagsOf}/gate/history/${entries[0].id}/revert` });
    return requests;
  },
  'POST /api/v1/projects/{project}/metrics': async ({ unique }) => [
    {
      method: 'POST',
      path: `${v1}/projects/default/metrics`,
      body: { key: unique('metric'), eventKey: 'signed-up', kind: 'conversion' },
    },
  ],
  'PATCH /api/v1/projects/{project}/metrics/{metric}': async () => [
    { method: 'PATCH', path: `${v1}/projects/default/metrics/${mark('default')}-metric`, body: { windowHours: 24 } },
  ],
  'DELETE /api/v1/projects/{project}/metrics/{metric}': async ({ unique, owner }) => {
    const key = unique('metric');
    await owner('POST', `${v1}/projects/default/metrics`, { key, eventKey: 'signed-up', kind: 'conversion' });
    return [{ method: 'DELETE', path: `${v1}/projects/default/metrics/${key}` }];
  },
  'POST /api/v1/projects/{project}/experiments': async ({ unique }) =>
    eachEnvironment((environment) => ({
      method: 'POST',
      path: `${v1}/projects/default/experiments`,
      body: { ...experimentOnGate(environment), key: unique('experiment') },
    })),
  'PATCH /api/v1/projects/{project}/experiments/{experiment}': async () =>
    eachEnvironment((environment) => ({
      method: 'PATCH',
      path: `${v1}/projects/default/experiments/${mark('default', environment)}-experiment`,
      body: { name: 'Renamed' },
    })),
  'DELETE /api/v1/projects/{project}/experiments/{experiment}': async (fixtures) =>
    (await splitExperiments(fixtures, false)).map((key) => ({
      method: 'DELETE',
      path: `${v1}/projects/default/experiments/${key}`,
    })),
  'POST /api/v1/projects/{project}/experiments/{experiment}/start': async (fixtures) =>
    (await splitExperiments(fixtures, false)).map((key) => ({
      method: 'POST',
      path: `${v1}/projects/default/experiments/${key}/start`,
    })),
  'POST /api/v1/projects/{project}/experiments/{experiment}/stop': async (fixtures) =>
    (await splitExperiments(fixtures, true)).map((key) => ({
      method: 'POST',
      path: `${v1}/projects/default/experiments/${key}/stop`,
      body: { ship: 'on' },
    })),
  'POST /api/v1/projects/{project}/segments': async ({ unique }) => [
    { method: 'POST', path: `${v1}/projects/default/segments`, body: { key: unique('segment'), included: ['ada'] } },
  ],
  'PUT /api/v1/projects/{project}/segments/{segment}': async ({ segment }) => [
    { method: 'PUT', path: `${v1}/projects/default/segments/${await segment()}`, body: { included: ['grace'] } },
  ],
  'PATCH /api/v1/projects/{project}/segments/{segment}': async ({ segment }) => [
    { method: 'PATCH', path: `${v1}/projects/default/segments/${await segment()}`, body: { excluded: ['grace'] } },
  ],
  'DELETE /api/v1/projects/{project}/segments/{segment}': async ({ segment }) => [
    { method: 'DELETE', path: `${v1}/projects/default/segments/${await segment()}` },
  ],
  'POST /api/v1/projects/{project}/environments/{environment}/sdk-keys': async () =>
    eachEnvironment((environment) => ({
      method: 'POST',
      path: keysOf(environment),
      body: { name: 'scoped key', kind: 'server' },
    })),
  'PATCH /api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}': async ({ sdkKey }) => [
    { method: 'PATCH', path: `${keysOf('development')}/${await sdkKey()}`, body: { name: 'renamed key' } },
  ],
  'POST /api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}/rotate': async ({ sdkKey }) => [
    { method: 'POST', path: `${keysOf('development')}/${await sdkKey()}/rotate`, body: { graceSeconds: 60 } },
  ],
  'DELETE /api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}': async ({ sdkKey }) => [
    { method: 'DELETE', path: `${keysOf('development')}/${await sdkKey()}` },
  ],
  'POST /api/v1/api-tokens': async () => [
    {
      method: 'POST',
      path: `${v1}/api-tokens`,
      body: {
        name: 'scoped',
        kind: 'personal',
        roles: [{ role: 'viewer', project: 'default', environment: 'development' }],
      },
    },
  ],
  'DELETE /api/v1/api-tokens/{id}': async () => [
    { method: 'DELETE', path: `${v1}/api-tokens/00000000-0000-0000-0000-000000000000` },
  ],
  'POST /api/v1/projects/{project}/environments/{environment}/import/eppo': async () =>
    eachEnvironment((environment) => ({
      method: 'POST',
      path: `${v1}/projects/default/environments/${environment}/import/eppo`,
      body: ufc,
    })),
};

/** Read routes no scoped caller may use at all (so none of them gets a 2xx), and why. */
const NO_SCOPED_READER: Record<string, string> = {
  'GET /api/v1/members': 'member:read is granted on the organisation only',
  'GET /api/v1/members/{id}': 'member:read is granted on the organisation only',
  'GET /api/v1/invitations': 'member:manage: owners only',
  'GET /api/v1/organization': 'organization:read is granted on the organisation only',
  'GET /api/v1/auth/oidc': 'OIDC is not configured here: 404',
  'GET /api/v1/auth/oidc/callback': 'OIDC is not configured here',
};

/** A state whose every value names where it lives. */
function markedState(project: string, environment: string, round: string) {
  const here = mark(project, environment);
  return {
    on: true,
    targets: [{ variation: 'on', values: [`${here}-target-${round}`] }],
    allocations: [
      {
        id: 'markers',
        name: `${here}-allocation-${round}`,
        conditions: [
          { attribute: 'email', operator: 'in', values: [`${here}-clause-${round}`] },
          { segment: `${mark(project)}-segment` },
        ],
        serve: { variation: 'on' },
      },
    ],
  };
}

/** Every string in a JSON document, field names included. */
function stringsOf(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, found);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      found.push(key);
      stringsOf(item, found);
    }
  return found;
}

/**
 * What an answer shows that its caller may not see. A refusal may repeat what the request itself
 * named ("… may not read environment default/production"); a success may not.
 */
function leaks(caller: Caller, request: Request, answer: Answer): string[] {
  const asked = `${request.path} ${JSON.stringify(request.body ?? null)}`;
  const echoed = (text: string) => answer.status >= 400 && asked.includes(text);
  const found = new Set<string>();
  for (const text of stringsOf(answer.body)) {
    for (const marker of caller.hiddenMarkers)
      if (text.includes(marker) && !echoed(marker)) found.add(`${marker} (in "${text.slice(0, 80)}")`);
    for (const key of caller.hiddenKeys) if (text === key && !echoed(key)) found.add(`"${key}"`);
  }
  return [...found];
}

describe.each(await testDialects())('scoping on %s', (dialect) => {
  let server: TestServer;
  let operations: Operation[];
  let callers: Caller[];
  let fixtures: Fixtures;
  let envMember: Session;
  let envMemberId: string;
  const ids = { members: [] as string[] };
  /** Per operation, the callers that got a 2xx (so that no route is checked only on refusals). */
  const answered = new Map<string, Set<string>>();
  const problemsFound: string[] = [];

  async function drive(caller: Caller, operation: string, request: Request): Promise<Answer> {
    const answer = await caller.call(request.method, request.path, request.body);
    const where = `${caller.name}: ${request.method} ${request.path}${request.body === undefined ? '' : ` ${JSON.stringify(request.body).slice(0, 120)}`}`;
    if (answer.status >= 500) problemsFound.push(`${where} → ${answer.status}`);
    for (const leak of leaks(caller, request, answer)) problemsFound.push(`${where} → ${answer.status} shows ${leak}`);
    if (answer.status < 300) answered.set(operation, new Set([...(answered.get(operation) ?? []), caller.name]));
    return answer;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const acme = await createOrganization(server.ctx, {
      key: 'acme',
      name: 'Acme',
      ownerEmail: 'owner@acme.test',
      project: 'acme-app',
    });
    expect((await server.api('POST', `${v1}/projects`, { key: 'other' })).status).toBe(201);
    for (const project of PROJECTS)
      await seedProject(server, project, project === 'acme-app' ? acme.apiToken : server.token);

    // The member starts as editor of the whole project and picks production in the console, then
    // is narrowed to development: what the console remembers must not outlive the role.
    const created = await server.api('POST', `${v1}/members`, {
      email: 'dev-editor@vexil.test',
      name: 'Dev editor',
      password: PASSWORD,
      roles: [{ role: 'editor', project: 'default' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    envMemberId = created.body.id;
    envMember = await signIn(server.url, 'dev-editor@vexil.test', PASSWORD);
    expect(
      (await envMember.request('PUT', `${v1}/auth/preferences`, { project: 'default', environment: 'production' }))
        .status,
    ).toBe(200);
    // Their personal token, made while they held the whole project, is held to what they hold now.
    const personal = await envMember.request('POST', `${v1}/api-tokens`, {
      name: 'made before narrowing',
      kind: 'personal',
      roles: [{ role: 'editor', project: 'default' }],
    });
    expect(personal.status, JSON.stringify(personal.body)).toBe(201);
    const narrowed = await server.api('PATCH', `${v1}/members/${envMemberId}`, {
      roles: [{ role: 'editor', project: 'default', environment: 'development' }],
    });
    expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);

    const token = async (name: string, roles: unknown) => {
      const response = await server.api('POST', `${v1}/api-tokens`, { name, roles });
      expect(response.status).toBe(201);
      return response.body.token as string;
    };
    const envAdmin = await token('development admin', [
      { role: 'admin', project: 'default', environment: 'development' },
    ]);
    const projectEditor = await token('default editor', [{ role: 'editor', project: 'default' }]);

    const elsewhere = ['mk-other-', 'mk-acme-app-', 'acme.test'];
    const otherPlaces = ['other', 'acme-app', 'acme', 'Acme'];
    const otherEnvironments = [mark('default', 'staging'), mark('default', 'production')];
    const viaToken =
      (secret: string) =>
      (method: string, path: string, body?: unknown): Promise<Answer> =>
        path === `${v1}/auth/login` ? call(server.url, method, path, body) : server.api(method, path, body, secret);
    callers = [
      {
        name: 'editor of default/development (member)',
        hiddenMarkers: [...otherEnvironments, ...elsewhere],
        hiddenKeys: ['staging', 'production', ...otherPlaces],
        call: (method, path, body) =>
          path === `${v1}/auth/login` ? call(server.url, method, path, body) : envMember.request(method, path, body),
      },
      {
        name: 'admin of default/development (token)',
        hiddenMarkers: [...otherEnvironments, ...elsewhere],
        hiddenKeys: ['staging', 'production', ...otherPlaces],
        call: viaToken(envAdmin),
      },
      {
        name: 'personal token of the member, made before they were narrowed to development',
        hiddenMarkers: [...otherEnvironments, ...elsewhere],
        hiddenKeys: ['staging', 'production', ...otherPlaces],
        call: viaToken(personal.body.token as string),
      },
      {
        name: 'editor of project default (token)',
        hiddenMarkers: elsewhere,
        hiddenKeys: otherPlaces,
        call: viaToken(projectEditor),
      },
    ];

    const members = (await server.api('GET', `${v1}/members`)).body as { id: string; email: string }[];
    ids.members = members.map((member) => member.id);
    const ownerMemberId = members.find((member) => member.id !== envMemberId)?.id as string;
    let counter = 0;
    const unique = (prefix: string) => `${prefix}-${++counter}`;
    const owner = (method: string, path: string, body?: unknown) => server.api(method, path, body);
    fixtures = {
      unique,
      owner,
      ownerMemberId,
      async flag() {
        const key = unique('scoped-flag');
        expect((await owner('POST', flagsOf, { key })).status).toBe(201);
        return key;
      },
      async segment() {
        const key = unique('scoped-segment');
        expect((await owner('POST', `${v1}/projects/default/segments`, { key, included: ['ada'] })).status).toBe(201);
        return key;
      },
      async sdkKey() {
        const created = await owner('POST', keysOf('development'), { name: unique('key'), kind: 'server' });
        expect(created.status).toBe(201);
        return created.body.id as string;
      },
    };

    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: Schema }[] }>>;
    };
    operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith(`${v1}/`))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query'),
        })),
      );
  });
  afterAll(() => server?.close());

  /** Path parameters: every place there is, so that each caller asks about its own and everyone else's. */
  const PATH_VALUES: Record<string, PathValues> = {
    project: () => [...PROJECTS],
    environment: () => [...ENVIRONMENTS],
    flag: () => ['gate', 'needs-gate'],
    segment: (chosen) => [`${mark(chosen.project as string)}-segment`],
    metric: (chosen) => [`${mark(chosen.project as string)}-metric`],
    experiment: (chosen) =>
      ENVIRONMENTS.map((environment) => `${mark(chosen.project as string, environment)}-experiment`),
    kind: () => ['user'],
    key: (chosen) => [`${mark(chosen.project as string, chosen.environment)}-user`],
    id: (_, path) => {
      if (path.startsWith(`${v1}/members/`)) return [...ids.members];
      throw new Error(`no values for {id} in ${path}: add them to PATH_VALUES`);
    },
  };

  function places(path: string): { path: string; chosen: Record<string, string> }[] {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
    let filled: Record<string, string>[] = [{}];
    for (const name of names) {
      const values = PATH_VALUES[name];
      if (!values) throw new Error(`no values for {${name}} in ${path}: add them to PATH_VALUES`);
      filled = filled.flatMap((chosen) => values(chosen, path).map((value) => ({ ...chosen, [name]: value })));
    }
    return filled.map((chosen) => ({
      path: path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(chosen[name] as string)),
      chosen,
    }));
  }

  /** Query strings: none, then each parameter alone with the values that change what is shown. */
  function queries(operation: Operation): string[] {
    const limit = operation.query.find((parameter) => parameter.name === 'limit')?.schema.maximum;
    const base = limit === undefined ? [] : [`limit=${limit}`];
    const variants: string[][] = [base];
    for (const { name, schema } of operation.query) {
      const choices =
        name === 'project'
          ? [...PROJECTS]
          : name === 'environment'
            ? [...ENVIRONMENTS]
            : name === 'q'
              ? ['mk-', mark('default', 'production'), mark('other', 'development')]
              : schema.type === 'boolean'
                ? ['true', 'false']
                : (schema.enum ?? schema.anyOf?.map((option) => option.const ?? option.enum?.[0]) ?? []).map(String);
      for (const choice of choices) variants.push([...base, `${name}=${encodeURIComponent(choice)}`]);
    }
    return variants.map((parameters) => (parameters.length === 0 ? '' : `?${parameters.join('&')}`));
  }

  const key = (operation: { method: string; path: string }) => `${operation.method} ${operation.path}`;

  it('classifies every operation of the document as a read or a write with a case', () => {
    const unclassified = operations
      .filter((operation) => operation.method !== 'GET')
      .map(key)
      .filter((name) => READ_BODIES[name] === undefined && WRITES[name] === undefined);
    expect(unclassified, 'add a body to READ_BODIES or a case to WRITES').toEqual([]);
  });

  it('shows owners every marker, so the walk below checks real data', async () => {
    const audit = JSON.stringify((await server.api('GET', `${v1}/audit?limit=500`)).body);
    for (const environment of ENVIRONMENTS) expect(audit).toContain(mark('default', environment));
    const flag = (await server.api('GET', `${flagsOf}/gate`)).body;
    expect(Object.keys(flag.environments)).toEqual([...ENVIRONMENTS]);
    expect(JSON.stringify(flag)).toContain(`${mark('default', 'production')}-target-2`);
  });

  it('drives every read route as each scoped caller, in every place, and shows none of the others’ data', {
    timeout: WALK_TIMEOUT,
  }, async () => {
    problemsFound.length = 0;
    for (const operation of operations) {
      const name = key(operation);
      const bodies = READ_BODIES[name];
      if (operation.method !== 'GET' && !bodies) continue;
      for (const { path, chosen } of places(operation.path)) {
        for (const caller of callers) {
          if (bodies) {
            for (const body of bodies(chosen)) await drive(caller, name, { method: operation.method, path, body });
          } else {
            for (const query of queries(operation))
              await drive(caller, name, { method: 'GET', path: `${path}${query}` });
          }
        }
      }
    }
    expect(problemsFound).toEqual([]);
    const unread = operations
      .filter((operation) => operation.method === 'GET' || READ_BODIES[key(operation)])
      .map(key)
      .filter((name) => !answered.has(name) && NO_SCOPED_READER[name] === undefined);
    expect(unread, 'read routes no scoped caller got a 2xx from: check the walk, or add to NO_SCOPED_READER').toEqual(
      [],
    );
  });

  it('shows an environment’s member their own environment, and only it', async () => {
    const [member] = callers as [Caller];
    const flag = (await member.call('GET', `${flagsOf}/gate`)).body;
    expect(Object.keys(flag.environments)).toEqual(['development']);
    expect(JSON.stringify(flag)).toContain(`${mark('default', 'development')}-target-2`);

    const list = (await member.call('GET', `${flagsOf}?q=gate`)).body;
    const summary = list.items.find((item: { key: string }) => item.key === 'gate');
    expect(Object.keys(summary.environments)).toEqual(['development']);
    // Evaluated in production only: the member sees no evaluation at all.
    expect(summary.lastEvaluatedAt).toBeNull();
    const owners = (await server.api('GET', `${flagsOf}?q=gate`)).body;
    expect(owners.items.find((item: { key: string }) => item.key === 'gate').lastEvaluatedAt).not.toBeNull();

    const projects = (await member.call('GET', `${v1}/projects`)).body;
    expect(projects.map((project: { key: string }) => project.key)).toEqual(['default']);
    expect(projects[0].environments.map((environment: { key: string }) => environment.key)).toEqual(['development']);
    expect(
      (await member.call('GET', `${v1}/projects/default/environments`)).body.map(
        (environment: { key: string }) => environment.key,
      ),
    ).toEqual(['development']);
    expect((await member.call('GET', `${v1}/auth/preferences`)).body).toEqual({
      project: 'default',
      environment: null,
    });

    // Nor does it learn that they exist: another environment answers like one that is not there.
    for (const [path, body] of [
      [`${v1}/projects/default/environments/{environment}`, undefined],
      [`${v1}/projects/default/environments/{environment}/users`, undefined],
      [
        `${flagsOf}/gate/evaluate`,
        { context: { key: 'probe' }, draft: { environments: { '{environment}': { on: true } } } },
      ],
    ] as const) {
      const ask = async (environment: string) => {
        const answer = await member.call(
          body === undefined ? 'GET' : 'POST',
          path.replace('{environment}', environment),
          body === undefined ? undefined : JSON.parse(JSON.stringify(body).replace('{environment}', environment)),
        );
        return answer.status;
      };
      expect(await ask('production'), path).toBe(await ask('no-such-environment'));
    }

    // Evaluation counts: their environment's; production's answer as an environment that is not there.
    const insights = (environment: string) =>
      member.call('GET', `${flagsOf}/gate/environments/${environment}/insights`);
    expect((await insights('development')).status).toBe(200);
    expect((await insights('production')).status).toBe((await insights('no-such-environment')).status);

    const dependents = (await member.call('GET', `${flagsOf}/gate/dependents`)).body;
    expect(dependents.items).toEqual([]);
    const evaluated = (await member.call('POST', `${flagsOf}/gate/evaluate`, { context: { key: 'probe' } })).body;
    expect(evaluated.environments.map((environment: { key: string }) => environment.key)).toEqual(['development']);

    const history = (await member.call('GET', `${flagsOf}/gate/history?limit=500`)).body.entries;
    const created = history.find((entry: { action: string }) => entry.action === 'flag.created');
    expect(Object.keys(created.after.environments)).toEqual(['development']);
    expect(created.diff.some((change: { path: string }) => change.path.includes('production'))).toBe(false);
    expect(history.every((entry: { environment: string | null }) => entry.environment !== 'production')).toBe(true);

    const audit = (await member.call('GET', `${v1}/audit?limit=500`)).body.entries;
    const reordered = audit.find((entry: { action: string }) => entry.action === 'environment.reordered');
    expect(reordered.after).toEqual(['development']);
    const deleted = audit.find(
      (entry: { action: string; resource: { key: string } }) =>
        entry.action === 'flag.deleted' && entry.resource.key === 'doomed',
    );
    expect(Object.keys(deleted.before.environments)).toEqual(['development']);
  });

  it('shows a project’s editor every environment of it, and nothing of other projects', async () => {
    const editor = callers[3] as Caller;
    const flag = (await editor.call('GET', `${flagsOf}/gate`)).body;
    expect(Object.keys(flag.environments)).toEqual([...ENVIRONMENTS]);
    expect((await editor.call('GET', `${flagsOf}/gate/environments/production/insights?range=24h`)).body.total).toBe(3);
    expect((await editor.call('GET', `${v1}/projects`)).body.map((project: { key: string }) => project.key)).toEqual([
      'default',
    ]);
    const audit = JSON.stringify((await editor.call('GET', `${v1}/audit?limit=500`)).body);
    expect(audit).toContain(mark('default', 'production'));
  });

  it('keeps the other environments out of what the scoped callers’ writes answer', {
    timeout: WALK_TIMEOUT,
  }, async () => {
    problemsFound.length = 0;
    // Destructive refusals last, so that a refusal that wrongly succeeds fails loudly rather than
    // hiding the other cases.
    const order = (name: string) => (name.startsWith('DELETE /api/v1/projects/{project}') ? 1 : 0);
    const writes = operations
      .filter((operation) => operation.method !== 'GET' && !READ_BODIES[key(operation)])
      .map(key)
      .sort((a, b) => order(a) - order(b));
    for (const name of writes) {
      const write = WRITES[name];
      if (typeof write !== 'function') continue;
      for (const caller of callers) {
        for (const request of await write(fixtures)) await drive(caller, name, request);
      }
    }
    expect(problemsFound).toEqual([]);
    // The scoped callers did write where they may: the member in development, the admin its keys.
    expect([...(answered.get('PUT /api/v1/projects/{project}/flags/{flag}/environments/{environment}') ?? [])]).toEqual(
      callers.map((caller) => caller.name),
    );
    expect(answered.get('POST /api/v1/projects/{project}/environments/{environment}/sdk-keys')).toContain(
      'admin of default/development (token)',
    );
    expect(answered.get('POST /api/v1/projects/{project}/flags/{flag}/history/{entryId}/revert')).toContain(
      'editor of default/development (member)',
    );
  });
});

/** Data in every environment of the project, each piece carrying the marker of where it lives. */
async function seedProject(server: TestServer, project: string, token: string): Promise<void> {
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await server.api(method, `${v1}/projects/${project}${path}`, body, token);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body;
  };
  const everywhere = (round: string) =>
    Object.fromEntries(ENVIRONMENTS.map((environment) => [environment, markedState(project, environment, round)]));
  await api('POST', '/segments', { key: `${mark(project)}-segment`, included: [`${mark(project)}-included`] });
  await api('POST', '/metrics', { key: `${mark(project)}-metric`, eventKey: 'signed-up', kind: 'conversion' });
  // Created with a state in every environment: the audit entry holds them all.
  await api('POST', '/flags', {
    key: 'gate',
    description: `${mark(project)}-description`,
    environments: everywhere('1'),
  });
  for (const environment of ENVIRONMENTS)
    await api('PUT', `/flags/gate/environments/${environment}`, markedState(project, environment, '2'));
  for (const environment of ENVIRONMENTS)
    await api('POST', '/experiments', {
      key: `${mark(project, environment)}-experiment`,
      hypothesis: `${mark(project, environment)}-hypothesis`,
      flag: 'gate',
      environment,
      allocations: ['markers'],
      controlVariation: 'off',
      primaryMetric: `${mark(project)}-metric`,
    });
  await api('PATCH', '/flags/gate', { name: `${mark(project)}-name` });
  await api('POST', '/flags', {
    key: 'needs-gate',
    environments: { production: { on: true, prerequisites: [{ flag: 'gate', variations: ['on'] }] } },
  });
  await api('POST', '/flags', { key: 'doomed', environments: everywhere('3') });
  await api('DELETE', '/flags/doomed');
  await api('PUT', '/environments/order', { order: [...ENVIRONMENTS] });
  for (const environment of ENVIRONMENTS)
    await api('POST', `/environments/${environment}/sdk-keys`, {
      name: `${mark(project, environment)}-key`,
      kind: 'server',
    });

  const environments = await server.ctx.db
    .selectFrom('environments')
    .innerJoin('projects', 'projects.id', 'environments.projectId')
    .select(['environments.id', 'environments.key'])
    .where('projects.key', '=', project)
    .execute();
  const now = new Date().toISOString();
  for (const environment of environments) {
    const here = mark(project, environment.key);
    await server.ctx.db
      .insertInto('contexts')
      .values({
        environmentId: environment.id,
        kind: 'user',
        key: `${here}-user`,
        attributes: JSON.stringify({ email: `${here}-clause-2`, note: `${here}-attribute` }),
        firstSeen: now,
        lastSeen: now,
      })
      .execute();
    if (environment.key === 'production')
      await server.ctx.db
        .insertInto('evaluationCounts')
        .values({
          environmentId: environment.id,
          flagKey: 'gate',
          variationKey: 'on',
          hour: now.slice(0, 13),
          count: 3,
        })
        .execute();
  }
}
