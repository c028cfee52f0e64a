import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { AccountRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import {
  landingMember,
  organizationsOf,
  rememberOrganization,
  selectMembers,
  type Member,
} from '../members/accounts.js';
import type { Credentials, PasswordChange } from '../members/schemas.js';
import { memberView, normalEmail, type MemberView } from '../members/service.js';
import type { Actor } from './actor.js';
import type { RoleBinding } from './roles.js';
import { hashPassword, verifyPassword } from './secrets.js';
import { createSession, secureCookies, setSessionCookie } from './sessions.js';

/** Verified in place of a real hash when the email is unknown, so both answers take as long. */
let decoy: Promise<string> | undefined;

const WRONG_CREDENTIALS = 'The email or the password is wrong';

/**
 * The member these credentials sign in as — the account's membership in the organisation it used
 * last — or 401 that does not say which half was wrong.
 */
export async function verifyCredentials(ctx: ServerContext, credentials: Credentials): Promise<Member> {
  const account = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where('email', '=', normalEmail(credentials.email))
    .executeTakeFirst();
  decoy ??= hashPassword('decoy password, never anyone’s');
  const valid = await verifyPassword(
    credentials.password,
    account && account.passwordHash !== '' ? account.passwordHash : await decoy,
  );
  const member = account && valid ? await landingMember(ctx.db, account) : undefined;
  if (!member) throw problems.unauthorized(WRONG_CREDENTIALS);
  return member;
}

/** The actor a member's session (or a write on their behalf) is. */
export function memberActor(member: Member): Actor {
  return {
    type: 'member',
    id: member.id,
    name: member.email,
    organizationId: member.organizationId,
    roles: JSON.parse(member.roles) as RoleBinding[],
    memberId: member.id,
  };
}

/**
 * Changes the signed-in person's password — their account's, for every organisation they are in —
 * and ends their other sessions, wherever those are. Audited in the organisation they are in now.
 */
export async function changePassword(
  ctx: ServerContext,
  actor: Actor,
  change: PasswordChange,
  keepSessionHash: string | undefined,
): Promise<void> {
  if (actor.type !== 'member' || actor.memberId === undefined)
    throw problems.forbidden('Only a signed-in member can change their password');
  const account = await accountOfMember(ctx.db, actor.memberId);
  if (account.passwordHash !== '' && !(await verifyPassword(change.currentPassword, account.passwordHash))) {
    throw problems.validation([{ path: 'currentPassword', message: 'is not the current password' }]);
  }
  const passwordHash = await hashPassword(change.newPassword);
  await ctx.write(actor, async (write) => {
    await write.tx.updateTable('accounts').set({ passwordHash }).where('id', '=', account.id).execute();
    let others = write.tx
      .deleteFrom('sessions')
      .where('memberId', 'in', write.tx.selectFrom('members').select('id').where('accountId', '=', account.id));
    if (keepSessionHash !== undefined) others = others.where('idHash', '!=', keepSessionHash);
    await others.execute();
    // The audit says that it changed, never what to.
    write.audit({
      action: 'member.password-changed',
      resourceType: 'member',
      resourceKey: account.email,
      before: { hasPassword: account.passwordHash !== '' },
      after: { hasPassword: true },
    });
  });
}

async function accountOfMember(db: Queryable, memberId: string): Promise<AccountRow> {
  return db
    .selectFrom('accounts')
    .selectAll('accounts')
    .innerJoin('members', 'members.accountId', 'accounts.id')
    .where('members.id', '=', memberId)
    .executeTakeFirstOrThrow();
}

/**
 * Signs a member in, however they proved who they are: a session row in the member's
 * organisation, its cookie, the organisation remembered as the account's last, and an audit entry
 * (who, when, until when), all or nothing.
 */
export async function startSession(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, member: Member) {
  const session = await ctx.write(memberActor(member), async (write) => {
    const created = await createSession(write.tx, member.id, ctx.config.sessionHours);
    await rememberOrganization(write.tx, member.accountId, member.organizationId);
    write.audit({
      action: 'member.signed-in',
      resourceType: 'member',
      resourceKey: member.email,
      after: { expiresAt: created.expiresAt },
    });
    return created;
  });
  setSessionCookie(reply, session, secureCookies(request, ctx.config.publicUrl));
  return sessionView(ctx.db, member.id, session.csrfToken, session.expiresAt);
}

/** The signed-in member as the console sees themselves: whether their account has a password is theirs to know. */
export type SessionMember = MemberView & { hasPassword: boolean };

export interface SessionView {
  member: SessionMember;
  /** The organisation the session is in. */
  organization: { key: string; name: string };
  /** Every organisation the account belongs to, to switch between (`POST /auth/organization`). */
  organizations: { key: string; name: string }[];
  csrfToken: string;
  expiresAt: string;
}

/** The session of member `memberId`, as the console reads it; 401 when the member is gone (removed meanwhile). */
export async function sessionView(
  db: Queryable,
  memberId: string,
  csrfToken: string,
  expiresAt: string,
): Promise<SessionView> {
  const member = await selectMembers(db)
    .innerJoin('organizations', 'organizations.id', 'members.organizationId')
    .select(['accounts.passwordHash', 'organizations.key as organizationKey', 'organizations.name as organizationName'])
    .where('members.id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw problems.unauthorized('No session: sign in with POST /api/v1/auth/login');
  return {
    member: { ...memberView(member), hasPassword: member.passwordHash !== '' },
    organization: { key: member.organizationKey, name: member.organizationName },
    organizations: await organizationsOf(db, member.accountId),
    csrfToken,
    expiresAt,
  };
}
