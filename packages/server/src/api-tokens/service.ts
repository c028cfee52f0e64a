import { randomUUID } from 'node:crypto';
import { authorize, type Actor } from '../auth/actor.js';
import type { RoleBinding } from '../auth/roles.js';
import { hashSecret, hintOf, newSecret } from '../auth/secrets.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { ApiTokenRow } from '../db/schema.js';
import { problems, type FieldError } from '../http/problems.js';
import { grantBeyondHolder } from './grants.js';
import type { NewApiToken } from './schemas.js';

export const API_TOKEN_PREFIX = 'vx_api_';

/** A token as lists show it: never the secret, which only the creation response carries. */
export interface ApiTokenView {
  id: string;
  name: string;
  hint: string;
  roles: RoleBinding[];
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiTokens(ctx: ServerContext, actor: Actor): Promise<ApiTokenView[]> {
  authorize(actor, 'own');
  const rows = await ctx.db.selectFrom('apiTokens').selectAll().where('organizationId', '=', actor.organizationId).orderBy('createdAt', 'desc').orderBy('name').execute();
  return rows.map(apiTokenView);
}

/** Creates a token with the roles asked for: shown once in the response, stored only hashed. */
export async function createApiToken(ctx: ServerContext, actor: Actor, input: NewApiToken): Promise<ApiTokenView & { token: string }> {
  authorize(actor, 'own');
  const roles = input.roles.map(({ role, project, environment }): RoleBinding => ({ role, ...(project === undefined ? {} : { project }), ...(environment === undefined ? {} : { environment }) }));
  const beyond = grantBeyondHolder(actor.roles, roles);
  if (beyond >= 0) throw problems.forbidden(`${actor.name} may not grant roles[${beyond}]: it gives more than ${actor.name} holds there`);
  return ctx.write(actor, async (write) => {
    const errors = await bindingErrors(write.tx, actor.organizationId, roles);
    if (errors.length > 0) throw problems.validation(errors);
    const token = newSecret(API_TOKEN_PREFIX);
    const row: ApiTokenRow = {
      id: randomUUID(),
      organizationId: actor.organizationId,
      name: input.name,
      tokenHash: hashSecret(token),
      hint: hintOf(token),
      roles: JSON.stringify(roles),
      createdAt: write.now,
      createdBy: actor.name,
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
  authorize(actor, 'own');
  await ctx.write(actor, async (write) => {
    const row = await write.tx.selectFrom('apiTokens').selectAll().where('id', '=', id).where('organizationId', '=', actor.organizationId).executeTakeFirst();
    if (!row) throw problems.notFound(`API token "${id}"`);
    if (row.revokedAt !== null) throw problems.conflict(`API token "${row.name}" was already revoked at ${row.revokedAt}`);
    await write.tx.updateTable('apiTokens').set({ revokedAt: write.now }).where('id', '=', id).execute();
    write.audit({ action: 'api-token.revoked', resourceType: 'api-token', resourceKey: id, before: apiTokenView(row), after: apiTokenView({ ...row, revokedAt: write.now }) });
  });
}

/** Bindings must name projects and environments that exist, and each scope once. */
async function bindingErrors(db: Queryable, organizationId: string, roles: RoleBinding[]): Promise<FieldError[]> {
  const projects = await db.selectFrom('projects').select(['id', 'key']).where('organizationId', '=', organizationId).execute();
  const environments = await db
    .selectFrom('environments')
    .innerJoin('projects', 'projects.id', 'environments.projectId')
    .select(['projects.key as project', 'environments.key as environment'])
    .where('projects.organizationId', '=', organizationId)
    .execute();
  const errors: FieldError[] = [];
  const scopes = new Set<string>();
  roles.forEach((binding, index) => {
    const path = `roles[${index}]`;
    if (binding.environment !== undefined && binding.project === undefined) {
      errors.push({ path: `${path}.environment`, message: 'needs the project it belongs to' });
    } else if (binding.project !== undefined && !projects.some((project) => project.key === binding.project)) {
      errors.push({ path: `${path}.project`, message: `unknown project "${binding.project}"` });
    } else if (binding.environment !== undefined && !environments.some((row) => row.project === binding.project && row.environment === binding.environment)) {
      errors.push({ path: `${path}.environment`, message: `project "${binding.project}" has no environment "${binding.environment}"` });
    }
    const scope = JSON.stringify([binding.project, binding.environment]);
    if (scopes.has(scope)) errors.push({ path, message: 'another role is already given for the same scope' });
    scopes.add(scope);
  });
  return errors;
}

function apiTokenView(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    roles: JSON.parse(row.roles) as RoleBinding[],
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
