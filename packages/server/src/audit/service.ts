import { actorMay, authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { AuditRow } from '../db/schema.js';
import { readableBy, withoutHiddenEnvironments } from '../environments/readable.js';
import { problems } from '../http/problems.js';

export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 500;

export interface AuditQuery {
  resourceType?: string | undefined;
  resource?: string | undefined;
  /** An actor's id or name. */
  actor?: string | undefined;
  /** An action, or `type.*` for every action of a resource type. */
  action?: string | undefined;
  project?: string | undefined;
  environment?: string | undefined;
  /** ISO 8601 date-times: entries from `from` (inclusive) to `to` (exclusive). */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  /** The `next` of the previous page: entries older than this id. */
  before?: number | undefined;
}

export interface AuditEntry {
  id: number;
  createdAt: string;
  actor: { type: string; id: string; name: string };
  action: string;
  resource: { type: string; key: string };
  project: string | null;
  environment: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Pass as `before` for the next page; null on the last one. */
  next: number | null;
}

/**
 * The audit log, newest first. Everyone sees the entries of what they may read: organisation-wide
 * readers everything, a project's or an environment's members that project's or environment's
 * entries — and of an entry about a whole project or flag, only what it holds of the environments
 * they may read (a flag's states, a project's environments).
 */
export async function listAuditEntries(ctx: ServerContext, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  // Every role may read something; an actor with none is refused as it would be anywhere else.
  if (actor.roles.length === 0) authorize(actor, 'audit:read');
  const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
  const from = instant(query.from, 'from');
  const to = instant(query.to, 'to');
  if (from && to && from >= to)
    throw problems.validation([{ path: 'querystring.to', message: 'must be later than from' }]);

  let base = ctx.db.selectFrom('auditLog').selectAll().where('organizationId', '=', actor.organizationId);
  if (query.resourceType) base = base.where('resourceType', '=', query.resourceType);
  if (query.resource) base = base.where('resourceKey', '=', query.resource);
  if (query.actor)
    base = base.where((eb) =>
      eb.or([eb('actorId', '=', query.actor as string), eb('actorName', '=', query.actor as string)]),
    );
  if (query.action?.endsWith('.*')) base = base.where('action', 'like', `${query.action.slice(0, -1)}%`);
  else if (query.action) base = base.where('action', '=', query.action);
  if (query.project) base = base.where('projectKey', '=', query.project);
  if (query.environment) base = base.where('environmentKey', '=', query.environment);
  if (from) base = base.where('createdAt', '>=', from);
  if (to) base = base.where('createdAt', '<', to);
  const orgWide = actorMay(actor, 'audit:read');
  if (!orgWide) {
    // Narrow in SQL to the projects the actor has roles in; `visibleTo` has the last word.
    const projects = [
      ...new Set(actor.roles.flatMap((binding) => (binding.project === undefined ? [] : [binding.project]))),
    ];
    base = base.where('projectKey', 'in', projects);
  }

  // One row more than the page tells whether there is a next page. Rows the actor may not see
  // are skipped, so a filtered reader may need several batches to fill one page.
  const wanted = limit + 1;
  const batchSize = orgWide ? wanted : Math.max(wanted, 200);
  const rows: AuditRow[] = [];
  let cursor = query.before;
  for (;;) {
    const batch = await (cursor === undefined ? base : base.where('id', '<', cursor))
      .orderBy('id', 'desc')
      .limit(batchSize)
      .execute();
    for (const row of batch) {
      if (rows.length < wanted && visibleTo(actor, row)) rows.push(row);
    }
    const last = batch.at(-1);
    if (rows.length >= wanted || batch.length < batchSize || !last) break;
    cursor = last.id;
  }
  const page = rows.slice(0, limit);
  return {
    entries: page.map((row) => auditEntry(actor, row)),
    next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

function visibleTo(actor: Actor, row: AuditRow): boolean {
  const scope =
    row.projectKey === null
      ? {}
      : { project: row.projectKey, ...(row.environmentKey === null ? {} : { environment: row.environmentKey }) };
  return actorMay(actor, 'audit:read', scope);
}

/** An ISO 8601 date-time in the form stored (UTC, milliseconds), so that text comparison orders by time. */
function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw problems.validation([{ path: `querystring.${field}`, message: 'must be an ISO 8601 date-time' }]);
  return new Date(time).toISOString();
}

function auditEntry(actor: Actor, row: AuditRow): AuditEntry {
  const document = (json: string | null) => {
    const parsed = json === null ? null : (JSON.parse(json) as unknown);
    return row.projectKey === null
      ? parsed
      : withoutHiddenEnvironments(parsed, readableBy(actor, 'audit:read', row.projectKey));
  };
  return {
    id: row.id,
    createdAt: row.createdAt,
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    action: row.action,
    resource: { type: row.resourceType, key: row.resourceKey },
    project: row.projectKey,
    environment: row.environmentKey,
    before: document(row.before),
    after: document(row.after),
  };
}
