import { randomUUID } from 'node:crypto';
import { authorize, type Actor } from '../auth/actor.js';
import { checkedGrant } from '../auth/grants.js';
import type { RoleBinding } from '../auth/roles.js';
import { hashPassword, hashSecret, newSecret, verifyPassword } from '../auth/secrets.js';
import type { ServerContext } from '../context.js';
import { isUniqueViolation } from '../db/database.js';
import type { InvitationRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import { accountByEmail, memberByEmail, rememberOrganization, type Member } from './accounts.js';
import type { InvitationAcceptance, NewInvitation } from './schemas.js';
import { insertMember, memberView, normalEmail } from './service.js';

export const INVITATION_PREFIX = 'vx_inv_';
const DEFAULT_INVITATION_HOURS = 7 * 24;

export interface InvitationView {
  id: string;
  email: string;
  roles: RoleBinding[];
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Invites someone by email: the response carries the single-use link once; only its hash is kept.
 * Whether the address already has an account (in another organisation) changes nothing here.
 */
export async function createInvitation(
  ctx: ServerContext,
  actor: Actor,
  input: NewInvitation,
  baseUrl: string,
): Promise<InvitationView & { token: string; url: string }> {
  authorize(actor, 'member:manage');
  const email = normalEmail(input.email);
  return ctx.write(actor, async (write) => {
    const roles = await checkedGrant(write.tx, actor, input.roles);
    if (await memberByEmail(write.tx, actor.organizationId, email))
      throw problems.conflict(`${email} is already a member`, [{ path: 'email', message: 'already a member' }]);
    // A new invitation replaces any earlier one still pending for the same address.
    await write.tx
      .updateTable('invitations')
      .set({ revokedAt: write.now })
      .where('organizationId', '=', actor.organizationId)
      .where('email', '=', email)
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .execute();
    const token = newSecret(INVITATION_PREFIX);
    const row: InvitationRow = {
      id: randomUUID(),
      organizationId: actor.organizationId,
      email,
      roles: JSON.stringify(roles),
      tokenHash: hashSecret(token),
      invitedBy: actor.name,
      createdAt: write.now,
      expiresAt: new Date(
        Date.parse(write.now) + (input.expiresInHours ?? DEFAULT_INVITATION_HOURS) * 3_600_000,
      ).toISOString(),
      acceptedAt: null,
      revokedAt: null,
    };
    await write.tx.insertInto('invitations').values(row).execute();
    const view = invitationView(row);
    write.audit({ action: 'invitation.created', resourceType: 'invitation', resourceKey: email, after: view });
    return { ...view, token, url: `${baseUrl}/invitations/accept#${token}` };
  });
}

/** Invitations not yet accepted, revoked or expired. */
export async function listInvitations(ctx: ServerContext, actor: Actor): Promise<InvitationView[]> {
  authorize(actor, 'member:manage');
  const rows = await ctx.db
    .selectFrom('invitations')
    .selectAll()
    .where('organizationId', '=', actor.organizationId)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', new Date().toISOString())
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map(invitationView);
}

export async function revokeInvitation(ctx: ServerContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'member:manage');
  await ctx.write(actor, async (write) => {
    const row = await write.tx
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', id)
      .where('organizationId', '=', actor.organizationId)
      .executeTakeFirst();
    if (!row) throw problems.notFound(`Invitation "${id}"`);
    if (row.acceptedAt !== null || row.revokedAt !== null)
      throw problems.conflict(
        `The invitation of ${row.email} was already ${row.acceptedAt !== null ? 'accepted' : 'revoked'}`,
      );
    await write.tx.updateTable('invitations').set({ revokedAt: write.now }).where('id', '=', id).execute();
    write.audit({
      action: 'invitation.revoked',
      resourceType: 'invitation',
      resourceKey: row.email,
      before: invitationView(row),
    });
  });
}

/** The open invitation a link's token names, or 404 (whether it never existed, was used, revoked or expired). */
export async function openInvitation(ctx: ServerContext, token: string): Promise<InvitationRow> {
  const invitation = await ctx.db
    .selectFrom('invitations')
    .selectAll()
    .where('tokenHash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!invitation || !isOpen(invitation)) throw problems.notFound('An open invitation with this token');
  return invitation;
}

/** Verified in place of an account's hash when it has none, so that every refusal takes as long. */
let decoy: Promise<string> | undefined;

/**
 * Turns an invitation into a member. A new address gets an account with the password given; an
 * address that already has one (a member elsewhere) proves it with that account's password, which
 * stays as it is — the person signs in rather than choosing a password again.
 */
export async function acceptInvitation(
  ctx: ServerContext,
  invitation: InvitationRow,
  input: InvitationAcceptance,
): Promise<Member> {
  const account = await accountByEmail(ctx.db, invitation.email);
  if (!account)
    return joinByInvitation(ctx, invitation, {
      name: input.name,
      account: { passwordHash: await hashPassword(input.password), oidcSubject: null },
    });
  decoy ??= hashPassword('decoy password, never anyone’s');
  const hash = account.passwordHash !== '' ? account.passwordHash : await decoy;
  if (!(await verifyPassword(input.password, hash)) || account.passwordHash === '')
    throw problems.validation([
      {
        path: 'password',
        message: `is not the password of the account ${invitation.email} already has (an account without one accepts by signing in with single sign-on)`,
      },
    ]);
  return joinByInvitation(ctx, invitation, { name: input.name, account: { id: account.id } });
}

export function isOpen(invitation: InvitationRow, now = new Date().toISOString()): boolean {
  return invitation.acceptedAt === null && invitation.revokedAt === null && invitation.expiresAt > now;
}

/** Who takes up an invitation: an account proven already, or the credentials of a new one. */
export interface Joining {
  /** How the organisation will name the new member. */
  name: string;
  account: { id: string } | { passwordHash: string; oidcSubject: string | null };
}

/**
 * The one way an invitation becomes a member, whether they proved themselves with a password or
 * through single sign-on: in one transaction the invitation is claimed (a conditional update, so
 * it works once), the account made if it is new, the membership created with the invitation's
 * roles, the organisation remembered as the account's last, and the joining audited.
 */
export async function joinByInvitation(
  ctx: ServerContext,
  invitation: InvitationRow,
  joining: Joining,
): Promise<Member> {
  const id = randomUUID();
  const actor: Actor = {
    type: 'member',
    id,
    name: invitation.email,
    organizationId: invitation.organizationId,
    roles: [],
  };
  return ctx.write(actor, async (write) => {
    const claimed = await write.tx
      .updateTable('invitations')
      .set({ acceptedAt: write.now })
      .where('id', '=', invitation.id)
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw problems.notFound('An open invitation with this token');
    const alreadyMember = () => problems.conflict(`${invitation.email} is already a member of this organisation`);
    if (await memberByEmail(write.tx, invitation.organizationId, invitation.email)) throw alreadyMember();
    let accountId: string;
    if ('id' in joining.account) {
      accountId = joining.account.id;
    } else {
      accountId = randomUUID();
      await write.tx
        .insertInto('accounts')
        .values({
          id: accountId,
          email: invitation.email,
          ...joining.account,
          lastOrganizationId: invitation.organizationId,
          createdAt: write.now,
        })
        .execute()
        .catch((error: unknown) => {
          // Made meanwhile (another organisation's invitation accepted at the same moment): it is
          // not this person's to claim with a password of their choosing.
          if (isUniqueViolation(error))
            throw problems.conflict(
              `An account for ${invitation.email} was just created: accept the invitation again with its password`,
            );
          throw error;
        });
    }
    const member: Member = {
      id,
      organizationId: invitation.organizationId,
      accountId,
      email: invitation.email,
      name: joining.name,
      roles: invitation.roles,
      createdAt: write.now,
    };
    await insertMember(write.tx, member).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw alreadyMember();
      throw error;
    });
    await rememberOrganization(write.tx, accountId, invitation.organizationId);
    write.audit({
      action: 'member.joined',
      resourceType: 'member',
      resourceKey: member.email,
      after: { ...memberView(member), invitedBy: invitation.invitedBy },
    });
    return member;
  });
}

function invitationView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    email: row.email,
    roles: JSON.parse(row.roles) as RoleBinding[],
    invitedBy: row.invitedBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
