/**
 * Flag-evaluation benchmark: Vexil's engine against its peers' SDKs, fully offline.
 *
 *   npm run bench [-- --engine vexil,flagd] [--scenario S2] [--reps 5]
 *
 * The parent process runs each (engine, scenario) cell in a fresh worker process (same Node flags,
 * plus --expose-gc), so no engine's JIT state, garbage or timers affect another's numbers, and
 * prints one markdown table at the end.
 */
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENGINES, ENGINE_IDS } from './engines/index.js';
import { ENGINE_OPTIONS } from './engines/options.js';
import type { LoadedScenario, PreparedEngine } from './engines/types.js';
import { versionLabel } from './engines/versions.js';
import {
  DEFAULT_POPULATION,
  SCENARIO_IDS,
  S4_FLAG_COUNT,
  buildScenario,
  generatePopulation,
  type Scenario,
  type ScenarioId,
  type Served,
} from './scenarios.js';

const DEFAULT_REPS = 5;
const DEFAULT_PROCESSES = 3;
/** A repetition that would take longer than this is measured on fewer contexts. */
const DEFAULT_BUDGET_MS = 10_000;
/**
 * Fast cells (a 100,000-context pass can take ~20 ms) run more than `--reps` repetitions, until the
 * timed passes add up to this long (at most MAX_REPS), so the median is not at the mercy of one GC.
 */
const MIN_TIMED_MS = 2_000;
const MAX_REPS = 200;
/** Warm-up after the sanity pass: whole passes until at least this long has been spent (at most MAX_WARMUP_PASSES). */
const WARMUP_MS = 1_000;
const MAX_WARMUP_PASSES = 1_000;
/** How many times S4's environment is loaded to take the median heap growth. */
const HEAP_LOADS = 5;
/** A worker that runs longer than this is stopped and its cell reported as an error. */
const WORKER_TIMEOUT_MS = 10 * 60_000;

interface Heap {
  /** heapUsed growth from loading the environment, after a full GC (MB): the median of `loadsMb`. */
  afterLoadMb: number;
  /** The growth measured at each load. */
  loadsMb: number[];
  /** Growth from loading one more client and running one evaluation pass with it (lazily built state included). */
  afterEvaluationMb: number;
}

/** What a worker reports for one (engine, scenario) cell; `notes` are the engine's configuration notes. */
type CellResult =
  | {
      status: 'ok';
      notes: readonly string[];
      evalsPerSec: number;
      n: number;
      timesMs: number[];
      sanity: string;
      heap?: Heap;
      mode: 'sync' | 'async';
      processRates?: number[];
    }
  | { status: 'wrong'; notes: readonly string[]; sanity: string; heap?: Heap }
  | { status: 'error'; notes?: readonly string[]; error: string };

interface Options {
  engines: string[];
  scenarios: ScenarioId[];
  reps: number;
  /** Worker processes per cell; the cell reports the median process (JIT and code-alignment luck varies by process). */
  processes: number;
  population: number;
  budgetMs: number;
}

// ── Worker: one engine, one scenario ─────────────────────────────────────────────────────────

/** Keeps results observably used, so no evaluation can be optimised away. */
let sink = 0;
const NEVER_SERVED = '\u0000never-served';

function gc(): void {
  const collect = globalThis.gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench does)');
  collect();
  collect();
}

function heapUsedMb(): number {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

function timeSync(evaluate: (i: number) => Served, n: number): number {
  let hits = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    if (evaluate(i) === NEVER_SERVED) hits++;
  }
  const elapsed = performance.now() - start;
  sink += hits;
  return elapsed;
}

async function timeAsync(evaluate: (i: number) => Promise<Served>, n: number): Promise<number> {
  let hits = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    if ((await evaluate(i)) === NEVER_SERVED) hits++;
  }
  const elapsed = performance.now() - start;
  sink += hits;
  return elapsed;
}

function timePass(loaded: LoadedScenario, n: number): Promise<number> | number {
  return loaded.mode === 'sync' ? timeSync(loaded.evaluate, n) : timeAsync(loaded.evaluate, n);
}

async function tallyPass(loaded: LoadedScenario, n: number): Promise<{ tally: Map<string, number>; ms: number }> {
  const tally = new Map<string, number>();
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const value: unknown = loaded.mode === 'sync' ? loaded.evaluate(i) : await loaded.evaluate(i);
    const key =
      typeof value === 'string' || typeof value === 'boolean'
        ? String(value)
        : `<${typeof value}:${JSON.stringify(value)}>`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return { tally, ms: performance.now() - start };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Heap growth (MB) from loading `scenario` into a fresh client; the client is closed and dropped before returning. */
async function measureLoad(prepared: PreparedEngine, scenario: Scenario): Promise<number> {
  const before = heapUsedMb();
  const loaded = await prepared.load(scenario);
  const growth = heapUsedMb() - before;
  await loaded.close();
  return growth;
}

async function runCell(engineId: string, scenarioId: ScenarioId, options: Options): Promise<CellResult> {
  const entry = ENGINES[engineId];
  if (!entry) return { status: 'error', error: `unknown engine ${engineId}` };
  let notes: readonly string[] | undefined;
  try {
    const engine = await entry.load();
    notes = engine.notes;
    const population = options.population;
    const users = generatePopulation(population);
    const scenario = buildScenario(scenarioId, population);

    // Native contexts are built before anything is measured.
    const prepared = engine.prepare(users);

    // Heap (S4 only): heapUsed after a full GC, before and after loading the environment into a
    // fresh client. JIT code and bytecode move heapUsed by a few hundred KB either way, so the
    // figure is the median over HEAP_LOADS loads, each client closed and unreachable before the
    // next; the client that is then evaluated is loaded afresh.
    const loadDeltas: number[] = [];
    if (scenarioId === 'S4')
      for (let k = 0; k < HEAP_LOADS; k++) loadDeltas.push(await measureLoad(prepared, scenario));
    const before = heapUsedMb();
    const loaded = await prepared.load(scenario);

    // Sanity pass over the whole population (also the first warm-up pass and the time estimate).
    const { tally, ms: sanityMs } = await tallyPass(loaded, population);
    const heap =
      scenarioId === 'S4'
        ? { afterLoadMb: median(loadDeltas), loadsMb: loadDeltas, afterEvaluationMb: heapUsedMb() - before }
        : undefined;
    const sanity = scenario.check(tally, population);
    if (!sanity.ok) {
      await loaded.close();
      return heap
        ? { status: 'wrong', notes, sanity: sanity.detail, heap }
        : { status: 'wrong', notes, sanity: sanity.detail };
    }

    // Time-box: measure fewer contexts if one repetition would exceed the budget.
    const perEvalMs = sanityMs / population;
    let n = population;
    if (perEvalMs * population > options.budgetMs)
      n = Math.max(1000, Math.floor(options.budgetMs / perEvalMs / 1000) * 1000);

    // Warm-up (the sanity pass above was the first): whole passes, at least WARMUP_MS in all.
    let warmupMs = 0;
    for (let pass = 0; pass < MAX_WARMUP_PASSES && (pass === 0 || warmupMs < WARMUP_MS); pass++)
      warmupMs += await timePass(loaded, n);
    // One full GC before the series, none between repetitions: the garbage an engine makes, and
    // the collections it causes, are part of its cost; the median absorbs the odd major GC.
    gc();
    const timesMs: number[] = [];
    let timedMs = 0;
    while (timesMs.length < options.reps || (timedMs < MIN_TIMED_MS && timesMs.length < MAX_REPS)) {
      const ms = await timePass(loaded, n);
      timesMs.push(ms);
      timedMs += ms;
    }
    await loaded.close();
    const evalsPerSec = n / (median(timesMs) / 1000);
    const result: CellResult = {
      status: 'ok',
      notes,
      evalsPerSec,
      n,
      timesMs,
      sanity: sanity.detail,
      mode: loaded.mode,
    };
    return heap ? { ...result, heap } : result;
  } catch (err) {
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return notes ? { status: 'error', notes, error } : { status: 'error', error };
  }
}

// ── Parent: orchestration and report ─────────────────────────────────────────────────────────

function runWorker(engineId: string, scenarioId: ScenarioId, options: Options): Promise<CellResult> {
  const execArgv = process.execArgv.includes('--expose-gc') ? process.execArgv : ['--expose-gc', ...process.execArgv];
  const args = [
    '--worker',
    '--engine',
    engineId,
    '--scenario',
    scenarioId,
    '--reps',
    String(options.reps),
    '--population',
    String(options.population),
    '--budget-ms',
    String(options.budgetMs),
  ];
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(import.meta.url), args, { execArgv });
    let result: CellResult | undefined;
    const timer = setTimeout(() => {
      result ??= { status: 'error', error: `timed out after ${WORKER_TIMEOUT_MS / 1000} s` };
      child.kill();
    }, WORKER_TIMEOUT_MS);
    child.on('message', (message) => {
      result = message as CellResult;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(result ?? { status: 'error', error: `worker exited (code ${code}, signal ${signal}) without a result` });
    });
  });
}

/**
 * Runs one cell in `options.processes` fresh workers. The same code can settle into a fast or a
 * slow JIT state from one process to the next (for the fastest engines by up to 2×), so the
 * cell reports the process with the median rate, and the details list every process's rate.
 */
async function runCellInProcesses(engineId: string, scenarioId: ScenarioId, options: Options): Promise<CellResult> {
  const runs: CellResult[] = [];
  for (let index = 0; index < options.processes; index++) {
    const result = await runWorker(engineId, scenarioId, options);
    if (result.status !== 'ok') return result;
    runs.push(result);
  }
  const ok = runs.filter((run): run is Extract<CellResult, { status: 'ok' }> => run.status === 'ok');
  ok.sort((a, b) => a.evalsPerSec - b.evalsPerSec);
  const median = ok[Math.floor(ok.length / 2)]!;
  return { ...median, processRates: ok.map((run) => run.evalsPerSec) };
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function cell(result: CellResult | undefined, population: number): string {
  if (!result) return '—';
  switch (result.status) {
    case 'ok':
      return `${integer.format(result.evalsPerSec)}${result.n < population ? ' †' : ''}`;
    case 'wrong':
      return 'wrong result';
    case 'error':
      return 'error';
  }
}

function heapCell(result: CellResult | undefined): string {
  if (!result || result.status === 'error' || !result.heap) return '—';
  return result.heap.afterLoadMb.toFixed(2);
}

function labelOf(engineId: string): string {
  return ENGINES[engineId]?.label ?? engineId;
}

function versionsOf(engineId: string): string {
  return (ENGINES[engineId]?.packages ?? []).map(versionLabel).join(', ');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function report(options: Options, results: Map<string, Map<ScenarioId, CellResult>>): string {
  const lines: string[] = [];
  const cpu = cpus();
  lines.push(
    `# Flag evaluations per second (median of ≥ ${options.reps} timed repetitions over ${integer.format(options.population)} contexts; median of ${options.processes} processes)`,
  );
  lines.push('');
  lines.push(
    `Node ${process.version} (${process.platform}/${process.arch}) · CPU: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} · ${new Date().toISOString()}`,
  );
  lines.push('');
  const scenarioTitles = options.scenarios.map((id) => `${id}: ${buildScenario(id, 1).title}`);
  lines.push(`Scenarios — ${scenarioTitles.join(' · ')}`);
  lines.push('');
  const header = [
    'Engine',
    'Version',
    ...options.scenarios.map((s) => `${s} (evals/s)`),
    `Heap / ${integer.format(S4_FLAG_COUNT)} flags (MB)`,
  ];
  lines.push(`| ${header.join(' | ')} |`);
  lines.push(`|${header.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`);
  let capped = false;
  for (const engineId of options.engines) {
    const row = results.get(engineId) ?? new Map<ScenarioId, CellResult>();
    const cells = options.scenarios.map((s) => cell(row.get(s), options.population));
    if (cells.some((c) => c.endsWith('†'))) capped = true;
    lines.push(
      `| ${labelOf(engineId)} | ${versionsOf(engineId)} | ${cells.join(' | ')} | ${heapCell(row.get('S4'))} |`,
    );
  }
  lines.push('');
  if (capped)
    lines.push(
      `† one repetition over ${integer.format(options.population)} contexts would exceed ${options.budgetMs / 1000} s, so it was measured on fewer (see details).`,
    );
  lines.push(
    `"wrong result": the sanity check over the whole population failed, so the cell was not timed. Heap: \`heapUsed\` growth from loading the S4 environment (1,000 flags, client included) after a full GC, before any evaluation; median of ${HEAP_LOADS} loads.`,
  );
  lines.push('');
  lines.push('## Details');
  lines.push('');
  for (const engineId of options.engines) {
    const row = results.get(engineId);
    if (!row) continue;
    for (const scenarioId of options.scenarios) {
      const r = row.get(scenarioId);
      if (!r) continue;
      const label = `${labelOf(engineId)} ${scenarioId}`;
      if (r.status === 'ok') {
        const rates = r.timesMs.map((ms) => r.n / (ms / 1000));
        const spread = `${integer.format(Math.min(...rates))}–${integer.format(Math.max(...rates))}`;
        const heap = r.heap
          ? `; heap ${r.heap.afterLoadMb.toFixed(2)} MB after load (loads: ${r.heap.loadsMb.map((m) => m.toFixed(2)).join(', ')}), ${r.heap.afterEvaluationMb.toFixed(2)} MB after load + one evaluation pass`
          : '';
        const processes =
          r.processRates && r.processRates.length > 1
            ? `; processes: ${r.processRates.map((rate) => integer.format(rate)).join(', ')}`
            : '';
        lines.push(
          `- ${label}: ${integer.format(r.evalsPerSec)} evals/s (${r.mode}; median of ${r.timesMs.length} reps of ${integer.format(r.n)} evaluations, range ${spread}/s${processes})${heap}; sanity ok: ${r.sanity}`,
        );
      } else if (r.status === 'wrong') {
        lines.push(`- ${label}: WRONG RESULT — ${r.sanity}`);
      } else {
        lines.push(`- ${label}: ERROR — ${firstLine(r.error)}`);
      }
    }
  }
  lines.push('');
  lines.push('## How each engine is configured');
  lines.push('');
  for (const engineId of options.engines) {
    const notes = [...(results.get(engineId)?.values() ?? [])].map((r) => r.notes).find((n) => n !== undefined);
    lines.push(`- **${labelOf(engineId)}** (${versionsOf(engineId)})`);
    for (const note of notes ?? ['(the adapter could not be loaded; see the errors above)']) lines.push(`  - ${note}`);
  }
  return lines.join('\n');
}

function parseOptions(): Options & { worker: boolean } {
  const { values } = parseArgs({
    options: {
      ...ENGINE_OPTIONS,
      worker: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      `usage: npm run bench -- [--engine ${ENGINE_IDS.join(',')}] [--scenario ${SCENARIO_IDS.join(',')}] [--reps ${DEFAULT_REPS}] [--processes ${DEFAULT_PROCESSES}] [--population ${DEFAULT_POPULATION}] [--budget-ms ${DEFAULT_BUDGET_MS}]`,
    );
    process.exit(0);
  }
  const list = (value: string | undefined, all: readonly string[], what: string): string[] => {
    if (!value) return [...all];
    const picked = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = picked.filter((p) => !all.includes(p));
    if (unknown.length > 0) throw new Error(`unknown ${what}: ${unknown.join(', ')} (known: ${all.join(', ')})`);
    return all.filter((a) => picked.includes(a));
  };
  const positive = (value: string | undefined, fallback: number, what: string): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${what} must be a positive integer`);
    return n;
  };
  return {
    worker: values.worker ?? false,
    engines: list(values.engine, ENGINE_IDS, 'engine'),
    scenarios: list(values.scenario?.toUpperCase(), SCENARIO_IDS, 'scenario') as ScenarioId[],
    reps: positive(values.reps, DEFAULT_REPS, 'reps'),
    processes: positive(values.processes, DEFAULT_PROCESSES, 'processes'),
    population: positive(values.population, DEFAULT_POPULATION, 'population'),
    budgetMs: positive(values['budget-ms'], DEFAULT_BUDGET_MS, 'budget-ms'),
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options.worker) {
    const engineId = options.engines[0];
    const scenarioId = options.scenarios[0];
    if (options.engines.length !== 1 || options.scenarios.length !== 1 || !engineId || !scenarioId)
      throw new Error('a worker runs exactly one engine and one scenario');
    const result = await runCell(engineId, scenarioId, options);
    if (sink < 0) console.log(sink); // never true; keeps `sink` alive
    // Exit explicitly: some SDKs leave timers behind even after close().
    process.send?.(result, () => process.exit(0));
    if (!process.send) {
      console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    }
    return;
  }

  const results = new Map<string, Map<ScenarioId, CellResult>>();
  for (const engineId of options.engines) {
    const row = new Map<ScenarioId, CellResult>();
    results.set(engineId, row);
    for (const scenarioId of options.scenarios) {
      process.stderr.write(`${engineId.padEnd(13)} ${scenarioId} … `);
      const started = performance.now();
      const result = await runCellInProcesses(engineId, scenarioId, options);
      row.set(scenarioId, result);
      const took = ((performance.now() - started) / 1000).toFixed(1);
      const summary =
        result.status === 'error' ? `error: ${firstLine(result.error)}` : cell(result, options.population);
      process.stderr.write(`${summary}${result.status === 'ok' ? ' evals/s' : ''} (${took} s)\n`);
    }
  }
  console.log(report(options, results));
  const failed = [...results.values()].flatMap((row) => [...row.values()]).filter((r) => r.status !== 'ok');
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
