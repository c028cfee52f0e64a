import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { created, noContent, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { MetricChangeSchema, MetricViewSchema, NewMetricSchema } from './schemas.js';
import { changeMetric, createMetric, deleteMetric, getMetric, listMetrics } from './service.js';

const ProjectParams = Strict({ project: Type.String() });
const MetricParams = Strict({ project: Type.String(), metric: Type.String() });

/** Experiment metrics of a project (docs/experiments.md, "Metrics"). */
export function metricRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['metrics'];
  api.get(
    '/projects/:project/metrics',
    { schema: { tags, summary: 'List metrics', params: ProjectParams, response: ok(Type.Array(MetricViewSchema)) } },
    (request) => listMetrics(ctx, actorOf(request), request.params.project),
  );

  api.post(
    '/projects/:project/metrics',
    {
      schema: {
        tags,
        summary: 'Create a metric',
        params: ProjectParams,
        body: NewMetricSchema,
        response: created(MetricViewSchema),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createMetric(ctx, actorOf(request), request.params.project, request.body)),
  );

  api.get(
    '/projects/:project/metrics/:metric',
    { schema: { tags, summary: 'Get a metric', params: MetricParams, response: ok(MetricViewSchema) } },
    (request) => getMetric(ctx, actorOf(request), request.params.project, request.params.metric),
  );

  api.patch(
    '/projects/:project/metrics/:metric',
    {
      schema: {
        tags,
        summary: 'Change some fields of a metric',
        params: MetricParams,
        body: MetricChangeSchema,
        response: ok(MetricViewSchema),
      },
    },
    (request) => changeMetric(ctx, actorOf(request), request.params.project, request.params.metric, request.body),
  );

  api.delete(
    '/projects/:project/metrics/:metric',
    { schema: { tags, summary: 'Delete a metric', params: MetricParams, response: noContent } },
    async (request, reply) => {
      await deleteMetric(ctx, actorOf(request), request.params.project, request.params.metric);
      return reply.code(204).send();
    },
  );
}
