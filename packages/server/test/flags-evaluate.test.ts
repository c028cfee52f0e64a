import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * POST /projects/{project}/flags/{flag}/evaluate (the console's "what will Ada see?") and
 * GET …/dependents (where a flag is used).
 */
const flags = '/api/v1/projects/default/flags';
const ada = { key: 'ada', email: 'ada@example.com', plan: 'pro' };

const STAFF_ON = {
  on: true,
  offVariation: 'off',
  allocations: [
    {
      id: 'staff',
      conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
      serve: { variation: 'on' },
    },
  ],
  fallthrough: { variation: 'off' },
};

describe.each(await testDialects())('evaluating a flag for a context on %s', (dialect) => {
  let server: TestServer;
  const evaluate = (flag: string, body: unknown, token?: string) =>
    server.api('POST', `${flags}/${flag}/evaluate`, body, token);
  const token = async (name: string, roles: unknown[]) =>
    (await server.api('POST', '/api/v1/api-tokens', { name, roles })).body.token as string;
  const written = async () => {
    const audit = await server.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const changes = await server.ctx.db
      .selectFrom('changes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { audit: Number(audit.n), changes: Number(changes.n) };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const created = await server.api('POST', flags, {
      key: 'new-checkout',
      environments: { production: STAFF_ON },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });
  afterAll(() => server.close());

  it('answers what the saved flag serves in every environment, in order, with the engine’s trace', async () => {
    const response = await evaluate('new-checkout', { context: ada });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.environments.map((environment: { key: string }) => environment.key)).toEqual([
      'development',
      'staging',
      'production',
    ]);
    const [development, , production] = response.body.environments;
    expect(development).toEqual({
      key: 'development',
      name: 'Development',
      critical: false,
      saved: { value: false, variation: 'off', reason: 'DISABLED', trace: [{ step: 'switch', on: false }] },
    });
    expect(production).toEqual({
      key: 'production',
      name: 'Production',
      critical: true,
      saved: {
        value: true,
        variation: 'on',
        reason: 'TARGETING_MATCH',
        allocation: 'staff',
        trace: [
          { step: 'switch', on: true },
          {
            step: 'allocation',
            id: 'staff',
            outcome: 'matched',
            clauses: [
              {
                clause: { attribute: 'email', operator: 'ends_with', values: ['@example.com'] },
                matched: true,
                actual: 'ada@example.com',
              },
            ],
          },
        ],
      },
    });
    const grace = await evaluate('new-checkout', { context: { key: 'grace', email: 'grace@elsewhere.org' } });
    expect(grace.body.environments[2].saved).toMatchObject({ value: false, variation: 'off', reason: 'DEFAULT' });
  });

  it('evaluates a draft beside the saved flag, in every environment, and writes nothing', async () => {
    const before = await written();
    const flag = (await server.api('GET', `${flags}/new-checkout`)).body;
    const response = await evaluate('new-checkout', {
      context: ada,
      draft: {
        definition: { name: 'New checkout, renamed' },
        environments: {
          production: { ...STAFF_ON, allocations: [{ ...STAFF_ON.allocations[0], serve: { variation: 'off' } }] },
          staging: { on: true, fallthrough: { variation: 'on' } },
        },
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const [development, staging, production] = response.body.environments;
    expect(development.draft).toEqual(development.saved);
    expect(staging.saved).toMatchObject({ variation: 'off', reason: 'DISABLED' });
    expect(staging.draft).toMatchObject({ value: true, variation: 'on', reason: 'STATIC' });
    expect(production.saved).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    expect(production.draft).toMatchObject({ value: false, variation: 'off', reason: 'TARGETING_MATCH' });
    expect(await written()).toEqual(before);
    expect((await server.api('GET', `${flags}/new-checkout`)).body).toEqual(flag);
  });

  it('uses the environment’s real segments and prerequisite flags', async () => {
    await server.api('POST', '/api/v1/projects/default/segments', { key: 'beta-testers', included: ['ada'] });
    await server.api('POST', flags, {
      key: 'base',
      environments: { production: { on: true, fallthrough: { variation: 'on' } } },
    });
    await server.api('POST', flags, {
      key: 'beta-banner',
      environments: {
        production: {
          on: true,
          prerequisites: [{ flag: 'base', variations: ['on'] }],
          allocations: [{ id: 'beta', conditions: [{ segment: 'beta-testers' }], serve: { variation: 'on' } }],
          fallthrough: { variation: 'off' },
        },
      },
    });
    const saved = await evaluate('beta-banner', { context: ada });
    expect(saved.body.environments[2].saved).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
      allocation: 'beta',
    });
    expect(saved.body.environments[2].saved.trace[1]).toEqual({
      step: 'prerequisite',
      flag: 'base',
      expected: ['on'],
      served: 'on',
      on: true,
      passed: true,
    });
    // Off in staging, the prerequisite fails there: the draft shows it before anyone saves.
    const drafted = await evaluate('beta-banner', {
      context: ada,
      draft: {
        environments: {
          staging: {
            on: true,
            offVariation: 'off',
            prerequisites: [{ flag: 'base', variations: ['on'] }],
            fallthrough: { variation: 'on' },
          },
        },
      },
    });
    expect(drafted.body.environments[1].draft).toMatchObject({
      value: false,
      variation: 'off',
      reason: 'PREREQUISITE_FAILED',
    });
  });

  it('refuses an invalid draft with field paths inside the draft', async () => {
    const before = await written();
    const unknownVariation = await evaluate('new-checkout', {
      context: ada,
      draft: {
        environments: {
          production: { on: true, allocations: [{ id: 'a', serve: { variation: 'maybe' } }] },
        },
      },
    });
    expect(unknownVariation.status).toBe(400);
    expect(unknownVariation.headers.get('content-type')).toContain('application/problem+json');
    expect(unknownVariation.body.errors).toContainEqual({
      path: 'draft.environments.production.allocations[0].serve.variation',
      message: 'unknown variation "maybe"',
    });

    const wrongType = await evaluate('new-checkout', {
      context: ada,
      draft: {
        environments: {
          production: { on: true, allocations: [{ id: 'a', exposure: '50', serve: { variation: 'on' } }] },
        },
      },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toContainEqual({
      path: 'draft.environments.production.allocations[0].exposure',
      message: 'must be number',
    });

    const unknownEnvironment = await evaluate('new-checkout', {
      context: ada,
      draft: { environments: { qa: { on: true } } },
    });
    expect(unknownEnvironment.status).toBe(400);
    expect(unknownEnvironment.body.errors).toEqual([
      { path: 'draft.environments.qa', message: 'is not an environment of this project' },
    ]);

    const badValue = await evaluate('new-checkout', {
      context: ada,
      draft: {
        definition: {
          variations: [
            { key: 'on', value: true },
            { key: 'off', value: 'no' },
          ],
        },
      },
    });
    expect(badValue.status).toBe(400);
    expect(badValue.body.errors[0].path).toBe('draft.definition.variations[1].value');

    // Dropping "off" while production's saved state still serves it (the draft does not change production).
    const removed = await evaluate('new-checkout', {
      context: ada,
      draft: {
        definition: {
          variations: [
            { key: 'on', value: true },
            { key: 'maybe', value: false },
          ],
        },
      },
    });
    expect(removed.status).toBe(400);
    expect(removed.body.errors).toEqual([
      {
        path: 'draft.definition.variations',
        message:
          'Variation "off" is still used — development: offVariation; staging: offVariation; ' +
          'production: offVariation, fallthrough. Serve another variation there first.',
      },
    ]);

    for (const body of [
      {},
      { context: 'ada' },
      { context: { kind: 'multi', user: 'ada' } },
      { context: ada, extra: 1 },
    ]) {
      const response = await evaluate('new-checkout', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors[0].path).toMatch(/^(context|extra)/);
    }
    expect(await written()).toEqual(before);
    expect((await evaluate('no-such-flag', { context: ada })).status).toBe(404);
  });

  it('needs only read, and answers only the environments the caller may read', async () => {
    const viewer = await token('viewer', [{ role: 'viewer' }]);
    expect((await evaluate('new-checkout', { context: ada }, viewer)).status).toBe(200);
    const productionOnly = await token('production viewer', [
      { role: 'viewer', project: 'default', environment: 'production' },
    ]);
    const answer = await evaluate('new-checkout', { context: ada, draft: { definition: {} } }, productionOnly);
    expect(answer.status).toBe(200);
    expect(answer.body.environments.map((environment: { key: string }) => environment.key)).toEqual(['production']);
    const stagingOnly = await token('staging viewer', [{ role: 'viewer', project: 'default', environment: 'staging' }]);
    const refused = await evaluate(
      'new-checkout',
      { context: ada, draft: { environments: { production: { on: false } } } },
      stagingOnly,
    );
    expect(refused.status).toBe(403);
  });
});

describe.each(await testDialects())('where a flag is used on %s', (dialect) => {
  let server: TestServer;
  const dependents = (flag: string, token?: string) =>
    server.api('GET', `${flags}/${flag}/dependents`, undefined, token);
  const requiresBase = { on: true, prerequisites: [{ flag: 'base', variations: ['on'] }] };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', flags, { key: 'base' });
    await server.api('POST', flags, { key: 'based', environments: { production: requiresBase } });
    await server.api('POST', flags, {
      key: 'also-based',
      name: 'Also based',
      environments: { staging: requiresBase, production: requiresBase },
    });
    await server.api('POST', flags, { key: 'once-based', environments: { development: requiresBase } });
    await server.api('PATCH', `${flags}/once-based/environments/development`, { prerequisites: [] });
    await server.api('POST', flags, { key: 'archived-based', environments: { staging: requiresBase } });
    expect((await server.api('POST', `${flags}/archived-based/archive`)).status).toBe(200);
    // Names "base" elsewhere in its state, not as a prerequisite.
    await server.api('POST', flags, {
      key: 'unrelated',
      environments: {
        production: {
          on: true,
          allocations: [
            {
              id: 'base',
              conditions: [{ attribute: 'flag', operator: 'equals', values: ['base'] }],
              serve: { variation: 'on' },
            },
          ],
        },
      },
    });
  });
  afterAll(() => server.close());

  it('lists the live flags requiring it, by key, with the environments where they do', async () => {
    const response = await dependents('base');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        { key: 'also-based', name: 'Also based', environments: ['staging', 'production'] },
        { key: 'based', name: 'based', environments: ['production'] },
      ],
    });
    expect((await dependents('based')).body).toEqual({ items: [] });
  });

  it('shows only the environments the caller may read', async () => {
    const staging = (
      await server.api('POST', '/api/v1/api-tokens', {
        name: 'staging viewer',
        roles: [{ role: 'viewer', project: 'default', environment: 'staging' }],
      })
    ).body.token;
    expect((await dependents('base', staging)).body).toEqual({
      items: [{ key: 'also-based', name: 'Also based', environments: ['staging'] }],
    });
  });

  it('answers 404 for a flag that does not exist', async () => {
    const response = await dependents('no-such-flag');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
