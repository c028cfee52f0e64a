/** The server suite's options (shared with bench/all.ts, which hands them over). */
import { parseArgs } from 'node:util';

export const PARTS = ['coldstart', 'http', 'propagation', 'memory'] as const;
export type Part = (typeof PARTS)[number];

export interface Options {
  quick: boolean;
  parts: Part[];
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
  /** When set, the HTTP part's server runs with --cpu-prof and writes its profile here. */
  profileDir: string | undefined;
}

const FULL = { durationS: 10, runs: 3, warmupS: 3, sseClients: 1000, changes: 5, idleStreams: 10_000, starts: 5 };
const QUICK = { durationS: 2, runs: 1, warmupS: 1, sseClients: 200, changes: 3, idleStreams: 1000, starts: 3 };

export const SERVER_USAGE = `server suite: [--quick] [--part ${PARTS.join(',')}] [--connections 50] [--duration ${FULL.durationS}] [--runs ${FULL.runs}] [--warmup ${FULL.warmupS}] [--contexts 512] [--sse-clients ${FULL.sseClients}] [--changes ${FULL.changes}] [--idle-streams ${FULL.idleStreams}] [--starts ${FULL.starts}] [--profile DIR]`;

export const SERVER_OPTIONS = {
  quick: { type: 'boolean' },
  part: { type: 'string' },
  connections: { type: 'string' },
  duration: { type: 'string' },
  runs: { type: 'string' },
  warmup: { type: 'string' },
  contexts: { type: 'string' },
  'sse-clients': { type: 'string' },
  changes: { type: 'string' },
  'idle-streams': { type: 'string' },
  starts: { type: 'string' },
  profile: { type: 'string' },
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
  const parts = values.part === undefined ? [...PARTS] : values.part.split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown --part: ${unknown.join(', ')} (known: ${PARTS.join(', ')})`);
  return {
    quick,
    parts: PARTS.filter((p) => parts.includes(p)),
    connections: positive(values.connections, 50, 'connections'),
    durationS: positive(values.duration, base.durationS, 'duration'),
    runs: Math.round(positive(values.runs, base.runs, 'runs')),
    warmupS: positive(values.warmup, base.warmupS, 'warmup'),
    contexts: Math.round(positive(values.contexts, 512, 'contexts')),
    sseClients: Math.round(positive(values['sse-clients'], base.sseClients, 'sse-clients')),
    changes: Math.round(positive(values.changes, base.changes, 'changes')),
    idleStreams: Math.round(positive(values['idle-streams'], base.idleStreams, 'idle-streams')),
    starts: Math.round(positive(values.starts, base.starts, 'starts')),
    profileDir: values.profile,
  };
}
