/**
 * `npm run bench -- --suite cost`: what the worst inputs the server accepts cost it (issue 12).
 * For each case (the worst accepted rule shapes, the largest accepted bodies, the deepest accepted
 * JSON) it sends the request to a real server and reports the latency and the server's largest
 * event-loop delay while handling it: how long every other client of that server waited.
 *
 * The server runs as users run it (`node packages/server/dist/main.js`, its own process), on SQLite
 * and on PostgreSQL (a new database, dropped after; left out with a note when unreachable, except in CI),
 * with a preloaded `monitorEventLoopDelay` (loop-delay.cjs) that reports on SIGUSR2. In its own
 * process, the delay is the server's alone: this process builds and sends bodies of up to 10 MiB,
 * and that work must not count. Each measurement resets the histogram, sends one request, waits
 * 50 ms for work the server defers past its answer (ruleset rebuilds, stream pushes), then reads it.
 *
 *   node --import tsx bench/cost/run.ts [--quick] [--database sqlite,postgres]
 *
 * `--quick` (CI) runs each case once (twice for evaluations) and exits 1 when any case takes or
 * blocks the server's event loop for more than 250 ms plus 1 ms per KiB of its request: a gross
 * breach, never a fine timing.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { MAX_REGEX_INPUT_LENGTH, MAX_REGEX_PATTERNS } from '@vexil/engine';
import { SHAPES } from '../regex-cost.js';
import { api, call, newDataDir, removeDataDirs, type ServerProcess, startServer } from '../server/server.js';
import { COST_OPTIONS } from './options.js';

const LOOP_DELAY = fileURLToPath(new URL('./loop-delay.cjs', import.meta.url));
const PROJECT = 'default';
const ENVIRONMENT = 'development';
/** A gross breach: over 250 ms, plus 1 ms per KiB of request body (issue 12: "a few ms per kilobyte"). */
const BREACH_MS = 250;
const BREACH_MS_PER_KIB = 1;
const SETTLE_MS = 50;
/** The server's limits (packages/server/src): management API, events, Eppo import. */
const API_BODY_LIMIT = 1024 * 1024;
const EVENTS_BODY_LIMIT = 512 * 1024;
const EVENTS_PER_BATCH = 1000;
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
const SEGMENT_MAX_INCLUDED = 100_000;
/** Headroom under each body limit for what the generators do not count exactly. */
const SLACK = 4 * 1024;
const REGEX_FLAGS = 100;

interface Request {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Case {
  name: string;
  /** What the case exercises, for the table's readers. */
  expect: number;
  /** The request of repetition `rep` (writes use fresh keys each time). */
  request(rep: number): Request;
  /** Repetitions: evaluations repeat more, since they change nothing. */
  reps: number;
  /** What the breach allowance counts, when not the request's own bytes: what the request pays to compile. */
  allowanceBytes?: number;
}

interface Row {
  name: string;
  bytes: number;
  /** The bytes the breach allowance counts (the request's, unless the case says otherwise). */
  allowanceBytes?: number | undefined;
  latencies: number[];
  delays: number[];
}

function json(body: unknown): string {
  return JSON.stringify(body);
}

function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
}

// ---------------------------------------------------------------------------------------------
// The server's own event-loop delay, read over SIGUSR2 (loop-delay.cjs).
// ---------------------------------------------------------------------------------------------

/** Reports asked of each server process so far: each numbers its own from 1. */
const reports = new Map<number, number>();

/** The largest event-loop delay (ms) since the previous call, reset for the next. */
async function loopDelayMs(server: ServerProcess): Promise<number> {
  const expected = (reports.get(server.pid) ?? 0) + 1;
  reports.set(server.pid, expected);
  process.kill(server.pid, 'SIGUSR2');
  const deadline = performance.now() + 10_000;
  for (;;) {
    for (const [, seq, nanoseconds] of server.output().matchAll(/vexil-loop-delay (\d+) (\d+)/g)) {
      if (Number(seq) === expected) return Number(nanoseconds) / 1e6;
    }
    if (performance.now() > deadline) throw new Error('the server did not report its event-loop delay');
    await sleep(2);
  }
}

async function measure(server: ServerProcess, test: Case): Promise<Row> {
  const row: Row = { name: test.name, bytes: 0, allowanceBytes: test.allowanceBytes, latencies: [], delays: [] };
  for (let rep = 0; rep < test.reps; rep++) {
    const request = test.request(rep);
    row.bytes = Buffer.byteLength(request.body ?? '');
    await loopDelayMs(server);
    const start = performance.now();
    const answer = await call(`${server.url}${request.path}`, { ...request, timeoutMs: 900_000 });
    row.latencies.push(performance.now() - start);
    await sleep(SETTLE_MS);
    row.delays.push(await loopDelayMs(server));
    if (answer.status !== test.expect) {
      throw new Error(
        `${test.name}: ${request.method} ${request.path} → ${answer.status}, expected ${test.expect} (the case must be accepted): ${answer.body.toString().slice(0, 500)}`,
      );
    }
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Inputs.
// ---------------------------------------------------------------------------------------------

/** `[[…[0]…]]`, `depth` arrays deep, as JSON text (JSON.stringify would run out of stack). */
function nested(depth: number): string {
  return `${'['.repeat(depth)}0${']'.repeat(depth)}`;
}

/** The largest n in [low, high] for which `accepted(n)`, given accepted(low); a binary search. */
async function largestAccepted(low: number, high: number, accepted: (n: number) => Promise<boolean>): Promise<number> {
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (await accepted(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** 100 client-side flags, each with one `matches` clause of a worst accepted shape (bench/regex-cost.ts). */
async function createRegexFlags(server: ServerProcess): Promise<Record<string, string>> {
  const attributes: Record<string, string> = {};
  for (let index = 0; index < REGEX_FLAGS; index++) {
    const shape = index % SHAPES.length;
    const { pattern, attribute } = SHAPES[shape]!;
    attributes[`blob${shape}`] = attribute;
    await api(server, 'POST', `/api/v1/projects/${PROJECT}/flags`, {
      key: `regex-${index}`,
      type: 'boolean',
      clientSideAvailable: true,
      variations: [
        { key: 'on', value: true },
        { key: 'off', value: false },
      ],
      environments: {
        [ENVIRONMENT]: {
          on: true,
          allocations: [
            {
              id: 'match',
              conditions: [{ attribute: `blob${shape}`, operator: 'matches', values: [pattern] }],
              serve: { variation: 'on' },
            },
          ],
          fallthrough: { variation: 'off' },
        },
      },
    });
  }
  return attributes;
}

/**
 * The largest flag the API takes: allocations (each a country list, e-mail suffixes and a
 * quadratic-shaped pattern of its own while a flag may hold more, then a substring) and
 * individual targets until the body is 1 MiB. The
 * evaluation context passes the first two clauses of every allocation and fails the pattern on a
 * maximum-length attribute, so every clause of every allocation runs.
 */
function largestFlag(key: string): string {
  const allocations: unknown[] = [];
  const targets = { variation: 'on', values: [] as string[] };
  const flag = {
    key,
    type: 'boolean',
    clientSideAvailable: true,
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    environments: { [ENVIRONMENT]: { on: true, targets: [targets], allocations, fallthrough: { variation: 'off' } } },
  };
  let size = json(flag).length;
  for (let index = 0; size < API_BODY_LIMIT - SLACK; index++) {
    const allocation = {
      id: `allocation-${index}`,
      conditions: [
        { attribute: 'country', operator: 'in', values: ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'SE', 'PL', 'ES', 'IT'] },
        { attribute: 'email', operator: 'ends_with', values: ['@example.com', `@team-${index}.example`] },
        index < MAX_REGEX_PATTERNS
          ? { attribute: 'ua', operator: 'matches', values: [`a.*b${index}`] }
          : { attribute: 'ua', operator: 'contains', values: [`b${index}`] },
      ],
      serve: { variation: 'on' },
    };
    const target = `target-user-${index}`;
    const added = json(allocation).length + json(target).length + 2;
    if (size + added > API_BODY_LIMIT - SLACK) break;
    allocations.push(allocation);
    targets.values.push(target);
    size += added;
  }
  return json(flag);
}

/** An Eppo UFC document of as many ~1 KiB flags as fit in `limit` bytes. */
function eppoDocument(prefix: string, limit: number): string {
  const flags: Record<string, unknown> = {};
  let size = 100;
  for (let index = 0; ; index++) {
    const key = `${prefix}-${index}`;
    const flag = {
      key,
      enabled: true,
      variationType: 'STRING',
      variations: { blue: { key: 'blue', value: '#0055ff' }, green: { key: 'green', value: '#00aa55' } },
      allocations: [
        {
          key: 'experiment',
          rules: [
            { conditions: [{ attribute: 'country', operator: 'ONE_OF', value: ['US', 'CA', 'GB', 'DE', 'FR'] }] },
            { conditions: [{ attribute: 'email', operator: 'MATCHES', value: '@example\\.com$' }] },
          ],
          splits: [
            { variationKey: 'blue', shards: [{ salt: key, ranges: [{ start: 0, end: 5000 }] }] },
            { variationKey: 'green', shards: [{ salt: key, ranges: [{ start: 5000, end: 10000 }] }] },
          ],
          doLog: true,
        },
        {
          key: 'everyone',
          splits: [{ variationKey: 'blue', shards: [{ salt: `${key}-all`, ranges: [{ start: 0, end: 10000 }] }] }],
        },
      ],
      totalShards: 10000,
    };
    const added = json(key).length + json(flag).length + 2;
    if (size + added > limit - SLACK) break;
    flags[key] = flag;
    size += added;
  }
  return json({ format: 'SERVER', environment: { name: 'Bench' }, flags });
}

/** A segment with as many included keys as the schema allows and the body limit holds. */
function largestSegment(key: string): string {
  const included: string[] = [];
  let size = 200;
  for (let index = 0; index < SEGMENT_MAX_INCLUDED; index++) {
    const contextKey = `user-${String(index).padStart(6, '0')}`;
    if (size + contextKey.length + 3 > API_BODY_LIMIT - SLACK) break;
    included.push(contextKey);
    size += contextKey.length + 3;
  }
  return json({ key, name: 'Largest segment', included });
}

/** 1,000 custom events (the most a batch holds), their contexts padded to the events body limit. */
function largestEventBatch(): string {
  const event = (index: number, pad: string) => ({
    kind: 'custom',
    key: 'checkout-completed',
    value: 42.5,
    context: { kind: 'user', key: `user-${index}`, note: pad },
    timestamp: 1_795_400_100_000 + index,
  });
  const base = json({ events: Array.from({ length: EVENTS_PER_BATCH }, (_, index) => event(index, '')) }).length;
  const pad = 'x'.repeat(Math.floor((EVENTS_BODY_LIMIT - SLACK - base) / EVENTS_PER_BATCH));
  return json({ events: Array.from({ length: EVENTS_PER_BATCH }, (_, index) => event(index, pad)) });
}

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`;
}

type Database = 'sqlite' | 'postgres';
const DATABASE_NAMES: Record<Database, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const POSTGRES_ADMIN_URL = process.env.VEXIL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `body` against a new, empty PostgreSQL database, dropped afterwards. */
async function withPostgresDatabase<T>(body: (url: string) => Promise<T>): Promise<T> {
  const name = `vexil_bench_cost_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  try {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return await body(url.toString());
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: COST_OPTIONS });
  const quick = values.quick === true;
  const asked = (values.database ?? 'sqlite,postgres').split(',').map((name) => name.trim());
  const unknown = asked.filter((name) => !(name in DATABASE_NAMES));
  if (unknown.length > 0) throw new Error(`unknown --database ${unknown.join(', ')} (sqlite, postgres)`);
  let breaches = 0;
  for (const database of asked as Database[]) {
    if (database === 'postgres' && !(await postgresReachable())) {
      // CI has PostgreSQL; elsewhere the suite says what it left out rather than failing.
      if (process.env.CI === 'true') throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}`);
      console.log(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}: its run is left out.`);
      continue;
    }
    breaches +=
      database === 'postgres'
        ? await withPostgresDatabase((url) => runOn(database, quick, url))
        : await runOn(database, quick, undefined);
  }
  return breaches > 0 ? 1 : 0;
}

/** Every case against one server on `database`; the number of gross breaches in quick mode. */
async function runOn(database: Database, quick: boolean, databaseUrl: string | undefined): Promise<number> {
  const evaluationReps = quick ? 2 : 7;
  const writeReps = quick ? 1 : 3;

  process.stderr.write(`cost: starting the server (${DATABASE_NAMES[database]})\n`);
  const server = await startServer({ dataDir: newDataDir(), nodeOptions: ['--require', LOOP_DELAY], databaseUrl });
  try {
    const secrets = server.secrets;
    if (!secrets) throw new Error('no first-start secrets');
    const management = bearer(secrets.apiToken);
    const client = bearer(secrets.clientKey);
    const flagsPath = `/api/v1/projects/${PROJECT}/flags`;

    process.stderr.write(`cost: ${REGEX_FLAGS} regex flags, the deepest accepted JSON\n`);
    const attributes = await createRegexFlags(server);
    const ofrepContext = { context: { targetingKey: 'user-1', ...attributes } };
    const sdkContext = { context: { kind: 'user', key: 'user-1', ...attributes } };

    // The deepest accepted values, found by asking the server (its limit counts from the body's root).
    const eventAt = (depth: number) =>
      `{"events":[{"kind":"custom","key":"deep","context":{"kind":"user","key":"user-1","deep":${nested(depth)}},"timestamp":1795400100000}]}`;
    const eventDepth = await largestAccepted(0, 10_000, async (depth) => {
      const answer = await call(`${server.url}/sdk/v1/events`, {
        method: 'POST',
        headers: client,
        body: eventAt(depth),
      });
      return answer.status === 202;
    });
    let probe = 0;
    const flagAt = (key: string, depth: number) =>
      `{"key":${json(key)},"type":"json","variations":[{"key":"deep","value":${nested(depth)}},{"key":"flat","value":{}}]}`;
    const flagDepth = await largestAccepted(0, 10_000, async (depth) => {
      const answer = await call(`${server.url}${flagsPath}`, {
        method: 'POST',
        headers: management,
        body: flagAt(`depth-probe-${probe++}`, depth),
      });
      return answer.status === 201;
    });

    const largestFlagEvaluation: Request = {
      method: 'POST',
      path: '/ofrep/v1/evaluate/flags/largest-0',
      headers: client,
      body: json({
        context: {
          targetingKey: 'user-1',
          country: 'DE',
          email: 'ada@example.com',
          ua: 'a'.repeat(MAX_REGEX_INPUT_LENGTH),
        },
      }),
    };
    const cases: Case[] = [
      {
        name: `OFREP bulk: ${REGEX_FLAGS} flags of ${SHAPES.length} worst regex shapes, ${MAX_REGEX_INPUT_LENGTH}-char attributes`,
        expect: 200,
        reps: evaluationReps,
        request: () => ({
          method: 'POST',
          path: '/ofrep/v1/evaluate/flags',
          headers: client,
          body: json(ofrepContext),
        }),
      },
      {
        name: `/sdk/v1/evaluate: the same ${REGEX_FLAGS} regex flags`,
        expect: 200,
        reps: evaluationReps,
        request: () => ({ method: 'POST', path: '/sdk/v1/evaluate', headers: client, body: json(sdkContext) }),
      },
      {
        name: `events: ${EVENTS_PER_BATCH} events at the ${EVENTS_BODY_LIMIT / 1024} KiB limit`,
        expect: 202,
        reps: evaluationReps,
        request: () => ({ method: 'POST', path: '/sdk/v1/events', headers: client, body: largestEventBatch() }),
      },
      {
        name: `events: a context attribute ${eventDepth} arrays deep (deepest accepted)`,
        expect: 202,
        reps: evaluationReps,
        request: () => ({ method: 'POST', path: '/sdk/v1/events', headers: client, body: eventAt(eventDepth) }),
      },
      {
        name: `flag create: a JSON variation ${flagDepth} arrays deep (deepest accepted)`,
        expect: 201,
        reps: writeReps,
        request: (rep) => ({
          method: 'POST',
          path: flagsPath,
          headers: management,
          body: flagAt(`deep-${rep}`, flagDepth),
        }),
      },
      {
        name: 'flag create: the largest flag (1 MiB: allocations, clauses, targets)',
        expect: 201,
        reps: writeReps,
        request: (rep) => ({
          method: 'POST',
          path: flagsPath,
          headers: management,
          body: largestFlag(`largest-${rep}`),
        }),
      },
      {
        // A ruleset is compiled once per revision, by the first request that needs it: this one pays
        // for the 1 MiB flag just saved, so its allowance counts that flag, not its own body.
        name: 'OFREP: the first evaluation after the largest flag is saved (compiles the ruleset)',
        expect: 200,
        reps: 1,
        allowanceBytes: Buffer.byteLength(largestFlag('largest-0')),
        request: () => largestFlagEvaluation,
      },
      {
        name: 'OFREP: the largest flag, every clause run',
        expect: 200,
        reps: evaluationReps,
        request: () => largestFlagEvaluation,
      },
      {
        name: '/sdk/v1/evaluate: every flag, the largest included, every clause run',
        expect: 200,
        reps: evaluationReps,
        request: () => ({
          method: 'POST',
          path: '/sdk/v1/evaluate',
          headers: client,
          body: json({
            context: {
              ...sdkContext.context,
              country: 'DE',
              email: 'ada@example.com',
              ua: 'a'.repeat(MAX_REGEX_INPUT_LENGTH),
            },
          }),
        }),
      },
      {
        name: 'OFREP bulk: every flag, the largest included, every clause run',
        expect: 200,
        reps: evaluationReps,
        request: () => ({
          method: 'POST',
          path: '/ofrep/v1/evaluate/flags',
          headers: client,
          body: json({
            context: {
              ...ofrepContext.context,
              country: 'DE',
              email: 'ada@example.com',
              ua: 'a'.repeat(MAX_REGEX_INPUT_LENGTH),
            },
          }),
        }),
      },
      {
        name: `segment create: the most included keys within 1 MiB`,
        expect: 201,
        reps: writeReps,
        request: (rep) => ({
          method: 'POST',
          path: `/api/v1/projects/${PROJECT}/segments`,
          headers: management,
          body: largestSegment(`largest-${rep}`),
        }),
      },
      {
        name: 'Eppo import: ~1 KiB flags up to the 10 MiB limit',
        expect: 200,
        // Once: each import adds about 10,000 flags.
        reps: 1,
        request: (rep) => ({
          method: 'POST',
          path: `/api/v1/projects/${PROJECT}/environments/${ENVIRONMENT}/import/eppo`,
          headers: management,
          body: eppoDocument(`eppo-${rep}`, IMPORT_BODY_LIMIT),
        }),
      },
    ];

    const rows: Row[] = [];
    for (const test of cases) {
      process.stderr.write(`cost: ${test.name}\n`);
      rows.push(await measure(server, test));
    }

    console.log(
      `Cost of the worst accepted requests (${quick ? 'quick: ' : ''}${evaluationReps} runs of each evaluation, ${writeReps} of each write, 1 import; ${DATABASE_NAMES[database]}; the server in its own process)`,
    );
    console.log('');
    console.log('| case | request | median latency | max latency | max event-loop delay |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const row of rows) {
      const cells = [
        row.name,
        size(row.bytes),
        median(row.latencies),
        Math.max(...row.latencies),
        Math.max(...row.delays),
      ];
      console.log(
        `| ${cells.map((cell) => (typeof cell === 'number' ? `${cell.toFixed(1)} ms` : cell)).join(' | ')} |`,
      );
    }
    if (!quick) return 0;
    const allowed = (row: Row) => BREACH_MS + (BREACH_MS_PER_KIB * (row.allowanceBytes ?? row.bytes)) / 1024;
    const breaches = rows.filter((row) => Math.max(...row.latencies, ...row.delays) > allowed(row));
    for (const row of breaches) console.error(`cost: gross breach (> ${allowed(row).toFixed(0)} ms): ${row.name}`);
    return breaches.length;
  } finally {
    await server.stop();
    removeDataDirs();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
