import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { created, Key, Name, noContent, ok, Strict } from '../http/schemas.js';
import { Critical, EnvironmentViewSchema } from './schemas.js';
import type { ServerContext } from '../context.js';
import {
  createEnvironment,
  deleteEnvironment,
  getEnvironment,
  listEnvironments,
  reorderEnvironments,
  updateEnvironment,
} from './service.js';

const ProjectParams = Strict({ project: Type.String() });
const EnvironmentParams = Strict({ project: Type.String(), environment: Type.String() });
const Position = Type.Integer({ minimum: 0, description: 'Place in the project’s order, from 0' });

export function environmentRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['environments'];
  api.get(
    '/projects/:project/environments',
    {
      schema: {
        tags,
        summary: 'List environments in order',
        params: ProjectParams,
        response: ok(Type.Array(EnvironmentViewSchema)),
      },
    },
    (request) => listEnvironments(ctx, actorOf(request), request.params.project),
  );

  api.post(
    '/projects/:project/environments',
    {
      schema: {
        tags,
        summary: 'Create an environment',
        params: ProjectParams,
        response: created(EnvironmentViewSchema),
        body: Strict(
          {
            key: Key,
            name: Type.Optional(Name),
            position: Type.Optional(Position),
            critical: Type.Optional(Critical),
          },
          { examples: [{ key: 'qa', name: 'QA', position: 1, critical: false }] },
        ),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEnvironment(ctx, actorOf(request), request.params.project, request.body)),
  );

  api.put(
    '/projects/:project/environments/order',
    {
      schema: {
        tags,
        summary: 'Reorder environments',
        params: ProjectParams,
        response: ok(Type.Array(EnvironmentViewSchema)),
        body: Strict(
          { order: Type.Array(Key, { minItems: 1 }) },
          { examples: [{ order: ['development', 'qa', 'staging', 'production'] }] },
        ),
      },
    },
    (request) => reorderEnvironments(ctx, actorOf(request), request.params.project, request.body.order),
  );

  api.get(
    '/projects/:project/environments/:environment',
    { schema: { tags, summary: 'Get an environment', params: EnvironmentParams, response: ok(EnvironmentViewSchema) } },
    (request) => getEnvironment(ctx, actorOf(request), request.params.project, request.params.environment),
  );

  api.patch(
    '/projects/:project/environments/:environment',
    {
      schema: {
        tags,
        summary: 'Rename or move an environment, or mark it critical',
        params: EnvironmentParams,
        response: ok(EnvironmentViewSchema),
        body: Strict(
          {
            name: Type.Optional(Name),
            position: Type.Optional(Position),
            critical: Type.Optional(Critical),
          },
          { examples: [{ name: 'Production (EU)', critical: true }] },
        ),
      },
    },
    (request) =>
      updateEnvironment(ctx, actorOf(request), request.params.project, request.params.environment, request.body),
  );

  api.delete(
    '/projects/:project/environments/:environment',
    {
      schema: {
        tags,
        summary: 'Delete an environment with its flag states and SDK keys',
        params: EnvironmentParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await deleteEnvironment(ctx, actorOf(request), request.params.project, request.params.environment);
      return reply.code(204).send();
    },
  );
}
