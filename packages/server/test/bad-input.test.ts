import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * PRODUCT.md §3: bad input gets a clear 4xx naming the field, never a 500 and never a partial
 * write. The sweep drives every management route of the OpenAPI document with bad bodies and
 * bad ids, then checks that nothing was written.
 */
describe.each(await testDialects())('bad input on %s', (dialect) => {
  let server: TestServer;
  let routes: { method: string; path: string; hasBody: boolean; public: boolean }[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', '/api/v1/projects/default/flags', { key: 'kept' });
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown[] }>>;
    };
    routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          hasBody: operation.requestBody !== undefined,
          public: operation.security?.length === 0,
        })),
      );
  });
  afterAll(() => server.close());

  async function written(): Promise<{ audit: number; changes: number }> {
    const audit = await server.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const changes = await server.ctx.db
      .selectFrom('changes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { audit: Number(audit.n), changes: Number(changes.n) };
  }

  async function send(method: string, path: string, body: string | undefined, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: text ? (JSON.parse(text) as { type?: string; errors?: { path: string }[] }) : undefined,
    };
  }

  /** Fills path parameters with keys that exist (so the body is what is wrong) or that do not. */
  function concrete(path: string, known: boolean): string {
    const values: Record<string, string> = known
      ? {
          project: 'default',
          environment: 'development',
          flag: 'kept',
          segment: 'no-such-segment',
          id: '00000000-0000-0000-0000-000000000000',
          kind: 'user',
          key: 'nobody',
        }
      : {
          project: 'no-such-project',
          environment: 'no-such-environment',
          flag: 'no-such-flag',
          segment: 'no-such-segment',
          id: 'no-such-id',
          kind: 'user',
          key: 'nobody',
        };
    return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? `unknown-${name}`));
  }

  it('answers malformed JSON on every route with a body with 400 malformed-json', async () => {
    const before = await written();
    for (const route of routes.filter((candidate) => candidate.hasBody)) {
      const response = await send(route.method, concrete(route.path, true), '{"key": "x",');
      expect(response.status, `${route.method} ${route.path}`).toBe(400);
      expect(response.type).toContain('application/problem+json');
      expect(response.body?.type).toBe('https://vexil.dev/problems/malformed-json');
    }
    expect(await written()).toEqual(before);
  });

  it('answers bodies of the wrong shape with 4xx problems naming fields, never a 500', async () => {
    const before = await written();
    const shapes = [
      '[]',
      '"text"',
      '42',
      'null',
      '{"unknownField": true}',
      '{"key": 12, "name": [], "on": "yes", "variations": {}, "roles": 3}',
      JSON.stringify({ key: 'x'.repeat(500) }),
    ];
    for (const route of routes.filter((candidate) => candidate.hasBody)) {
      for (const shape of shapes) {
        const response = await send(route.method, concrete(route.path, true), shape);
        expect(response.status, `${route.method} ${route.path} with ${shape}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${route.method} ${route.path} with ${shape}`).toBeLessThan(500);
        expect(response.type).toContain('application/problem+json');
      }
    }
    expect(await written()).toEqual(before);
  });

  it('names the unknown field', async () => {
    const response = await send(
      'POST',
      '/api/v1/projects/default/flags',
      JSON.stringify({ key: 'typo', clientSideAvailible: true }),
    );
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual([{ path: 'clientSideAvailible', message: 'is not a known field' }]);
  });

  it('names the field of the wrong type, deep in a flag state', async () => {
    const response = await send(
      'PUT',
      '/api/v1/projects/default/flags/kept/environments/development',
      JSON.stringify({ on: true, allocations: [{ id: 'a', exposure: '50', serve: { variation: 'on' } }] }),
    );
    expect(response.status).toBe(400);
    expect(response.body?.errors).toContainEqual({ path: 'allocations[0].exposure', message: 'must be number' });
  });

  it('refuses an invalid flag config with the engine’s field path (an unsafe regular expression)', async () => {
    const response = await send(
      'PUT',
      '/api/v1/projects/default/flags/kept/environments/development',
      JSON.stringify({
        on: true,
        allocations: [
          {
            id: 'a',
            conditions: [{ attribute: 'email', operator: 'matches', values: ['^(a+)+$'] }],
            serve: { variation: 'on' },
          },
        ],
      }),
    );
    expect(response.status).toBe(400);
    expect(response.body?.errors?.[0]?.path).toBe('allocations[0].conditions[0].values[0]');
  });

  it('refuses a flag state of more than 64 regular expressions, naming the first one over, and writes nothing', async () => {
    const before = await written();
    const response = await send(
      'PUT',
      '/api/v1/projects/default/flags/kept/environments/development',
      JSON.stringify({
        on: true,
        allocations: Array.from({ length: 65 }, (_, index) => ({
          id: `a${index}`,
          conditions: [{ attribute: 'ua', operator: 'matches', values: ['Chrome.*Mobile'] }],
          serve: { variation: 'on' },
        })),
      }),
    );
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual([
      { path: 'allocations[64].conditions[0].values[0]', message: expect.stringContaining('at most 64') },
    ]);
    expect(await written()).toEqual(before);
  });

  it('answers unknown projects, environments and flags with 404 on every route', async () => {
    const before = await written();
    for (const route of routes.filter((candidate) => /\{/.test(candidate.path))) {
      const body = route.hasBody ? '{}' : undefined;
      const response = await send(route.method, concrete(route.path, false), body);
      // The body may be refused first (400) where `{}` lacks required fields; it must never be a 2xx or a 500.
      expect([400, 404], `${route.method} ${route.path}`).toContain(response.status);
      expect(response.type).toContain('application/problem+json');
    }
    expect(await written()).toEqual(before);
  });

  it('refuses oversized bodies with 413', async () => {
    const huge = JSON.stringify({ key: 'big', description: 'x'.repeat(2 * 1024 * 1024) });
    const response = await send('POST', '/api/v1/projects/default/flags', huge);
    expect(response.status).toBe(413);
    expect(response.type).toContain('application/problem+json');
  });

  it('refuses bodies that are not JSON with 415', async () => {
    const response = await send('POST', '/api/v1/projects/default/flags', 'key=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
  });

  it('answers a request without credentials with 401 on every route but sign-in, and a wrong token too', async () => {
    for (const route of routes.filter((route) => !route.public)) {
      const response = await fetch(`${server.url}${concrete(route.path, true)}`, { method: route.method });
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
    const wrong = await send('GET', '/api/v1/projects', undefined, { authorization: 'Bearer vx_api_not-a-real-token' });
    expect(wrong.status).toBe(401);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await send('GET', '/api/v1/nothing-here', undefined);
    expect(response.status).toBe(404);
    expect(response.type).toContain('application/problem+json');
  });
});
