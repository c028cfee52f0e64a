import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { created, Description, Key, Name, noContent, ok, Strict } from '../http/schemas.js';
import { ProjectViewSchema } from './schemas.js';
import type { ServerContext } from '../context.js';
import { createProject, deleteProject, getProject, listProjects, updateProject } from './service.js';

const ProjectParams = Strict({ project: Type.String() });

export function projectRoutes(api: Api, ctx: ServerContext): void {
  api.get(
    '/projects',
    { schema: { tags: ['projects'], summary: 'List projects', response: ok(Type.Array(ProjectViewSchema)) } },
    (request) => listProjects(ctx, actorOf(request)),
  );

  api.post(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Create a project (with development, staging and production unless environments are given)',
        response: created(ProjectViewSchema),
        body: Strict(
          {
            key: Key,
            name: Type.Optional(Name),
            description: Type.Optional(Description),
            environments: Type.Optional(
              Type.Array(Strict({ key: Key, name: Type.Optional(Name) }), { minItems: 1, maxItems: 100 }),
            ),
          },
          { examples: [{ key: 'mobile-app', name: 'Mobile app', description: 'Flags of the iOS and Android apps' }] },
        ),
      },
    },
    async (request, reply) => reply.code(201).send(await createProject(ctx, actorOf(request), request.body)),
  );

  api.get(
    '/projects/:project',
    {
      schema: { tags: ['projects'], summary: 'Get a project', params: ProjectParams, response: ok(ProjectViewSchema) },
    },
    (request) => getProject(ctx, actorOf(request), request.params.project),
  );

  api.patch(
    '/projects/:project',
    {
      schema: {
        tags: ['projects'],
        summary: 'Rename or describe a project',
        response: ok(ProjectViewSchema),
        params: ProjectParams,
        body: Strict(
          { name: Type.Optional(Name), description: Type.Optional(Description) },
          {
            examples: [{ name: 'Mobile app', description: 'Flags of the iOS and Android apps, and of their backend' }],
          },
        ),
      },
    },
    (request) => updateProject(ctx, actorOf(request), request.params.project, request.body),
  );

  api.delete(
    '/projects/:project',
    {
      schema: {
        tags: ['projects'],
        summary: 'Delete a project and everything in it',
        params: ProjectParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await deleteProject(ctx, actorOf(request), request.params.project);
      return reply.code(204).send();
    },
  );
}
