/**
 * Event ingestion (issue 15, "Data path and scale"): how many SDK events per second the server
 * stores through `POST /sdk/v1/events`, and what each costs on disk, on SQLite and on PostgreSQL,
 * while experiments are running.
 *
 * Before anything is sent, the server gets what a project running experiments has: 10 flags
 * `experiment-0` … `experiment-9` (variations `control` and `treatment`, an allocation `experiment`
 * splitting 50/50), metrics on the batches' event keys (`checkout-completed` conversion, `revenue`
 * sum capped at the 99th percentile, `page-viewed` count) and one running experiment per flag (so
 * its allocation tracks): every exposure sent is one of a running experiment, every custom event
 * of those keys one of its metrics.
 *
 * 4 senders (keep-alive, one request in flight each) post 1,000-event batches with the server key
 * for a fixed time, after a warm-up. A batch is what a busy server-side SDK flushes: 600 exposures
 * of tracked allocations (flag, variation, allocation), 299 custom events (two thirds with a
 * value), 100 context events and one evaluation summary (40 counters); its contexts are users
 * drawn from a pool of 100,000, so the users list's upsert inserts and merges. Bodies are built
 * before anything is timed and reused in turn, so the senders cost little CPU.
 *
 * Counted: events in batches answered 202 with `{"accepted": 1000}`; any other answer, or a
 * connection error, is a failure (the suite fails). Storage: the database's growth over the timed
 * run (SQLite: `vexil.db` + `vexil.db-wal`; PostgreSQL: `pg_database_size`) divided by the events
 * acknowledged. Afterwards the `events` table must hold exactly one row per exposure and custom
 * event acknowledged.
 */
import { statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { prng } from '../scenarios.js';
import { DATABASE_NAMES, type Database, onEachDatabase } from './databases.js';
import { api, cpuTimeMs, newDataDir, postgresCpuTimeMs, type ServerProcess, startServer } from './server.js';
import { int, kib, mib, ms, quantile } from './stats.js';

/** The issue's target, per database, with experiments running (their upkeep, whatever the server does, included). */
export const INGESTION_GOAL_EVENTS_PER_SEC = 30_000;

const BATCH = { exposures: 600, custom: 299, contexts: 100, summaries: 1 };
const EVENTS_PER_BATCH = BATCH.exposures + BATCH.custom + BATCH.contexts + BATCH.summaries;
/** Rows a batch adds to `events`: its exposures and custom events. */
const ROWS_PER_BATCH = BATCH.exposures + BATCH.custom;
export const SENDERS = 4;
const USERS = 100_000;
/** Distinct bodies, reused in turn: 100 × 1,000 events reach most of the pool. */
const BODIES = 100;
/** Flags `experiment-0` … `experiment-9`, each with a running experiment the batches' exposures belong to. */
export const EXPERIMENT_FLAGS = 10;
const SUMMARY_FLAGS = 20;
const EVENT_KEYS = ['checkout-completed', 'page-viewed', 'signup', 'revenue', 'search'];
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'JP', 'BR', 'IN'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
/** The endpoint's body limit (docs/sdk-protocol.md). */
export const BODY_LIMIT = 512 * 1024;

export interface IngestionOptions {
  durationS: number;
  warmupS: number;
  databases: Database[];
  /** How many of the flags `experiment-0` … `experiment-9` have a running experiment (the others' exposures are stored, not aggregated). */
  experiments: number;
  /** Another build of the server (its main.js). */
  serverMain: string | undefined;
  /** Extra Node options for the servers (`--cpu-prof`, from `--profile`). */
  nodeOptions: string[];
}

export interface IngestionCell {
  database: Database;
  /** Why it was not measured (PostgreSQL unreachable outside CI). */
  skipped?: string;
  error?: string;
  seconds: number;
  batches: number;
  events: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-202 answers and connection errors over warm-up and timed run, by status ("error" for none). */
  failures: Record<string, number>;
  sizeBefore: number;
  sizeAfter: number;
  bytesPerEvent: number;
  /** `events` rows after the run, and how many the acknowledged batches should have added. */
  eventRows: number;
  expectedRows: number;
  contexts: number;
  /** The server process's CPU over the timed run, % of one core. */
  serverCpu: number;
  /** The server process's CPU time per 1,000 events acknowledged (ms): steadier than rates on a shared machine. */
  serverCpuMsPer1000: number;
  /** PostgreSQL's processes' CPU per 1,000 events (NaN on SQLite, where the database runs in the server). */
  databaseCpuMsPer1000: number;
  bodyBytes: number;
}

// ── Batches ─────────────────────────────────────────────────────────────────────────────────

function userContext(index: number): Record<string, unknown> {
  const key = `user-${String(index).padStart(6, '0')}`;
  return {
    kind: 'user',
    key,
    email: `${key}@example.com`,
    country: COUNTRIES[index % COUNTRIES.length],
    plan: PLANS[index % PLANS.length],
    appVersion: `3.${index % 17}.${index % 5}`,
  };
}

/** One 1,000-event batch as an SDK sends it, as JSON text. */
function batchBody(random: () => number, startedAt: number): string {
  const user = () => userContext(Math.floor(random() * USERS));
  const events: unknown[] = [];
  const at = (index: number) => startedAt + index * 7;
  events.push({
    kind: 'summary',
    startDate: startedAt - 60_000,
    endDate: startedAt,
    counters: Array.from({ length: SUMMARY_FLAGS * 2 }, (_, index) => ({
      flag: `flag-${String(index >> 1).padStart(2, '0')}`,
      ...(index % 2 === 0 ? { variation: 'on' } : { variation: 'off' }),
      count: 1 + Math.floor(random() * 500),
    })),
  });
  for (let index = 0; index < BATCH.contexts; index++)
    events.push({ kind: 'context', context: user(), timestamp: at(index) });
  for (let index = 0; index < BATCH.exposures; index++) {
    const flag = Math.floor(random() * EXPERIMENT_FLAGS);
    events.push({
      kind: 'exposure',
      flag: `experiment-${flag}`,
      variation: random() < 0.5 ? 'control' : 'treatment',
      allocation: 'experiment',
      context: user(),
      timestamp: at(index),
    });
  }
  for (let index = 0; index < BATCH.custom; index++) {
    const key = EVENT_KEYS[index % EVENT_KEYS.length] as string;
    events.push({
      kind: 'custom',
      key,
      ...(index % 3 === 2 ? {} : { value: Math.round(random() * 20_000) / 100 }),
      context: user(),
      timestamp: at(index),
    });
  }
  if (events.length !== EVENTS_PER_BATCH) throw new Error(`a batch holds ${events.length} events`);
  const body = JSON.stringify({ events });
  if (Buffer.byteLength(body) > BODY_LIMIT) throw new Error(`a batch is ${body.length} bytes, over the body limit`);
  return body;
}

function batchBodies(): string[] {
  const random = prng(15);
  const startedAt = Date.now() - 3_600_000;
  return Array.from({ length: BODIES }, (_, index) => batchBody(random, startedAt + index * 10_000));
}

// ── Experiments ─────────────────────────────────────────────────────────────────────────────

const PROJECT = 'default';
/** The server key's environment. */
const ENVIRONMENT = 'development';
/** Metrics on the batches' event keys: every experiment reads all three. */
const METRICS = [
  { key: 'checkout', eventKey: 'checkout-completed', kind: 'conversion' },
  { key: 'revenue', eventKey: 'revenue', kind: 'numeric', aggregation: 'sum', capPercentile: 99 },
  { key: 'page-views', eventKey: 'page-viewed', kind: 'numeric', aggregation: 'count' },
] as const;

/** The flags the batches' exposures name, each with a running experiment on its `experiment` allocation. */
async function startExperiments(server: ServerProcess, running: number): Promise<void> {
  const v1 = `/api/v1/projects/${PROJECT}`;
  for (const metric of METRICS) await api(server, 'POST', `${v1}/metrics`, metric);
  for (let index = 0; index < EXPERIMENT_FLAGS; index++) {
    const flag = `experiment-${index}`;
    await api(server, 'POST', `${v1}/flags`, {
      key: flag,
      type: 'string',
      variations: [
        { key: 'control', value: 'control' },
        { key: 'treatment', value: 'treatment' },
      ],
      environments: {
        [ENVIRONMENT]: {
          on: true,
          offVariation: 'control',
          allocations: [
            {
              id: 'experiment',
              serve: {
                split: [
                  { variation: 'control', weight: 50 },
                  { variation: 'treatment', weight: 50 },
                ],
              },
            },
          ],
          fallthrough: { variation: 'control' },
        },
      },
    });
    await api(server, 'POST', `${v1}/experiments`, {
      key: `${flag}-test`,
      flag,
      environment: ENVIRONMENT,
      allocations: ['experiment'],
      controlVariation: 'control',
      primaryMetric: 'checkout',
      secondaryMetrics: ['revenue', 'page-views'],
    });
    if (index >= running) continue;
    const started = await api<{ status: string }>(server, 'POST', `${v1}/experiments/${flag}-test/start`);
    if (started.status !== 'running') throw new Error(`experiment ${flag}-test is ${started.status} after its start`);
  }
}

// ── Sending ─────────────────────────────────────────────────────────────────────────────────

interface Sent {
  status: number | 'error';
  accepted: number | undefined;
  ms: number;
}

/** One batch to `POST /sdk/v1/events`; never rejects (a connection error is status `error`). */
export function postBatch(agent: Agent, url: URL, serverKey: string, body: string): Promise<Sent> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: {
          authorization: `Bearer ${serverKey}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let accepted: number | undefined;
          try {
            accepted = (JSON.parse(text) as { accepted?: number }).accepted;
          } catch {
            accepted = undefined;
          }
          resolve({ status: res.statusCode ?? 0, accepted, ms: performance.now() - started });
        });
        res.on('error', () => resolve({ status: 'error', accepted: undefined, ms: performance.now() - started }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve({ status: 'error', accepted: undefined, ms: performance.now() - started }));
    req.end(body);
  });
}

interface Round {
  batches: number;
  latencies: number[];
  failures: Record<string, number>;
  seconds: number;
}

/** `SENDERS` senders posting batches in turn for `seconds`; a batch counts when answered 202 with all of it accepted. */
async function sendFor(server: ServerProcess, serverKey: string, bodies: string[], seconds: number): Promise<Round> {
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const url = new URL('/sdk/v1/events', server.url);
  const round: Round = { batches: 0, latencies: [], failures: {}, seconds: 0 };
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const sender = async () => {
    while (performance.now() < deadline) {
      const body = bodies[next++ % bodies.length] as string;
      const sent = await postBatch(agent, url, serverKey, body);
      if (sent.status === 202 && sent.accepted === EVENTS_PER_BATCH) {
        round.batches++;
        round.latencies.push(sent.ms);
      } else {
        const label = sent.status === 202 ? `202 with accepted ${sent.accepted}` : String(sent.status);
        round.failures[label] = (round.failures[label] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  round.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return round;
}

// ── Databases ───────────────────────────────────────────────────────────────────────────────

interface Storage {
  size(): Promise<number>;
  counts(): Promise<{ events: number; contexts: number }>;
  close(): Promise<void>;
}

function sqliteStorage(dataDir: string): Storage {
  const file = join(dataDir, 'vexil.db');
  const bytes = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return {
    size: async () => bytes(file) + bytes(`${file}-wal`),
    counts: async () => {
      // A reader beside the server's connection (WAL allows it); opened only after the run.
      const db = new SQLite(file, { readonly: true, fileMustExist: true });
      try {
        const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
        return { events: count('events'), contexts: count('contexts') };
      } finally {
        db.close();
      }
    },
    close: async () => {},
  };
}

async function postgresStorage(url: string): Promise<Storage> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const number = async (query: string) => Number((await client.query<{ n: string }>(query)).rows[0]?.n);
  return {
    size: () => number('select pg_database_size(current_database()) as n'),
    counts: async () => ({
      events: await number('select count(*) as n from events'),
      contexts: await number('select count(*) as n from contexts'),
    }),
    close: () => client.end(),
  };
}

// ── The part ────────────────────────────────────────────────────────────────────────────────

function emptyCell(database: Database): IngestionCell {
  return {
    database,
    seconds: 0,
    batches: 0,
    events: 0,
    eventsPerSec: Number.NaN,
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    maxMs: Number.NaN,
    failures: {},
    sizeBefore: Number.NaN,
    sizeAfter: Number.NaN,
    bytesPerEvent: Number.NaN,
    eventRows: Number.NaN,
    expectedRows: Number.NaN,
    contexts: Number.NaN,
    serverCpu: Number.NaN,
    serverCpuMsPer1000: Number.NaN,
    databaseCpuMsPer1000: Number.NaN,
    bodyBytes: Number.NaN,
  };
}

async function measureOn(
  database: Database,
  bodies: string[],
  options: IngestionOptions,
  progress: (text: string) => void,
  databaseUrl: string | undefined,
): Promise<IngestionCell> {
  const cell = emptyCell(database);
  cell.bodyBytes = Buffer.byteLength(bodies[0] as string);
  const dataDir = newDataDir();
  const server = await startServer({
    dataDir,
    databaseUrl,
    main: options.serverMain,
    nodeOptions: options.nodeOptions,
  });
  const storage = databaseUrl ? await postgresStorage(databaseUrl) : sqliteStorage(dataDir);
  try {
    const serverKey = server.secrets?.serverKey;
    if (!serverKey) throw new Error(`no server key in the first-start secrets:\n${server.output()}`);
    await startExperiments(server, options.experiments);
    const warmup = await sendFor(server, serverKey, bodies, options.warmupS);
    progress(
      `  ${DATABASE_NAMES[database]} warm-up: ${int((warmup.batches * EVENTS_PER_BATCH) / warmup.seconds)} events/s over ${warmup.seconds.toFixed(1)} s`,
    );
    cell.sizeBefore = await storage.size();
    const cpuBefore = cpuTimeMs(server.pid);
    const databaseCpuBefore = databaseUrl ? postgresCpuTimeMs() : undefined;
    const timed = await sendFor(server, serverKey, bodies, options.durationS);
    const cpuAfter = cpuTimeMs(server.pid);
    const databaseCpuAfter = databaseUrl ? postgresCpuTimeMs() : undefined;
    cell.sizeAfter = await storage.size();
    const sorted = Float64Array.from(timed.latencies).sort();
    cell.seconds = timed.seconds;
    cell.batches = timed.batches;
    cell.events = timed.batches * EVENTS_PER_BATCH;
    cell.eventsPerSec = cell.events / timed.seconds;
    cell.p50Ms = quantile(sorted, 0.5);
    cell.p99Ms = quantile(sorted, 0.99);
    cell.maxMs = sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN;
    cell.bytesPerEvent = (cell.sizeAfter - cell.sizeBefore) / cell.events;
    const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : cpuAfter - cpuBefore;
    cell.serverCpu = (cpuMs / (timed.seconds * 1000)) * 100;
    cell.serverCpuMsPer1000 = (cpuMs / cell.events) * 1000;
    if (databaseCpuBefore !== undefined && databaseCpuAfter !== undefined)
      cell.databaseCpuMsPer1000 = ((databaseCpuAfter - databaseCpuBefore) / cell.events) * 1000;
    for (const round of [warmup, timed])
      for (const [status, n] of Object.entries(round.failures))
        cell.failures[status] = (cell.failures[status] ?? 0) + n;
    const counts = await storage.counts();
    cell.eventRows = counts.events;
    cell.contexts = counts.contexts;
    cell.expectedRows = (warmup.batches + timed.batches) * ROWS_PER_BATCH;
    progress(
      `  ${DATABASE_NAMES[database]}: ${int(cell.eventsPerSec)} events/s (${cell.batches} batches in ${timed.seconds.toFixed(1)} s), p50 ${ms(cell.p50Ms)} ms, p99 ${ms(cell.p99Ms)} ms, ${cell.bytesPerEvent.toFixed(0)} bytes/event, server CPU ${Math.round(cell.serverCpu)} % (${ms(cell.serverCpuMsPer1000)} ms per 1,000 events${Number.isFinite(cell.databaseCpuMsPer1000) ? `, PostgreSQL ${ms(cell.databaseCpuMsPer1000)} ms` : ''}); ${int(cell.eventRows)} event rows (${int(cell.expectedRows)} expected), ${int(cell.contexts)} contexts`,
    );
  } finally {
    await storage.close().catch(() => {});
    await server.stop();
  }
  return cell;
}

/** Runs the part on each database; PostgreSQL is left out with a note when unreachable (never in CI). */
export async function measureIngestion(
  options: IngestionOptions,
  progress: (text: string) => void,
): Promise<IngestionCell[]> {
  progress(
    `Ingestion: ${options.experiments} experiments running, ${SENDERS} senders, ${EVENTS_PER_BATCH}-event batches, ${options.warmupS} s warm-up then ${options.durationS} s, on ${options.databases.map((d) => DATABASE_NAMES[d]).join(' and ')}`,
  );
  const bodies = batchBodies();
  return onEachDatabase(
    options.databases,
    'ingestion',
    (database, databaseUrl) =>
      measureOrFail(database, () => measureOn(database, bodies, options, progress, databaseUrl)),
    (database, why) => ({ ...emptyCell(database), skipped: why }),
  );
}

async function measureOrFail(database: Database, measure: () => Promise<IngestionCell>): Promise<IngestionCell> {
  try {
    return await measure();
  } catch (error) {
    return { ...emptyCell(database), error: (error as Error).message.split('\n')[0] };
  }
}

/** What makes the part fail: failed batches, a cell that could not run, stored rows that do not match. */
export function ingestionProblems(cell: IngestionCell): string[] {
  if (cell.skipped) return [];
  if (cell.error) return [`${DATABASE_NAMES[cell.database]}: ${cell.error}`];
  const problems: string[] = [];
  const failed = Object.entries(cell.failures);
  if (failed.length > 0)
    problems.push(
      `${DATABASE_NAMES[cell.database]}: batches not acknowledged: ${failed.map(([status, n]) => `${n}× ${status}`).join(', ')}`,
    );
  if (cell.batches === 0) problems.push(`${DATABASE_NAMES[cell.database]}: no batch was acknowledged`);
  if (cell.eventRows !== cell.expectedRows)
    problems.push(
      `${DATABASE_NAMES[cell.database]}: the events table holds ${cell.eventRows} rows, the acknowledged batches ${cell.expectedRows}`,
    );
  return problems;
}

/** The report's section (markdown lines) and its goal rows. */
/** What the report says of the experiments running. */
function experimentsText(running: number): string {
  const flags = `\`experiment-0\` … \`experiment-${EXPERIMENT_FLAGS - 1}\``;
  if (running === 0)
    return `No experiment is running: the batches' exposures name the flags ${flags}, whose allocations do not track.`;
  const metrics = METRICS.map(
    (m) =>
      `\`${m.key}\` (\`${m.eventKey}\`, ${m.kind === 'conversion' ? 'conversion' : `${m.aggregation}${'capPercentile' in m ? `, capped at the ${m.capPercentile}th percentile` : ''}`})`,
  ).join(', ');
  const share =
    running === EXPERIMENT_FLAGS
      ? 'every exposure sent is one of a running experiment'
      : `${Math.round((running / EXPERIMENT_FLAGS) * 100)} % of the exposures sent are of a running experiment`;
  return `${running} experiments are running, one on each of the flags \`experiment-0\` … \`experiment-${running - 1}\` (of ${flags}, which the batches' exposures name; variations \`control\` and \`treatment\`, allocation \`experiment\` split 50/50 and tracked), each reading the metrics ${metrics}: ${share}.`;
}

export function ingestionReport(
  cells: IngestionCell[],
  options: IngestionOptions,
): { lines: string[]; goals: { goal: string; measured: string; ok: boolean | undefined }[] } {
  const lines = [
    `${experimentsText(options.experiments)} \`POST /sdk/v1/events\` with the server key: ${SENDERS} keep-alive senders, one batch in flight each, ${options.warmupS} s of warm-up then ${options.durationS} s timed, each database on a fresh server. A batch is ${int(EVENTS_PER_BATCH)} events (${BATCH.exposures} exposures with flag, variation and allocation; ${BATCH.custom} custom events, two thirds with a value; ${BATCH.contexts} context events; one summary of ${SUMMARY_FLAGS * 2} counters), ${kib(cells[0]?.bodyBytes ?? Number.NaN)} KiB of JSON; its contexts are drawn from ${int(USERS)} users. Only batches answered 202 with all ${int(EVENTS_PER_BATCH)} accepted count. Storage: the database's growth over the timed run (SQLite: \`vexil.db\` + \`-wal\`; PostgreSQL: \`pg_database_size\`, the cluster's WAL not included) ÷ the events acknowledged; each batch adds ${ROWS_PER_BATCH} rows to \`events\` and reports the users it names (merged into the users list in the background).`,
    '',
    '| Database | events/s | batches | p50 batch (ms) | p99 batch (ms) | max (ms) | failed batches | storage growth (MiB) | bytes per event | server CPU | server CPU per 1,000 events (ms) | PostgreSQL CPU per 1,000 events (ms) | `events` rows (expected) | contexts |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const goals: { goal: string; measured: string; ok: boolean | undefined }[] = [];
  for (const cell of cells) {
    const name = DATABASE_NAMES[cell.database];
    const goal = `Ingestion ≥ ${int(INGESTION_GOAL_EVENTS_PER_SEC)} events/s, ${name} (${options.experiments} experiments running, ${int(EVENTS_PER_BATCH)}-event batches, ${SENDERS} senders)`;
    if (cell.skipped || cell.error) {
      lines.push(
        `| ${name} | ${cell.skipped ? `left out: ${cell.skipped}` : `failed: ${cell.error}`} | | | | | | | | | | | | |`,
      );
      goals.push({ goal, measured: cell.skipped ? 'left out' : 'failed', ok: undefined });
      continue;
    }
    const failed = Object.values(cell.failures).reduce((sum, n) => sum + n, 0);
    lines.push(
      `| ${name} | **${int(cell.eventsPerSec)}** | ${int(cell.batches)} | ${ms(cell.p50Ms)} | ${ms(cell.p99Ms)} | ${ms(cell.maxMs)} | ${failed} | ${mib(cell.sizeAfter - cell.sizeBefore)} | ${cell.bytesPerEvent.toFixed(0)} | ${Number.isFinite(cell.serverCpu) ? `${Math.round(cell.serverCpu)} %` : '—'} | ${ms(cell.serverCpuMsPer1000)} | ${Number.isFinite(cell.databaseCpuMsPer1000) ? ms(cell.databaseCpuMsPer1000) : '—'} | ${int(cell.eventRows)} (${int(cell.expectedRows)}) | ${int(cell.contexts)} |`,
    );
    goals.push({
      goal,
      measured: `${int(cell.eventsPerSec)} events/s`,
      ok: failed === 0 && cell.eventsPerSec >= INGESTION_GOAL_EVENTS_PER_SEC,
    });
  }
  lines.push('');
  lines.push(
    "Server CPU is the server process's own (from /proc), in % of one core, and per 1,000 events acknowledged — the steadier figure when other processes share the machine (a server starved of CPU shows a low percentage and long batches); on PostgreSQL the database's processes work beside it on the same two cores: their CPU (every `postgres` process on the machine, from /proc) is the next column, and the two together are what each 1,000 events cost the machine. The goal is the issue's target with experiments running: it holds whatever the server does for them at ingestion.",
    '',
  );
  return { lines, goals };
}
