import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { versionFromIfMatch } from '../http/if-match.js';
import { created, noContent, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import type { EvaluationContext } from '@vexil/engine';
import { evaluateSegment } from './evaluate.js';
import {
  NewSegmentSchema,
  SegmentDefinitionSchema,
  SegmentEvaluationRequestSchema,
  SegmentEvaluationSchema,
  SegmentUsageSchema,
  SegmentViewSchema,
} from './schemas.js';
import { changeSegment, createSegment, deleteSegment, getSegment, listSegments } from './service.js';
import { listSegmentUsage } from './usage.js';

const ProjectParams = Strict({ project: Type.String() });
const SegmentParams = Strict({ project: Type.String(), segment: Type.String() });
const IfMatch = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The segment version you edited (`"3"`); 412 if someone saved it since' }),
  ),
});

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
        headers: IfMatch,
        body: SegmentDefinitionSchema,
        response: ok(SegmentViewSchema),
      },
    },
    (request) =>
      changeSegment(
        ctx,
        actorOf(request),
        request.params.project,
        request.params.segment,
        { replace: request.body },
        versionFromIfMatch(request.headers['if-match'], 'the segment version'),
      ),
  );

  api.patch(
    '/projects/:project/segments/:segment',
    {
      schema: {
        tags,
        summary: 'Change some fields of a segment (e.g. {"included": [...]})',
        params: SegmentParams,
        headers: IfMatch,
        body: SegmentDefinitionSchema,
        response: ok(SegmentViewSchema),
      },
    },
    (request) =>
      changeSegment(
        ctx,
        actorOf(request),
        request.params.project,
        request.params.segment,
        { patch: request.body },
        versionFromIfMatch(request.headers['if-match'], 'the segment version'),
      ),
  );

  api.get(
    '/projects/:project/segment-usage',
    {
      schema: {
        tags,
        summary: 'Where the project’s segments are used: for each, the flags whose allocations name it, and where',
        params: ProjectParams,
        response: ok(SegmentUsageSchema),
      },
    },
    (request) => listSegmentUsage(ctx, actorOf(request), request.params.project),
  );

  api.post(
    '/projects/:project/segments/:segment/evaluate',
    {
      schema: {
        tags,
        summary: 'Whether a context is in the segment, and why; also for unsaved edits (a draft definition)',
        params: SegmentParams,
        body: SegmentEvaluationRequestSchema,
        response: ok(SegmentEvaluationSchema),
      },
    },
    (request) =>
      evaluateSegment(ctx, actorOf(request), request.params.project, request.params.segment, {
        context: request.body.context as EvaluationContext,
        draft: request.body.draft,
      }),
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
