/**
 * HTTP load with autocannon's programmatic API, in this process (the server runs in its own).
 * Latencies are taken from autocannon's `response` events at full precision (its own histogram
 * keeps whole milliseconds), and both processes' CPU use is sampled, so a report can tell a
 * server-bound cell from a client-bound one.
 */
import { cpuUsage } from 'node:process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { cpuTimeMs, machineBusyMs } from './server.js';
import { quantile } from './stats.js';

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  /** Each connection sends these in turn, over and over. */
  requests: autocannon.Request[];
  /** Process id of the server, for its CPU use. */
  serverPid: number;
}

export interface LoadResult {
  requests: number;
  durationS: number;
  reqPerSec: number;
  /** Latency percentiles over the responses after the first {@link LATENCY_FROM_MS} ms. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerSec: number;
  /** CPU used by the server / by this process (the load generator), in % of one core; undefined where /proc is missing. */
  serverCpu: number | undefined;
  clientCpu: number;
  /** CPU used meanwhile by everything else on the machine (other processes, kernel), same unit: noise. */
  otherCpu: number | undefined;
}

/**
 * Latencies count from this far into a run. At the start autocannon builds every connection's
 * request list (50 × 512 bodies) on its event loop, and the first responses wait for it: ~0.25 s
 * of client-side delay that would otherwise show up as the server's worst latency.
 */
export const LATENCY_FROM_MS = 500;

export async function load(options: LoadOptions): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const statusCodes: Record<string, number> = {};
  const serverCpuBefore = cpuTimeMs(options.serverPid);
  const clientCpuBefore = cpuUsage();
  const machineBefore = machineBusyMs();
  const started = performance.now();
  let finish!: (error: unknown, result: autocannon.Result) => void;
  const finished = new Promise<autocannon.Result>(
    (resolve, reject) => (finish = (error, result) => (error ? reject(error) : resolve(result))),
  );
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.durationS,
      requests: options.requests,
      timeout: 10,
    },
    (error, result) => finish(error, result),
  );
  const latencyFrom = started + LATENCY_FROM_MS;
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (performance.now() < latencyFrom) return;
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = responseTime;
  });
  const outcome = await finished;
  const wallMs = performance.now() - started;
  const clientCpuUsed = cpuUsage(clientCpuBefore);
  const serverCpuAfter = cpuTimeMs(options.serverPid);
  const machineAfter = machineBusyMs();
  const sorted = latencies.subarray(0, count).sort();
  const percent = (cpuMs: number) => (cpuMs / wallMs) * 100;
  const serverCpu =
    serverCpuBefore !== undefined && serverCpuAfter !== undefined
      ? percent(serverCpuAfter - serverCpuBefore)
      : undefined;
  const clientCpu = percent((clientCpuUsed.user + clientCpuUsed.system) / 1000);
  const machineCpu =
    machineBefore !== undefined && machineAfter !== undefined ? percent(machineAfter - machineBefore) : undefined;
  return {
    requests: outcome.requests.total,
    durationS: outcome.duration,
    reqPerSec: outcome.requests.total / outcome.duration,
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
    errors: outcome.errors,
    timeouts: outcome.timeouts,
    non2xx: outcome.non2xx,
    statusCodes,
    bytesPerSec: outcome.throughput.average,
    serverCpu,
    clientCpu,
    otherCpu:
      machineCpu !== undefined && serverCpu !== undefined ? Math.max(0, machineCpu - serverCpu - clientCpu) : undefined,
  };
}
