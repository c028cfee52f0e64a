import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import type { MemberRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import type { Credentials, PasswordChange } from '../members/schemas.js';
import { memberView, normalEmail, type MemberView } from '../members/service.js';
import type { Actor } from './actor.js';
import { hashPassword, verifyPassword } from './secrets.js';
import { createSession, secureCookies, setSessionCookie } from './sessions.js';

/** Verified in place of a real hash when the email is unknown, so both answers take as long. */
let decoy: Promise<string> | undefined;

/** The member these credentials belong to, or 401 that does not say which half was wrong. */
export async function verifyCredentials(ctx: ServerContext, credentials: Credentials): Promise<MemberRow> {
  const row = await ctx.db
    .selectFrom('members')
    .selectAll()
    .where('email', '=', normalEmail(credentials.email))
    .executeTakeFirst();
  decoy ??= hashPassword('decoy password, never anyone’s');
  const valid = await verifyPassword(
    credentials.password,
    row && row.passwordHash !== '' ? row.passwordHash : await decoy,
  );
  if (!row || !valid) throw problems.unauthorized('The email or the password is wrong');
  return row;
}

/** Changes the signed-in member's password and ends their other sessions. */
export async function changePassword(
  ctx: ServerContext,
  actor: Actor,
  change: PasswordChange,
  keepSessionHash: string | undefined,
): Promise<void> {
  if (actor.type !== 'member' || actor.memberId === undefined)
    throw problems.forbidden('Only a signed-in member can change their password');
  const row = await ctx.db.selectFrom('members').selectAll().where('id', '=', actor.memberId).executeTakeFirstOrThrow();
  if (row.passwordHash !== '' && !(await verifyPassword(change.currentPassword, row.passwordHash))) {
    throw problems.validation([{ path: 'currentPassword', message: 'is not the current password' }]);
  }
  const passwordHash = await hashPassword(change.newPassword);
  await ctx.write(actor, async (write) => {
    await write.tx.updateTable('members').set({ passwordHash }).where('id', '=', row.id).execute();
    let others = write.tx.deleteFrom('sessions').where('memberId', '=', row.id);
    if (keepSessionHash !== undefined) others = others.where('idHash', '!=', keepSessionHash);
    await others.execute();
    // The audit says that it changed, never what to.
    write.audit({
      action: 'member.password-changed',
      resourceType: 'member',
      resourceKey: row.email,
      before: memberView(row),
      after: memberView({ ...row, passwordHash }),
    });
  });
}

/**
 * Signs a member in, however they proved who they are: a session row, its cookie, and an audit
 * entry (who, when, until when), all or nothing.
 */
export async function startSession(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  member: MemberView,
  organizationId: string,
) {
  const actor = {
    type: 'member' as const,
    id: member.id,
    name: member.email,
    organizationId,
    roles: member.roles,
    memberId: member.id,
  };
  const session = await ctx.write(actor, async (write) => {
    const created = await createSession(write.tx, member.id, ctx.config.sessionHours);
    write.audit({
      action: 'member.signed-in',
      resourceType: 'member',
      resourceKey: member.email,
      after: { expiresAt: created.expiresAt },
    });
    return created;
  });
  setSessionCookie(reply, session, secureCookies(request, ctx.config.publicUrl));
  return sessionView(ctx, member, organizationId, session.csrfToken, session.expiresAt);
}

export async function sessionView(
  ctx: ServerContext,
  member: MemberView,
  organizationId: string,
  csrfToken: string,
  expiresAt: string,
) {
  const organization = await ctx.db
    .selectFrom('organizations')
    .select(['key', 'name'])
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return { member, organization, csrfToken, expiresAt };
}
