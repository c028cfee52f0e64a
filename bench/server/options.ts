/** The server suite's options (shared with bench/all.ts, which hands them over). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASES, type Database } from './databases.js';

export const PARTS = ['coldstart', 'http', 'propagation', 'memory', 'writes', 'ingestion', 'results'] as const;
export type Part = (typeof PARTS)[number];

export const ENDPOINTS = ['evaluate', 'ofrep', 'config'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export interface Options {
  quick: boolean;
  parts: Part[];
  /** The HTTP part's endpoints. */
  endpoints: Endpoint[];
  connections: number;
  /** Seconds per timed HTTP run. */
  durationS: number;
  /** Timed runs per HTTP cell; the cell reports the run with the median rate. */
  runs: number;
  warmupS: number;
  /** Distinct contexts the HTTP cells cycle through. */
  contexts: number;
  sseClients: number;
  changes: number;
  idleStreams: number;
  /** Cold starts per kind of data directory. */
  starts: number;
  /** Flag counts at which the writes part measures creates and toggles, ascending. */
  writeSizes: number[];
  /** Seconds of the ingestion part's timed run (per database), and of its warm-up. */
  ingestionS: number;
  ingestionWarmupS: number;
  /** Experiments running while the ingestion part sends (0 to 10). */
  ingestionExperiments: number;
  /** The results part's exposed subjects, and its metric events. */
  resultsSubjects: number;
  resultsEvents: number;
  /** The databases the ingestion and results parts run on (PostgreSQL when reachable). */
  databases: Database[];
  /** When set, the HTTP, ingestion and results parts' servers run with --cpu-prof and write their profiles here. */
  profileDir: string | undefined;
  /** Another build of the server to measure (its main.js); default packages/server/dist/main.js. */
  serverMain: string | undefined;
}

const FULL = {
  durationS: 10,
  runs: 3,
  warmupS: 3,
  sseClients: 1000,
  changes: 5,
  idleStreams: 10_000,
  starts: 5,
  writeSizes: [100, 1000, 10_000],
  ingestionS: 10,
  ingestionWarmupS: 2,
  resultsSubjects: 1_000_000,
  resultsEvents: 5_000_000,
};
const QUICK = {
  durationS: 2,
  runs: 1,
  warmupS: 1,
  sseClients: 200,
  changes: 3,
  idleStreams: 1000,
  starts: 3,
  writeSizes: [100, 1000],
  ingestionS: 3,
  ingestionWarmupS: 1,
  resultsSubjects: 20_000,
  resultsEvents: 100_000,
};

export const SERVER_USAGE = `server suite: [--quick] [--part ${PARTS.join(',')}] [--endpoint ${ENDPOINTS.join(',')}] [--connections 50] [--duration ${FULL.durationS}] [--runs ${FULL.runs}] [--warmup ${FULL.warmupS}] [--contexts 512] [--sse-clients ${FULL.sseClients}] [--changes ${FULL.changes}] [--idle-streams ${FULL.idleStreams}] [--starts ${FULL.starts}] [--write-sizes ${FULL.writeSizes.join(',')}] [--ingestion-duration ${FULL.ingestionS}] [--ingestion-experiments 10] [--results-subjects ${FULL.resultsSubjects}] [--results-events ${FULL.resultsEvents}] [--database ${DATABASES.join(',')}] [--profile DIR] [--server-main PATH]`;

export const SERVER_OPTIONS = {
  quick: { type: 'boolean' },
  part: { type: 'string' },
  endpoint: { type: 'string' },
  connections: { type: 'string' },
  duration: { type: 'string' },
  runs: { type: 'string' },
  warmup: { type: 'string' },
  contexts: { type: 'string' },
  'sse-clients': { type: 'string' },
  changes: { type: 'string' },
  'idle-streams': { type: 'string' },
  starts: { type: 'string' },
  'write-sizes': { type: 'string' },
  'ingestion-duration': { type: 'string' },
  'ingestion-experiments': { type: 'string' },
  'results-subjects': { type: 'string' },
  'results-events': { type: 'string' },
  database: { type: 'string' },
  profile: { type: 'string' },
  'server-main': { type: 'string' },
} as const;

export function parseOptions(args: string[]): Options {
  const { values } = parseArgs({ args, options: { ...SERVER_OPTIONS, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(`usage: node --import tsx bench/server/run.ts ${SERVER_USAGE}`);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const base = quick ? QUICK : FULL;
  const positive = (value: string | undefined, fallback: number, what: string): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${what} must be a positive number`);
    return n;
  };
  const list = <T extends string>(value: string | undefined, all: readonly T[], what: string): T[] => {
    if (value === undefined) return [...all];
    const picked = value.split(',').map((p) => p.trim());
    const unknown = picked.filter((p) => !(all as readonly string[]).includes(p));
    if (unknown.length > 0) throw new Error(`unknown --${what}: ${unknown.join(', ')} (known: ${all.join(', ')})`);
    return all.filter((a) => picked.includes(a));
  };
  return {
    quick,
    parts: list(values.part, PARTS, 'part'),
    endpoints: list(values.endpoint, ENDPOINTS, 'endpoint'),
    connections: positive(values.connections, 50, 'connections'),
    durationS: positive(values.duration, base.durationS, 'duration'),
    runs: Math.round(positive(values.runs, base.runs, 'runs')),
    warmupS: positive(values.warmup, base.warmupS, 'warmup'),
    contexts: Math.round(positive(values.contexts, 512, 'contexts')),
    sseClients: Math.round(positive(values['sse-clients'], base.sseClients, 'sse-clients')),
    changes: Math.round(positive(values.changes, base.changes, 'changes')),
    idleStreams: Math.round(positive(values['idle-streams'], base.idleStreams, 'idle-streams')),
    starts: Math.round(positive(values.starts, base.starts, 'starts')),
    writeSizes:
      values['write-sizes'] === undefined
        ? base.writeSizes
        : values['write-sizes']
            .split(',')
            .map((size) => Math.round(positive(size.trim(), 0, 'write-sizes')))
            .sort((a, b) => a - b),
    ingestionS: positive(values['ingestion-duration'], base.ingestionS, 'ingestion-duration'),
    ingestionWarmupS: base.ingestionWarmupS,
    ingestionExperiments: experimentsOption(values['ingestion-experiments']),
    resultsSubjects: Math.round(positive(values['results-subjects'], base.resultsSubjects, 'results-subjects')),
    resultsEvents: Math.round(positive(values['results-events'], base.resultsEvents, 'results-events')),
    databases: list(values.database, DATABASES, 'database'),
    profileDir: values.profile,
    serverMain: values['server-main'] === undefined ? undefined : resolve(values['server-main']),
  };
}

/** `--ingestion-experiments`: how many of the ingestion part's 10 experiment flags have a running experiment. */
function experimentsOption(value: string | undefined): number {
  if (value === undefined) return 10;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new Error('--ingestion-experiments must be an integer from 0 to 10');
  return n;
}
