#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import type { Actor } from './auth/actor.js';
import { hashPassword } from './auth/secrets.js';
import { ConfigurationError, configFromEnvironment } from './config.js';
import { ServerContext } from './context.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrations.js';
import { selectMembers } from './members/accounts.js';
import { normalEmail } from './members/service.js';

/**
 * `npm run reset-password -- [email]`: a new random password for a member (an owner by default,
 * when there is only one), printed once; their sessions end. For whoever runs the server and has
 * lost the way in: it needs the server's own settings (DATABASE_URL or VEXIL_DATA_DIR), not a
 * sign-in. Audited like any change.
 */
async function main(): Promise<void> {
  const config = configFromEnvironment();
  const store = await openDatabase(config);
  try {
    await migrate(store.db, store.dialect);
    const ctx = new ServerContext(config, store);
    await ctx.start();
    try {
      const email = process.argv[2];
      // Members, with their account: a person in several organisations is one candidate per membership.
      const candidates = await selectMembers(store.db)
        .$if(email !== undefined, (query) => query.where('accounts.email', '=', normalEmail(email as string)))
        .execute();
      const isOwner = (roles: string) =>
        (JSON.parse(roles) as { role: string; project?: string }[]).some(
          (grant) => grant.role === 'owner' && grant.project === undefined,
        );
      const members = email === undefined ? candidates.filter((row) => isOwner(row.roles)) : candidates;
      // One account, whichever of its memberships was found.
      if (new Set(members.map((row) => row.accountId)).size !== 1) {
        const known = [...new Set(candidates.map((row) => `  ${row.email}`))].join('\n');
        throw new ConfigurationError(
          email === undefined
            ? `name the member whose password to reset: npm run reset-password -- <email>\n${known}`
            : `no member has the email ${email}`,
        );
      }
      const member = members[0]!;
      const password = randomBytes(12).toString('base64url');
      const passwordHash = await hashPassword(password);
      const system: Actor = {
        type: 'admin-token',
        id: 'system',
        name: 'vexil reset-password (server command)',
        organizationId: member.organizationId,
        roles: [{ role: 'owner' }],
      };
      await ctx.write(system, async (write) => {
        await write.tx.updateTable('accounts').set({ passwordHash }).where('id', '=', member.accountId).execute();
        await write.tx
          .deleteFrom('sessions')
          .where(
            'memberId',
            'in',
            write.tx.selectFrom('members').select('id').where('accountId', '=', member.accountId),
          )
          .execute();
        write.audit({
          action: 'member.password-reset',
          resourceType: 'member',
          resourceKey: member.email,
          after: { hasPassword: true },
        });
      });
      process.stdout.write(
        `New password for ${member.email}: ${password}\nTheir sessions have ended. Sign in and change it (Account).\n`,
      );
    } finally {
      await ctx.close();
    }
  } finally {
    await store.db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `vexil reset-password: ${error instanceof ConfigurationError ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(1);
});
