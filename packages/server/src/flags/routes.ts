import { Type } from 'typebox';
import type { EvaluationContext, FlagState } from '@vexil/engine';
import { actorOf, type Api } from '../http/api.js';
import { versionFromIfMatch } from '../http/if-match.js';
import { created, noContent, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { listDependents } from './dependents.js';
import { evaluateFlag, type FlagDraft } from './evaluate.js';
import { listFlagHistory, revertFlagChange } from './history.js';
import { getFlagInsights } from './insights.js';
import { listFlags } from './list.js';
import {
  BulkArchiveResultSchema,
  BulkArchiveSchema,
  FlagDependentsSchema,
  FlagEvaluationRequestSchema,
  FlagEvaluationSchema,
  FlagListQuerySchema,
  FlagPageSchema,
  FlagHistoryEntrySchema,
  FlagHistoryPageSchema,
  FlagHistoryQuerySchema,
  FlagInsightsQuerySchema,
  FlagInsightsSchema,
  FlagStatePatchSchema,
  FlagStateSchema,
  FlagStateViewSchema,
  FlagUpdateSchema,
  FlagViewSchema,
  HistoryEntryId,
  NewFlagSchema,
} from './schemas.js';
import {
  archiveFlags,
  changeFlagState,
  createFlag,
  deleteFlag,
  getFlag,
  getFlagState,
  setArchived,
  updateFlag,
} from './service.js';

const ProjectParams = Strict({ project: Type.String() });
const FlagParams = Strict({ project: Type.String(), flag: Type.String() });
const StateParams = Strict({ project: Type.String(), flag: Type.String(), environment: Type.String() });
const IfMatch = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The state version you edited; 412 if it changed since' })),
});
const DefinitionIfMatch = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The flag’s version (its definition) you edited; 412 if it changed since' }),
  ),
});
const EntryParams = Strict({ project: Type.String(), flag: Type.String(), entryId: HistoryEntryId });
const RevertIfMatch = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      description: 'The version of the definition (or state) the entry changed, as you saw it; 412 if it changed since',
    }),
  ),
});

export function flagRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['flags'];
  api.get(
    '/projects/:project/flags',
    {
      schema: {
        tags,
        summary: 'List flags a page at a time, sorted by key, filtered, with a summary each',
        response: ok(FlagPageSchema),
        params: ProjectParams,
        querystring: FlagListQuerySchema,
      },
    },
    (request) => listFlags(ctx, actorOf(request), request.params.project, request.query),
  );

  api.post(
    '/projects/:project/flags/archive',
    {
      schema: {
        tags,
        summary: 'Archive several flags at once: all of them, or none',
        params: ProjectParams,
        body: BulkArchiveSchema,
        response: ok(BulkArchiveResultSchema),
      },
    },
    (request) => archiveFlags(ctx, actorOf(request), request.params.project, request.body.keys),
  );

  api.post(
    '/projects/:project/flags',
    {
      schema: {
        tags,
        summary: 'Create a flag (off in every environment, unless `environments` says otherwise)',
        params: ProjectParams,
        body: NewFlagSchema,
        response: created(FlagViewSchema),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFlag(ctx, actorOf(request), request.params.project, request.body)),
  );

  api.get(
    '/projects/:project/flags/:flag',
    {
      schema: {
        tags,
        summary: 'Get a flag with its state in every environment',
        params: FlagParams,
        response: ok(FlagViewSchema),
      },
    },
    (request) => getFlag(ctx, actorOf(request), request.params.project, request.params.flag),
  );

  api.patch(
    '/projects/:project/flags/:flag',
    {
      schema: {
        tags,
        summary: 'Change a flag’s definition',
        params: FlagParams,
        headers: DefinitionIfMatch,
        body: FlagUpdateSchema,
        response: ok(FlagViewSchema),
      },
    },
    (request) =>
      updateFlag(ctx, actorOf(request), request.params.project, request.params.flag, request.body, {
        expectedVersion: versionFromIfMatch(request.headers['if-match'], 'the state version'),
      }),
  );

  api.post(
    '/projects/:project/flags/:flag/archive',
    {
      schema: {
        tags,
        summary: 'Archive a flag (SDKs stop seeing it)',
        params: FlagParams,
        response: ok(FlagViewSchema),
      },
    },
    (request) => setArchived(ctx, actorOf(request), request.params.project, request.params.flag, true),
  );

  api.post(
    '/projects/:project/flags/:flag/restore',
    { schema: { tags, summary: 'Restore an archived flag', params: FlagParams, response: ok(FlagViewSchema) } },
    (request) => setArchived(ctx, actorOf(request), request.params.project, request.params.flag, false),
  );

  api.delete(
    '/projects/:project/flags/:flag',
    { schema: { tags, summary: 'Delete a flag for good', params: FlagParams, response: noContent } },
    async (request, reply) => {
      await deleteFlag(ctx, actorOf(request), request.params.project, request.params.flag);
      return reply.code(204).send();
    },
  );

  api.get(
    '/projects/:project/flags/:flag/environments/:environment',
    {
      schema: {
        tags,
        summary: 'Get a flag’s state in an environment, with the version to send back as If-Match',
        params: StateParams,
        response: ok(FlagStateViewSchema),
      },
    },
    (request) =>
      getFlagState(ctx, actorOf(request), request.params.project, request.params.flag, request.params.environment),
  );

  api.put(
    '/projects/:project/flags/:flag/environments/:environment',
    {
      schema: {
        tags,
        summary: 'Replace a flag’s state in an environment',
        params: StateParams,
        headers: IfMatch,
        body: FlagStateSchema,
        response: ok(FlagStateViewSchema),
      },
    },
    (request) =>
      changeFlagState(
        ctx,
        actorOf(request),
        request.params.project,
        request.params.flag,
        request.params.environment,
        { replace: request.body as FlagState },
        versionFromIfMatch(request.headers['if-match'], 'the state version'),
      ),
  );

  api.patch(
    '/projects/:project/flags/:flag/environments/:environment',
    {
      schema: {
        tags,
        summary: 'Change some fields of a flag’s state in an environment (e.g. {"on": true})',
        params: StateParams,
        headers: IfMatch,
        body: FlagStatePatchSchema,
        response: ok(FlagStateViewSchema),
      },
    },
    (request) =>
      changeFlagState(
        ctx,
        actorOf(request),
        request.params.project,
        request.params.flag,
        request.params.environment,
        { patch: request.body },
        versionFromIfMatch(request.headers['if-match'], 'the state version'),
      ),
  );

  api.post(
    '/projects/:project/flags/:flag/evaluate',
    {
      schema: {
        tags,
        summary: 'What the flag serves a context in each environment, and why; also for unsaved edits (a draft)',
        params: FlagParams,
        body: FlagEvaluationRequestSchema,
        response: ok(FlagEvaluationSchema),
      },
    },
    (request) =>
      evaluateFlag(ctx, actorOf(request), request.params.project, request.params.flag, {
        context: request.body.context as EvaluationContext,
        draft: request.body.draft as FlagDraft | undefined,
      }),
  );

  api.get(
    '/projects/:project/flags/:flag/dependents',
    {
      schema: {
        tags,
        summary: 'Where the flag is used: live flags requiring it as a prerequisite, and in which environments',
        params: FlagParams,
        response: ok(FlagDependentsSchema),
      },
    },
    (request) => listDependents(ctx, actorOf(request), request.params.project, request.params.flag),
  );

  api.get(
    '/projects/:project/flags/:flag/environments/:environment/insights',
    {
      schema: {
        tags,
        summary:
          'How often the flag served each variation in one environment over the last 24 hours, 7 days or 30 days, per hour or day',
        params: StateParams,
        querystring: FlagInsightsQuerySchema,
        response: ok(FlagInsightsSchema),
      },
    },
    (request) => {
      const { project, flag, environment } = request.params;
      return getFlagInsights(ctx, actorOf(request), project, flag, environment, request.query);
    },
  );

  api.get(
    '/projects/:project/flags/:flag/history',
    {
      schema: {
        tags,
        summary: 'A flag’s history: every change to its definition and states, newest first, with a diff each',
        params: FlagParams,
        querystring: FlagHistoryQuerySchema,
        response: ok(FlagHistoryPageSchema),
      },
    },
    (request) => listFlagHistory(ctx, actorOf(request), request.params.project, request.params.flag, request.query),
  );

  api.post(
    '/projects/:project/flags/:flag/history/:entryId/revert',
    {
      schema: {
        tags,
        summary:
          'Undo one change of a flag’s history: the fields it changed go back (a new change, in the history too)',
        params: EntryParams,
        headers: RevertIfMatch,
        response: created(FlagHistoryEntrySchema),
      },
    },
    async (request, reply) => {
      const { project, flag, entryId } = request.params;
      return reply
        .code(201)
        .send(
          await revertFlagChange(
            ctx,
            actorOf(request),
            project,
            flag,
            entryId,
            versionFromIfMatch(request.headers['if-match'], 'the state version'),
          ),
        );
    },
  );
}
