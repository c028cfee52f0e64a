import { sql, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { FlagType } from '@vexil/engine';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { Dialect } from '../db/database.js';
import type { Database, EnvironmentRow, ProjectRow } from '../db/schema.js';
import { containsText } from '../db/search.js';
import { readableBy } from '../environments/readable.js';
import { problems } from '../http/problems.js';
import { environmentsOf, findProject } from '../projects/lookup.js';
import type { FlagDefinition } from '../rulesets/load.js';
import { inKeyOrder, isTrue, jsonArrayHas, jsonBoolean, jsonIsTrue, jsonOf, jsonText } from './json-sql.js';

/**
 * The project's flags a page at a time, filtered and sorted by key in the database, each with the
 * summary a list needs: no targeting, only whether it is on where the caller may look, how it is
 * used (status, last evaluation) and who changed it last. A page costs a few indexed queries
 * whatever the number of flags; only `total` counts every match.
 */

export const DEFAULT_FLAG_PAGE = 100;
export const MAX_FLAG_PAGE = 500;
/** A flag evaluated this recently is active; one created this recently and not yet evaluated is new. */
export const ACTIVITY_DAYS = 7;

export const FLAG_STATUSES = ['new', 'active', 'inactive', 'archived'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export interface FlagListQuery {
  /** Literal text (any case) in the key, name, description or a tag. */
  q?: string | undefined;
  tag?: string | undefined;
  type?: FlagType | undefined;
  lifetime?: 'temporary' | 'permanent' | undefined;
  /** Archived flags instead of live ones (default false, or true for `status=archived`). */
  archived?: boolean | undefined;
  status?: FlagStatus | undefined;
  limit?: number | undefined;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

export interface FlagSummary {
  key: string;
  /** The key when the flag has no name. */
  name: string;
  description: string;
  type: FlagType;
  tags: string[];
  temporary: boolean;
  clientSideAvailable: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  status: FlagStatus;
  /** The start of the last hour an SDK reported evaluating it, in environments the caller may read. */
  lastEvaluatedAt: string | null;
  /** The latest change to its definition or to a state the caller may read. */
  lastChange: { actor: string; at: string } | null;
  /** Per environment the caller may read, in the project's order; when an SDK last reported evaluating it there. */
  environments: Record<string, { on: boolean; version: number; lastEvaluatedAt: string | null }>;
}

export interface FlagPage {
  items: FlagSummary[];
  /** Flags matching the filters, on every page. */
  total: number;
  /** Pass as `cursor` (with the same filters) for the next page; null on the last one. */
  nextCursor: string | null;
}

type FlagQuery = SelectQueryBuilder<Database, 'flags', object>;

export async function listFlags(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  query: FlagListQuery,
): Promise<FlagPage> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'flag:read', { project: project.key });
  const after = query.cursor === undefined ? undefined : keyAfter(query.cursor);
  const limit = query.limit ?? DEFAULT_FLAG_PAGE;
  const dialect = ctx.store.dialect;
  const all = await environmentsOf(ctx.db, project.id);
  const mayRead = readableBy(actor, 'flag:read', project.key);
  const readable = all.filter((environment) => mayRead(environment.key));
  const since = new Date(Date.now() - ACTIVITY_DAYS * 86_400_000).toISOString();
  const activity = { readable, since, sinceHour: hourOf(since) };

  const matching = filtered(ctx.db.selectFrom('flags'), dialect, project, activity, query);
  const { total } = await matching
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  const key = inKeyOrder(dialect, 'flags.key');
  const hidden = all.filter((environment) => !readable.includes(environment)).map((environment) => environment.key);
  // One row more than the page tells whether there is a next one.
  const rows = (await (after === undefined ? matching : matching.where(key, '>', after))
    .select(['flags.id', 'flags.key', 'flags.definition', 'flags.archived', 'flags.version'])
    .select(['flags.createdAt', 'flags.updatedAt'])
    .select(lastChangeId(actor, project, hidden).as('lastChangeId'))
    .select(readable.map((environment, index) => lastEvaluation(environment).as(`evaluated${index}`)))
    .orderBy(key)
    .limit(limit + 1)
    .execute()) as unknown as PageRow[];
  const page = rows.slice(0, limit);
  const items = await summaries(ctx, dialect, page, readable, activity);
  return {
    items,
    total: Number(total),
    nextCursor: rows.length > limit ? cursorAfter((page.at(-1) as PageRow).key) : null,
  };
}

interface PageRow {
  id: string;
  key: string;
  definition: string;
  archived: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastChangeId: number | string | null;
  [evaluated: `evaluated${number}`]: string | null;
}

interface Activity {
  readable: EnvironmentRow[];
  /** The start of the activity window, and the hour it falls in (`evaluation_counts.hour`). */
  since: string;
  sinceHour: string;
}

function filtered(
  flags: FlagQuery,
  dialect: Dialect,
  project: ProjectRow,
  activity: Activity,
  query: FlagListQuery,
): FlagQuery {
  let result = flags
    .where('flags.projectId', '=', project.id)
    .where('flags.archived', '=', (query.archived ?? query.status === 'archived') ? 1 : 0);
  // Each JSON filter is preceded by a plain text test of the stored definition, which any match
  // passes (text in a JSON string appears JSON-escaped in it): most flags are ruled out without
  // parsing their JSON, which PostgreSQL would otherwise do for every row.
  if (query.q) {
    const text = query.q;
    const inJson = JSON.stringify(text).slice(1, -1);
    const inDefinition = sql<boolean>`(${sql.join(
      [
        containsText(jsonText(dialect, 'flags.definition', 'name'), text),
        containsText(jsonText(dialect, 'flags.definition', 'description'), text),
        containsText(jsonOf(dialect, 'flags.definition', 'tags'), inJson),
      ],
      sql` or `,
    )})`;
    result = result.where(
      sql<boolean>`(${containsText(sql.ref('flags.key'), text)} or (${containsText(sql.ref('flags.definition'), inJson)} and ${inDefinition}))`,
    );
  }
  if (query.tag !== undefined)
    result = result
      .where(containsText(sql.ref('flags.definition'), JSON.stringify(query.tag)))
      .where(jsonArrayHas(dialect, 'flags.definition', 'tags', query.tag));
  if (query.type !== undefined)
    result = result
      .where(containsText(sql.ref('flags.definition'), JSON.stringify(query.type)))
      .where(jsonText(dialect, 'flags.definition', 'type'), '=', query.type);
  if (query.lifetime !== undefined) {
    const temporary = jsonIsTrue(dialect, 'flags.definition', 'temporary', true);
    result = result.where(query.lifetime === 'temporary' ? temporary : sql<boolean>`not ${temporary}`);
  }
  switch (query.status) {
    case 'archived':
      return result.where('flags.archived', '=', 1);
    case 'active':
      return result.where((eb) => evaluatedSince(eb, activity));
    case 'new':
      return result.where('flags.createdAt', '>=', activity.since).where((eb) => eb.not(evaluatedSince(eb, activity)));
    case 'inactive':
      return result.where('flags.createdAt', '<', activity.since).where((eb) => eb.not(evaluatedSince(eb, activity)));
    default:
      return result;
  }
}

/** Whether an SDK reported evaluating the flag in the window, in an environment the caller may read. */
function evaluatedSince(eb: ExpressionBuilder<Database, 'flags'>, activity: Activity) {
  if (activity.readable.length === 0) return sql<boolean>`1 = 0`;
  return eb.exists(
    eb
      .selectFrom('evaluationCounts')
      .select(sql.lit(1).as('one'))
      .where(
        'evaluationCounts.environmentId',
        'in',
        activity.readable.map((environment) => environment.id),
      )
      .whereRef('evaluationCounts.flagKey', '=', 'flags.key')
      .where('evaluationCounts.hour', '>=', activity.sinceHour),
  );
}

/** The last hour the flag was evaluated in one environment: one index lookup (evaluation_counts_latest). */
function lastEvaluation(environment: EnvironmentRow): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select max(hour) from evaluation_counts where environment_id = ${environment.id} and flag_key = ${sql.ref('flags.key')})`;
}

/**
 * The id of the latest audit entry about the flag, leaving out states of environments the caller
 * may not read (as the flag's history does); one lookup of audit_log_latest.
 */
function lastChangeId(actor: Actor, project: ProjectRow, hidden: string[]): RawBuilder<number | null> {
  const visible =
    hidden.length === 0 ? sql`` : sql` and (environment_key is null or environment_key not in (${sql.join(hidden)}))`;
  return sql<
    number | null
  >`(select max(id) from audit_log where organization_id = ${actor.organizationId} and project_key = ${project.key} and resource_type = 'flag' and resource_key = ${sql.ref('flags.key')}${visible})`;
}

async function summaries(
  ctx: ServerContext,
  dialect: Dialect,
  rows: PageRow[],
  readable: EnvironmentRow[],
  activity: Activity,
): Promise<FlagSummary[]> {
  if (rows.length === 0) return [];
  const changeIds = rows.flatMap((row) => (row.lastChangeId === null ? [] : [Number(row.lastChangeId)]));
  const changes =
    changeIds.length === 0
      ? []
      : await ctx.db
          .selectFrom('auditLog')
          .select(['id', 'actorName', 'createdAt'])
          .where('id', 'in', changeIds)
          .execute();
  const changeOf = new Map(changes.map((change) => [change.id, { actor: change.actorName, at: change.createdAt }]));
  const states =
    readable.length === 0
      ? []
      : await ctx.db
          .selectFrom('flagStates')
          .select(['flagId', 'environmentId', 'version'])
          .select(jsonBoolean(dialect, 'flagStates.state', 'on').as('on'))
          .where(
            'flagId',
            'in',
            rows.map((row) => row.id),
          )
          .where(
            'environmentId',
            'in',
            readable.map((environment) => environment.id),
          )
          .execute();
  const stateOf = new Map(states.map((state) => [`${state.flagId}/${state.environmentId}`, state]));
  return rows.map((row) => {
    const definition = JSON.parse(row.definition) as FlagDefinition;
    // Hours are ISO text: the latest sorts last.
    const lastHour =
      readable
        .flatMap((_, index) => row[`evaluated${index}`] ?? [])
        .sort()
        .at(-1) ?? null;
    const environments: FlagSummary['environments'] = {};
    readable.forEach((environment, index) => {
      const state = stateOf.get(`${row.id}/${environment.id}`);
      const hour = row[`evaluated${index}`] ?? null;
      if (state)
        environments[environment.key] = {
          on: isTrue(state.on),
          version: state.version,
          lastEvaluatedAt: hour === null ? null : `${hour}:00:00.000Z`,
        };
    });
    return {
      key: row.key,
      name: definition.name ?? row.key,
      description: definition.description ?? '',
      type: definition.type,
      tags: definition.tags ?? [],
      temporary: definition.temporary ?? true,
      clientSideAvailable: definition.clientSideAvailable ?? false,
      archived: Boolean(row.archived),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
      status: statusOf(row, lastHour, activity),
      lastEvaluatedAt: lastHour === null ? null : `${lastHour}:00:00.000Z`,
      lastChange: row.lastChangeId === null ? null : (changeOf.get(Number(row.lastChangeId)) ?? null),
      environments,
    };
  });
}

/** The same rule as the `status` filter, from the row. */
function statusOf(row: PageRow, lastHour: string | null, activity: Activity): FlagStatus {
  if (row.archived) return 'archived';
  if (lastHour !== null && lastHour >= activity.sinceHour) return 'active';
  return row.createdAt >= activity.since ? 'new' : 'inactive';
}

/** `2026-11-22T03`, as evaluation counts are kept. */
function hourOf(instant: string): string {
  return instant.slice(0, 13);
}

// The cursor is opaque to clients: the last key of the page, encoded so that nobody builds one by hand.

function cursorAfter(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64url');
}

const KEY = /^[A-Za-z0-9._-]{1,128}$/;

function keyAfter(cursor: string): string {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof decoded.after === 'string' && KEY.test(decoded.after)) return decoded.after;
  } catch {
    // not a cursor this server made: answered below
  }
  throw problems.validation([
    { path: 'querystring.cursor', message: 'is not a cursor from a previous page (pass nextCursor as it was given)' },
  ]);
}
