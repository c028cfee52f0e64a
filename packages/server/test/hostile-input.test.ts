import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 12, what a hostile tester found: input no route can take must be a 4xx problem naming the
 * field, on SQLite and PostgreSQL alike — never a 500, never a stalled server. Text PostgreSQL
 * refuses (NUL, unpaired surrogates), JSON nested thousands deep, event batches of 170,000 items,
 * numbers out of range, media types, and the errors Node and Fastify raise before a route runs.
 */

interface Answer {
  status: number;
  type: string;
  headers: Headers;
  body: any;
}

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema?: { type?: string } }[];
}

const NUL = 'a\u0000b';
const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

describe.each(await testDialects())('hostile input on %s', (dialect) => {
  let server: TestServer;
  let operations: Operation[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', '/api/v1/projects/default/flags', { key: 'kept' });
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Operation['parameters'] }>>;
    };
    operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          parameters: operation.parameters ?? [],
        })),
      );
  });
  afterAll(() => server.close());

  const existing: Record<string, string> = {
    project: 'default',
    environment: 'development',
    flag: 'kept',
    kind: 'user',
    key: 'ada',
  };

  /** A request as sent: the body is raw text, so it can be anything a client can write. */
  async function send(
    method: string,
    path: string,
    options: { body?: string; type?: string | null; key?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const key = options.key === undefined ? `Bearer ${server.token}` : options.key;
    const type = options.type === undefined ? (options.body === undefined ? null : 'application/json') : options.type;
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(key === null ? {} : { authorization: key }),
        ...(type === null ? {} : { 'content-type': type }),
        ...options.headers,
      },
      body: options.body,
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      headers: response.headers,
      body,
    };
  }

  const events = (body: string, type?: string) =>
    send('POST', '/sdk/v1/events', { body, key: server.seeded.clientKey, ...(type ? { type } : {}) });

  function expectRefused(answer: Answer, path: string, message: RegExp, status = 400): void {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.errors).toContainEqual({ path, message: expect.stringMatching(message) });
  }

  async function written(): Promise<{ audit: number; contexts: number; events: number }> {
    const count = async (table: 'auditLog' | 'contexts' | 'contextReports' | 'events') =>
      Number(
        (
          await server.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // A context reported but not yet merged into the users list counts as written.
    const contexts = (await count('contexts')) + (await count('contextReports'));
    return { audit: await count('auditLog'), contexts, events: await count('events') };
  }

  /** Writes raw bytes on a new connection and returns what the server answered before closing it. */
  function rawRequest(bytes: string): Promise<{ status: number; type: string; body: any }> {
    return new Promise((resolve, reject) => {
      const address = new URL(server.url);
      const socket = connect(Number(address.port), address.hostname, () => socket.write(bytes, 'latin1'));
      let answer = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        resolve({
          status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
          type: /^content-type: (.*)$/im.exec(head)?.[1] ?? '',
          body: body ? JSON.parse(body) : undefined,
        });
      });
    });
  }

  describe('text PostgreSQL cannot store (item 5): NUL and unpaired surrogates', () => {
    it('refuses them in request bodies with a 400 naming the field, before anything is read or written', async () => {
      const before = await written();
      const login = await send('POST', '/api/v1/auth/login', {
        key: null,
        body: JSON.stringify({ email: NUL, password: 'a long passphrase' }),
      });
      expectRefused(login, 'email', /NUL/);

      const surrogate = await send('POST', '/api/v1/auth/login', {
        key: null,
        body: '{"email": "ada\\ud800@example.com", "password": "a long passphrase"}',
      });
      expectRefused(surrogate, 'email', /surrogate/);

      const named = await send('POST', '/api/v1/projects/default/flags', {
        body: JSON.stringify({ key: 'named', name: NUL }),
      });
      expectRefused(named, 'name', /NUL/);

      // Anywhere in a document, field names too: free-form context attributes reach the database as JSON text.
      const event = (context: string) =>
        events(`{"events": [{"kind": "context", "context": ${context}, "timestamp": 1795400100000}]}`);
      expectRefused(await event(JSON.stringify({ key: NUL })), 'events[0].context.key', /NUL/);
      expectRefused(await event('{"key": "ada", "tags": ["ok", "\\udc00"]}'), 'events[0].context.tags[1]', /surrogate/);
      expectRefused(await event('{"key": "ada", "a\\u0000b": 1}'), 'events[0].context', /field name .*NUL/);
      expect(await written()).toEqual(before);
    });

    it('refuses them in search and filter parameters', async () => {
      const q = encodeURIComponent(NUL);
      expectRefused(await send('GET', `/api/v1/projects/default/flags?q=${q}`), 'querystring.q', /NUL/);
      expectRefused(await send('GET', `/api/v1/audit?actor=${q}`), 'querystring.actor', /NUL/);
      expectRefused(
        await send('GET', `/api/v1/projects/default/environments/development/users?q=${q}`),
        'querystring.q',
        /NUL/,
      );
      expectRefused(
        await send('GET', `/api/v1/projects/default/environments/development/users?kind=user&kind=${q}`),
        'querystring.kind',
        /NUL/,
      );
    });

    it('refuses them in every path parameter of every management route, naming it', async () => {
      for (const operation of operations) {
        const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
        if (names.length === 0) continue;
        const path = operation.path.replace(/\{\w+\}/g, encodeURIComponent(NUL));
        const answer = await send(operation.method, path);
        const label = `${operation.method} ${operation.path}`;
        expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(400);
        for (const name of names)
          expect(answer.body.errors, label).toContainEqual({ path: `params.${name}`, message: expect.any(String) });
      }
    });

    it('refuses them in the SDK’s and OFREP’s path and query parameters, OFREP in its own shape', async () => {
      const ofrep = await send('POST', `/ofrep/v1/evaluate/flags/${encodeURIComponent(NUL)}`, {
        key: server.seeded.clientKey,
        body: '{"context": {"targetingKey": "ada"}}',
      });
      expect(ofrep.status).toBe(400);
      expect(ofrep.body).toMatchObject({
        errorCode: 'PARSE_ERROR',
        errorDetails: expect.stringMatching(/params\.key/),
      });
      const stream = await send('GET', `/ofrep/v1/stream?token=${encodeURIComponent(NUL)}`, { key: null });
      expect(stream.status).toBe(400);
      expect(stream.body).toMatchObject({
        errorCode: 'PARSE_ERROR',
        errorDetails: expect.stringMatching(/querystring\.token/),
      });
    });

    it('answers a header with a NUL, refused by the HTTP parser, with a problem', async () => {
      const answer = await rawRequest('GET /healthz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\u0000b\r\n\r\n');
      expect(answer.status).toBe(400);
      expect(answer.type).toBe('application/problem+json');
      expect(answer.body).toMatchObject({ type: 'https://vexil.dev/problems/bad-request', status: 400 });
    });
  });

  describe('deeply nested JSON (item 6)', () => {
    it('refuses a JSON flag variation 10,000 levels deep with a 400 naming the field', async () => {
      const answer = await send('POST', '/api/v1/projects/default/flags', {
        body: `{"key": "deep", "type": "json", "variations": [{"key": "a", "value": ${nested(10_000)}}, {"key": "b", "value": 1}]}`,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors[0].path).toMatch(/^variations\[0\]\.value(\[0\])+$/);
      expect(answer.body.errors[0].message).toBe('must not nest objects and arrays more than 64 deep');
    });

    it('refuses an event’s context attribute 10,000 levels deep, and on every JSON route', async () => {
      const attribute = `{"key": "ada", "deep": ${nested(10_000)}}`;
      const event = await events(`{"events": [{"kind": "context", "context": ${attribute}, "timestamp": 1}]}`);
      expect(event.status).toBe(400);
      expect(event.body.errors[0].path).toMatch(/^events\[0\]\.context\.deep(\[0\])+$/);

      const clientKey = server.seeded.clientKey;
      const evaluate = await send('POST', '/sdk/v1/evaluate', { key: clientKey, body: `{"context": ${attribute}}` });
      expect(evaluate.status).toBe(400);
      expect(evaluate.body.errors[0].path).toMatch(/^context\.deep/);
      const ofrep = await send('POST', '/ofrep/v1/evaluate/flags', {
        key: clientKey,
        body: `{"context": ${attribute}}`,
      });
      expect(ofrep.status).toBe(400);
      expect(ofrep.body.errorCode).toBe('PARSE_ERROR');
      const body = await send('POST', '/api/v1/projects', { body: nested(10_000, '{}') });
      expect(body.status).toBe(400);
    });

    it('takes JSON nested 64 deep, and refuses 65', async () => {
      // The body is level 1, `variations` 2, a variation 3: its value may nest 61 more.
      const flag = (key: string, depth: number) =>
        send('POST', '/api/v1/projects/default/flags', {
          body: `{"key": "${key}", "type": "json", "variations": [{"key": "a", "value": ${nested(depth)}}, {"key": "b", "value": 1}]}`,
        });
      expect((await flag('deep-enough', 61)).status).toBe(201);
      const refused = await flag('too-deep', 62);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toBe(`variations[0].value${'[0]'.repeat(61)}`);
    });
  });

  describe('oversized event batches (item 7)', () => {
    it('refuses 170,000 empty events by their count before looking at any of them', async () => {
      const body = `{"events": [${Array(170_000).fill('{}').join(',')}]}`;
      expect(body.length).toBeGreaterThan(500_000);
      const [answer, health] = await Promise.all([events(body), fetch(`${server.url}/healthz`)]);
      expect(health.status).toBe(200);
      expect(answer.status).toBe(400);
      // Not one error per item: the items were never validated.
      expect(answer.body.errors).toEqual([{ path: 'events', message: 'must NOT have more than 1000 items' }]);
    });

    it('lists at most 50 field errors, however many a body has', async () => {
      const answer = await events(`{"events": [${Array(1000).fill('{}').join(',')}]}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toHaveLength(50);
      expect(answer.body.errors[0]).toEqual({ path: 'events[0].kind', message: 'is required' });
    });
  });

  describe('numbers out of range (item 10)', () => {
    it('refuses users?offset=1e20 and ?limit=1e20 with a 400 naming the parameter', async () => {
      const users = '/api/v1/projects/default/environments/development/users';
      expectRefused(await send('GET', `${users}?offset=1e20`), 'querystring.offset', /<=/);
      expectRefused(await send('GET', `${users}?limit=1e20`), 'querystring.limit', /<=/);
      expect((await send('GET', `${users}?offset=1000000000`)).status).toBe(200);
    });

    it('refuses integers beyond their range in every integer parameter of the API', async () => {
      for (const operation of operations) {
        for (const parameter of operation.parameters) {
          if (parameter.schema?.type !== 'integer' || !['query', 'path'].includes(parameter.in)) continue;
          for (const value of ['1e20', '-1e20', '99999999999999999999']) {
            // Every other parameter names something that exists, so the integer is all that is wrong.
            let path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
              name === parameter.name ? value : (existing[name] ?? 'x'),
            );
            if (parameter.in === 'query') path += `?${parameter.name}=${value}`;
            const answer = await send(operation.method, path);
            const label = `${operation.method} ${operation.path} with ${parameter.name}=${value}`;
            expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(400);
            const part = parameter.in === 'query' ? 'querystring' : 'params';
            expect(answer.body.errors, label).toContainEqual({
              path: `${part}.${parameter.name}`,
              message: expect.any(String),
            });
          }
        }
      }
    });

    it('refuses body integers beyond PostgreSQL’s integer where the schema sets no bound (an environment’s position)', async () => {
      const answer = await send('POST', '/api/v1/projects/default/environments', {
        body: JSON.stringify({ key: 'far', name: 'Far', position: 1e20 }),
      });
      expectRefused(answer, 'position', /<= 2147483647/);
    });

    it('refuses numbers that overflow to Infinity, in events as in the management API', async () => {
      const before = await written();
      const custom = await events(
        '{"events": [{"kind": "custom", "key": "revenue", "value": 1e999, "context": {"key": "ada"}, "timestamp": 1}]}',
      );
      expectRefused(custom, 'events[0].value', /finite/);
      const negative = await events(
        '{"events": [{"kind": "custom", "key": "revenue", "value": -1e999, "context": {"key": "ada"}, "timestamp": 1}]}',
      );
      expectRefused(negative, 'events[0].value', /finite/);
      const flag = await send('POST', '/api/v1/projects/default/flags', {
        body: '{"key": "huge", "type": "number", "variations": [{"key": "a", "value": 1e999}, {"key": "b", "value": 1}]}',
      });
      expectRefused(flag, 'variations[0].value', /finite/);
      expect(await written()).toEqual(before);
    });
  });

  describe('media types and what Fastify and Node refuse (item 11)', () => {
    it('answers text/plain with 415 on the SDK, OFREP and management routes', async () => {
      const clientKey = server.seeded.clientKey;
      const plain = 'text/plain;charset=UTF-8';
      for (const [path, key, body] of [
        ['/sdk/v1/evaluate', clientKey, '{"context": {"key": "ada"}}'],
        ['/ofrep/v1/evaluate/flags', clientKey, '{"context": {"targetingKey": "ada"}}'],
        ['/ofrep/v1/evaluate/flags/new-checkout', clientKey, '{"context": {"targetingKey": "ada"}}'],
        ['/api/v1/projects/default/flags', undefined, '{"key": "plain"}'],
      ] as const) {
        const answer = await send('POST', path, { body, type: plain, ...(key ? { key } : {}) });
        expect(answer.status, path).toBe(415);
        expect(answer.type).toContain('application/problem+json');
        expect(answer.body.type).toBe('https://vexil.dev/problems/unsupported-media-type');
      }
    });

    it('takes text/plain JSON on POST /sdk/v1/events (what sendBeacon sends), checked like JSON', async () => {
      const batch = {
        events: [{ kind: 'context', context: { kind: 'device', key: 'beacon-1' }, timestamp: 1795400100000 }],
      };
      const answer = await events(JSON.stringify(batch), 'text/plain;charset=UTF-8');
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ accepted: 1 });
      await server.ctx.events.flushContexts();
      const stored = await server.ctx.db.selectFrom('contexts').select('key').where('key', '=', 'beacon-1').execute();
      expect(stored).toHaveLength(1);
      expect((await events('{"events": [', 'text/plain')).body.type).toBe('https://vexil.dev/problems/malformed-json');
      expectRefused(
        await events(JSON.stringify({ events: [{ ...batch.events[0], context: { key: NUL } }] }), 'text/plain'),
        'events[0].context.key',
        /NUL/,
      );
    });

    it('answers a malformed Content-Length with a problem', async () => {
      const answer = await rawRequest(
        'POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12abc\r\n\r\n{}',
      );
      expect(answer.status).toBe(400);
      expect(answer.type).toBe('application/problem+json');
      expect(answer.body).toMatchObject({ type: 'https://vexil.dev/problems/bad-request', status: 400 });
      expect(answer.body.detail).toMatch(/Content-Length/i);
    });

    it('answers a Content-Length the body does not match, and a Content-Type that is not one, with problems', async () => {
      const short = await rawRequest(
        `POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{"key": "x"}`,
      );
      expect(short.status).toBe(400);
      expect(short.type).toContain('application/problem+json');
      const control = await rawRequest(
        'POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/\u0001json\r\nContent-Length: 2\r\n\r\n{}',
      );
      expect(control.status).toBe(400);
      expect(control.type).toBe('application/problem+json');
      for (const type of ['/', 'application', 'application/json, text/plain']) {
        const answer = await send('POST', '/api/v1/projects', { body: '{"key": "typed"}', type });
        expect(answer.status, type).toBe(415);
        expect(answer.type, type).toContain('application/problem+json');
      }
    });

    it('answers a path that is not UTF-8, and an overlong path segment, with problems', async () => {
      const surrogate = await send('GET', '/api/v1/projects/a%ED%A0%80b/flags');
      expect(surrogate.status).toBe(400);
      expect(surrogate.type).toContain('application/problem+json');
      expect(surrogate.body.errors).toEqual([{ path: 'url', message: 'must be percent-encoded UTF-8' }]);
      const long = await send('GET', `/api/v1/projects/${'k'.repeat(1000)}/flags`);
      expect(long.status).toBe(404);
      expect(long.type).toContain('application/problem+json');
    });

    it('sends WWW-Authenticate: Bearer with every 401', async () => {
      const answers = [
        await send('GET', '/api/v1/projects', { key: null }),
        await send('GET', '/api/v1/projects', { key: 'Bearer vx_api_not-a-real-token' }),
        await send('GET', '/sdk/v1/config', { key: null }),
        await send('POST', '/sdk/v1/events', { key: 'vx_client_unknown', body: '{"events": []}' }),
        await send('POST', '/ofrep/v1/evaluate/flags', { key: null, body: '{"context": {}}' }),
        await send('POST', '/api/v1/auth/login', {
          key: null,
          body: JSON.stringify({ email: server.seeded.ownerEmail, password: 'not the password' }),
        }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="vexil"/);
      }
    });

    it('accepts Content-Type: application/json with an empty body on routes that take no body', async () => {
      const json = { type: 'application/json', body: '' };
      expect(
        (await send('POST', '/api/v1/projects/default/flags', { body: JSON.stringify({ key: 'emptied' }) })).status,
      ).toBe(201);
      const flag = '/api/v1/projects/default/flags/emptied';
      expect((await send('POST', `${flag}/archive`, json)).status).toBe(200);
      expect((await send('POST', `${flag}/restore`, json)).status).toBe(200);
      // Undoing the restore archives the flag again, as DELETE needs.
      const history = await send('GET', `${flag}/history`);
      const restored = history.body.entries.find((entry: { action: string }) => entry.action === 'flag.restored');
      expect((await send('POST', `${flag}/history/${restored.id}/revert`, json)).status).toBe(201);
      expect((await send('DELETE', flag, json)).status).toBe(204);
      // Without a header at all, as before.
      expect((await send('GET', '/api/v1/projects', { type: 'application/json' })).status).toBe(200);
    });

    it('still refuses an empty JSON body where the route takes one', async () => {
      const answer = await send('POST', '/api/v1/projects', { body: '' });
      expect(answer.status).toBe(400);
      expect(answer.body.type).toBe('https://vexil.dev/problems/malformed-json');
    });
  });
});
