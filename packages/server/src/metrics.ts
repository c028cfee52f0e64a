import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type StreamProtocol = 'sdk' | 'ofrep';

/**
 * The server's Prometheus metrics, on a registry of its own: several servers can run in one
 * process (tests, benchmarks), and prom-client's global registry would mix their numbers.
 */
export class Metrics {
  readonly registry = new Registry();

  /** Seconds per request, by route pattern (never the raw URL: keys in paths would explode it). */
  readonly requestDuration = new Histogram({
    name: 'vexil_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern, method and status code (SSE streams excluded)',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly openStreams = new Gauge({
    name: 'vexil_sse_streams_open',
    help: 'Server-Sent Event streams currently open, by protocol (sdk, ofrep)',
    labelNames: ['protocol'] as const,
    registers: [this.registry],
  });

  readonly evaluations = new Counter({
    name: 'vexil_flag_evaluations_total',
    help: 'Flags evaluated by the server (remote evaluation: /sdk/v1/evaluate and OFREP)',
    labelNames: ['endpoint'] as const,
    registers: [this.registry],
  });

  readonly eventsIngested = new Counter({
    name: 'vexil_events_ingested_total',
    help: 'SDK events accepted by /sdk/v1/events, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Unprefixed, so the usual process and Node.js dashboards work as they are.
    collectDefaultMetrics({ register: this.registry });
    // Every label combination is exported from the start, so dashboards see zeros, not gaps.
    for (const protocol of ['sdk', 'ofrep'] satisfies StreamProtocol[]) this.openStreams.set({ protocol }, 0);
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A long-lived response (SSE): its duration is the connection's, not a latency to record. */
    streaming?: boolean;
  }
}

/**
 * Records every request's latency under its route pattern; URLs no route answers share one label
 * (also those the console's catch-all handed back as not found).
 */
export function recordRequestDurations(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions;
    if (route.config.streaming !== true) {
      metrics.requestDuration.observe(
        {
          route: request.is404 ? 'unmatched' : (route.url ?? 'unmatched'),
          method: request.method,
          status: reply.statusCode,
        },
        reply.elapsedTime / 1000,
      );
    }
    done();
  });
}
