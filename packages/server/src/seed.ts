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
  /** Empty when the owner's address already had an account: its password stays what it was. */
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
  return createOrganization(ctx, {
    key: 'default',
    name: 'My organisation',
    ownerEmail: SEED_OWNER_EMAIL,
    project: 'default',
  });
}

export interface NewOrganization {
  key: string;
  name: string;
  ownerEmail: string;
  /** Key of the first project. */
  project: string;
}

/**
 * An organisation ready to use, as a first start makes it; the owner's password is random, unless
 * the owner's address already has an account, which then simply becomes a member.
 */
export async function createOrganization(ctx: ServerContext, input: NewOrganization): Promise<Seeded> {
  const organizationId = randomUUID();
  const system: Actor = {
    type: 'admin-token',
    id: 'system',
    name: 'vexil (first start)',
    organizationId,
    roles: [{ role: 'owner' }],
  };
  const ownerPassword = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(ownerPassword);
  const ownerEmail = input.ownerEmail.toLowerCase();
  return ctx.write(system, async (write) => {
    await write.tx
      .insertInto('organizations')
      .values({ id: organizationId, key: input.key, name: input.name, createdAt: write.now })
      .execute();
    write.audit({
      action: 'organization.created',
      resourceType: 'organization',
      resourceKey: input.key,
      after: { key: input.key, name: input.name },
    });

    // The owner's account: a new one with the random password, or, when the address has one
    // already (an organisation made for someone who runs another), a membership of that account.
    await write.tx
      .insertInto('accounts')
      .values({
        id: randomUUID(),
        email: ownerEmail,
        passwordHash,
        oidcSubject: null,
        lastOrganizationId: organizationId,
        createdAt: write.now,
      })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .execute();
    const account = await write.tx
      .selectFrom('accounts')
      .select(['id', 'passwordHash'])
      .where('email', '=', ownerEmail)
      .executeTakeFirstOrThrow();
    await write.tx
      .insertInto('members')
      .values({
        id: randomUUID(),
        organizationId,
        accountId: account.id,
        name: 'Owner',
        roles: JSON.stringify([{ role: 'owner' }]),
        createdAt: write.now,
      })
      .execute();
    write.audit({
      action: 'member.created',
      resourceType: 'member',
      resourceKey: ownerEmail,
      after: { email: ownerEmail, roles: [{ role: 'owner' }] },
    });

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
        createdBy: ownerEmail,
        kind: 'service',
        memberId: null,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
      })
      .execute();
    write.audit({
      action: 'api-token.created',
      resourceType: 'api-token',
      resourceKey: apiTokenId,
      after: { name: 'first-start owner token', roles: [{ role: 'owner' }] },
    });

    const project = await addProject(write, organizationId, { key: input.project, name: 'Default project' });
    const development = await write.tx
      .selectFrom('environments')
      .select('id')
      .where('projectId', '=', project.id)
      .where('key', '=', 'development')
      .executeTakeFirstOrThrow();
    const server = newSdkKey(development.id, 'server', 'development server key', write.now);
    const client = newSdkKey(development.id, 'client', 'development client key', write.now);
    await write.tx.insertInto('sdkKeys').values([server.row, client.row]).execute();
    for (const key of [server, client]) {
      write.audit({
        action: 'sdk-key.created',
        resourceType: 'sdk-key',
        resourceKey: key.row.id,
        projectKey: input.project,
        environmentKey: 'development',
        after: { name: key.row.name, kind: key.row.kind, hint: key.row.hint },
      });
    }
    return {
      ownerEmail,
      ownerPassword: account.passwordHash === passwordHash ? ownerPassword : '',
      apiToken,
      project: input.project,
      environment: 'development',
      serverKey: server.secret,
      clientKey: client.secret,
    };
  });
}
