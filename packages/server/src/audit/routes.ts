import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { Key, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { auditEntryId } from './schemas.js';
import { DEFAULT_AUDIT_PAGE, listAuditEntries, MAX_AUDIT_PAGE, type AuditPage } from './service.js';

const DateTime = Type.String({
  format: 'date-time',
  description: 'ISO 8601 date-time with a time zone, e.g. 2026-11-22T00:00:00Z',
});

const AuditQuerySchema = Strict({
  resourceType: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'e.g. flag, segment, sdk-key, api-token, environment, project',
    }),
  ),
  resource: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The resource’s key (or id, for SDK keys and API tokens)',
    }),
  ),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'An actor’s id or name' })),
  action: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[a-z][a-z.-]*(\\.\\*)?$',
      description: 'An action (flag.state.updated), or every action of a resource type with `.*` (flag.*)',
    }),
  ),
  project: Type.Optional(Key),
  environment: Type.Optional(Key),
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_AUDIT_PAGE,
      description: `Entries per page (default ${DEFAULT_AUDIT_PAGE})`,
    }),
  ),
  before: Type.Optional(auditEntryId('The `next` of the previous page')),
});

const AuditPageSchema = Type.Unsafe<AuditPage>(
  Type.Object({
    entries: Type.Array(
      Type.Object({
        id: Type.Integer(),
        createdAt: Type.String({ format: 'date-time' }),
        actor: Type.Object({
          type: Type.String({ description: 'api-token, admin-token or member' }),
          id: Type.String(),
          name: Type.String(),
        }),
        action: Type.String({ description: 'e.g. flag.created, flag.state.updated, segment.deleted, sdk-key.rotated' }),
        resource: Type.Object({ type: Type.String(), key: Type.String() }),
        project: Type.Union([Type.String(), Type.Null()]),
        environment: Type.Union([Type.String(), Type.Null()]),
        before: Type.Unknown({ description: 'The resource before the change (null when created)' }),
        after: Type.Unknown({ description: 'The resource after the change (null when deleted)' }),
      }),
      { description: 'Newest first' },
    ),
    next: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Pass as `before` for the next page; null on the last page',
    }),
  }),
);

export function auditRoutes(api: Api, ctx: ServerContext): void {
  api.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (who changed what, when, before and after)',
        querystring: AuditQuerySchema,
        response: ok(AuditPageSchema),
      },
    },
    (request) => listAuditEntries(ctx, actorOf(request), request.query),
  );
}
