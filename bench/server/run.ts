/**
 * Server benchmark: the Vexil server as users run it (`node packages/server/dist/main.js`, its own
 * process, a fresh SQLite data directory, LOG_LEVEL=warn) measured from outside over loopback.
 *
 *   npm run bench -- --suite server [--quick] [--part http,propagation,memory,coldstart,writes,ingestion,results]
 *
 * 1. HTTP throughput (autocannon, 50 connections): remote evaluation, OFREP bulk evaluation, and
 *    the server SDKs' ruleset download, each checked for correct answers before it is timed.
 * 2. Propagation: a flag change through the management API, timed to its `patch` event on each of
 *    1,000 open SDK streams.
 * 3. Memory of idle streams: the server's RSS growth per open stream, with 10,000 of them.
 * 4. Cold start: spawn to the first 200 from /readyz, on a new and on an existing data directory.
 * 5. Flag writes as the project grows: creates/s (8 clients) and toggle latency at 100, 1,000 and
 *    10,000 flags (writes.ts).
 * 6. Event ingestion: SDK events/s through `POST /sdk/v1/events` (1,000-event batches, 4 senders)
 *    and storage per event, on SQLite and PostgreSQL, with 10 experiments running (ingestion.ts).
 * 7. Experiment results at scale: the latency of an experiment's results after 1,000,000 subjects'
 *    exposures and 5,000,000 metric events went in through the SDK endpoint, and the load's rate,
 *    on SQLite and PostgreSQL, the answers checked against what was sent (results.ts).
 *
 * Markdown report on stdout, progress on stderr. Exits non-zero if any request failed, any stream
 * could not be opened or missed a change, results differ from what was sent, or a part could not
 * run; timings never fail it.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';
import { parseOptions, type Endpoint, type Options, type Part } from './options.js';
import {
  contextPool,
  FLAGS,
  fixtureRuleset,
  loadFixture,
  ofrepContext,
  probeChange,
  SEGMENT,
  type UserContext,
} from './fixture.js';
import { type IngestionCell, ingestionProblems, ingestionReport, measureIngestion } from './ingestion.js';
import { LATENCY_FROM_MS, load, type LoadResult } from './load.js';
import { measureResults, type ResultsCell, resultsProblems, resultsReport } from './results.js';
import { checkConfig, checkEvaluate, checkOfrep } from './sanity.js';
import {
  freePort,
  machineBusyMs,
  metrics,
  newDataDir,
  ROOT,
  ownCpuTimeMs,
  removeDataDirs,
  spawnServer,
  startServer,
  waitUntilReady,
  type Secrets,
  type ServerProcess,
} from './server.js';
import { calibrate, int, kib, median, mib, ms, quantile, sleep } from './stats.js';
import { StreamClients, type Changed } from './streams.js';
import { measureWrites, slower, writesDrift, writesReport, type WritesOptions, type WritesResult } from './writes.js';

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Problems that make the run fail (never timings). */
const failures: string[] = [];

function fail(part: string, problem: string): void {
  failures.push(`${part}: ${problem}`);
  progress(`  FAILED — ${problem}`);
}

/** The server build under test (`--server-main`); undefined: packages/server/dist/main.js. */
let serverMain: string | undefined;

/** A server on a new data directory with the fixture loaded. */
async function fixtureServer(nodeOptions: string[] = []): Promise<ServerProcess & { secrets: Secrets }> {
  const server = await startServer({ dataDir: newDataDir(), nodeOptions, main: serverMain });
  if (!server.secrets) throw new Error(`no secrets in the first-start banner:\n${server.output()}`);
  await loadFixture(server);
  return server as ServerProcess & { secrets: Secrets };
}

// ── 1. HTTP throughput ───────────────────────────────────────────────────────────────────────

interface HttpCell {
  id: Endpoint;
  title: string;
  goal: { reqPerSec: number; p99Ms?: number };
  requests: autocannon.Request[];
  check: (server: ServerProcess & { secrets: Secrets }, pool: UserContext[]) => Promise<string>;
}

interface HttpCellResult {
  cell: HttpCell;
  sanity?: string;
  runs: LoadResult[];
  /** The run with the median rate. */
  chosen?: LoadResult;
  error?: string;
}

function httpCells(secrets: Secrets, pool: UserContext[]): HttpCell[] {
  const json = { 'content-type': 'application/json' };
  return [
    {
      id: 'evaluate',
      title: '`POST /sdk/v1/evaluate` (client key)',
      goal: { reqPerSec: 17_000, p99Ms: 10 },
      requests: pool.map((context) => ({
        method: 'POST',
        path: '/sdk/v1/evaluate',
        headers: { ...json, authorization: `Bearer ${secrets.clientKey}` },
        body: JSON.stringify({ context }),
      })),
      check: (server, contexts) => checkEvaluate(server, contexts),
    },
    {
      id: 'ofrep',
      title: '`POST /ofrep/v1/evaluate/flags` (OFREP bulk, client key)',
      goal: { reqPerSec: 17_000, p99Ms: 10 },
      requests: pool.map((context) => ({
        method: 'POST',
        path: '/ofrep/v1/evaluate/flags',
        headers: { ...json, authorization: `Bearer ${secrets.clientKey}` },
        body: JSON.stringify({ context: ofrepContext(context) }),
      })),
      check: (server, contexts) => checkOfrep(server, contexts),
    },
    {
      id: 'config',
      title: '`GET /sdk/v1/config` (server key, gzip)',
      goal: { reqPerSec: 20_000 },
      requests: [
        {
          method: 'GET',
          path: '/sdk/v1/config',
          headers: { authorization: `Bearer ${secrets.serverKey}`, 'accept-encoding': 'gzip' },
        },
      ],
      check: (server) => checkConfig(server),
    },
  ];
}

function hadErrors(run: LoadResult): boolean {
  return run.errors > 0 || run.timeouts > 0 || run.non2xx > 0;
}

function describeErrors(run: LoadResult): string {
  const codes = Object.entries(run.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${n}× ${code}`);
  return `${run.errors} errors, ${run.timeouts} timeouts, ${run.non2xx} non-2xx${codes.length > 0 ? ` (${codes.join(', ')})` : ''}`;
}

async function httpPart(options: Options): Promise<HttpCellResult[]> {
  progress(
    `HTTP throughput: ${options.connections} connections, ${options.runs} × ${options.durationS} s per endpoint after ${options.warmupS} s of warm-up`,
  );
  const nodeOptions = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const server = await fixtureServer(nodeOptions);
  const pool = contextPool(options.contexts);
  const results: HttpCellResult[] = [];
  try {
    for (const cell of httpCells(server.secrets, pool).filter((c) => options.endpoints.includes(c.id))) {
      const result: HttpCellResult = { cell, runs: [] };
      results.push(result);
      progress(`  ${cell.id}: checking answers…`);
      try {
        result.sanity = await cell.check(server, pool);
      } catch (error) {
        result.error = `wrong answer: ${(error as Error).message}`;
        fail(`HTTP ${cell.id}`, result.error);
        continue;
      }
      const base = {
        url: server.url,
        connections: options.connections,
        requests: cell.requests,
        serverPid: server.pid,
      };
      const warmup = await load({ ...base, durationS: options.warmupS });
      if (hadErrors(warmup)) fail(`HTTP ${cell.id}`, `warm-up: ${describeErrors(warmup)}`);
      for (let run = 0; run < options.runs; run++) {
        const measured = await load({ ...base, durationS: options.durationS });
        result.runs.push(measured);
        progress(
          `  ${cell.id} run ${run + 1}/${options.runs}: ${int(measured.reqPerSec)} req/s, p50 ${ms(measured.p50Ms)} ms, p99 ${ms(measured.p99Ms)} ms, CPU: server ${cpu(measured.serverCpu)}, autocannon ${cpu(measured.clientCpu)}, other ${cpu(measured.otherCpu)}`,
        );
        if (hadErrors(measured)) fail(`HTTP ${cell.id}`, `run ${run + 1}: ${describeErrors(measured)}`);
      }
      const sorted = [...result.runs].sort((a, b) => a.reqPerSec - b.reqPerSec);
      result.chosen = sorted[Math.floor(sorted.length / 2)];
    }
  } finally {
    await server.stop();
  }
  return results;
}

function cpu(percent: number | undefined): string {
  return percent === undefined ? '—' : `${Math.round(percent)} %`;
}

// ── 2. Propagation ───────────────────────────────────────────────────────────────────────────

interface ChangeStat {
  on: boolean;
  status: number;
  responseMs: number;
  received: number;
  missed: number;
  /** The first stream to hear of the change. */
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface PropagationResult {
  clients: number;
  opened?: number;
  openMs?: number;
  warmup?: ChangeStat;
  changes: ChangeStat[];
  error?: string;
}

function changeStat(on: boolean, changed: Changed): ChangeStat {
  const sorted = Float64Array.from(changed.latenciesMs).sort();
  return {
    on,
    status: changed.status,
    responseMs: changed.responseMs,
    received: changed.latenciesMs.length,
    missed: changed.missed,
    firstMs: sorted.length > 0 ? (sorted[0] as number) : Number.NaN,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
}

async function propagationPart(options: Options): Promise<PropagationResult> {
  progress(`Propagation: ${options.sseClients} SDK streams, ${options.changes} changes (after one warm-up change)`);
  const result: PropagationResult = { clients: options.sseClients, changes: [] };
  const server = await fixtureServer();
  const clients = new StreamClients();
  try {
    const url = new URL(server.url);
    const opened = await clients.open(
      {
        host: url.hostname,
        port: server.port,
        path: '/sdk/v1/stream',
        authorization: `Bearer ${server.secrets.serverKey}`,
      },
      options.sseClients,
    );
    result.opened = opened.open;
    result.openMs = opened.ms;
    progress(
      `  ${opened.open} streams open in ${ms(opened.ms)} ms${opened.failed > 0 ? `, ${opened.failed} failed (${opened.firstFailure})` : ''}`,
    );
    if (opened.open !== options.sseClients) {
      fail(
        'propagation',
        `${options.sseClients - opened.open} of ${options.sseClients} streams did not open (${opened.firstFailure ?? 'closed'})`,
      );
    }
    let on = false;
    for (let index = 0; index <= options.changes; index++) {
      await sleep(500);
      on = !on;
      const change = probeChange(on);
      const changed = await clients.change({
        url: server.url,
        authorization: `Bearer ${server.secrets.apiToken}`,
        ...change,
      });
      const stat = changeStat(on, changed);
      const label = index === 0 ? 'warm-up change' : `change ${index}/${options.changes}`;
      progress(
        `  ${label}: first ${ms(stat.firstMs)} ms, p50 ${ms(stat.p50Ms)} ms, p99 ${ms(stat.p99Ms)} ms, max ${ms(stat.maxMs)} ms; ${stat.received} received, ${stat.missed} missed; PATCH ${stat.status} in ${ms(stat.responseMs)} ms`,
      );
      if (stat.status !== 200) fail('propagation', `${label}: the PATCH answered ${stat.status}`);
      if (stat.missed > 0)
        fail(
          'propagation',
          `${label}: ${stat.missed} of ${stat.received + stat.missed} streams did not receive the patch within 10 s`,
        );
      if (index === 0) result.warmup = stat;
      else result.changes.push(stat);
    }
    await clients.closeStreams();
  } finally {
    await clients.dispose();
    await server.stop();
  }
  return result;
}

// ── 3. Idle streams memory ───────────────────────────────────────────────────────────────────

interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  streams: number;
}

interface MemoryResult {
  streams: number;
  opened?: number;
  openMs?: number;
  before?: MemorySample;
  after?: MemorySample;
  clientRss?: number;
  settleMs?: number;
  error?: string;
}

async function memorySample(server: ServerProcess): Promise<MemorySample> {
  const samples = await metrics(server);
  const value = (name: string) => samples.get(name) ?? Number.NaN;
  return {
    rss: value('process_resident_memory_bytes'),
    heapUsed: value('nodejs_heap_size_used_bytes'),
    heapTotal: value('nodejs_heap_size_total_bytes'),
    external: value('nodejs_external_memory_bytes'),
    streams: value('vexil_sse_streams_open{protocol="sdk"}'),
  };
}

/** Preloaded into the memory part's server: a full GC on SIGUSR2 (see the file). */
const GC_ON_SIGNAL = fileURLToPath(new URL('./gc-on-signal.cjs', import.meta.url));

/**
 * The server's memory once it has settled: a full GC (SIGUSR2, see gc-on-signal.cjs), then samples
 * every second until RSS moves by less than 0.5 % between two of them (at least 3 s, at most 30 s),
 * and a last full GC before the sample that counts.
 */
async function settledMemory(server: ServerProcess): Promise<{ sample: MemorySample; ms: number }> {
  const started = performance.now();
  const collect = async () => {
    server.child.kill('SIGUSR2');
    await sleep(300);
  };
  await collect();
  let previous = await memorySample(server);
  for (;;) {
    await sleep(1000);
    const next = await memorySample(server);
    const elapsed = performance.now() - started;
    if ((elapsed >= 3000 && Math.abs(next.rss - previous.rss) <= previous.rss * 0.005) || elapsed > 30_000) break;
    previous = next;
  }
  await collect();
  return { sample: await memorySample(server), ms: performance.now() - started };
}

async function memoryPart(options: Options): Promise<MemoryResult> {
  progress(`Idle streams memory: ${options.idleStreams} SDK streams`);
  const result: MemoryResult = { streams: options.idleStreams };
  const server = await fixtureServer(['--expose-gc', '--require', GC_ON_SIGNAL]);
  const clients = new StreamClients();
  try {
    const url = new URL(server.url);
    const target = {
      host: url.hostname,
      port: server.port,
      path: '/sdk/v1/stream',
      authorization: `Bearer ${server.secrets.serverKey}`,
    };
    // Warm-up: the stream code paths compiled and their first buffers allocated before the baseline.
    await clients.open(target, 200);
    await clients.closeStreams();
    const before = await settledMemory(server);
    result.before = before.sample;
    progress(`  before: RSS ${mib(before.sample.rss)} MiB, heap used ${mib(before.sample.heapUsed)} MiB`);
    const opened = await clients.open(target, options.idleStreams, 100);
    result.opened = opened.open;
    result.openMs = opened.ms;
    result.clientRss = opened.rssBytes;
    progress(
      `  ${opened.open} streams open in ${ms(opened.ms)} ms${opened.failed > 0 ? `, ${opened.failed} failed (${opened.firstFailure})` : ''}`,
    );
    if (opened.open !== options.idleStreams) {
      fail(
        'memory',
        `${options.idleStreams - opened.open} of ${options.idleStreams} streams did not open (${opened.firstFailure ?? 'closed'})`,
      );
    }
    const after = await settledMemory(server);
    result.after = after.sample;
    result.settleMs = after.ms;
    progress(
      `  after: RSS ${mib(after.sample.rss)} MiB, heap used ${mib(after.sample.heapUsed)} MiB (${after.sample.streams} streams by the server's count)`,
    );
    await clients.closeStreams();
  } finally {
    await clients.dispose();
    await server.stop();
  }
  return result;
}

// ── 4. Cold start ────────────────────────────────────────────────────────────────────────────

interface ColdStartResult {
  newDir: number[];
  existingDir: number[];
  /** What the banner says (`started in N ms`: from main() to listening). */
  bannerNew: number[];
  bannerExisting: number[];
  /** `npm start` on a built checkout, existing data directory (empty when another build is measured). */
  npmStart: number[];
  flags: number;
}

/** One start: ms from spawn() to the first 200 of /readyz; the server is stopped before returning. */
async function coldStart(dataDir: string, npmStart = false): Promise<{ ms: number; bannerMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const { child, output } = spawnServer({ dataDir, port, main: serverMain, npmStart });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output()}`))),
  );
  try {
    const readyAt = await Promise.race([waitUntilReady(`http://127.0.0.1:${port}`, 15_000, 2), exited]);
    // The banner is printed right after listening; give it a moment to arrive.
    for (let i = 0; i < 100 && !/started in \d+ ms/.test(output()); i++) await sleep(10);
    return { ms: readyAt - started, bannerMs: Number(/started in (\d+) ms/.exec(output())?.[1] ?? Number.NaN) };
  } finally {
    exited.catch(() => {});
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      // npm runs the server as its child: the whole process group goes.
      if (npmStart && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
    });
  }
}

async function coldStartPart(options: Options): Promise<ColdStartResult> {
  progress(
    `Cold start: ${options.starts} starts on a new data directory, ${options.starts} on an existing one (with the fixture's ${FLAGS.length} flags)`,
  );
  const result: ColdStartResult = {
    newDir: [],
    existingDir: [],
    bannerNew: [],
    bannerExisting: [],
    npmStart: [],
    flags: FLAGS.length,
  };
  for (let i = 0; i < options.starts; i++) {
    const start = await coldStart(newDataDir());
    result.newDir.push(start.ms);
    result.bannerNew.push(start.bannerMs);
    progress(`  new data directory: ${ms(start.ms)} ms to ready (banner: ${start.bannerMs} ms)`);
  }
  const prepared = await fixtureServer();
  await prepared.stop();
  for (let i = 0; i < options.starts; i++) {
    const start = await coldStart(prepared.dataDir);
    result.existingDir.push(start.ms);
    result.bannerExisting.push(start.bannerMs);
    progress(`  existing data directory: ${ms(start.ms)} ms to ready (banner: ${start.bannerMs} ms)`);
  }
  if (serverMain === undefined) {
    // `npm start` on a built checkout: once to build whatever is missing (not counted), then timed.
    spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-changed.mjs')], { stdio: 'ignore' });
    for (let i = 0; i < options.starts; i++) {
      const start = await coldStart(prepared.dataDir, true);
      result.npmStart.push(start.ms);
      progress(`  npm start, built checkout: ${ms(start.ms)} ms to ready`);
    }
  }
  return result;
}

// ── 5. Flag writes ───────────────────────────────────────────────────────────────────────────

function writesOptions(options: Options): WritesOptions {
  return { sizes: options.writeSizes, clients: 8, creates: 200, toggles: 200 };
}

async function writesPart(options: Options): Promise<WritesResult> {
  const settings = writesOptions(options);
  progress(
    `Flag writes: creates (${settings.clients} clients) and toggles at ${settings.sizes.map(int).join(', ')} flags`,
  );
  const server = await startServer({ dataDir: newDataDir(), main: serverMain });
  try {
    return await measureWrites(server, settings, progress);
  } finally {
    await server.stop();
  }
}

// ── 6. Ingestion ─────────────────────────────────────────────────────────────────────────────

function ingestionOptions(options: Options) {
  return {
    durationS: options.ingestionS,
    warmupS: options.ingestionWarmupS,
    databases: options.databases,
    experiments: options.ingestionExperiments,
    serverMain,
    nodeOptions: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
  };
}

async function ingestionPart(options: Options): Promise<IngestionCell[]> {
  const cells = await measureIngestion(ingestionOptions(options), progress);
  for (const cell of cells) for (const problem of ingestionProblems(cell)) fail('ingestion', problem);
  return cells;
}

// ── 7. Experiment results at scale ──────────────────────────────────────────────────────────

function resultsOptions(options: Options) {
  return {
    subjects: options.resultsSubjects,
    events: options.resultsEvents,
    databases: options.databases,
    serverMain,
    nodeOptions: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
  };
}

async function resultsPart(options: Options): Promise<ResultsCell[]> {
  const cells = await measureResults(resultsOptions(options), progress);
  for (const cell of cells) for (const problem of resultsProblems(cell)) fail('results', problem);
  return cells;
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────

interface Results {
  http?: HttpCellResult[];
  propagation?: PropagationResult;
  memory?: MemoryResult;
  coldStart?: ColdStartResult;
  writes?: WritesResult;
  ingestion?: IngestionCell[];
  results?: ResultsCell[];
  errors: Map<Part, string>;
  /** Per part: its wall time, and the CPU everything else on the machine used meanwhile (% of one core). */
  machine: Map<Part, { seconds: number; otherCpu: number | undefined; calibrationUs: number }>;
}

/** The reference in issue 3: Unleash 7's frontend API measured on the same machine (not run here). */
const UNLEASH_REFERENCE = { reqPerSec: 1717, p99Ms: 102 };

type Verdict = 'met' | '**missed**' | 'not measured';

function verdict(ok: boolean | undefined): Verdict {
  return ok === undefined ? 'not measured' : ok ? 'met' : '**missed**';
}

function report(options: Options, results: Results): string {
  const lines: string[] = [];
  const cpu0 = cpus();
  const mode = options.quick ? ' — quick pass (short runs: timings are indicative only)' : '';
  lines.push(`# Vexil server${mode}`);
  lines.push('');
  lines.push(
    `Node ${process.version} (${process.platform}/${process.arch}) · CPU: ${cpu0[0]?.model.trim() ?? 'unknown'} × ${cpu0.length} · ${new Date().toISOString()}`,
  );
  lines.push('');
  lines.push(
    `The server runs as its own process (\`node packages/server/dist/main.js\`, a fresh SQLite data directory, \`LOG_LEVEL=warn\`) and is driven over loopback from other processes. Fixture: ${FLAGS.length} client-side-available flags (boolean, string, number and JSON; allocations with conditions, splits, an exposure-limited experiment, individual targets, a prerequisite) and one segment (\`${SEGMENT.key}\`: included keys and two rules), in \`development\`.`,
  );
  lines.push('');
  const goals: string[][] = [];

  if (options.parts.includes('http')) {
    lines.push(
      `## HTTP throughput (${options.connections} connections, ${options.runs} × ${options.durationS} s per endpoint after ${options.warmupS} s of warm-up; the run with the median rate)`,
    );
    lines.push('');
    const error = results.errors.get('http');
    if (error) lines.push(`Not measured: ${error}`, '');
    if (results.http) {
      lines.push(
        '| Endpoint | req/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | errors / non-2xx | server CPU | autocannon CPU | other CPU |',
      );
      lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const r of results.http) {
        const c = r.chosen;
        if (!c) {
          lines.push(`| ${r.cell.title} | ${r.error ?? 'not measured'} | | | | | | | | |`);
          continue;
        }
        const bad = r.runs.reduce((n, run) => n + run.errors + run.timeouts + run.non2xx, 0);
        lines.push(
          `| ${r.cell.title} | ${int(c.reqPerSec)} | ${ms(c.p50Ms)} | ${ms(c.p90Ms)} | ${ms(c.p99Ms)} | ${ms(c.maxMs)} | ${bad} | ${cpu(c.serverCpu)} | ${cpu(c.clientCpu)} | ${cpu(c.otherCpu)} |`,
        );
      }
      lines.push(
        `| *Reference: Unleash 7 frontend API (issue 3, same machine; not run here)* | *${int(UNLEASH_REFERENCE.reqPerSec)}* | | | *${UNLEASH_REFERENCE.p99Ms}* | | | | | |`,
      );
      lines.push('');
      lines.push(
        `Each connection cycles through ${options.contexts} different contexts (the evaluation bodies vary from request to request). Before timing, every endpoint's answers are checked: for each of those contexts the evaluated flags must equal what \`@vexil/engine\` computes locally for the same fixture; the ruleset download must be gzip-encoded, carry an ETag and answer 304 to If-None-Match. Latencies count from ${LATENCY_FROM_MS} ms into each run (at its start autocannon builds every connection's request list, which delays the first responses on its side by ~0.25 s); req/s counts every response. CPU is in % of one core over the run (from /proc): a server near 100 % is the bottleneck; "other" is what the rest of the machine (other processes, the kernel's own work) used meanwhile — on a 2-core machine anything above a few % takes time from the server or from autocannon.`,
      );
      lines.push('');
      for (const r of results.http) {
        if (r.sanity)
          lines.push(
            `- ${r.cell.id}: ${r.sanity}${r.runs.length > 1 ? `; runs: ${r.runs.map((run) => `${int(run.reqPerSec)} req/s (p99 ${ms(run.p99Ms)} ms, other CPU ${cpu(run.otherCpu)})`).join(', ')}` : ''}`,
          );
        const c = r.chosen;
        if (!c) continue;
        const goal = r.cell.goal;
        const measured = `${int(c.reqPerSec)} req/s${goal.p99Ms !== undefined ? `, p99 ${ms(c.p99Ms)} ms` : ''}`;
        const ok = c.reqPerSec >= goal.reqPerSec && (goal.p99Ms === undefined || c.p99Ms < goal.p99Ms);
        goals.push([
          `${r.cell.title} ≥ ${int(goal.reqPerSec)} req/s${goal.p99Ms !== undefined ? `, p99 < ${goal.p99Ms} ms` : ''}`,
          measured,
          verdict(ok),
        ]);
      }
      lines.push('');
    }
  }

  if (options.parts.includes('propagation')) {
    const p = results.propagation;
    lines.push(`## Propagation (${int(options.sseClients)} SDK streams; ${options.changes} changes)`);
    lines.push('');
    const error = results.errors.get('propagation');
    if (error) lines.push(`Not measured: ${error}`, '');
    if (p) {
      lines.push(
        `Each change turns the flag \`maintenance-mode\` on or off with \`PATCH /api/v1/projects/default/flags/maintenance-mode/environments/development\`; for every stream, the time from just before the PATCH is sent to the arrival of its \`patch\` event (one client process, raw sockets, same clock). ${p.opened ?? 0} streams opened in ${ms(p.openMs ?? Number.NaN)} ms.`,
      );
      lines.push('');
      lines.push(
        '| Change | first (ms) | p50 (ms) | p99 (ms) | max (ms) | received | missed | PATCH answered in (ms) |',
      );
      lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      const row = (label: string, s: ChangeStat) =>
        `| ${label} | ${ms(s.firstMs)} | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | ${ms(s.maxMs)} | ${s.received} | ${s.missed} | ${ms(s.responseMs)} |`;
      if (p.warmup) lines.push(row(`warm-up (${p.warmup.on ? 'on' : 'off'}; not counted)`, p.warmup));
      p.changes.forEach((s, i) => lines.push(row(`${i + 1} (${s.on ? 'on' : 'off'})`, s)));
      if (p.changes.length > 0) {
        const p99s = p.changes.map((s) => s.p99Ms);
        const medianP99 = median(p99s);
        lines.push('');
        lines.push(
          `Median p99 over the changes: **${ms(medianP99)} ms**; median p50 ${ms(median(p.changes.map((s) => s.p50Ms)))} ms; worst max ${ms(Math.max(...p.changes.map((s) => s.maxMs)))} ms.`,
        );
        goals.push([
          `Propagation p99 < 100 ms (${int(options.sseClients)} streams, median of ${p.changes.length} changes)`,
          `${ms(medianP99)} ms`,
          verdict(medianP99 < 100),
        ]);
      }
      lines.push('');
    }
  }

  if (options.parts.includes('memory')) {
    const m = results.memory;
    lines.push(`## Idle streams memory (${int(options.idleStreams)} SDK streams)`);
    lines.push('');
    const error = results.errors.get('memory');
    if (error) lines.push(`Not measured: ${error}`, '');
    if (m?.before && m.after && m.opened) {
      const n = m.opened;
      const growth = (key: keyof MemorySample) =>
        ((m.after as MemorySample)[key] - (m.before as MemorySample)[key]) / n;
      lines.push(
        `The server's own figures from \`/metrics\`, before and after opening the streams (each counted once its \`put\` arrived), each time after letting it settle (RSS steady within 0.5 % for a second) and a full garbage collection (this part's server runs with \`--expose-gc\` and a preloaded SIGUSR2 handler, \`bench/server/gc-on-signal.cjs\`). A warm-up of 200 streams, opened and closed, precedes the baseline. ${int(n)} streams opened in ${ms(m.openMs ?? Number.NaN)} ms; the client process held them in ${mib(m.clientRss ?? Number.NaN)} MiB RSS.`,
      );
      lines.push('');
      lines.push('| | before | after | growth per stream |');
      lines.push('| --- | ---: | ---: | ---: |');
      lines.push(
        `| RSS (\`process_resident_memory_bytes\`) | ${mib(m.before.rss)} MiB | ${mib(m.after.rss)} MiB | ${kib(growth('rss'))} KiB |`,
      );
      lines.push(
        `| V8 heap used, after a full GC (live objects) | ${mib(m.before.heapUsed)} MiB | ${mib(m.after.heapUsed)} MiB | ${kib(growth('heapUsed'))} KiB |`,
      );
      lines.push(
        `| V8 heap total | ${mib(m.before.heapTotal)} MiB | ${mib(m.after.heapTotal)} MiB | ${kib(growth('heapTotal'))} KiB |`,
      );
      lines.push(
        `| external (Buffers) | ${mib(m.before.external)} MiB | ${mib(m.after.external)} MiB | ${kib(growth('external'))} KiB |`,
      );
      lines.push(`| open SDK streams (server's gauge) | ${int(m.before.streams)} | ${int(m.after.streams)} | |`);
      lines.push('');
      // RSS can lag behind a heap that already had room (small runs), so the larger figure counts.
      const perStream = Math.max(growth('rss'), growth('heapUsed'));
      lines.push(
        `The goal is judged on the larger of the RSS and live-heap growth: ${kib(perStream)} KiB per stream.`,
        '',
      );
      goals.push([
        `Idle stream ≤ 16 KiB of server memory (${int(n)} streams)`,
        `${kib(perStream)} KiB`,
        verdict(perStream <= 16 * 1024),
      ]);
    }
  }

  if (options.parts.includes('coldstart')) {
    const c = results.coldStart;
    lines.push(`## Cold start (${options.starts} starts each; spawn to the first 200 from \`/readyz\`)`);
    lines.push('');
    const error = results.errors.get('coldstart');
    if (error) lines.push(`Not measured: ${error}`, '');
    if (c) {
      lines.push('| Data directory | median (ms) | runs (ms) | banner "started in" (median, ms) |');
      lines.push('| --- | ---: | --- | ---: |');
      lines.push(
        `| new (migrations, first-start seeding) | **${ms(median(c.newDir))}** | ${c.newDir.map(ms).join(', ')} | ${ms(median(c.bannerNew))} |`,
      );
      lines.push(
        `| existing (${c.flags} flags and a segment) | **${ms(median(c.existingDir))}** | ${c.existingDir.map(ms).join(', ')} | ${ms(median(c.bannerExisting))} |`,
      );
      if (c.npmStart.length > 0) {
        lines.push(
          `| existing, through \`npm start\` on a built checkout (its \`prestart\` finds nothing to build) | **${ms(median(c.npmStart))}** | ${c.npmStart.map(ms).join(', ')} | |`,
        );
      }
      lines.push('');
      lines.push(
        `From \`spawn()\` of \`node packages/server/dist/main.js\` (Node's own start-up and module loading included) until \`GET /readyz\`, polled every 2 ms, answers 200. The banner's figure runs from \`main()\` to listening.`,
      );
      lines.push('');
      goals.push([
        `Cold start < 1 s, new data directory (median of ${c.newDir.length})`,
        `${ms(median(c.newDir))} ms`,
        verdict(median(c.newDir) < 1000),
      ]);
      goals.push([
        `Cold start < 1 s, existing data directory (median of ${c.existingDir.length})`,
        `${ms(median(c.existingDir))} ms`,
        verdict(median(c.existingDir) < 1000),
      ]);
      if (c.npmStart.length > 0) {
        goals.push([
          `Warm \`npm start\` serves within 1.5 s (median of ${c.npmStart.length})`,
          `${ms(median(c.npmStart))} ms`,
          verdict(median(c.npmStart) < 1500),
        ]);
      }
    }
  }

  if (options.parts.includes('writes')) {
    lines.push('## Flag writes as the project grows');
    lines.push('');
    const error = results.errors.get('writes');
    if (error) lines.push(`Not measured: ${error}`, '');
    if (results.writes) {
      lines.push(...writesReport(results.writes, writesOptions(options)));
      const drift = writesDrift(results.writes);
      const checkpoints = results.writes.checkpoints;
      const first = checkpoints[0];
      const last = checkpoints[checkpoints.length - 1];
      if (drift && first && last) {
        const sizes = `${int(first.flags)} → ${int(last.flags)} flags`;
        goals.push([
          `Creating flags stays within 2× of its rate as the project grows (${sizes})`,
          `${int(first.createPerSec)} → ${int(last.createPerSec)} creates/s (${slower(drift.create)})`,
          verdict(drift.create <= 2),
        ]);
        goals.push([
          `Turning a flag on or off stays within 2× of its latency (p50, ${sizes})`,
          `${ms(first.toggleP50Ms)} → ${ms(last.toggleP50Ms)} ms (${slower(drift.toggle)})`,
          verdict(drift.toggle <= 2),
        ]);
      }
    }
  }

  if (options.parts.includes('ingestion')) {
    lines.push(`## Event ingestion (${options.ingestionExperiments} experiments running)`);
    lines.push('');
    const error = results.errors.get('ingestion');
    if (error) lines.push(`Not measured: ${error}`, '');
    if (results.ingestion) {
      const section = ingestionReport(results.ingestion, ingestionOptions(options));
      lines.push(...section.lines);
      for (const goal of section.goals) goals.push([goal.goal, goal.measured, verdict(goal.ok)]);
    }
  }

  if (options.parts.includes('results')) {
    lines.push('## Experiment results at scale');
    lines.push('');
    const error = results.errors.get('results');
    if (error) lines.push(`Not measured: ${error}`, '');
    if (results.results) {
      const section = resultsReport(results.results, resultsOptions(options));
      lines.push(...section.lines);
      for (const goal of section.goals) goals.push([goal.goal, goal.measured, verdict(goal.ok)]);
    }
  }

  if (results.machine.size > 0) {
    lines.push('## Machine');
    lines.push('');
    lines.push(
      `"Other processes' CPU": what everything else on the machine used while each part ran (machine-wide busy time from /proc/stat, minus this benchmark's processes), in % of one core of ${cpu0.length}; figures above a few % mean the part shared the machine and its timings are pessimistic. "Calibration": µs for a fixed piece of JavaScript (a JSON round trip of the fixture) just before the part; a busy host (invisible from inside a VM) shows as a higher figure — compare it between runs.`,
    );
    lines.push('');
    lines.push("| Part | duration (s) | other processes' CPU | calibration (µs) |");
    lines.push('| --- | ---: | ---: | ---: |');
    for (const [part, m] of results.machine)
      lines.push(`| ${part} | ${m.seconds.toFixed(1)} | ${cpu(m.otherCpu)} | ${m.calibrationUs.toFixed(1)} |`);
    lines.push('');
  }

  lines.push('## Goals');
  lines.push('');
  if (options.quick)
    lines.push(
      'Quick pass: the durations and client counts are too small for these figures to judge the goals; run `npm run bench` for that.',
      '',
    );
  lines.push('| Goal | Measured | |');
  lines.push('| --- | ---: | --- |');
  for (const goal of goals) lines.push(`| ${goal.join(' | ')} |`);
  const requestFailures = failures.length === 0 ? 'none' : `${failures.length}`;
  lines.push(
    `| No failed request, every stream opened and received every change | failures: ${requestFailures} | ${failures.length === 0 ? 'met' : '**missed**'} |`,
  );
  if (failures.length > 0) {
    lines.push('');
    lines.push('### Failures');
    lines.push('');
    for (const failure of failures) lines.push(`- ${failure}`);
  }
  return lines.join('\n');
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

export async function runServerBench(args: string[]): Promise<number> {
  const options = parseOptions(args);
  serverMain = options.serverMain;
  const results: Results = { errors: new Map(), machine: new Map() };
  const parts: Record<Part, () => Promise<void>> = {
    coldstart: async () => void (results.coldStart = await coldStartPart(options)),
    http: async () => void (results.http = await httpPart(options)),
    propagation: async () => void (results.propagation = await propagationPart(options)),
    memory: async () => void (results.memory = await memoryPart(options)),
    writes: async () => void (results.writes = await writesPart(options)),
    ingestion: async () => void (results.ingestion = await ingestionPart(options)),
    results: async () => void (results.results = await resultsPart(options)),
  };
  try {
    for (const part of options.parts) {
      const calibrationUs = calibrate(fixtureRuleset());
      const started = performance.now();
      const machineBefore = machineBusyMs();
      const ownBefore = ownCpuTimeMs();
      try {
        await parts[part]();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.errors.set(part, message.split('\n')[0] ?? message);
        fail(part, message);
      }
      const elapsed = performance.now() - started;
      const machineAfter = machineBusyMs();
      const ownAfter = ownCpuTimeMs();
      const other =
        machineBefore !== undefined && machineAfter !== undefined && ownBefore !== undefined && ownAfter !== undefined
          ? Math.max(0, ((machineAfter - machineBefore - (ownAfter - ownBefore)) / elapsed) * 100)
          : undefined;
      results.machine.set(part, { seconds: elapsed / 1000, otherCpu: other, calibrationUs });
      progress(
        `  (${part}: ${(elapsed / 1000).toFixed(1)} s; other processes on the machine: ${cpu(other)} of a core; calibration ${calibrationUs.toFixed(1)} µs)`,
      );
    }
  } finally {
    removeDataDirs();
  }
  console.log(report(options, results));
  return failures.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runServerBench(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
