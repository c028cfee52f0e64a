/**
 * The server under test, as users run it: `node packages/server/dist/main.js` in its own process
 * (so it and the load generator each get a core), on a fresh SQLite data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_MAIN = join(ROOT, 'packages/server/dist/main.js');

/** The secrets a first start prints once. */
export interface Secrets {
  apiToken: string;
  serverKey: string;
  clientKey: string;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  dataDir: string;
  /** Present on a first start (new data directory). */
  secrets: Secrets | undefined;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** Data directories made by {@link newDataDir}, removed by {@link removeDataDirs}. */
const dataDirs: string[] = [];

export function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vexil-bench-'));
  dataDirs.push(dir);
  return dir;
}

export function removeDataDirs(): void {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A port nobody listens on right now (the cold-start runs must know it before the banner). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The first start's secrets, from the file the server keeps them in (its banner shows them only to a terminal). */
function secretsOf(dataDir: string): Secrets | undefined {
  const file = join(dataDir, 'first-start-secrets.json');
  if (!existsSync(file)) return undefined;
  const { apiToken, serverKey, clientKey } = JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  return { apiToken, serverKey, clientKey };
}

export interface SpawnOptions {
  dataDir: string;
  /** The server's entry point; default {@link SERVER_MAIN} (another build can be compared). */
  main?: string;
  /** Default 0: a random port, read from the banner. */
  port?: number;
  /** Extra Node options for the server process (e.g. `--cpu-prof`). */
  nodeOptions?: string[];
  /** A PostgreSQL database for the server; default SQLite in `dataDir`. */
  databaseUrl?: string;
  /**
   * Start it as the README says, `npm start` (its `prestart` checks whether a build is needed), in
   * its own process group: stop it with `process.kill(-pid)`.
   */
  npmStart?: boolean;
}

/** Spawns the server; call {@link waitForBanner} to wait until it is listening. */
export function spawnServer(options: SpawnOptions): { child: ChildProcess; output: () => string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    VEXIL_DATA_DIR: options.dataDir,
  };
  // The server under test uses SQLite in its own directory (or the database it is given), whatever
  // the caller's environment says.
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  delete env.VEXIL_ADMIN_TOKEN;
  delete env.VEXIL_PUBLIC_URL;
  delete env.NODE_OPTIONS;
  const child = options.npmStart
    ? spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    : spawn(process.execPath, [...(options.nodeOptions ?? []), options.main ?? SERVER_MAIN], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(hard);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** Starts the server and waits for its banner (15 s at most). */
export async function startServer(options: SpawnOptions): Promise<ServerProcess> {
  const { child, output } = spawnServer(options);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 15 s:\n${output()}`));
    }, 15_000);
    const check = () => {
      const match = /serving on (http:\/\/\S+)/.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        child.stderr?.off('data', check);
        child.off('exit', exited);
        resolve(match[1]);
      }
    };
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${output()}`));
    };
    child.stderr?.on('data', check);
    child.once('exit', exited);
  });
  const port = Number(new URL(url).port);
  if (child.pid === undefined) throw new Error('the server process has no pid');
  return {
    child,
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir: options.dataDir,
    secrets: secretsOf(options.dataDir),
    output,
    stop: stopper(child),
  };
}

/** One request with a plain-text answer (for the management API, /metrics and sanity checks). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, agent: false, timeout: init.timeoutMs ?? 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${init.method ?? 'GET'} ${url} timed out`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** JSON call to the management API with the owner token; throws on a non-2xx answer. */
export async function api<T = unknown>(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const token = server.secrets?.apiToken;
  if (!token) throw new Error('no owner API token (the server was not started on a new data directory)');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const answer = await call(
    `${server.url}${path}`,
    body === undefined ? { method, headers } : { method, headers, body: JSON.stringify(body) },
  );
  const text = answer.body.toString();
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`${method} ${path} → ${answer.status}: ${text.slice(0, 2000)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Polls `GET /readyz` every `intervalMs` until it answers 200; returns the time it answered (performance.now()). */
export async function waitUntilReady(url: string, timeoutMs = 10_000, intervalMs = 5): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const answer = await call(`${url}/readyz`, { timeoutMs: 1_000 });
      if (answer.status === 200) return performance.now();
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`${url}/readyz did not answer 200 within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The server's Prometheus samples, keyed as exposed: `name` or `name{label="value"}`. */
export async function metrics(server: ServerProcess): Promise<Map<string, number>> {
  const answer = await call(`${server.url}/metrics`);
  if (answer.status !== 200) throw new Error(`GET /metrics → ${answer.status}`);
  const samples = new Map<string, number>();
  for (const line of answer.body.toString().split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) ([-+0-9.eE]+|NaN)$/.exec(line);
    if (match?.[1] && match[2]) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) PostgreSQL has used so far on this machine: every process named `postgres`, with
 * the time of the backends that have exited (counted in their parent's), from /proc (Linux);
 * undefined elsewhere or when none runs here.
 */
export function postgresCpuTimeMs(): number | undefined {
  let ticks = 0;
  let found = false;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      found = true;
    }
  } catch {
    return undefined;
  }
  return found && Number.isFinite(ticks) ? (ticks * 1000) / 100 : undefined;
}

/**
 * CPU time (ms) this process and its reaped children (servers, stream clients) have used so far,
 * from /proc (Linux); undefined elsewhere.
 */
export function ownCpuTimeMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? (ticks * 1000) / 100 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (ms, all cores) the whole machine has spent busy so far, from /proc/stat (Linux); undefined elsewhere. */
export function machineBusyMs(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    const ticks = [user, nice, system, irq, softirq, steal].reduce((sum: number, n) => sum + (n ?? 0), 0);
    return Number.isFinite(ticks) ? (ticks * 1000) / 100 : undefined;
  } catch {
    return undefined;
  }
}
