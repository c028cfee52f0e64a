import { containsText } from '../db/search.js';
import { type RawBuilder, sql } from 'kysely';
import { compile, type EvaluationResult, type ExplainStep, type FlagType } from '@vexil/engine';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { EnvironmentRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import { findEnvironment, findProject } from '../projects/lookup.js';
import { loadRuleset } from '../rulesets/load.js';

export const DEFAULT_USERS_PAGE = 50;
export const MAX_USERS_PAGE = 500;
/** Deeper than any users list goes; beyond it an offset is refused rather than sent to the database. */
export const MAX_USERS_OFFSET = 1_000_000_000;

/** A context an SDK reported in an environment (PRODUCT.md §1 "Users"). */
export interface UserView {
  kind: string;
  key: string;
  attributes: Record<string, unknown>;
  /**
   * The attributes an SDK marked private, by name or `/`-path, sorted: their values were never
   * stored (docs/sdk-protocol.md). Merged over reports like `attributes`.
   */
  privateAttributes: string[];
  firstSeen: string;
  lastSeen: string;
}

export interface UserSearch {
  /** Part of the key, of an attribute's name or value, or of a private attribute's name, any case. */
  q?: string | undefined;
  kind?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** What a flag serves the user, and why. */
export interface FlagExplanation {
  key: string;
  name?: string;
  type: FlagType;
  result: EvaluationResult;
  steps: ExplainStep[];
}

export async function listUsers(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
  search: UserSearch,
): Promise<{ users: UserView[]; total: number }> {
  const environment = await readableEnvironment(ctx, actor, projectKey, environmentKey);
  // What SDKs reported until now, merged first: the list is as of the request, not the last merge.
  await ctx.events.flushContexts();
  let query = ctx.db.selectFrom('contexts').where('environmentId', '=', environment.id);
  if (search.kind) query = query.where('kind', '=', search.kind);
  if (search.q) {
    const text = search.q;
    const contains = (column: string) =>
      ctx.store.dialect === 'sqlite' ? sqliteContains(sql.ref(column), text) : containsText(sql.ref(column), text);
    query = query.where((eb) => eb.or([contains('key'), contains('attributes'), contains('privateAttributes')]));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('lastSeen', 'desc')
    .orderBy('kind')
    .orderBy('key')
    .limit(search.limit ?? DEFAULT_USERS_PAGE)
    .offset(search.offset ?? 0)
    .execute();
  return { users: rows.map(userView), total: Number(total) };
}

/** A user with every flag's value for them (archived flags aside) and the engine's explanation of it. */
export async function getUser(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
  kind: string,
  key: string,
): Promise<UserView & { flags: FlagExplanation[] }> {
  const environment = await readableEnvironment(ctx, actor, projectKey, environmentKey);
  await ctx.events.flushContexts();
  const row = await ctx.db
    .selectFrom('contexts')
    .selectAll()
    .where('environmentId', '=', environment.id)
    .where('kind', '=', kind)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw problems.notFound(`User "${kind}/${key}" in environment "${projectKey}/${environmentKey}"`);
  const user = userView(row);
  const ruleset = await loadRuleset(ctx.db, environment.id);
  const compiled = compile(ruleset ?? { flags: [] });
  // Kind and key last: a reported attribute named "kind" or "key" must not change who is evaluated.
  const context = { ...user.attributes, kind: user.kind, key: user.key };
  const flags = (ruleset?.flags ?? []).map((flag): FlagExplanation => {
    const { result, steps } = compiled.explain(flag.key, context);
    return { key: flag.key, ...(flag.name === undefined ? {} : { name: flag.name }), type: flag.type, result, steps };
  });
  return { ...user, flags };
}

/**
 * `containsText` for SQLite without `lower()`: SQLite's LIKE already ignores the case of ASCII letters,
 * the only ones its `lower()` folds, so the answer is the same, and a search through 100,000 users
 * does not make a lowered copy of every row's attributes (about a third of the search's time).
 */
function sqliteContains(column: RawBuilder<unknown>, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${column} like ${pattern} escape '\\'`;
}

async function readableEnvironment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
): Promise<EnvironmentRow> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'user:read', { project: project.key, environment: environmentKey });
  return findEnvironment(ctx.db, project, environmentKey);
}

function userView(row: {
  kind: string;
  key: string;
  attributes: string;
  privateAttributes: string;
  firstSeen: string;
  lastSeen: string;
}): UserView {
  return {
    kind: row.kind,
    key: row.key,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    privateAttributes: Object.values(JSON.parse(row.privateAttributes) as Record<string, string[]>)
      .flat()
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
  };
}
