/**
 * Flag writes as the project grows (issue 12, item 17): through the management API, how fast flags
 * are created by 8 concurrent clients and how long turning one on or off takes, at 100, 1,000 and
 * 10,000 flags (the quick pass stops at 1,000). A save should cost what it touches — the flag, the
 * flags it requires, the flags that require it — so both figures should stay flat as flags pile up.
 *
 * The flags look like real ones: in `production` each is on with individual targets, an allocation
 * with two conditions and a fallthrough, and every tenth requires the flag before it, so saves
 * have prerequisites to check and dependents to find.
 */
import { performance } from 'node:perf_hooks';
import { prng } from '../scenarios.js';
import { cpuTimeMs, type ServerProcess } from './server.js';
import { int, median, ms, quantile } from './stats.js';

const PROJECT = 'default';
/** Where the server's code paths are warmed up first (JIT), without adding flags to the measured project. */
const WARM_UP_PROJECT = 'warm-up';
const WARM_UP_FLAGS = 300;
const ENVIRONMENT = 'production';

export interface WriteCheckpoint {
  /** Flags in the project when the measurement started. */
  flags: number;
  created: number;
  createPerSec: number;
  createP50Ms: number;
  createP99Ms: number;
  /** The server's CPU time per create (ms; from /proc, 10 ms resolution over all of them). */
  createCpuMs: number;
  toggles: number;
  toggleP50Ms: number;
  toggleP99Ms: number;
  toggleCpuMs: number;
}

export interface WritesResult {
  clients: number;
  checkpoints: WriteCheckpoint[];
  /** Time to fill the project up to the last checkpoint, measured creates included. */
  totalSeconds: number;
}

export interface WritesOptions {
  /** Flag counts to measure at, ascending. */
  sizes: number[];
  clients: number;
  /** Creates timed at each checkpoint (spread over the clients). */
  creates: number;
  /** Toggles timed at each checkpoint, one after the other. */
  toggles: number;
}

function flagKey(index: number): string {
  return `bench-flag-${String(index).padStart(5, '0')}`;
}

/** The flag that flag number `index` requires, if any: every tenth requires the one before. */
function prerequisiteOf(index: number): number | undefined {
  return index % 10 === 1 && index > 1 ? index - 1 : undefined;
}

/** The body creating flag number `index` (from 1). */
function newFlag(index: number): unknown {
  const required = prerequisiteOf(index);
  return {
    key: flagKey(index),
    name: `Bench flag ${index}`,
    tags: ['bench', `team-${index % 7}`],
    environments: {
      [ENVIRONMENT]: {
        on: true,
        offVariation: 'off',
        ...(required === undefined ? {} : { prerequisites: [{ flag: flagKey(required), variations: ['on'] }] }),
        targets: [{ variation: 'on', values: [`user-${index}`, `user-${index + 1}`, 'qa-1', 'qa-2', 'qa-3'] }],
        allocations: [
          {
            id: 'beta',
            conditions: [
              { attribute: 'country', operator: 'in', values: ['DE', 'FR', 'NL'] },
              { attribute: 'plan', operator: 'equals', values: ['enterprise'] },
            ],
            serve: { variation: 'on' },
          },
        ],
        fallthrough: { variation: 'off' },
      },
    },
  };
}

async function send(server: ServerProcess, method: string, path: string, body: unknown): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${server.secrets?.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
  return elapsed;
}

/**
 * Creates flags `from`..`to` (inclusive) with `clients` concurrent clients; each create's latency.
 * A flag whose prerequisite is still being created by another client waits for it (untimed).
 */
async function createFlags(
  server: ServerProcess,
  project: string,
  from: number,
  to: number,
  clients: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const creating = new Map<number, Promise<number>>();
  let next = from;
  const client = async () => {
    while (next <= to) {
      const index = next++;
      const required = prerequisiteOf(index);
      const created = (async () => {
        if (required !== undefined) await creating.get(required);
        return send(server, 'POST', `/projects/${project}/flags`, newFlag(index));
      })();
      creating.set(index, created);
      latencies.push(await created);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return latencies;
}

export async function measureWrites(
  server: ServerProcess,
  options: WritesOptions,
  progress: (text: string) => void,
): Promise<WritesResult> {
  const started = performance.now();
  const random = prng(17);
  const checkpoints: WriteCheckpoint[] = [];
  const toggle = (project: string, flags: number) => async () => {
    const latencies: number[] = [];
    for (let n = 0; n < options.toggles; n++) {
      const index = 1 + Math.floor(random() * flags);
      const path = `/projects/${project}/flags/${flagKey(index)}/environments/${ENVIRONMENT}`;
      latencies.push(await send(server, 'PATCH', path, { on: n % 2 === 1 }));
    }
    return latencies;
  };
  await send(server, 'POST', '/projects', { key: WARM_UP_PROJECT, name: 'Warm-up' });
  await createFlags(server, WARM_UP_PROJECT, 1, WARM_UP_FLAGS, options.clients);
  await toggle(WARM_UP_PROJECT, WARM_UP_FLAGS)();
  progress(`  warmed up: ${WARM_UP_FLAGS} creates and ${options.toggles} toggles in another project`);
  let count = 0;
  for (const size of options.sizes) {
    if (size > count) {
      const fillStarted = performance.now();
      await createFlags(server, PROJECT, count + 1, size, options.clients);
      progress(`  ${int(size)} flags (${int(size - count)} created in ${ms(performance.now() - fillStarted)} ms)`);
      count = size;
    }
    const timedStart = performance.now();
    const createCpu = cpuTimeMs(server.pid) ?? Number.NaN;
    const latencies = await createFlags(server, PROJECT, count + 1, count + options.creates, options.clients);
    const seconds = (performance.now() - timedStart) / 1000;
    const toggleCpu = cpuTimeMs(server.pid) ?? Number.NaN;
    const created = Float64Array.from(latencies).sort();
    const measuredAt = count;
    count += options.creates;
    const toggled = await toggle(PROJECT, count)();
    const toggledCpu = cpuTimeMs(server.pid) ?? Number.NaN;
    const toggles = Float64Array.from(toggled).sort();
    const checkpoint: WriteCheckpoint = {
      flags: measuredAt,
      created: options.creates,
      createPerSec: options.creates / seconds,
      createP50Ms: quantile(created, 0.5),
      createP99Ms: quantile(created, 0.99),
      createCpuMs: (toggleCpu - createCpu) / options.creates,
      toggles: options.toggles,
      toggleP50Ms: quantile(toggles, 0.5),
      toggleP99Ms: quantile(toggles, 0.99),
      toggleCpuMs: (toggledCpu - toggleCpu) / options.toggles,
    };
    checkpoints.push(checkpoint);
    progress(
      `  at ${int(measuredAt)} flags: ${int(checkpoint.createPerSec)} creates/s (p50 ${ms(checkpoint.createP50Ms)} ms, server CPU ${ms(checkpoint.createCpuMs)} ms each), toggle p50 ${ms(checkpoint.toggleP50Ms)} ms, p99 ${ms(checkpoint.toggleP99Ms)} ms (server CPU ${ms(checkpoint.toggleCpuMs)} ms each)`,
    );
  }
  return { clients: options.clients, checkpoints, totalSeconds: (performance.now() - started) / 1000 };
}

/** A ratio of durations (or of rates, inverted) in words: "1.40× slower", "2.10× faster". */
export function slower(ratio: number): string {
  return ratio >= 1 ? `${ratio.toFixed(2)}× slower` : `${(1 / ratio).toFixed(2)}× faster`;
}

/** How much worse the largest checkpoint is than the smallest: creates/s ratio and toggle p50 ratio. */
export function writesDrift(result: WritesResult): { create: number; toggle: number } | undefined {
  const first = result.checkpoints[0];
  const last = result.checkpoints[result.checkpoints.length - 1];
  if (!first || !last || first === last) return undefined;
  return { create: first.createPerSec / last.createPerSec, toggle: last.toggleP50Ms / first.toggleP50Ms };
}

/** The report's section (markdown lines). */
export function writesReport(result: WritesResult, options: WritesOptions): string[] {
  const lines = [
    `Through \`POST /api/v1/projects/default/flags\` (${result.clients} concurrent clients, keep-alive) and \`PATCH …/flags/{flag}/environments/production\` (one client, \`{"on": …}\` of a random flag), SQLite. First ${WARM_UP_FLAGS} creates and ${options.toggles} toggles in another project warm the server up. At each size, ${options.creates} creates are timed, then ${options.toggles} toggles one after the other. Each flag has targets, an allocation with two conditions and a fallthrough in production; every tenth requires the one before. Filling to ${int(options.sizes[options.sizes.length - 1] ?? 0)} flags took ${result.totalSeconds.toFixed(1)} s in all.`,
    '',
    '| Flags in the project | creates/s | create p50 (ms) | create p99 (ms) | server CPU per create (ms) | toggle p50 (ms) | toggle p99 (ms) | server CPU per toggle (ms) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const c of result.checkpoints)
    lines.push(
      `| ${int(c.flags)} | ${int(c.createPerSec)} | ${ms(c.createP50Ms)} | ${ms(c.createP99Ms)} | ${ms(c.createCpuMs)} | ${ms(c.toggleP50Ms)} | ${ms(c.toggleP99Ms)} | ${ms(c.toggleCpuMs)} |`,
    );
  lines.push('');
  lines.push(
    "Server CPU is the server process's own CPU time (from /proc) over the timed creates or toggles, divided by their number: unlike the rates and latencies, it hardly moves when other processes share the machine.",
    '',
  );
  const drift = writesDrift(result);
  if (drift)
    lines.push(
      `From the smallest to the largest size, creating flags got ${slower(drift.create)} and a toggle (p50) ${slower(drift.toggle)} (goal: neither more than 2× slower). Median toggle p50 over the sizes: ${ms(median(result.checkpoints.map((c) => c.toggleP50Ms)))} ms.`,
      '',
    );
  return lines;
}
