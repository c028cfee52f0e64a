import type { Queryable } from '../db/database.js';
import { problems } from '../http/problems.js';
import { allows, seesProject, type Permission, type RoleBinding, type Scope } from './roles.js';
import { hashSecret, sameSecret } from './secrets.js';

/** Who is making a request: recorded in the audit log and checked by `authorize`. */
export interface Actor {
  type: 'admin-token' | 'api-token' | 'member';
  id: string;
  name: string;
  organizationId: string;
  roles: RoleBinding[];
}

/** The single place permissions are checked: 403 naming what was refused, or nothing. */
export function authorize(actor: Actor, permission: Permission, scope: Scope = {}): void {
  if (!allows(actor.roles, permission, scope)) {
    const where = scope.environment ? `environment ${scope.project}/${scope.environment}` : scope.project ? `project ${scope.project}` : 'the organisation';
    throw problems.forbidden(`${actor.name} may not ${permission} in ${where}`);
  }
}

export function canSeeProject(actor: Actor, project: string): boolean {
  return seesProject(actor.roles, project);
}

export const ADMIN_TOKEN_NAME = 'VEXIL_ADMIN_TOKEN';

/**
 * Resolves `Authorization: Bearer <token>`: the configured admin token (an owner of the first
 * organisation) or a stored API token. Member sessions come with sign-in.
 */
export async function authenticate(db: Queryable, authorization: string | undefined, adminToken: string | undefined): Promise<Actor> {
  const token = bearer(authorization);
  if (!token) throw problems.unauthorized();
  if (adminToken && sameSecret(token, adminToken)) {
    const organization = await db.selectFrom('organizations').select('id').orderBy('createdAt').limit(1).executeTakeFirst();
    if (!organization) throw problems.unauthorized('The server has no organisation yet');
    return { type: 'admin-token', id: 'admin', name: ADMIN_TOKEN_NAME, organizationId: organization.id, roles: [{ role: 'owner' }] };
  }
  const row = await db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'organizationId', 'roles'])
    .where('tokenHash', '=', hashSecret(token))
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw problems.unauthorized('The token is unknown or revoked');
  // Shown in token lists so unused tokens can be found and revoked; written at most once a minute.
  const now = new Date();
  await db
    .updateTable('apiTokens')
    .set({ lastUsedAt: now.toISOString() })
    .where('id', '=', row.id)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', new Date(now.getTime() - 60_000).toISOString())]))
    .execute();
  return { type: 'api-token', id: row.id, name: row.name, organizationId: row.organizationId, roles: JSON.parse(row.roles) as RoleBinding[] };
}

export function bearer(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : authorization.includes(' ') ? undefined : authorization.trim() || undefined;
}
