import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { expectPermitted } from './support/permissions.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * PRODUCT.md §1 "Members and permissions" and §2: roles granted on the organisation, a project or
 * an environment; a request without permission gets 403, one without credentials 401.
 */
const CALLERS = {
  viewer: [{ role: 'viewer' }],
  editor: [{ role: 'editor' }],
  // "editor on the project but read-only on production"
  'project editor': [
    { role: 'editor', project: 'default' },
    { role: 'viewer', project: 'default', environment: 'production' },
  ],
  admin: [{ role: 'admin' }],
  owner: [{ role: 'owner' }],
} as const;
type Caller = keyof typeof CALLERS;

interface Action {
  does: string;
  allowed: Caller[];
  /** The request, made unique per caller where it creates something. */
  request: (caller: string) => [method: string, path: string, body?: unknown];
}

const slug = (caller: string) => caller.replace(/\s+/g, '-');
const project = '/api/v1/projects/default';
const kept = {
  key: 'kept',
  enabled: true,
  variationType: 'BOOLEAN',
  totalShards: 10000,
  variations: { on: { key: 'on', value: true }, off: { key: 'off', value: false } },
  allocations: [{ key: 'everyone', splits: [{ variationKey: 'on', shards: [] }] }],
};

const ACTIONS: Action[] = [
  {
    does: 'read flags',
    allowed: ['viewer', 'editor', 'project editor', 'admin', 'owner'],
    request: () => ['GET', `${project}/flags`],
  },
  {
    does: 'create a flag',
    allowed: ['editor', 'project editor', 'admin', 'owner'],
    request: (caller) => ['POST', `${project}/flags`, { key: `flag-${slug(caller)}` }],
  },
  {
    does: 'change a flag',
    allowed: ['editor', 'project editor', 'admin', 'owner'],
    request: () => ['PATCH', `${project}/flags/shared`, { description: 'changed' }],
  },
  {
    does: 'turn a flag on in staging',
    allowed: ['editor', 'project editor', 'admin', 'owner'],
    request: () => ['PATCH', `${project}/flags/shared/environments/staging`, { on: true }],
  },
  {
    does: 'turn a flag on in production',
    allowed: ['editor', 'admin', 'owner'],
    request: () => ['PATCH', `${project}/flags/shared/environments/production`, { on: true }],
  },
  {
    does: 'read segments',
    allowed: ['viewer', 'editor', 'project editor', 'admin', 'owner'],
    request: () => ['GET', `${project}/segments`],
  },
  {
    does: 'create a segment',
    allowed: ['editor', 'project editor', 'admin', 'owner'],
    request: (caller) => ['POST', `${project}/segments`, { key: `segment-${slug(caller)}` }],
  },
  {
    does: 'list production SDK keys',
    allowed: ['admin', 'owner'],
    request: () => ['GET', `${project}/environments/production/sdk-keys`],
  },
  {
    does: 'create a staging SDK key',
    allowed: ['admin', 'owner'],
    request: (caller) => ['POST', `${project}/environments/staging/sdk-keys`, { name: caller, kind: 'server' }],
  },
  {
    does: 'read users of production',
    allowed: ['viewer', 'editor', 'project editor', 'admin', 'owner'],
    request: () => ['GET', `${project}/environments/production/users`],
  },
  {
    does: 'import into staging',
    allowed: ['admin', 'owner'],
    request: () => ['POST', `${project}/environments/staging/import/eppo`, { flags: { kept } }],
  },
  {
    does: 'read environments',
    allowed: ['viewer', 'editor', 'project editor', 'admin', 'owner'],
    request: () => ['GET', `${project}/environments`],
  },
  {
    does: 'create an environment',
    allowed: ['admin', 'owner'],
    request: (caller) => ['POST', `${project}/environments`, { key: `env-${slug(caller)}` }],
  },
  { does: 'rename the project', allowed: ['admin', 'owner'], request: () => ['PATCH', project, { name: 'Default' }] },
  {
    does: 'create a project',
    allowed: ['owner'],
    request: (caller) => ['POST', '/api/v1/projects', { key: `project-${slug(caller)}` }],
  },
  { does: 'list API tokens', allowed: ['owner'], request: () => ['GET', '/api/v1/api-tokens'] },
  {
    does: 'create an API token',
    allowed: ['owner'],
    request: (caller) => ['POST', '/api/v1/api-tokens', { name: caller, roles: [{ role: 'viewer' }] }],
  },
  {
    does: 'read the audit log',
    allowed: ['viewer', 'editor', 'project editor', 'admin', 'owner'],
    request: () => ['GET', '/api/v1/audit'],
  },
];

describe.each(await testDialects())('permissions on %s', (dialect) => {
  let server: TestServer;
  const tokens = {} as Record<Caller, { id: string; token: string }>;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', `${project}/flags`, { key: 'shared' });
    for (const [caller, roles] of Object.entries(CALLERS)) {
      const created = await server.api('POST', '/api/v1/api-tokens', { name: caller, roles });
      expect(created.status).toBe(201);
      tokens[caller as Caller] = created.body;
    }
  });
  afterAll(() => server.close());

  for (const caller of Object.keys(CALLERS) as Caller[]) {
    describe(caller, () => {
      for (const action of ACTIONS) {
        const allowed = action.allowed.includes(caller);
        it(`${allowed ? 'may' : 'may not'} ${action.does}`, async () => {
          const [method, path, body] = action.request(caller);
          const response = await server.api(method, path, body, tokens[caller].token);
          expectPermitted(response, allowed);
        });
      }
    });
  }

  it('refused requests change nothing', async () => {
    const flags = await server.api('GET', `${project}/flags`);
    expect(flags.body.items.map((flag: { key: string }) => flag.key).sort()).toEqual([
      'flag-admin',
      'flag-editor',
      'flag-owner',
      'flag-project-editor',
      'kept',
      'shared',
    ]);
    const environments = await server.api('GET', `${project}/environments`);
    expect(environments.body.map((environment: { key: string }) => environment.key).sort()).toEqual([
      'development',
      'env-admin',
      'env-owner',
      'production',
      'staging',
    ]);
    const refusals = await server.ctx.db
      .selectFrom('auditLog')
      .select('actorName')
      .where('actorName', '=', 'viewer')
      .execute();
    expect(refusals).toEqual([]);
  });

  it('answers a request without credentials with 401', async () => {
    const response = await fetch(`${server.url}${project}/flags`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { type: string }).type).toBe('https://vexil.dev/problems/unauthorized');
  });

  it('answers a revoked token with 401', async () => {
    expect((await server.api('DELETE', `/api/v1/api-tokens/${tokens.editor.id}`)).status).toBe(204);
    const response = await server.api('GET', `${project}/flags`, undefined, tokens.editor.token);
    expect(response.status).toBe(401);
    expect(response.body.type).toBe('https://vexil.dev/problems/unauthorized');
  });
});
