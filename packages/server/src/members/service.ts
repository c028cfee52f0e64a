import { randomUUID } from 'node:crypto';
import { authorize, type Actor } from '../auth/actor.js';
import { checkedGrant } from '../auth/grants.js';
import type { RoleBinding } from '../auth/roles.js';
import { hashPassword } from '../auth/secrets.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import type { MemberChange, NewMember } from './schemas.js';

/** A member as the API shows one: never the password hash. */
export interface MemberView {
  id: string;
  email: string;
  name: string;
  roles: RoleBinding[];
  /** Whether the member can sign in with a password (OIDC-only members cannot). */
  hasPassword: boolean;
  createdAt: string;
}

/** Emails are compared and stored lowercased: `Ada@Example.com` is `ada@example.com`. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function memberView(row: MemberRow): MemberView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: JSON.parse(row.roles) as RoleBinding[],
    hasPassword: row.passwordHash !== '',
    createdAt: row.createdAt,
  };
}

export async function listMembers(ctx: ServerContext, actor: Actor): Promise<MemberView[]> {
  authorize(actor, 'member:read');
  const rows = await ctx.db
    .selectFrom('members')
    .selectAll()
    .where('organizationId', '=', actor.organizationId)
    .orderBy('email')
    .execute();
  return rows.map(memberView);
}

export async function getMember(ctx: ServerContext, actor: Actor, id: string): Promise<MemberView> {
  authorize(actor, 'member:read');
  return memberView(await memberOf(ctx.db, actor, id));
}

/**
 * Adds a member directly, with a first password to hand over (for automation, or a server that
 * cannot send invitations); invitations let people choose their own.
 */
export async function createMember(ctx: ServerContext, actor: Actor, input: NewMember): Promise<MemberView> {
  authorize(actor, 'member:manage');
  const email = normalEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return ctx.write(actor, async (write) => {
    const roles = await checkedGrant(write.tx, actor, input.roles);
    const taken = await write.tx
      .selectFrom('members')
      .select('organizationId')
      .where('email', '=', email)
      .executeTakeFirst();
    if (taken)
      throw problems.conflict(
        `${email} is already a member${taken.organizationId === actor.organizationId ? '' : ' of another organisation'}`,
        [{ path: 'email', message: 'already a member' }],
      );
    const row: MemberRow = {
      id: randomUUID(),
      organizationId: actor.organizationId,
      email,
      name: input.name,
      passwordHash,
      roles: JSON.stringify(roles),
      createdAt: write.now,
      oidcSubject: null,
    };
    await write.tx.insertInto('members').values(row).execute();
    const view = memberView(row);
    write.audit({ action: 'member.created', resourceType: 'member', resourceKey: email, after: view });
    return view;
  });
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
    const updated: MemberRow = {
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

/** Removes a member: their sessions and personal tokens go with them (foreign keys cascade). */
export async function removeMember(ctx: ServerContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'member:manage');
  await ctx.write(actor, async (write) => {
    const row = await memberOf(write.tx, actor, id);
    if (isOwner(row)) await keepAnOwner(write.tx, actor, row);
    await write.tx.deleteFrom('sessions').where('memberId', '=', id).execute();
    await write.tx.deleteFrom('apiTokens').where('memberId', '=', id).execute();
    await write.tx.deleteFrom('members').where('id', '=', id).execute();
    write.audit({ action: 'member.removed', resourceType: 'member', resourceKey: row.email, before: memberView(row) });
  });
}

async function memberOf(db: Queryable, actor: Actor, id: string): Promise<MemberRow> {
  const row = await db
    .selectFrom('members')
    .selectAll()
    .where('id', '=', id)
    .where('organizationId', '=', actor.organizationId)
    .executeTakeFirst();
  if (!row) throw problems.notFound(`Member "${id}"`);
  return row;
}

function isOwner(row: MemberRow): boolean {
  return (JSON.parse(row.roles) as RoleBinding[]).some(
    (binding) => binding.role === 'owner' && binding.project === undefined,
  );
}

/** An organisation must always keep a member who owns it, or nobody could manage it again. */
async function keepAnOwner(db: Queryable, actor: Actor, leaving: MemberRow): Promise<void> {
  // Locks the organisation's row (a no-op update) so that two owners demoted at once on
  // PostgreSQL take turns, and the second sees the first gone; SQLite writes one at a time anyway.
  await db
    .updateTable('organizations')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', actor.organizationId)
    .execute();
  const others = await db
    .selectFrom('members')
    .selectAll()
    .where('organizationId', '=', actor.organizationId)
    .where('id', '!=', leaving.id)
    .execute();
  if (!others.some(isOwner))
    throw problems.conflict(`${leaving.email} is the organisation's last owner: make another member owner first`);
}
