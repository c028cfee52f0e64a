import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from './support/browser-session.js';
import { ApiFixtures } from './support/api-fixtures.js';
import { testDialects } from './support/databases.js';
import {
  type Answer,
  bodyExample,
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
 * Every operation of the OpenAPI document, sent mutated requests — bodies, path and query
 * parameters, headers and credentials that are wrong in every way a client can be wrong — and
 * held to three rules:
 * 1. no answer is a 5xx (nor a dropped connection);
 * 2. every answer is one the document gives: its status listed, its media type listed for that
 *    status, its body valid against that media type's schema;
 * 3. a 4xx changes nothing: no table gains or loses a row (the audit log, the change records and the
 *    SDK events among them), and no environment's revision moves.
 *
 * Seeded and bounded: VEXIL_FUZZ_RUNS requests per operation (default 16: under a minute on
 * each database), from VEXIL_FUZZ_SEED. A failure names the request, so it can be
 * replayed with the same seed.
 */

const RUNS = Number(process.env.VEXIL_FUZZ_RUNS ?? 16);
const SEED = Number(process.env.VEXIL_FUZZ_SEED ?? 12_12_2026);
/** VEXIL_FUZZ_REPORT=1 prints how each operation answered (statuses and counts). */
const REPORT = process.env.VEXIL_FUZZ_REPORT === '1';

const document = await builtDocument();
const operations = operationsOf(document);

// ── What can be wrong with a request ─────────────────────────────────────────────────────────

const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** JSON text for a value where the example has one: wrong types, hostile text, extremes. */
const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    'false',
    '0',
    '-1',
    '1.5',
    '-0',
    '1e20',
    '-1e20',
    '1e999',
    '-1e999',
    '9007199254740993',
    '2147483648',
    '-2147483649',
    '""',
    '" "',
    '[]',
    '{}',
    '[null]',
    '[{}]',
    '"\\u0000"',
    '"a\\u0000b"',
    '"\\ud800"',
    '"x\\udfff"',
    '"\\ud83d\\ude00"',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '["__proto__"]',
    '"__proto__"',
    '"constructor"',
    nested(63),
    nested(65),
    nested(5000),
    `"${'x'.repeat(100_000)}"`,
    `[${'1,'.repeat(20_000)}1]`,
    `{${Array.from({ length: 2000 }, (_, index) => `"k${index}":1`).join(',')}}`,
    '"1"',
    '"true"',
    '"2026-13-45T99:99:99Z"',
    '"../../etc/passwd"',
    '"<script>alert(1)</script>"',
    '"\' OR 1=1 --"',
    '"(a+)+$"',
    '"off"',
    '"on"',
    '"no-such-variation"',
    '"beta-testers"',
    '"new-checkout"',
  ),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 24 }).map((text) => JSON.stringify(text)),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

/** A path segment, percent-encoded as it goes on the wire. */
const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%C0%AF',
    '%FF',
    '%',
    '%2',
    '%2F',
    '..',
    '.',
    '%2e%2e',
    '__proto__',
    'constructor',
    'toString',
    '0',
    '-1',
    '1e999',
    '99999999999999999999',
    "'%20OR%201=1--",
    '%F0%9F%98%80',
    'x'.repeat(100),
    'x'.repeat(101),
    'x'.repeat(5000),
    'no-such-thing',
    'a;b',
    '*',
    '%20',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }).map((text) => encodeURIComponent(text)),
);

/** A query value, percent-encoded. */
const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '%00',
    '%ED%A0%80',
    '%FF',
    '-1',
    '0',
    '1e20',
    '1e999',
    '1.5',
    'abc',
    'true',
    '__proto__',
    '[]',
    '{}',
    'x'.repeat(5000),
  ),
  fc.string({ unit: 'binary', maxLength: 16 }).map((text) => encodeURIComponent(text)),
);

/** Header values Node lets a client send (no CR, LF or NUL). */
const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '"1"',
    'W/"1"',
    '*',
    '"abc"',
    '"0x10"',
    '1e999',
    '-1',
    '999999999999999999999',
    '"1", "2"',
    'garbage',
    'é',
    'x'.repeat(4000),
    'br;q=1, gzip;q=0',
    'identity;q=0',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 24 }),
);

const MEDIA_TYPES = [
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/problem+json',
  'application/json-patch+json',
  'application/jsonx',
  'application/json;;',
  '*/*',
  '',
];

type Credentials =
  | 'none'
  | 'garbage-bearer'
  | 'basic'
  | 'client-key'
  | 'server-key'
  | 'admin'
  | 'session'
  | 'session-without-csrf';

type Mutation =
  | { kind: 'body-value'; at: number; json: string }
  | { kind: 'body-drop'; at: number }
  | { kind: 'body-extra'; at: number; name: string; json: string }
  | { kind: 'body-whole'; text: string | undefined }
  | { kind: 'content-type'; value: string }
  | { kind: 'path'; at: number; segment: string }
  | { kind: 'query'; name: string | number; value: string; repeated: boolean }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'credentials'; as: Credentials };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('body-value'), at: fc.nat(), json: hostileJson }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('body-drop'), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('body-extra'),
      at: fc.nat(),
      name: fc.constantFrom('__proto__', 'constructor', 'unknownField', '', '\\u0000', 'key'),
      json: hostileJson,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('body-whole'),
      text: fc.constantFrom(
        undefined,
        '',
        'null',
        '[]',
        '"text"',
        '123',
        '{',
        '{"a":',
        '{"a":1}}',
        '\u0000',
        '\uFEFF{}',
        nested(100),
        `"${'x'.repeat(1_100_000)}"`,
        `{"context":{"key":"${'x'.repeat(70_000)}"}}`,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('content-type'), value: fc.constantFrom(...MEDIA_TYPES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('path'), at: fc.nat(), segment: hostileSegment }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('query'),
      name: fc.oneof(fc.nat(), fc.constantFrom('__proto__', 'unknown', '%00', 'limit', 'offset')),
      value: hostileQueryValue,
      repeated: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('header'),
      name: fc.constantFrom(
        'if-match',
        'if-none-match',
        'last-event-id',
        'accept-encoding',
        'x-csrf-token',
        'x-api-key',
        'accept',
        'origin',
        'cookie',
      ),
      value: hostileHeaderValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('credentials'),
      as: fc.constantFrom<Credentials>(
        'none',
        'garbage-bearer',
        'basic',
        'client-key',
        'server-key',
        'admin',
        'session',
        'session-without-csrf',
      ),
    }),
  },
);

/** One to three things wrong at once, or none (the example itself, as a client would send it). */
const mutations = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
  { weight: 12, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
);

/** Every table a request could write to; a refused request must not change how many rows any has. */
const TABLES = [
  'auditLog',
  'changes',
  'events',
  'contexts',
  'contextReports',
  'evaluationCounts',
  'organizations',
  'projects',
  'environments',
  'flags',
  'flagStates',
  'segments',
  'sdkKeys',
  'accounts',
  'members',
  'invitations',
  'apiTokens',
  'sessions',
  'memberPreferences',
] as const;

// ── Applying mutations to an operation's example request ───────────────────────────────────

type JsonPath = (string | number)[];

/** Every place in a JSON value, the root first. */
function placesIn(value: unknown, at: JsonPath = []): { path: JsonPath; value: unknown }[] {
  const places = [{ path: at, value }];
  if (Array.isArray(value)) value.forEach((item, index) => places.push(...placesIn(item, [...at, index])));
  else if (typeof value === 'object' && value !== null)
    for (const [name, item] of Object.entries(value)) places.push(...placesIn(item, [...at, name]));
  return places;
}

const VALUE_MARK = '__fuzz_value__';
const NAME_MARK = '__fuzz_name__';

/** JSON text of `document` with the value at `path` replaced by raw JSON text (which can be `1e999`). */
function withValue(document: unknown, path: JsonPath, json: string): string {
  if (path.length === 0) return json;
  const copy = structuredClone(document);
  let parent = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = VALUE_MARK;
  return JSON.stringify(copy).replace(JSON.stringify(VALUE_MARK), () => json);
}

function without(document: unknown, path: JsonPath): string | undefined {
  if (path.length === 0) return undefined;
  const copy = structuredClone(document);
  let parent = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return JSON.stringify(copy);
}

/** JSON text of `document` with a field added to the object at `path` (any name, `__proto__` too). */
function withField(document: unknown, path: JsonPath, name: string, json: string): string {
  const copy = structuredClone(document);
  let target = copy as Record<string, unknown>;
  for (const part of path) target = (target as Record<string | number, unknown>)[part] as Record<string, unknown>;
  target[NAME_MARK] = VALUE_MARK;
  return JSON.stringify(copy)
    .replace(JSON.stringify(NAME_MARK), () => JSON.stringify(name).replace('\\\\u0000', '\\u0000'))
    .replace(JSON.stringify(VALUE_MARK), () => json);
}

function describeMutations(list: Mutation[]): string {
  if (list.length === 0) return 'the example itself';
  return list
    .map((change) =>
      JSON.stringify(change, (_key, value: unknown) =>
        typeof value === 'string' && value.length > 80 ? `${value.slice(0, 60)}…(${value.length} chars)` : value,
      ),
    )
    .join(' + ');
}

// ── The suite ────────────────────────────────────────────────────────────────────────────────

describe.each(await testDialects())('fuzzing every operation of the OpenAPI document on %s', (dialect) => {
  let server: TestServer;
  let validator: SchemaValidator;
  let session: Session;
  /** Signing out ends the session it is sent with: that operation has one of its own. */
  let signingOut: Session;
  let fixtures: ApiFixtures;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    validator = new SchemaValidator(document);
    session = await signIn(server.url, server.seeded.ownerEmail, server.seeded.ownerPassword);
    signingOut = await signIn(server.url, server.seeded.ownerEmail, server.seeded.ownerPassword);
    fixtures = new ApiFixtures(server, operations);
    await fixtures.ensure();
  }, 60_000);
  afterAll(() => server.close());

  /** What a 4xx must leave as it was: the rows of every table, and the environments' revisions. */
  async function state(): Promise<string> {
    const db = server.ctx.db;
    const counts = await db
      .selectNoFrom((eb) => [
        ...TABLES.map((table) => eb.selectFrom(table).select(eb.fn.countAll().as('n')).as(table)),
        eb.selectFrom('environments').select(sql<number>`coalesce(sum(revision), 0)`.as('n')).as('revisions'),
      ])
      .executeTakeFirstOrThrow();
    return JSON.stringify(counts, (_key, value: unknown) => (typeof value === 'number' ? String(value) : value));
  }

  function credentialsOf(operation: Operation, as?: Credentials): Record<string, string> {
    const security = securityOf(document, operation);
    const sdk = security.some((requirement) => 'sdkKey' in requirement);
    const chosen = as ?? (sdk ? 'server-key' : security.length === 0 ? 'none' : 'admin');
    const { cookie, csrfToken } = operation.path === '/api/v1/auth/logout' ? signingOut : session;
    switch (chosen) {
      case 'none':
        return {};
      case 'garbage-bearer':
        return { authorization: 'Bearer vx_server_not-a-key' };
      case 'basic':
        return { authorization: 'Basic Zm9vOmJhcg==' };
      case 'client-key':
        return { authorization: `Bearer ${fixtures.clientKey}` };
      case 'server-key':
        return { authorization: `Bearer ${fixtures.serverKey}` };
      case 'admin':
        return { authorization: `Bearer ${ADMIN_TOKEN}` };
      case 'session':
        return { cookie, 'x-csrf-token': csrfToken };
      case 'session-without-csrf':
        return { cookie };
    }
  }

  function requestFor(operation: Operation, list: Mutation[]): RawRequest {
    const example = bodyExample(operation);
    const takesBody = operation.operation.requestBody !== undefined;
    // Fastify reads no body on GET: one sent anyway races the answer on the connection (a reset the
    // server cannot help), so GETs are fuzzed in their path, query and headers only.
    const readsBody = operation.method !== 'GET';
    let body = takesBody ? JSON.stringify(example ?? {}) : undefined;
    let contentType = takesBody ? 'application/json' : undefined;
    const parameters = pathParameters(operation).map((parameter) => parameter.name);
    const segments = new Map(parameters.map((name) => [name, fixtures.segment(operation.path, name)]));
    const query: string[] = [];
    const queryNames = (operation.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    let credentials: Credentials | undefined;
    const headers: Record<string, string> = {};
    const places = placesIn(example);
    for (const change of list) {
      switch (change.kind) {
        case 'body-value': {
          if (!readsBody) break;
          const place = places[change.at % places.length] as { path: JsonPath };
          body = withValue(example, place.path, change.json);
          contentType ??= 'application/json';
          break;
        }
        case 'body-drop': {
          if (!readsBody) break;
          const place = places[change.at % places.length] as { path: JsonPath };
          body = without(example, place.path);
          break;
        }
        case 'body-extra': {
          if (!readsBody) break;
          const objects = places.filter(
            (place) => typeof place.value === 'object' && place.value !== null && !Array.isArray(place.value),
          );
          const place = objects.length === 0 ? undefined : objects[change.at % objects.length];
          body = place ? withField(example, place.path, change.name, change.json) : `{"${change.name}":${change.json}}`;
          contentType ??= 'application/json';
          break;
        }
        case 'body-whole':
          if (!readsBody) break;
          body = change.text;
          contentType ??= 'application/json';
          break;
        case 'content-type':
          contentType = change.value;
          break;
        case 'path':
          if (parameters.length > 0) segments.set(parameters[change.at % parameters.length] as string, change.segment);
          break;
        case 'query': {
          const name =
            typeof change.name === 'number'
              ? (queryNames[change.name % Math.max(queryNames.length, 1)] ?? 'unknown')
              : change.name;
          query.push(`${name}=${change.value}`);
          if (change.repeated) query.push(`${name}=${change.value}`);
          break;
        }
        case 'header':
          headers[change.name] = change.value;
          break;
        case 'credentials':
          credentials = change.as;
          break;
      }
    }
    const path =
      fillPath(operation.path, (name) => segments.get(name) ?? '') + (query.length ? `?${query.join('&')}` : '');
    return {
      method: operation.method,
      path,
      headers: {
        ...credentialsOf(operation, credentials),
        ...(contentType === undefined || body === undefined ? {} : { 'content-type': contentType }),
        ...headers,
      },
      body,
    };
  }

  it.each(operations.map((operation) => [nameOf(operation), operation] as const))(
    '%s',
    async (name, operation) => {
      const seed = SEED + [...name].reduce((hash, character) => (hash * 31 + character.charCodeAt(0)) | 0, 0);
      const failures: string[] = [];
      // The state as the last refused request left it: nothing can have changed it since.
      let known: string | undefined;
      const tally = new Map<number, number>();
      for (const list of fc.sample(mutations, { seed, numRuns: RUNS })) {
        const request = requestFor(operation, list);
        const summary = `${describeMutations(list)}\n    ${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 200)} ${String(request.body).slice(0, 200)}`;
        const before = known ?? (await state());
        known = undefined;
        let answer: Answer;
        try {
          answer = await send(server.url, request);
        } catch (error) {
          failures.push(`${summary}\n    → no answer: ${(error as Error).message}`);
          continue;
        }
        tally.set(answer.status, (tally.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) failures.push(`${summary}\n    → ${answer.status}: ${answer.text.slice(0, 300)}`);
        const wrong = undocumented(validator, operation, answer);
        if (wrong) failures.push(`${summary}\n    → ${wrong}`);
        if (answer.status >= 400 && answer.status < 500) {
          const after = await state();
          if (after !== before)
            failures.push(`${summary}\n    → ${answer.status}, yet the state changed: ${before} → ${after}`);
          known = after;
        } else if (operation.method !== 'GET' && answer.status < 300) {
          await fixtures.ensure();
        }
      }
      if (REPORT)
        console.log(
          `${dialect} ${name}: ${[...tally]
            .sort(([one], [other]) => one - other)
            .map(([status, n]) => `${status}×${n}`)
            .join(' ')}`,
        );
      expect(failures, `seed ${seed}, ${RUNS} runs`).toEqual([]);
    },
    120_000,
  );
});
