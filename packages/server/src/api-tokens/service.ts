import { randomUUID } from 'node:crypto';
import { actorMay, authorize, type Actor } from '../auth/actor.js';
import { checkedGrant } from '../auth/grants.js';
import type { RoleBinding } from '../auth/roles.js';
import { hashSecret, hintOf, newSecret } from '../auth/secrets.js';
import type { ServerContext } from '../context.js';
import type { ApiTokenKind, ApiTokenRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import type { NewApiToken } from './schemas.js';

/** Prefixes say what a secret is, so secret scanners can find leaked ones and tell them apart. */
export const TOKEN_PREFIXES: Record<ApiTokenKind, string> = { service: 'vx_svc_', personal: 'vx_pat_' };

/** A token as lists show it: never the secret, which only the creation response carries. */
export interface ApiTokenView {
  id: string;
  kind: ApiTokenKind;
  name: string;
  hint: string;
  roles: RoleBinding[];
  /** The member a personal token acts for. */
  memberId: string | null;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * Owners see every token of the organisation; any other member their own personal tokens, which
 * are theirs whatever their roles (a token can never do more than its member anyway).
 */
export async function listApiTokens(ctx: ServerContext, actor: Actor): Promise<ApiTokenView[]> {
  let query = ctx.db.selectFrom('apiTokens').selectAll().where('organizationId', '=', actor.organizationId);
  if (!actorMay(actor, 'api-token:manage')) {
    if (actor.memberId === undefined) authorize(actor, 'api-token:manage');
    query = query.where('kind', '=', 'personal').where('memberId', '=', actor.memberId ?? '');
  }
  const rows = await query.orderBy('createdAt', 'desc').orderBy('name').execute();
  return rows.map(apiTokenView);
}

/**
 * Creates a token with the roles asked for: shown once in the response, stored only hashed.
 * Service tokens are for automation and only owners make them; a personal token acts for the
 * member who makes it and is bounded by that member's roles for as long as it lives.
 */
export async function createApiToken(
  ctx: ServerContext,
  actor: Actor,
  input: NewApiToken,
): Promise<ApiTokenView & { token: string }> {
  const kind = input.kind ?? 'service';
  if (kind === 'personal') {
    if (actor.memberId === undefined)
      throw problems.badRequest(
        `A personal token belongs to a member; ${actor.name} is not one. Create a service token instead.`,
        [{ path: 'kind', message: 'personal tokens are made by signed-in members' }],
      );
  } else {
    authorize(actor, 'api-token:manage');
  }
  const now = new Date();
  if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now.getTime()) {
    throw problems.validation([{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  return ctx.write(actor, async (write) => {
    const roles = await checkedGrant(write.tx, actor, input.roles);
    const token = newSecret(TOKEN_PREFIXES[kind]);
    const row: ApiTokenRow = {
      id: randomUUID(),
      organizationId: actor.organizationId,
      kind,
      name: input.name,
      tokenHash: hashSecret(token),
      hint: hintOf(token),
      roles: JSON.stringify(roles),
      memberId: kind === 'personal' ? (actor.memberId ?? null) : null,
      createdAt: write.now,
      createdBy: actor.name,
      expiresAt: input.expiresAt === undefined ? null : new Date(input.expiresAt).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await write.tx.insertInto('apiTokens').values(row).execute();
    const view = apiTokenView(row);
    write.audit({ action: 'api-token.created', resourceType: 'api-token', resourceKey: row.id, after: view });
    return { ...view, token };
  });
}

/** Revokes a token: every request with it gets 401 from the moment the write commits. */
export async function revokeApiToken(ctx: ServerContext, actor: Actor, id: string): Promise<void> {
  const owner = actorMay(actor, 'api-token:manage');
  if (!owner && actor.memberId === undefined) authorize(actor, 'api-token:manage');
  await ctx.write(actor, async (write) => {
    const row = await write.tx
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', id)
      .where('organizationId', '=', actor.organizationId)
      .executeTakeFirst();
    // Someone else's token is reported as missing, not as forbidden: its existence is not theirs to know.
    if (!row || (!owner && (row.kind !== 'personal' || row.memberId !== actor.memberId)))
      throw problems.notFound(`API token "${id}"`);
    if (row.revokedAt !== null)
      throw problems.conflict(`API token "${row.name}" was already revoked at ${row.revokedAt}`);
    await write.tx.updateTable('apiTokens').set({ revokedAt: write.now }).where('id', '=', id).execute();
    write.audit({
      action: 'api-token.revoked',
      resourceType: 'api-token',
      resourceKey: id,
      before: apiTokenView(row),
      after: apiTokenView({ ...row, revokedAt: write.now }),
    });
  });
}

function apiTokenView(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    hint: row.hint,
    roles: JSON.parse(row.roles) as RoleBinding[],
    memberId: row.memberId,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
