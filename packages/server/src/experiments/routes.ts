import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { created, noContent, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { getExperimentResults } from './results.js';
import {
  ExperimentChangeSchema,
  ExperimentResultsSchema,
  ExperimentViewSchema,
  NewExperimentSchema,
  StopExperimentSchema,
} from './schemas.js';
import {
  changeExperiment,
  createExperiment,
  deleteExperiment,
  getExperiment,
  listExperiments,
  startExperiment,
  stopExperiment,
} from './service.js';

const ProjectParams = Strict({ project: Type.String() });
const ExperimentParams = Strict({ project: Type.String(), experiment: Type.String() });

/** Experiments of a project and their results (docs/experiments.md, "Experiments"). */
export function experimentRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['experiments'];
  api.get(
    '/projects/:project/experiments',
    {
      schema: {
        tags,
        summary: 'List experiments',
        description: 'Only those in environments the caller may read.',
        params: ProjectParams,
        response: ok(Type.Array(ExperimentViewSchema)),
      },
    },
    (request) => listExperiments(ctx, actorOf(request), request.params.project),
  );

  api.post(
    '/projects/:project/experiments',
    {
      schema: {
        tags,
        summary: 'Create an experiment (a draft)',
        params: ProjectParams,
        body: NewExperimentSchema,
        response: created(ExperimentViewSchema),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createExperiment(ctx, actorOf(request), request.params.project, request.body)),
  );

  api.get(
    '/projects/:project/experiments/:experiment',
    { schema: { tags, summary: 'Get an experiment', params: ExperimentParams, response: ok(ExperimentViewSchema) } },
    (request) => getExperiment(ctx, actorOf(request), request.params.project, request.params.experiment),
  );

  api.patch(
    '/projects/:project/experiments/:experiment',
    {
      schema: {
        tags,
        summary: 'Change some fields of a draft experiment',
        params: ExperimentParams,
        body: ExperimentChangeSchema,
        response: ok(ExperimentViewSchema),
      },
    },
    (request) =>
      changeExperiment(ctx, actorOf(request), request.params.project, request.params.experiment, request.body),
  );

  api.delete(
    '/projects/:project/experiments/:experiment',
    { schema: { tags, summary: 'Delete a draft experiment', params: ExperimentParams, response: noContent } },
    async (request, reply) => {
      await deleteExperiment(ctx, actorOf(request), request.params.project, request.params.experiment);
      return reply.code(204).send();
    },
  );

  api.post(
    '/projects/:project/experiments/:experiment/start',
    {
      schema: {
        tags,
        summary: 'Start an experiment: its allocations track exposures',
        description:
          'Turns `track` on for the allocations in the flag’s state (one audited flag change, in the same transaction). Needs `flag:write` in the environment. 409 when the allocations are gone or do not split traffic between the control and another variation.',
        params: ExperimentParams,
        response: ok(ExperimentViewSchema),
      },
    },
    (request) => startExperiment(ctx, actorOf(request), request.params.project, request.params.experiment),
  );

  api.post(
    '/projects/:project/experiments/:experiment/stop',
    {
      schema: {
        tags,
        summary: 'Stop an experiment, optionally shipping a variation',
        description:
          'Its allocations stop tracking; with `ship` they serve that variation to everyone. One audited flag change, in the same transaction. Needs `flag:write` in the environment.',
        params: ExperimentParams,
        body: StopExperimentSchema,
        response: ok(ExperimentViewSchema),
      },
      // The body is optional: no body stops without shipping.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    (request) => stopExperiment(ctx, actorOf(request), request.params.project, request.params.experiment, request.body),
  );

  api.get(
    '/projects/:project/experiments/:experiment/results',
    {
      schema: {
        tags,
        summary: 'Results of an experiment, per metric and variation',
        description:
          'Subjects, conversions or mean, lift against control with its 95 % and always-valid intervals, p-value, chance to beat control, CUPED, the sample-ratio check, the primary metric over time, and why there is no data when there is none.',
        params: ExperimentParams,
        response: ok(ExperimentResultsSchema),
      },
    },
    (request) => getExperimentResults(ctx, actorOf(request), request.params.project, request.params.experiment),
  );
}
