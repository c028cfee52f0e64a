import { sql } from 'kysely';
import { Type } from 'typebox';
import type { ServerContext } from '../context.js';
import type { Api } from '../http/api.js';

const Status = Type.Object({
  status: Type.String({ description: 'ok, or unavailable' }),
  detail: Type.Optional(Type.String()),
});

/** A database that takes longer than this to answer `select 1` is as good as unreachable. */
const READINESS_TIMEOUT_MS = 2000;

/**
 * Probes for orchestrators and monitoring, outside the API's authentication: liveness (the
 * process answers), readiness (its database answers too), and Prometheus metrics.
 */
export function healthRoutes(app: Api, ctx: ServerContext): void {
  const documented = { tags: ['health'], security: [] };

  app.get(
    '/healthz',
    { schema: { ...documented, summary: 'Liveness: the process answers', response: { 200: Status } } },
    () => ({ status: 'ok' }),
  );

  const readiness = {
    ...documented,
    summary: 'Readiness: the database answers',
    response: { 200: Status, 503: { ...Status, description: 'The database does not answer (the reason is logged)' } },
  };
  app.get('/readyz', { schema: readiness }, async (request, reply) => {
    const problem = await databaseProblem(ctx);
    if (problem === undefined) return { status: 'ok' };
    // The reason goes to the log only: it can name hosts and users, and this probe is public.
    request.log.warn({ problem }, 'not ready: the database does not answer');
    return reply.code(503).send({ status: 'unavailable', detail: 'The database does not answer.' });
  });

  const metrics = {
    ...documented,
    summary: 'Prometheus metrics',
    response: { 200: { description: 'The text format', content: { 'text/plain': { schema: Type.String() } } } },
  };
  app.get('/metrics', { schema: metrics }, async (_request, reply) => {
    const registry = ctx.metrics.registry;
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/** Why the database cannot serve, or undefined when `select 1` comes back in time. */
async function databaseProblem(ctx: ServerContext): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`no answer to "select 1" within ${READINESS_TIMEOUT_MS} ms`),
      READINESS_TIMEOUT_MS,
    );
  });
  const query = sql`select 1`.execute(ctx.db).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
