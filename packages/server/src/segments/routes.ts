import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { created, noContent, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { NewSegmentSchema, SegmentDefinitionSchema, SegmentViewSchema } from './schemas.js';
import { changeSegment, createSegment, deleteSegment, getSegment, listSegments } from './service.js';

const ProjectParams = Strict({ project: Type.String() });
const SegmentParams = Strict({ project: Type.String(), segment: Type.String() });

export function segmentRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['segments'];
  api.get(
    '/projects/:project/segments',
    { schema: { tags, summary: 'List segments', params: ProjectParams, response: ok(Type.Array(SegmentViewSchema)) } },
    (request) => listSegments(ctx, actorOf(request), request.params.project),
  );

  api.post(
    '/projects/:project/segments',
    {
      schema: {
        tags,
        summary: 'Create a segment',
        params: ProjectParams,
        body: NewSegmentSchema,
        response: created(SegmentViewSchema),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSegment(ctx, actorOf(request), request.params.project, request.body)),
  );

  api.get(
    '/projects/:project/segments/:segment',
    { schema: { tags, summary: 'Get a segment', params: SegmentParams, response: ok(SegmentViewSchema) } },
    (request) => getSegment(ctx, actorOf(request), request.params.project, request.params.segment),
  );

  api.put(
    '/projects/:project/segments/:segment',
    {
      schema: {
        tags,
        summary: 'Replace a segment’s definition (fields left out are removed)',
        params: SegmentParams,
        body: SegmentDefinitionSchema,
        response: ok(SegmentViewSchema),
      },
    },
    (request) =>
      changeSegment(ctx, actorOf(request), request.params.project, request.params.segment, { replace: request.body }),
  );

  api.patch(
    '/projects/:project/segments/:segment',
    {
      schema: {
        tags,
        summary: 'Change some fields of a segment (e.g. {"included": [...]})',
        params: SegmentParams,
        body: SegmentDefinitionSchema,
        response: ok(SegmentViewSchema),
      },
    },
    (request) =>
      changeSegment(ctx, actorOf(request), request.params.project, request.params.segment, { patch: request.body }),
  );

  api.delete(
    '/projects/:project/segments/:segment',
    { schema: { tags, summary: 'Delete a segment no flag uses', params: SegmentParams, response: noContent } },
    async (request, reply) => {
      await deleteSegment(ctx, actorOf(request), request.params.project, request.params.segment);
      return reply.code(204).send();
    },
  );
}
