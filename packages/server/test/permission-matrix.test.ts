import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { expectPermitted } from './support/permissions.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 5: each role × each scope × each kind of action → allowed, or 403.
 *
 * The expectation is computed from the rule as PRODUCT.md states it, not from the server's code:
 * a role's capabilities (viewer reads; editor also changes flags, segments and metrics; admin also manages
 * environments, keys and project settings; owner also the organisation, projects, members and
 * tokens) apply where its binding reaches (the organisation reaches everything, a project its
 * environments), and a binding on one environment also lets one look at its project.
 */
type Role = 'viewer' | 'editor' | 'admin' | 'owner';
type Capability = 'read' | 'write' | 'manage' | 'own';
type Where = 'organisation' | 'project' | 'production' | 'staging';

const CAPABILITIES: Record<Role, Capability[]> = {
  viewer: ['read'],
  editor: ['read', 'write'],
  admin: ['read', 'write', 'manage'],
  owner: ['read', 'write', 'manage', 'own'],
};

const SCOPES = {
  organisation: {},
  'project default': { project: 'default' },
  'environment production': { project: 'default', environment: 'production' },
} as const;
type ScopeName = keyof typeof SCOPES;

interface ActionKind {
  does: string;
  where: Where;
  needs: Capability;
  request: (unique: string) => [method: string, path: string, body?: unknown];
}

const project = '/api/v1/projects/default';
const ACTIONS: ActionKind[] = [
  {
    does: 'read the organisation',
    where: 'organisation',
    needs: 'read',
    request: () => ['GET', '/api/v1/organization'],
  },
  { does: 'list members', where: 'organisation', needs: 'read', request: () => ['GET', '/api/v1/members'] },
  {
    does: 'read the audit log',
    where: 'project',
    needs: 'read',
    request: () => ['GET', '/api/v1/audit?project=default'],
  },
  { does: 'read flags', where: 'project', needs: 'read', request: () => ['GET', `${project}/flags`] },
  { does: 'read environments', where: 'project', needs: 'read', request: () => ['GET', `${project}/environments`] },
  {
    does: 'read production’s users',
    where: 'production',
    needs: 'read',
    request: () => ['GET', `${project}/environments/production/users`],
  },
  {
    does: 'test a draft of a flag’s production state',
    where: 'production',
    needs: 'read',
    request: () => [
      'POST',
      `${project}/flags/shared/evaluate`,
      { context: { key: 'ada' }, draft: { environments: { production: { on: true } } } },
    ],
  },
  {
    does: 'read staging’s users',
    where: 'staging',
    needs: 'read',
    request: () => ['GET', `${project}/environments/staging/users`],
  },
  {
    does: 'create a flag',
    where: 'project',
    needs: 'write',
    request: (unique) => ['POST', `${project}/flags`, { key: `flag-${unique}` }],
  },
  {
    does: 'create a segment',
    where: 'project',
    needs: 'write',
    request: (unique) => ['POST', `${project}/segments`, { key: `segment-${unique}` }],
  },
  { does: 'read metrics', where: 'project', needs: 'read', request: () => ['GET', `${project}/metrics`] },
  {
    does: 'create a metric',
    where: 'project',
    needs: 'write',
    request: (unique) => [
      'POST',
      `${project}/metrics`,
      { key: `metric-${unique}`, eventKey: 'signup', kind: 'conversion' },
    ],
  },
  { does: 'read experiments', where: 'project', needs: 'read', request: () => ['GET', `${project}/experiments`] },
  {
    does: 'read the results of an experiment in production',
    where: 'production',
    needs: 'read',
    request: () => ['GET', `${project}/experiments/exp-owner-organisation/results`],
  },
  {
    does: 'create an experiment in production',
    where: 'production',
    needs: 'write',
    request: (unique) => [
      'POST',
      `${project}/experiments`,
      {
        key: `experiment-${unique}`,
        flag: 'shared',
        environment: 'production',
        allocations: ['split'],
        controlVariation: 'off',
        primaryMetric: 'shared-metric',
      },
    ],
  },
  {
    // Each caller starts a draft of its own (made below): starting turns tracking on in the flag's state.
    does: 'start an experiment in production',
    where: 'production',
    needs: 'write',
    request: (unique) => ['POST', `${project}/experiments/exp-${unique.replace(/-\d+$/, '')}/start`],
  },
  {
    does: 'turn a flag on in production',
    where: 'production',
    needs: 'write',
    request: () => ['PATCH', `${project}/flags/shared/environments/production`, { on: true }],
  },
  {
    does: 'turn a flag on in staging',
    where: 'staging',
    needs: 'write',
    request: () => ['PATCH', `${project}/flags/shared/environments/staging`, { on: true }],
  },
  {
    does: 'create a production SDK key',
    where: 'production',
    needs: 'manage',
    request: (unique) => ['POST', `${project}/environments/production/sdk-keys`, { name: unique, kind: 'server' }],
  },
  {
    does: 'rename staging',
    where: 'staging',
    needs: 'manage',
    request: () => ['PATCH', `${project}/environments/staging`, { name: 'Staging' }],
  },
  {
    does: 'create an environment',
    where: 'project',
    needs: 'manage',
    request: (unique) => ['POST', `${project}/environments`, { key: `env-${unique}` }],
  },
  {
    does: 'rename the project',
    where: 'project',
    needs: 'manage',
    request: () => ['PATCH', project, { name: 'Default project' }],
  },
  {
    does: 'create a project',
    where: 'organisation',
    needs: 'own',
    request: (unique) => ['POST', '/api/v1/projects', { key: `project-${unique}` }],
  },
  {
    does: 'invite a member',
    where: 'organisation',
    needs: 'own',
    request: (unique) => [
      'POST',
      '/api/v1/invitations',
      { email: `${unique}@example.com`, roles: [{ role: 'viewer', project: 'default' }] },
    ],
  },
  {
    does: 'create a service token',
    where: 'organisation',
    needs: 'own',
    request: (unique) => [
      'POST',
      '/api/v1/api-tokens',
      { name: unique, roles: [{ role: 'viewer', project: 'default', environment: 'production' }] },
    ],
  },
  {
    does: 'rename the organisation',
    where: 'organisation',
    needs: 'own',
    request: () => ['PATCH', '/api/v1/organization', { name: 'My organisation' }],
  },
];

function reaches(scope: ScopeName, where: Where): 'fully' | 'to look' | 'no' {
  if (scope === 'organisation') return 'fully';
  if (scope === 'project default') return where === 'organisation' ? 'no' : 'fully';
  if (where === 'production') return 'fully';
  return where === 'project' ? 'to look' : 'no';
}

function expected(role: Role, scope: ScopeName, action: ActionKind): boolean {
  const reach = reaches(scope, action.where);
  if (reach === 'no') return false;
  if (reach === 'to look') return action.needs === 'read';
  return CAPABILITIES[role].includes(action.needs);
}

describe.each(await testDialects())('permission matrix on %s', (dialect) => {
  let server: TestServer;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', `${project}/flags`, { key: 'shared' });
    for (const role of Object.keys(CAPABILITIES) as Role[]) {
      for (const [scopeName, scope] of Object.entries(SCOPES)) {
        const created = await server.api('POST', '/api/v1/api-tokens', {
          name: `${role} of ${scopeName}`,
          roles: [{ role, ...scope }],
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        tokens.set(`${role} ${scopeName}`, created.body.token);
      }
    }
    // Experiments on a split of the shared flag in production: a draft for each caller to start.
    await server.api('PUT', `${project}/flags/shared/environments/production`, {
      on: false,
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
    });
    await server.api('POST', `${project}/metrics`, { key: 'shared-metric', eventKey: 'signup', kind: 'conversion' });
    for (const role of Object.keys(CAPABILITIES) as Role[]) {
      for (const scopeName of Object.keys(SCOPES)) {
        const draft = await server.api('POST', `${project}/experiments`, {
          key: `exp-${role}-${scopeName.replace(/\s+/g, '-')}`,
          flag: 'shared',
          environment: 'production',
          allocations: ['split'],
          controlVariation: 'off',
          primaryMetric: 'shared-metric',
        });
        expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      }
    }
  });
  afterAll(() => server.close());

  let counter = 0;
  for (const role of Object.keys(CAPABILITIES) as Role[]) {
    for (const scopeName of Object.keys(SCOPES) as ScopeName[]) {
      describe(`${role} of the ${scopeName}`, () => {
        for (const action of ACTIONS) {
          const allowed = expected(role, scopeName, action);
          it(`${allowed ? 'may' : 'may not'} ${action.does}`, async () => {
            const [method, path, body] = action.request(`${role}-${scopeName.replace(/\s+/g, '-')}-${++counter}`);
            const response = await server.api(method, path, body, tokens.get(`${role} ${scopeName}`));
            expectPermitted(response, allowed);
          });
        }
      });
    }
  }

  it('covers every kind of action at every level it exists at', () => {
    const kinds = ACTIONS.map((action) => `${action.needs} in ${action.where}`);
    const levels: Where[] = ['project', 'production', 'staging'];
    const required = [
      'read in organisation',
      'own in organisation',
      ...levels.flatMap((where) => (['read', 'write', 'manage'] as const).map((needs) => `${needs} in ${where}`)),
    ];
    expect(required.filter((kind) => !kinds.includes(kind))).toEqual([]);
    expect(tokens.size).toBe(12);
  });
});
