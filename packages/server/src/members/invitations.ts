import { randomUUID } from 'node:crypto';
import { authorize, type Actor } from '../auth/actor.js';
import { checkedGrant } from '../auth/grants.js';
import type { RoleBinding } from '../auth/roles.js';
import { hashPassword, hashSecret, newSecret } from '../auth/secrets.js';
import type { ServerContext } from '../context.js';
import { isUniqueViolation } from '../db/database.js';
import type { InvitationRow, MemberRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import type { InvitationAcceptance, NewInvitation } from './schemas.js';
import { memberView, normalEmail } from './service.js';

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

/** Invites someone by email: the response carries the single-use link once; only its hash is kept. */
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
    const member = await write.tx
      .selectFrom('members')
      .select('organizationId')
      .where('email', '=', email)
      .executeTakeFirst();
    if (member)
      throw problems.conflict(
        `${email} is already a member${member.organizationId === actor.organizationId ? '' : ' of another organisation'}`,
        [{ path: 'email', message: 'already a member' }],
      );
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

/**
 * Turns an invitation into a member. The link works once: the row is claimed by a conditional
 * update, so two concurrent acceptances cannot both succeed.
 */
export async function acceptInvitation(ctx: ServerContext, input: InvitationAcceptance): Promise<MemberRow> {
  const passwordHash = await hashPassword(input.password);
  const invitation = await ctx.db
    .selectFrom('invitations')
    .selectAll()
    .where('tokenHash', '=', hashSecret(input.token))
    .executeTakeFirst();
  if (!invitation || !isOpen(invitation)) throw problems.notFound('An open invitation with this token');
  return joinByInvitation(ctx, invitation, { name: input.name, passwordHash, oidcSubject: null });
}

export function isOpen(invitation: InvitationRow, now = new Date().toISOString()): boolean {
  return invitation.acceptedAt === null && invitation.revokedAt === null && invitation.expiresAt > now;
}

/**
 * The one way an invitation becomes a member, whether they proved themselves with a password or
 * through single sign-on: in one transaction the invitation is claimed (a conditional update, so
 * it works once), the member created with its roles, and the joining audited.
 */
export async function joinByInvitation(
  ctx: ServerContext,
  invitation: InvitationRow,
  member: Pick<MemberRow, 'name' | 'passwordHash' | 'oidcSubject'>,
): Promise<MemberRow> {
  const id = randomUUID();
  const joining = {
    type: 'member' as const,
    id,
    name: invitation.email,
    organizationId: invitation.organizationId,
    roles: [],
  };
  return ctx.write(joining, async (write) => {
    const claimed = await write.tx
      .updateTable('invitations')
      .set({ acceptedAt: write.now })
      .where('id', '=', invitation.id)
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw problems.notFound('An open invitation with this token');
    const taken = await write.tx
      .selectFrom('members')
      .select('id')
      .where('email', '=', invitation.email)
      .executeTakeFirst();
    if (taken) throw problems.conflict(`${invitation.email} is already a member`);
    const row: MemberRow = {
      id,
      organizationId: invitation.organizationId,
      email: invitation.email,
      roles: invitation.roles,
      createdAt: write.now,
      ...member,
    };
    await write.tx
      .insertInto('members')
      .values(row)
      .execute()
      .catch((error: unknown) => {
        // Two organisations' invitations of one address, accepted at the same moment.
        if (isUniqueViolation(error)) throw problems.conflict(`${invitation.email} is already a member`);
        throw error;
      });
    write.audit({
      action: 'member.joined',
      resourceType: 'member',
      resourceKey: row.email,
      after: { ...memberView(row), invitedBy: invitation.invitedBy },
    });
    return row;
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
