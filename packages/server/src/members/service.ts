import { randomUUID } from 'node:crypto';
import { authorize, type Actor } from '../auth/actor.js';
import { checkedGrant } from '../auth/grants.js';
import type { RoleBinding } from '../auth/roles.js';
import { hashPassword } from '../auth/secrets.js';
import type { Write } from '../changes/writer.js';
import type { ServerContext } from '../context.js';
import { isUniqueViolation, type Queryable } from '../db/database.js';
import { problems } from '../http/problems.js';
import { accountByEmail, forgetAccountIfUnused, memberByEmail, selectMembers, type Member } from './accounts.js';
import type { MemberChange, NewMember } from './schemas.js';

/**
 * A member as an organisation sees one: that organisation's membership and the account's email,
 * nothing about the account beyond (whether it has a password, which other organisations it
 * belongs to), since that may have been set elsewhere.
 */
export interface MemberView {
  id: string;
  email: string;
  name: string;
  roles: RoleBinding[];
  createdAt: string;
}

/** Emails are compared and stored lowercased: `Ada@Example.com` is `ada@example.com`. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function memberView(member: Member): MemberView {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    roles: JSON.parse(member.roles) as RoleBinding[],
    createdAt: member.createdAt,
  };
}

export async function listMembers(ctx: ServerContext, actor: Actor): Promise<MemberView[]> {
  authorize(actor, 'member:read');
  const rows = await selectMembers(ctx.db)
    .where('members.organizationId', '=', actor.organizationId)
    .orderBy('accounts.email')
    .execute();
  return rows.map(memberView);
}

export async function getMember(ctx: ServerContext, actor: Actor, id: string): Promise<MemberView> {
  authorize(actor, 'member:read');
  return memberView(await memberOf(ctx.db, actor, id));
}

/**
 * Adds a member directly, with a first password to hand over (for automation, or a server that
 * cannot send invitations); invitations let people choose their own. When the address already has
 * an account (it belongs to another organisation), only the membership is made: the account keeps
 * its password, and the answer is the same either way, so nothing about other organisations shows.
 */
export async function createMember(ctx: ServerContext, actor: Actor, input: NewMember): Promise<MemberView> {
  authorize(actor, 'member:manage');
  const email = normalEmail(input.email);
  // Hashed whether it is used or not, so that the answer takes as long either way.
  const passwordHash = await hashPassword(input.password);
  return ctx.write(actor, async (write) => {
    const roles = await checkedGrant(write.tx, actor, input.roles);
    const alreadyMember = () =>
      problems.conflict(`${email} is already a member`, [{ path: 'email', message: 'already a member' }]);
    if (await memberByEmail(write.tx, actor.organizationId, email)) throw alreadyMember();
    const member: Member = {
      id: randomUUID(),
      organizationId: actor.organizationId,
      accountId: await accountFor(write, email, passwordHash),
      email,
      name: input.name,
      roles: JSON.stringify(roles),
      createdAt: write.now,
    };
    await insertMember(write.tx, member).catch((error: unknown) => {
      // The same address added twice at the same moment.
      if (isUniqueViolation(error)) throw alreadyMember();
      throw error;
    });
    const view = memberView(member);
    write.audit({ action: 'member.created', resourceType: 'member', resourceKey: email, after: view });
    return view;
  });
}

/** The account of `email`: the one it has, untouched (its password is its holder's), or a new one. */
async function accountFor(write: Write, email: string, passwordHash: string): Promise<string> {
  await write.tx
    .insertInto('accounts')
    .values({
      id: randomUUID(),
      email,
      passwordHash,
      oidcSubject: null,
      lastOrganizationId: write.actor.organizationId,
      createdAt: write.now,
    })
    .onConflict((conflict) => conflict.column('email').doNothing())
    .execute();
  const account = await accountByEmail(write.tx, email);
  if (!account) throw new Error(`the account of ${email} vanished while adding it`);
  return account.id;
}

/** Writes a membership (the email is its account's, stored there). */
export async function insertMember(db: Queryable, member: Member): Promise<void> {
  const { id, organizationId, accountId, name, roles, createdAt } = member;
  await db.insertInto('members').values({ id, organizationId, accountId, name, roles, createdAt }).execute();
}

/** Renames a member or replaces their roles; their sessions and personal tokens follow at once. */
export async function updateMember(
  ctx: ServerContext,
  actor: Actor,
  id: string,
  change: MemberChange,
): Promise<MemberView> {
  authorize(actor, 'member:manage');
  return ctx.write(actor, async (write) => {
    const row = await memberOf(write.tx, actor, id);
    const roles = change.roles === undefined ? undefined : await checkedGrant(write.tx, actor, change.roles);
    if (
      roles !== undefined &&
      isOwner(row) &&
      !roles.some((binding) => binding.role === 'owner' && binding.project === undefined)
    ) {
      await keepAnOwner(write.tx, actor, row);
    }
    const updated: Member = {
      ...row,
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(roles === undefined ? {} : { roles: JSON.stringify(roles) }),
    };
    await write.tx
      .updateTable('members')
      .set({ name: updated.name, roles: updated.roles })
      .where('id', '=', id)
      .execute();
    const after = memberView(updated);
    write.audit({
      action: 'member.updated',
      resourceType: 'member',
      resourceKey: row.email,
      before: memberView(row),
      after,
    });
    return after;
  });
}

/**
 * Removes a member from this organisation: their sessions in it and their personal tokens for it
 * end (foreign keys would cascade; this says so). Their account and other memberships stay; an
 * account left with none is deleted.
 */
export async function removeMember(ctx: ServerContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'member:manage');
  await ctx.write(actor, async (write) => {
    const row = await memberOf(write.tx, actor, id);
    if (isOwner(row)) await keepAnOwner(write.tx, actor, row);
    await write.tx.deleteFrom('sessions').where('memberId', '=', id).execute();
    await write.tx.deleteFrom('apiTokens').where('memberId', '=', id).execute();
    await write.tx.deleteFrom('members').where('id', '=', id).execute();
    await forgetAccountIfUnused(write.tx, row.accountId);
    write.audit({ action: 'member.removed', resourceType: 'member', resourceKey: row.email, before: memberView(row) });
  });
}

async function memberOf(db: Queryable, actor: Actor, id: string): Promise<Member> {
  const row = await selectMembers(db)
    .where('members.id', '=', id)
    .where('members.organizationId', '=', actor.organizationId)
    .executeTakeFirst();
  if (!row) throw problems.notFound(`Member "${id}"`);
  return row;
}

function isOwner(row: Pick<Member, 'roles'>): boolean {
  return (JSON.parse(row.roles) as RoleBinding[]).some(
    (binding) => binding.role === 'owner' && binding.project === undefined,
  );
}

/** An organisation must always keep a member who owns it, or nobody could manage it again. */
async function keepAnOwner(db: Queryable, actor: Actor, leaving: Member): Promise<void> {
  // Locks the organisation's row (a no-op update) so that two owners demoted at once on
  // PostgreSQL take turns, and the second sees the first gone; SQLite writes one at a time anyway.
  await db
    .updateTable('organizations')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', actor.organizationId)
    .execute();
  const others = await db
    .selectFrom('members')
    .select(['id', 'roles'])
    .where('organizationId', '=', actor.organizationId)
    .where('id', '!=', leaving.id)
    .execute();
  if (!others.some(isOwner))
    throw problems.conflict(`${leaving.email} is the organisation's last owner: make another member owner first`);
}
