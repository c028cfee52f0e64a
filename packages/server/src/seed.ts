import { randomBytes, randomUUID } from 'node:crypto';
import { TOKEN_PREFIXES } from './api-tokens/service.js';
import type { Actor } from './auth/actor.js';
import { hashPassword, hashSecret, hintOf, newSecret } from './auth/secrets.js';
import type { ServerContext } from './context.js';
import { addProject } from './projects/service.js';
import { newSdkKey } from './sdk-keys/keys.js';

/** What a first start created; the secrets are shown once here and stored only hashed. */
export interface Seeded {
  ownerEmail: string;
  ownerPassword: string;
  apiToken: string;
  project: string;
  environment: string;
  serverKey: string;
  clientKey: string;
}

export const SEED_OWNER_EMAIL = 'owner@vexil.local';

/**
 * On a new database: an organisation, an owner, an owner API token, a project with the three
 * environments, and a server and a client SDK key for development. Does nothing (returns
 * undefined) when an organisation exists, so restarts are idempotent.
 */
export async function seedIfEmpty(ctx: ServerContext): Promise<Seeded | undefined> {
  const existing = await ctx.db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  const organizationId = randomUUID();
  const system: Actor = { type: 'admin-token', id: 'system', name: 'vexil (first start)', organizationId, roles: [{ role: 'owner' }] };
  const ownerPassword = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(ownerPassword);
  return ctx.write(system, async (write) => {
    await write.tx.insertInto('organizations').values({ id: organizationId, key: 'default', name: 'My organisation', createdAt: write.now }).execute();
    write.audit({ action: 'organization.created', resourceType: 'organization', resourceKey: 'default', after: { key: 'default', name: 'My organisation' } });

    const ownerId = randomUUID();
    await write.tx
      .insertInto('members')
      .values({ id: ownerId, organizationId, email: SEED_OWNER_EMAIL, name: 'Owner', passwordHash, roles: JSON.stringify([{ role: 'owner' }]), createdAt: write.now })
      .execute();
    write.audit({ action: 'member.created', resourceType: 'member', resourceKey: SEED_OWNER_EMAIL, after: { email: SEED_OWNER_EMAIL, roles: [{ role: 'owner' }] } });

    const apiToken = newSecret(TOKEN_PREFIXES.service);
    const apiTokenId = randomUUID();
    await write.tx
      .insertInto('apiTokens')
      .values({
        id: apiTokenId,
        organizationId,
        name: 'first-start owner token',
        tokenHash: hashSecret(apiToken),
        hint: hintOf(apiToken),
        roles: JSON.stringify([{ role: 'owner' }]),
        createdAt: write.now,
        createdBy: SEED_OWNER_EMAIL,
        kind: 'service',
        memberId: null,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      })
      .execute();
    write.audit({ action: 'api-token.created', resourceType: 'api-token', resourceKey: apiTokenId, after: { name: 'first-start owner token', roles: [{ role: 'owner' }] } });

    const project = await addProject(write, organizationId, { key: 'default', name: 'Default project' });
    const development = await write.tx.selectFrom('environments').select('id').where('projectId', '=', project.id).where('key', '=', 'development').executeTakeFirstOrThrow();
    const server = newSdkKey(development.id, 'server', 'development server key', write.now);
    const client = newSdkKey(development.id, 'client', 'development client key', write.now);
    await write.tx.insertInto('sdkKeys').values([server.row, client.row]).execute();
    for (const key of [server, client]) {
      write.audit({ action: 'sdk-key.created', resourceType: 'sdk-key', resourceKey: key.row.id, projectKey: 'default', environmentKey: 'development', after: { name: key.row.name, kind: key.row.kind, hint: key.row.hint } });
    }
    return { ownerEmail: SEED_OWNER_EMAIL, ownerPassword, apiToken, project: 'default', environment: 'development', serverKey: server.secret, clientKey: client.secret };
  });
}
