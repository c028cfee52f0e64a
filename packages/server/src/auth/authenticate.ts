import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.js';
import { problems } from '../http/problems.js';
import type { Actor } from './actor.js';
import type { RoleBinding } from './roles.js';
import { hashSecret, sameSecret } from './secrets.js';
import { CSRF_HEADER, SESSION_COOKIE } from './sessions.js';

export const ADMIN_TOKEN_NAME = 'VEXIL_ADMIN_TOKEN';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `last_used_at` / `last_seen_at` are written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Who sent a management API request: `Authorization: Bearer <token>` (the configured admin token,
 * or an API token), else the console's session cookie. A cookie is sent by the browser on its own,
 * so writes made with one must also carry the session's CSRF token.
 */
export async function authenticate(
  db: Queryable,
  request: FastifyRequest,
  adminToken: string | undefined,
): Promise<Actor> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) return authenticateToken(db, authorization, adminToken);
  const session = request.cookies[SESSION_COOKIE];
  if (session)
    return authenticateSession(
      db,
      session,
      SAFE_METHODS.has(request.method) ? undefined : (request.headers[CSRF_HEADER] ?? ''),
    );
  throw problems.unauthorized();
}

async function authenticateToken(db: Queryable, authorization: string, adminToken: string | undefined): Promise<Actor> {
  const token = bearer(authorization);
  if (!token) throw problems.unauthorized();
  if (adminToken && sameSecret(token, adminToken)) {
    const organization = await db
      .selectFrom('organizations')
      .select('id')
      .orderBy('createdAt')
      .limit(1)
      .executeTakeFirst();
    if (!organization) throw problems.unauthorized('The server has no organisation yet');
    return {
      type: 'admin-token',
      id: 'admin',
      name: ADMIN_TOKEN_NAME,
      organizationId: organization.id,
      roles: [{ role: 'owner' }],
    };
  }
  const row = await db
    .selectFrom('apiTokens')
    .leftJoin('members', 'members.id', 'apiTokens.memberId')
    .leftJoin('accounts', 'accounts.id', 'members.accountId')
    .select([
      'apiTokens.id',
      'apiTokens.name',
      'apiTokens.organizationId',
      'apiTokens.roles',
      'apiTokens.kind',
      'apiTokens.expiresAt',
      'apiTokens.lastUsedAt',
    ])
    .select(['members.id as memberId', 'accounts.email as memberEmail', 'members.roles as memberRoles'])
    .where('apiTokens.tokenHash', '=', hashSecret(token))
    .where('apiTokens.revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw problems.unauthorized('The token is unknown or revoked');
  const now = new Date();
  if (row.expiresAt !== null && row.expiresAt <= now.toISOString())
    throw problems.unauthorized(`The token expired at ${row.expiresAt}`);
  // Shown in token lists so unused tokens can be found and revoked.
  if (row.lastUsedAt === null || Date.parse(row.lastUsedAt) < now.getTime() - TOUCH_INTERVAL_MS) {
    await db.updateTable('apiTokens').set({ lastUsedAt: now.toISOString() }).where('id', '=', row.id).execute();
  }
  const roles = JSON.parse(row.roles) as RoleBinding[];
  if (row.kind === 'personal') {
    // The member was removed from the organisation: the foreign key removed their tokens too, but be explicit.
    if (row.memberId === null || row.memberRoles === null)
      throw problems.unauthorized('The token belonged to a member who has left');
    return {
      type: 'api-token',
      id: row.id,
      name: `${row.memberEmail} (token ${row.name})`,
      organizationId: row.organizationId,
      roles,
      memberId: row.memberId,
      ceiling: JSON.parse(row.memberRoles) as RoleBinding[],
    };
  }
  return { type: 'api-token', id: row.id, name: row.name, organizationId: row.organizationId, roles };
}

async function authenticateSession(
  db: Queryable,
  secret: string,
  csrfToken: string | string[] | undefined,
): Promise<Actor> {
  const now = new Date();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.memberId')
    .innerJoin('accounts', 'accounts.id', 'members.accountId')
    .select([
      'sessions.idHash',
      'sessions.csrfToken',
      'sessions.expiresAt',
      'sessions.lastSeenAt',
      'members.id',
      'accounts.email',
      'members.organizationId',
      'members.roles',
    ])
    .where('sessions.idHash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!row || row.expiresAt <= now.toISOString())
    throw problems.unauthorized('The session has ended: sign in again with POST /api/v1/auth/login');
  if (csrfToken !== undefined && (typeof csrfToken !== 'string' || !sameSecret(csrfToken, row.csrfToken))) {
    throw problems.forbidden(
      `Changes made with the session cookie must send the session's CSRF token in the ${CSRF_HEADER} header`,
    );
  }
  if (Date.parse(row.lastSeenAt) < now.getTime() - TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ lastSeenAt: now.toISOString() }).where('idHash', '=', row.idHash).execute();
  }
  return {
    type: 'member',
    id: row.id,
    name: row.email,
    organizationId: row.organizationId,
    roles: JSON.parse(row.roles) as RoleBinding[],
    memberId: row.id,
  };
}

export function bearer(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : authorization.includes(' ') ? undefined : authorization.trim() || undefined;
}
