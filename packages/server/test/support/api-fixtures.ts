import { expect } from 'vitest';
import { bodyExample, type Operation } from './openapi.js';
import { ADMIN_TOKEN, type TestServer } from './server.js';

/** The project the fixtures live in: never the seeded one. */
export const FIXTURE_PROJECT = 'sandbox';

interface KeyView {
  id: string;
  name: string;
  status: string;
}

interface OwnKey {
  id: string;
  secret: string;
}

/**
 * What requests made from the OpenAPI document name: a project of their own, its environments, a
 * flag (with targets, allocations and a split, in development), a segment, a metric, an experiment, an SDK key, a member,
 * an invitation, an API token and a history entry to revert — and the server and client keys the
 * SDK and OFREP requests authenticate with, of the same project, so that they evaluate whatever the
 * management requests made there. `ensure()` puts back whatever a request that succeeded may have
 * removed (a DELETE of the project, a revoked key…).
 */
export class ApiFixtures {
  private readonly ids: Record<string, string> = {};
  private keys: { server?: OwnKey; client?: OwnKey } = {};

  constructor(
    private readonly server: TestServer,
    private readonly operations: Operation[],
  ) {}

  get serverKey(): string {
    return this.keys.server?.secret ?? '';
  }

  get clientKey(): string {
    return this.keys.client?.secret ?? '';
  }

  /** The value of a path parameter, percent-encoded. */
  segment(path: string, name: string): string {
    if (name === 'project') return FIXTURE_PROJECT;
    if (name === 'environment') return 'development';
    if (name === 'flag') return 'new-checkout';
    if (name === 'segment') return 'beta-testers';
    if (name === 'metric') return 'checkout';
    if (name === 'experiment') return 'checkout-redesign';
    if (name === 'kind') return 'user';
    if (name === 'key') return path.startsWith('/ofrep/') ? 'new-checkout' : 'ada';
    if (name === 'entryId') return this.ids.entry ?? '1';
    if (path.startsWith('/api/v1/members/')) return this.ids.member ?? 'none';
    if (path.startsWith('/api/v1/invitations/')) return this.ids.invitation ?? 'none';
    if (path.startsWith('/api/v1/api-tokens/')) return this.ids.token ?? 'none';
    if (path.includes('/sdk-keys/')) return this.ids.sdkKey ?? 'none';
    throw new Error(`no fixture for {${name}} in ${path}`);
  }

  private api(method: string, path: string, body?: unknown) {
    return this.server.api(method, path, body, ADMIN_TOKEN);
  }

  private example(method: string, path: string): unknown {
    const operation = this.operations.find((candidate) => candidate.method === method && candidate.path === path);
    return operation && structuredClone(bodyExample(operation));
  }

  /** Puts back what a successful request may have removed. Each check is one read when nothing is missing. */
  async ensure(): Promise<void> {
    const project = `/api/v1/projects/${FIXTURE_PROJECT}`;
    if ((await this.api('GET', project)).status === 404) {
      const created = await this.api('POST', '/api/v1/projects', { key: FIXTURE_PROJECT, name: 'Sandbox' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const environments = (await this.api('GET', `${project}/environments`)).body as { key: string }[];
    for (const key of ['development', 'qa', 'staging', 'production']) {
      if (!environments.some((environment) => environment.key === key))
        await this.api('POST', `${project}/environments`, { key });
    }
    if ((await this.api('GET', `${project}/segments/beta-testers`)).status === 404)
      await this.api('POST', `${project}/segments`, this.example('POST', '/api/v1/projects/{project}/segments'));
    if ((await this.api('GET', `${project}/metrics/checkout`)).status === 404)
      await this.api('POST', `${project}/metrics`, this.example('POST', '/api/v1/projects/{project}/metrics'));
    const flag = await this.api('GET', `${project}/flags/new-checkout`);
    if (flag.status === 404) {
      const created = await this.api(
        'POST',
        `${project}/flags`,
        this.example('POST', '/api/v1/projects/{project}/flags'),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const state = this.example('PUT', '/api/v1/projects/{project}/flags/{flag}/environments/{environment}');
      await this.api('PUT', `${project}/flags/new-checkout/environments/development`, state);
    } else if (flag.body.archived) await this.api('POST', `${project}/flags/new-checkout/restore`);
    // A change that can be reverted: the flag's creation cannot be.
    const revertible = async () =>
      (
        (await this.api('GET', `${project}/flags/new-checkout/history`)).body.entries as {
          id: number;
          action: string;
        }[]
      ).find((entry) => entry.action !== 'flag.created');
    let entry = await revertible();
    if (!entry) {
      await this.api('PATCH', `${project}/flags/new-checkout`, { description: 'Changed, to have a change to revert' });
      entry = await revertible();
    }
    this.ids.entry = String(entry?.id);
    // An experiment on the flag's split in development (its example), remade with that state if the state lost it.
    if ((await this.api('GET', `${project}/experiments/checkout-redesign`)).status === 404) {
      const experiment = this.example('POST', '/api/v1/projects/{project}/experiments');
      let made = await this.api('POST', `${project}/experiments`, experiment);
      if (made.status === 400) {
        const state = this.example('PUT', '/api/v1/projects/{project}/flags/{flag}/environments/{environment}');
        await this.api('PUT', `${project}/flags/new-checkout/environments/development`, state);
        made = await this.api('POST', `${project}/experiments`, experiment);
      }
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }

    await this.ensureKeys(`${project}/environments/development/sdk-keys`);
    // A user to look at: the contexts SDKs report make the users list.
    if ((await this.api('GET', `${project}/environments/development/users/user/ada`)).status === 404) {
      const reported = await this.server.api(
        'POST',
        '/sdk/v1/events',
        { events: [{ kind: 'context', context: { key: 'ada', email: 'ada@example.com' }, timestamp: Date.now() }] },
        this.serverKey,
      );
      expect(reported.status, JSON.stringify(reported.body)).toBe(202);
    }

    const members = (await this.api('GET', '/api/v1/members')).body as { id: string; email: string }[];
    this.ids.member =
      members.find((member) => member.email === 'sandbox@example.com')?.id ??
      (
        await this.api('POST', '/api/v1/members', {
          email: 'sandbox@example.com',
          name: 'Sandbox',
          password: 'correct horse battery staple',
          roles: [{ role: 'viewer' }],
        })
      ).body.id;

    const invitations = (await this.api('GET', '/api/v1/invitations')).body as { id: string }[];
    this.ids.invitation =
      invitations[0]?.id ??
      (await this.api('POST', '/api/v1/invitations', { email: 'invited@example.com', roles: [{ role: 'viewer' }] }))
        .body.id;

    const tokens = (await this.api('GET', '/api/v1/api-tokens')).body as {
      id: string;
      name: string;
      revokedAt: string | null;
    }[];
    this.ids.token =
      tokens.find((token) => token.name === 'sandbox' && token.revokedAt === null)?.id ??
      (await this.api('POST', '/api/v1/api-tokens', { name: 'sandbox', roles: [{ role: 'viewer' }] })).body.id;
  }

  /**
   * The keys requests authenticate with (their secrets are shown once, so they are made here and
   * kept), and another one for the routes that rename, rotate and revoke a key by its id.
   */
  private async ensureKeys(path: string): Promise<void> {
    const listed = await this.api('GET', path);
    const active = new Set(
      ((listed.body ?? []) as KeyView[]).filter((key) => key.status === 'active').map((key) => key.id),
    );
    const make = async (kind: 'server' | 'client'): Promise<OwnKey> => {
      const created = await this.api('POST', path, { name: `sandbox ${kind}`, kind });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return { id: created.body.id, secret: created.body.key };
    };
    if (!this.keys.server || !active.has(this.keys.server.id)) this.keys.server = await make('server');
    if (!this.keys.client || !active.has(this.keys.client.id)) this.keys.client = await make('client');
    const own = new Set([this.keys.server.id, this.keys.client.id]);
    this.ids.sdkKey = [...active].find((id) => !own.has(id)) ?? (await make('server')).id;
  }
}
