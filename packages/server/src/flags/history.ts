import type { SelectQueryBuilder } from 'kysely';
import { authorize, type Actor } from '../auth/actor.js';
import { diff, sameJson, type Change } from '../audit/diff.js';
import { DEFAULT_AUDIT_PAGE } from '../audit/service.js';
import type { ServerContext } from '../context.js';
import type { Queryable, Tx } from '../db/database.js';
import type { AuditRow, Database, FlagRow, ProjectRow } from '../db/schema.js';
import { readableBy, withoutHiddenEnvironments, type EnvironmentFilter } from '../environments/readable.js';
import { Problem, problems } from '../http/problems.js';
import { findProject } from '../projects/lookup.js';
import { FlagStateSchema, FlagUpdateSchema, type FlagStatePatch, type FlagUpdate } from './schemas.js';
import { changeFlagState, findFlag, setArchived, updateFlag } from './service.js';

/**
 * A flag's history is its audit log: every entry about the flag since it was created, both its
 * definition and its state in each environment, with what changed. A revert undoes one entry
 * through the flags service's own edits, so it is validated, permitted and sent to SDKs exactly
 * as that edit would be, and is itself an entry of the history.
 */

export interface FlagHistoryEntry {
  id: number;
  createdAt: string;
  actor: { type: string; id: string; name: string };
  action: string;
  /** The environment whose state changed; null for the flag's definition. */
  environment: string | null;
  before: unknown;
  after: unknown;
  /** From `before` to `after`, leaving out bookkeeping (versions, times). */
  diff: Change[];
  /** For a revert: the entry it undid. */
  reverts: number | null;
}

export interface FlagHistoryPage {
  /** Newest first. */
  entries: FlagHistoryEntry[];
  /** Pass as `before` for the next page; null on the last one. */
  next: number | null;
}

export interface FlagHistoryQuery {
  /** The definition's entries and this environment's (not the other environments'). */
  environment?: string | undefined;
  limit?: number | undefined;
  /** The `next` of the previous page: entries older than this id. */
  before?: number | undefined;
}

export async function listFlagHistory(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  flagKey: string,
  query: FlagHistoryQuery,
): Promise<FlagHistoryPage> {
  const { project, flag } = await readableFlag(ctx.db, actor, projectKey, flagKey);
  const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
  let entries = await historyOf(ctx.db, actor, project, flag);
  if (query.environment !== undefined) {
    const environment = query.environment;
    entries = entries.where((eb) => eb.or([eb('environmentKey', 'is', null), eb('environmentKey', '=', environment)]));
  }
  if (query.before !== undefined) entries = entries.where('id', '<', query.before);
  // One row more than the page tells whether there is a next page.
  const rows = await entries
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const readable = readableBy(actor, 'flag:read', project.key);
  return {
    entries: page.map((row) => historyEntry(row, readable)),
    next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * Undoes one entry, like `git revert`: the fields it changed go back to their values before it.
 * Refused (409) when one of them changed again since, when the entry created the flag, or when
 * the result would not be valid; 412 when `expectedVersion` (If-Match) is not the version of the
 * definition or state the entry changed. Answers the revert's own history entry.
 */
export async function revertFlagChange(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  flagKey: string,
  entryId: number,
  expectedVersion?: number,
): Promise<FlagHistoryEntry> {
  const { project, flag } = await readableFlag(ctx.db, actor, projectKey, flagKey);
  const entry = await (await historyOf(ctx.db, actor, project, flag)).where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw problems.notFound(`History entry ${entryId} of flag "${flag.key}"`);
  const revert = revertOf(entry);
  // Checked before the conflicts, so that someone who may not make the edit learns nothing more.
  authorize(
    actor,
    'flag:write',
    revert.environment === null ? { project: project.key } : { project: project.key, environment: revert.environment },
  );

  const check = async (tx: Tx): Promise<void> => {
    const current = await currentOf(tx, project, flag.key, revert);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw problems.preconditionFailed(
        `${revert.environment === null ? 'The flag' : `The flag's state in ${revert.environment}`} is at version ${current.version}, not ${expectedVersion}; reload and retry`,
      );
    }
    const moved = revert.fields.filter((field) => !sameJson(current.values[field], revert.after[field]));
    if (moved.length > 0) {
      throw problems.conflict(
        `Entry ${entry.id} cannot be reverted: ${moved.join(', ')} changed since. Revert the later changes first, or edit the flag.`,
        moved.map((field) => ({ path: field, message: `changed since entry ${entry.id}` })),
      );
    }
  };
  const action = revert.environment === null ? 'flag.reverted' : 'flag.state.reverted';
  const restored = Object.fromEntries(revert.fields.map((field) => [field, revert.before[field]]));
  const asRevert = { entryId: entry.id, check };
  try {
    if (revert.kind === 'archived')
      await setArchived(ctx, actor, project.key, flag.key, restored.archived === true, asRevert);
    else if (revert.kind === 'definition')
      await updateFlag(ctx, actor, project.key, flag.key, restored as FlagUpdate, { revertOf: asRevert });
    else
      await changeFlagState(
        ctx,
        actor,
        project.key,
        flag.key,
        revert.environment as string,
        { patch: restored as FlagStatePatch },
        undefined,
        asRevert,
      );
  } catch (error) {
    // The request is fine; what stands in the way is the flag as it now is.
    if (error instanceof Problem && error.slug === 'validation') {
      throw problems.conflict(
        `Reverting entry ${entry.id} would leave the flag invalid: ${error.detail ?? ''}`,
        error.errors,
      );
    }
    throw error;
  }
  const written = await (await historyOf(ctx.db, actor, project, flag))
    .where('action', '=', action)
    .where('actorId', '=', actor.id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return historyEntry(written, readableBy(actor, 'flag:read', project.key));
}

async function readableFlag(
  db: Queryable,
  actor: Actor,
  projectKey: string,
  flagKey: string,
): Promise<{ project: ProjectRow; flag: FlagRow }> {
  const project = await findProject(db, actor, projectKey);
  authorize(actor, 'flag:read', { project: project.key });
  return { project, flag: await findFlag(db, project, flagKey) };
}

/**
 * The flag's entries the actor may read. A flag deleted and created again under the same key
 * starts a new history: entries before its latest creation belong to the flag that was deleted.
 */
async function historyOf(
  db: Queryable,
  actor: Actor,
  project: ProjectRow,
  flag: FlagRow,
): Promise<SelectQueryBuilder<Database, 'auditLog', AuditRow>> {
  const about = db
    .selectFrom('auditLog')
    .where('organizationId', '=', actor.organizationId)
    .where('projectKey', '=', project.key)
    .where('resourceType', '=', 'flag')
    .where('resourceKey', '=', flag.key);
  const created = await about
    .select((eb) => eb.fn.max('id').as('id'))
    .where('action', '=', 'flag.created')
    .executeTakeFirst();
  const since = about.where('id', '>=', Number(created?.id ?? 0));
  const environments = await since
    .select('environmentKey')
    .distinct()
    .where('environmentKey', 'is not', null)
    .execute();
  const readable = readableBy(actor, 'flag:read', project.key);
  const hidden = environments.flatMap(({ environmentKey: key }) => (key === null || readable(key) ? [] : [key]));
  const visible =
    hidden.length === 0
      ? since
      : since.where((eb) => eb.or([eb('environmentKey', 'is', null), eb('environmentKey', 'not in', hidden)]));
  return visible.selectAll();
}

/** Fields of entries that are bookkeeping, not part of what a person changed. */
const BOOKKEEPING = new Set(['version', 'createdAt', 'updatedAt', 'reverts']);
/** What an edit can change: the definition's fields (plus archiving) or a state's. */
const DEFINITION_FIELDS = new Set([...Object.keys(FlagUpdateSchema.properties), 'archived']);
const STATE_FIELDS = new Set(Object.keys(FlagStateSchema.properties));

type Document = Record<string, unknown>;

interface Revert {
  /** The edit that puts the fields back. */
  kind: 'definition' | 'archived' | 'state';
  environment: string | null;
  /** The top-level fields the entry changed. */
  fields: string[];
  before: Document;
  after: Document;
}

function revertOf(entry: AuditRow): Revert {
  const before = parse(entry.before);
  const after = parse(entry.after);
  if (!isDocument(before)) {
    const what =
      entry.environmentKey === null
        ? 'the flag: archive or delete it instead'
        : `the flag's state in ${entry.environmentKey}`;
    throw problems.conflict(`Entry ${entry.id} created ${what}; there is nothing before it to go back to`);
  }
  if (!isDocument(after)) throw problems.conflict(`Entry ${entry.id} removed the flag; it cannot be reverted`);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => !BOOKKEEPING.has(field) && !sameJson(before[field], after[field]),
  );
  const editable = entry.environmentKey === null ? DEFINITION_FIELDS : STATE_FIELDS;
  const fixed = fields.filter((field) => !editable.has(field));
  if (fixed.length > 0) {
    // Say, an import that changed a flag's type: no edit can change it back.
    throw problems.conflict(
      `Entry ${entry.id} changed ${fixed.join(', ')}, which no edit can change; it cannot be reverted`,
      fixed.map((field) => ({ path: field, message: 'cannot be changed by an edit' })),
    );
  }
  if (fields.length === 0) throw problems.conflict(`Entry ${entry.id} changed nothing; there is nothing to revert`);
  const kind = entry.environmentKey !== null ? 'state' : fields.includes('archived') ? 'archived' : 'definition';
  if (kind === 'archived' && fields.length > 1)
    throw problems.conflict(
      `Entry ${entry.id} archived or restored the flag and changed ${fields.join(', ')}; it cannot be reverted in one edit`,
    );
  return { kind, environment: entry.environmentKey, fields, before, after };
}

/** The fields a revert would put back, as they are now, and the version they are at. */
async function currentOf(
  tx: Tx,
  project: ProjectRow,
  flagKey: string,
  revert: Revert,
): Promise<{ values: Document; version: number }> {
  const flag = await findFlag(tx, project, flagKey);
  if (revert.environment === null) {
    return {
      values: { ...(JSON.parse(flag.definition) as Document), archived: Boolean(flag.archived) },
      version: flag.version,
    };
  }
  const state = await tx
    .selectFrom('flagStates')
    .innerJoin('environments', 'environments.id', 'flagStates.environmentId')
    .select(['flagStates.state', 'flagStates.version'])
    .where('flagStates.flagId', '=', flag.id)
    .where('environments.projectId', '=', project.id)
    .where('environments.key', '=', revert.environment)
    .executeTakeFirst();
  if (!state)
    throw problems.conflict(`Environment "${revert.environment}" no longer exists; its state cannot be reverted`);
  return { values: JSON.parse(state.state) as Document, version: state.version };
}

/**
 * An entry as the caller may see it: entries about the whole flag (created, changed, deleted) hold
 * its state in every environment, of which only the readable ones are shown, and diffed.
 */
function historyEntry(row: AuditRow, readable: EnvironmentFilter): FlagHistoryEntry {
  const before = withoutHiddenEnvironments(parse(row.before), readable);
  const { after, reverts } = revertMark(withoutHiddenEnvironments(parse(row.after), readable));
  return {
    id: row.id,
    createdAt: row.createdAt,
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    action: row.action,
    environment: row.environmentKey,
    before: before ?? null,
    after: after ?? null,
    diff: diff(contentOf(before), contentOf(after)),
    reverts,
  };
}

/** A revert's entry keeps the id of the entry it reverted in its `after`; the history shows it apart. */
function revertMark(after: unknown): { after: unknown; reverts: number | null } {
  if (!isDocument(after) || typeof after.reverts !== 'number') return { after, reverts: null };
  const { reverts, ...rest } = after;
  return { after: rest, reverts };
}

/** An entry's document without bookkeeping, here and in each environment's state it holds. */
function contentOf(value: unknown): unknown {
  if (!isDocument(value)) return value;
  const content = Object.fromEntries(Object.entries(value).filter(([field]) => !BOOKKEEPING.has(field)));
  if (isDocument(content.environments)) {
    content.environments = Object.fromEntries(
      Object.entries(content.environments).map(([key, state]) => [key, contentOf(state)]),
    );
  }
  return content;
}

function parse(json: string | null): unknown {
  return json === null ? undefined : (JSON.parse(json) as unknown);
}

function isDocument(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
