import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../src/index.js';
import { ApiFixtures } from './support/api-fixtures.js';
import { type Session, signIn } from './support/browser-session.js';
import { testDialects } from './support/databases.js';
import {
  type Answer,
  bodyExample,
  bodyExamples,
  builtDocument,
  fillPath,
  nameOf,
  type Operation,
  operationsOf,
  pathParameters,
  type RawRequest,
  SchemaValidator,
  securityOf,
  send,
  undocumented,
} from './support/openapi.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 12, item 12: the OpenAPI document tells the whole truth. Every status a route can answer
 * is listed — each class is provoked on a real server, route by route, and the answer must be a
 * listed status whose body fits the listed schema — the SDK and OFREP routes are there, and every
 * request body has an example that fits its schema and works when sent as it is.
 */

const document = await builtDocument();
const operations = operationsOf(document);
const validator = new SchemaValidator(document);
const named = (name: string) => {
  const operation = operations.find((candidate) => nameOf(candidate) === name);
  if (!operation) throw new Error(`the document has no ${name}`);
  return operation;
};
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isOfrep = (operation: Operation) => operation.path.startsWith('/ofrep/');

describe('the OpenAPI document', () => {
  it('covers the management API, the SDK API, OFREP and the probes, each under its tag and security', () => {
    const tagged = (tag: string) => operations.filter((operation) => operation.operation.tags?.includes(tag));
    expect(tagged('sdk').map(nameOf).sort()).toEqual([
      'GET /sdk/v1/config',
      'GET /sdk/v1/stream',
      'POST /sdk/v1/evaluate',
      'POST /sdk/v1/events',
    ]);
    expect(tagged('ofrep').map(nameOf).sort()).toEqual([
      'GET /ofrep/v1/stream',
      'POST /ofrep/v1/evaluate/flags',
      'POST /ofrep/v1/evaluate/flags/{key}',
    ]);
    expect(tagged('health').map(nameOf).sort()).toEqual(['GET /healthz', 'GET /metrics', 'GET /readyz']);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
      'bearer',
      'ofrepApiKey',
      'sdkKey',
      'session',
    ]);
    for (const operation of tagged('sdk')) expect(operation.operation.security).toEqual([{ sdkKey: [] }]);
    for (const operation of tagged('ofrep'))
      expect(operation.operation.security).toEqual(expect.arrayContaining([{ sdkKey: [] }, { ofrepApiKey: [] }]));
    for (const operation of operations.filter((candidate) => candidate.path.startsWith('/api/v1/')))
      expect(operation.operation.security ?? document.security, nameOf(operation)).not.toContainEqual({ sdkKey: [] });
  });

  it('gives every operation a summary, a tag and an answer for success', () => {
    for (const operation of operations) {
      expect(operation.operation.summary, nameOf(operation)).toBeTruthy();
      expect(operation.operation.tags?.length, nameOf(operation)).toBe(1);
      expect(
        Object.keys(operation.operation.responses).some((status) => /^[23]/.test(status)),
        nameOf(operation),
      ).toBe(true);
    }
  });

  it('lists the statuses every route can answer because of what it takes', () => {
    for (const operation of operations) {
      const statuses = Object.keys(operation.operation.responses);
      const expected = ['400', '408', '431', '500'];
      if (securityOf(document, operation).some((requirement) => Object.keys(requirement).length > 0))
        expected.push('401');
      if (pathParameters(operation).length > 0) expected.push('404');
      if (pathParameters(operation).length > 0 && operation.method !== 'GET') expected.push('414');
      if (BODY_METHODS.has(operation.method)) expected.push('413', '415');
      if (operation.operation.parameters?.some((parameter) => parameter.name === 'if-match')) expected.push('412');
      expect(statuses, nameOf(operation)).toEqual(expect.arrayContaining(expected));
    }
    for (const name of ['POST /api/v1/auth/login', 'POST /api/v1/auth/invitations/accept'])
      expect(Object.keys(named(name).operation.responses)).toContain('429');
  });

  it('describes problems as application/problem+json, and OFREP’s own answers in OFREP’s shapes', () => {
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.operation.responses)) {
        if (Number(status) < 400 || (Number(status) === 503 && operation.path === '/readyz')) continue;
        const mediaTypes = Object.keys(response.content ?? {});
        if (isOfrep(operation) && ['400', '404', '500'].includes(status)) {
          expect(mediaTypes, `${nameOf(operation)} ${status}`).toContain('application/json');
          continue;
        }
        expect(mediaTypes, `${nameOf(operation)} ${status}`).toEqual(['application/problem+json']);
        expect(response.content?.['application/problem+json']?.schema).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
    }
  });

  it('has an example for every request body, valid against the schema it illustrates', () => {
    for (const operation of operations) {
      if (!operation.operation.requestBody) continue;
      const examples = bodyExamples(operation);
      expect(examples.length, `${nameOf(operation)} has an example`).toBeGreaterThan(0);
      for (const { mediaType, schema, example } of examples)
        expect(validator.errors(schema, example), `${nameOf(operation)} ${mediaType}`).toEqual([]);
    }
  });
});

describe.each(await testDialects())('every status class the document lists, provoked on %s', (dialect) => {
  let server: TestServer;
  let fixtures: ApiFixtures;
  let session: Session;

  beforeAll(async () => {
    server = await startTestServer(dialect, { loginAttemptsPerMinute: 3 });
    fixtures = new ApiFixtures(server, operations);
    await fixtures.ensure();
    session = await signIn(server.url, server.seeded.ownerEmail, server.seeded.ownerPassword);
  });
  afterAll(() => server.close());

  const credentials = (operation: Operation): Record<string, string> => {
    const security = securityOf(document, operation);
    if (security.some((requirement) => 'sdkKey' in requirement))
      return { authorization: `Bearer ${fixtures.serverKey}` };
    return security.length === 0 ? {} : { authorization: `Bearer ${ADMIN_TOKEN}` };
  };

  /** The operation's example request, as a client would send it, with what `change` alters. */
  const request = (
    operation: Operation,
    change: { segment?: [string, string]; query?: string; headers?: Record<string, string>; body?: string } = {},
  ): RawRequest => {
    const example = bodyExample(operation);
    const body = change.body ?? (operation.operation.requestBody ? JSON.stringify(example) : undefined);
    const path = fillPath(operation.path, (name) =>
      change.segment?.[0] === name ? change.segment[1] : fixtures.segment(operation.path, name),
    );
    return {
      method: operation.method,
      path: path + (change.query ?? ''),
      headers: {
        ...credentials(operation),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...change.headers,
      },
      body,
    };
  };

  /** The status classes that apply to an operation, each with the request that provokes it. */
  const provocations = (operation: Operation): [number, RawRequest][] => {
    const cases: [number, RawRequest][] = [
      [400, request(operation, { query: '?q=%00' })],
      // Node's parser refuses a request line and headers over 16 KiB before any route is chosen.
      [431, request(operation, { query: `?q=${'x'.repeat(20_000)}` })],
    ];
    const security = securityOf(document, operation);
    if (security.some((requirement) => Object.keys(requirement).length > 0)) {
      const anonymous = request(operation);
      const { authorization: _token, ...headers } = anonymous.headers ?? {};
      cases.push([401, { ...anonymous, headers }]);
    }
    if (operation.operation.security === undefined && operation.method !== 'GET') {
      // A change made with the session cookie, without the session's CSRF token.
      const withoutCsrf = request(operation);
      const { authorization: _token, ...headers } = withoutCsrf.headers ?? {};
      cases.push([403, { ...withoutCsrf, headers: { ...headers, cookie: session.cookie } }]);
    }
    if (operation.path === '/sdk/v1/config' || operation.path === '/sdk/v1/stream')
      cases.push([403, request(operation, { headers: { authorization: `Bearer ${fixtures.clientKey}` } })]);
    const parameters = pathParameters(operation);
    const last = parameters[parameters.length - 1];
    if (last && parameters[0]) {
      cases.push([
        404,
        request(operation, { segment: [last.name, last.name === 'entryId' ? '987654' : 'no-such-thing'] }),
      ]);
      // Longer than any key: refused before routing, but a GET's path is the console's (any page) first.
      const overlong = request(operation, { segment: [parameters[0].name, 'x'.repeat(101)] });
      cases.push([operation.method === 'GET' ? 404 : 414, overlong]);
    }
    if (operation.operation.parameters?.some((parameter) => parameter.name === 'if-match'))
      cases.push([412, request(operation, { headers: { 'if-match': '"987654"' } })]);
    if (BODY_METHODS.has(operation.method)) {
      const limit = /\((\d+) KiB\)/.exec(operation.operation.responses['413']?.description ?? '');
      const padding = 'x'.repeat((Number(limit?.[1] ?? 1024) + 1) * 1024);
      cases.push([413, request(operation, { body: JSON.stringify({ padding }) })]);
      cases.push([415, request(operation, { body: '<context/>', headers: { 'content-type': 'application/xml' } })]);
    }
    return cases;
  };

  it.each(operations.map((operation) => [nameOf(operation), operation] as const))('%s', async (_name, operation) => {
    const failures: string[] = [];
    for (const [status, provocation] of provocations(operation)) {
      const answer = await send(server.url, provocation);
      const wrong = undocumented(validator, operation, answer);
      if (answer.status !== status || wrong)
        failures.push(
          `${status} provoked by ${provocation.method} ${provocation.path.slice(0, 120)}: got ${answer.status} ${wrong ?? answer.text.slice(0, 200)}`,
        );
    }
    expect(failures).toEqual([]);
  });

  it('answers 304 where the document lists it, to the ETag of the previous answer', async () => {
    for (const name of ['GET /sdk/v1/config', 'POST /ofrep/v1/evaluate/flags']) {
      const operation = named(name);
      const first = await send(server.url, request(operation));
      const etag = first.headers.etag as string;
      const again = await send(server.url, request(operation, { headers: { 'if-none-match': etag } }));
      expect(again.status, name).toBe(304);
      expect(undocumented(validator, operation, again), name).toBeUndefined();
    }
  });

  it('answers 429 with Retry-After on sign-in and on accepting an invitation, as listed', async () => {
    const login = named('POST /api/v1/auth/login');
    const wrongPassword = JSON.stringify({ email: server.seeded.ownerEmail, password: 'not the password' });
    let answer: Answer | undefined;
    for (let attempt = 0; attempt < 5 && answer?.status !== 429; attempt++)
      answer = await send(server.url, request(login, { body: wrongPassword }));
    expect(answer?.status).toBe(429);
    expect(Number(answer?.headers['retry-after'])).toBeGreaterThan(0);
    expect(undocumented(validator, login, answer as Answer)).toBeUndefined();

    const invited = await server.api('POST', '/api/v1/invitations', {
      email: 'limited@example.com',
      roles: [{ role: 'viewer' }],
    });
    const accept = named('POST /api/v1/auth/invitations/accept');
    const body = JSON.stringify({ token: invited.body.token, name: 'Limited', password: 'a long passphrase of mine' });
    const refused = await send(server.url, request(accept, { body }));
    expect(refused.status).toBe(429);
    expect(undocumented(validator, accept, refused)).toBeUndefined();
  });
});

describe.each(await testDialects())('the request body examples, sent as they are on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('work in turn on a new server: they tell one story, from a segment and a flag to an archive', async () => {
    const ids: Record<string, string> = {} as Record<string, string>;
    const sent = new Set<string>();
    let session: { cookie: string; csrfToken: string } | undefined;
    const step = async (
      name: string,
      values: Record<string, string | undefined> = {},
      options: { as?: 'session' | 'sdk'; body?: (example: any) => unknown } = {},
    ) => {
      const operation = named(name);
      sent.add(name);
      const example = bodyExample(operation);
      const body = options.body ? options.body(example) : example;
      const defaults: Record<string, string> = {
        project: 'default',
        environment: 'development',
        flag: 'new-checkout',
        segment: 'beta-testers',
        metric: 'checkout',
        experiment: 'checkout-redesign',
      };
      const path = fillPath(operation.path, (parameter) => values[parameter] ?? defaults[parameter] ?? '');
      const authorization: Record<string, string> =
        options.as === 'session'
          ? { cookie: session?.cookie ?? '', 'x-csrf-token': session?.csrfToken ?? '' }
          : { authorization: `Bearer ${options.as === 'sdk' ? server.seeded.serverKey : ADMIN_TOKEN}` };
      const answer = await send(server.url, {
        method: operation.method,
        path,
        headers: { ...authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(answer.status, `${name}: ${answer.text.slice(0, 500)}`).toBeLessThan(300);
      expect(undocumented(validator, operation, answer), name).toBeUndefined();
      return { answer, body: answer.text ? JSON.parse(answer.text) : undefined };
    };

    await step('POST /api/v1/projects/{project}/segments');
    await step('POST /api/v1/projects/{project}/flags');
    await step('PUT /api/v1/projects/{project}/flags/{flag}/environments/{environment}');
    await step('PATCH /api/v1/projects/{project}/flags/{flag}/environments/{environment}', { environment: 'staging' });
    await step('PATCH /api/v1/projects/{project}/flags/{flag}');
    await step('POST /api/v1/projects/{project}/flags/{flag}/evaluate');
    await step('PUT /api/v1/projects/{project}/segments/{segment}');
    await step('PATCH /api/v1/projects/{project}/segments/{segment}');
    await step('POST /api/v1/projects/{project}/segments/{segment}/evaluate');
    await step('POST /api/v1/projects/{project}/metrics');
    await step('PATCH /api/v1/projects/{project}/metrics/{metric}');
    await step('POST /api/v1/projects/{project}/experiments');
    await step('PATCH /api/v1/projects/{project}/experiments/{experiment}');
    // Starting takes no body; the stop example then ships a variation.
    const started = await server.api('POST', '/api/v1/projects/default/experiments/checkout-redesign/start');
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await step('POST /api/v1/projects/{project}/experiments/{experiment}/stop');
    await step('POST /api/v1/projects/{project}/environments');
    await step('PUT /api/v1/projects/{project}/environments/order');
    await step('PATCH /api/v1/projects/{project}/environments/{environment}', { environment: 'production' });
    await step('POST /api/v1/projects');
    await step('PATCH /api/v1/projects/{project}', { project: 'mobile-app' });
    ids.key = (await step('POST /api/v1/projects/{project}/environments/{environment}/sdk-keys')).body.id;
    await step('PATCH /api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}', { id: ids.key });
    await step('POST /api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}/rotate', { id: ids.key });
    await step('POST /api/v1/api-tokens');
    ids.member = (await step('POST /api/v1/members')).body.id;
    await step('PATCH /api/v1/members/{id}', { id: ids.member });
    const invitation = (await step('POST /api/v1/invitations')).body;
    await step('PATCH /api/v1/organization');

    // The new member signs in with the sign-in example, and works with the session.
    const signedIn = await step('POST /api/v1/auth/login');
    const cookies = (signedIn.answer.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0] as string);
    session = {
      cookie: cookies.find((cookie) => cookie.startsWith('vexil_session=')) ?? '',
      csrfToken: signedIn.body.csrfToken,
    };
    await step('PUT /api/v1/auth/preferences', {}, { as: 'session' });
    await createOrganization(server.ctx, {
      key: 'acme',
      name: 'Acme',
      ownerEmail: 'grace@example.com',
      project: 'web',
    });
    await step('POST /api/v1/auth/organization', {}, { as: 'session' });
    await step('POST /api/v1/auth/password', {}, { as: 'session' });
    // The invited person accepts with the token their link carries (shown once, so not the example's).
    await step(
      'POST /api/v1/auth/invitations/accept',
      {},
      { body: (example) => ({ ...example, token: invitation.token }) },
    );

    await step('POST /sdk/v1/evaluate', {}, { as: 'sdk' });
    await step('POST /sdk/v1/events', {}, { as: 'sdk' });
    await step('POST /ofrep/v1/evaluate/flags/{key}', { key: 'new-checkout' }, { as: 'sdk' });
    await step('POST /ofrep/v1/evaluate/flags', {}, { as: 'sdk' });
    await step('POST /api/v1/projects/{project}/environments/{environment}/import/eppo', { environment: 'production' });
    await step('POST /api/v1/projects/{project}/flags/archive');

    const takingBodies = operations.filter((operation) => operation.operation.requestBody).map(nameOf);
    expect([...sent].sort()).toEqual(takingBodies.sort());
  });
});
