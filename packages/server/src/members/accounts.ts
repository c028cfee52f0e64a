import type { Queryable } from '../db/database.js';
import type { AccountRow } from '../db/schema.js';

/**
 * A member as the server handles one: an account's membership in one organisation, with the
 * account's email. The id is the membership's: sessions, personal tokens and audit entries name it.
 */
export interface Member {
  id: string;
  organizationId: string;
  accountId: string;
  email: string;
  name: string;
  /** JSON: RoleBinding[]. */
  roles: string;
  createdAt: string;
}

/** Memberships with their account's email; narrow them with `where` on `members.*` or `accounts.*`. */
export function selectMembers(db: Queryable) {
  return db
    .selectFrom('members')
    .innerJoin('accounts', 'accounts.id', 'members.accountId')
    .select([
      'members.id',
      'members.organizationId',
      'members.accountId',
      'accounts.email',
      'members.name',
      'members.roles',
      'members.createdAt',
    ]);
}

export function accountByEmail(db: Queryable, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

/** The member `email` is in `organizationId`, if they are one. */
export function memberByEmail(db: Queryable, organizationId: string, email: string): Promise<Member | undefined> {
  return selectMembers(db)
    .where('members.organizationId', '=', organizationId)
    .where('accounts.email', '=', email)
    .executeTakeFirst();
}

/** Where a sign-in lands: the organisation the account used last, else its oldest membership. */
export async function landingMember(
  db: Queryable,
  account: Pick<AccountRow, 'id' | 'lastOrganizationId'>,
): Promise<Member | undefined> {
  const memberships = await selectMembers(db)
    .where('members.accountId', '=', account.id)
    .orderBy('members.createdAt')
    .orderBy('members.id')
    .execute();
  return memberships.find((member) => member.organizationId === account.lastOrganizationId) ?? memberships[0];
}

/** The organisations an account belongs to, by name: the account's to see, and nobody else's. */
export function organizationsOf(db: Queryable, accountId: string): Promise<{ key: string; name: string }[]> {
  return db
    .selectFrom('members')
    .innerJoin('organizations', 'organizations.id', 'members.organizationId')
    .select(['organizations.key', 'organizations.name'])
    .where('members.accountId', '=', accountId)
    .orderBy('organizations.name')
    .orderBy('organizations.key')
    .execute();
}

/** Remembers where the account was last, so that its next sign-in lands there. */
export async function rememberOrganization(db: Queryable, accountId: string, organizationId: string): Promise<void> {
  await db.updateTable('accounts').set({ lastOrganizationId: organizationId }).where('id', '=', accountId).execute();
}

/** An account left with no membership is deleted: nobody has that person any more, so they are forgotten. */
export async function forgetAccountIfUnused(db: Queryable, accountId: string): Promise<void> {
  await db
    .deleteFrom('accounts')
    .where('id', '=', accountId)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('members').select('members.id').where('members.accountId', '=', accountId))),
    )
    .execute();
}
