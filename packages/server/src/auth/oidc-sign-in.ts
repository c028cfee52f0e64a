import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { AccountRow, InvitationRow } from '../db/schema.js';
import { Problem, problems } from '../http/problems.js';
import { accountByEmail, landingMember, type Member } from '../members/accounts.js';
import { joinByInvitation } from '../members/invitations.js';
import { normalEmail } from '../members/service.js';
import type { OidcIdentity } from './oidc-client.js';
import { memberActor } from './sign-in.js';

/** Member names are at most this long (the API's `Name`). */
const NAME_MAX = 200;

/**
 * The member a verified identity signs in as. The account is the one already linked to the
 * identity, else the one with its (verified) email, which gets linked; an address with no account
 * needs an open invitation, and gets an account without a password. Every open invitation of the
 * address the provider has just verified is then accepted — single sign-on proves who someone is,
 * an invitation says they belong — and the sign-in lands in the organisation joined last, else in
 * the one the account used last. Anyone else is refused.
 */
export async function memberForIdentity(ctx: ServerContext, identity: OidcIdentity): Promise<Member> {
  const subject = `${identity.issuer} ${identity.subject}`;
  const linked = await ctx.db.selectFrom('accounts').selectAll().where('oidcSubject', '=', subject).executeTakeFirst();
  // Once linked, the identity finds its account even after its email at the provider has changed.
  const email = linked ? provenEmail(identity) : verifiedEmail(identity);
  let account = linked ?? (email === undefined ? undefined : await accountByEmail(ctx.db, email));
  if (account && !linked && account.oidcSubject?.startsWith(`${identity.issuer} `))
    throw problems.forbidden(`${account.email} is linked to another account at ${identity.issuer}`);

  let landing: Member | undefined;
  const invited = email !== undefined && (account === undefined || account.email === email);
  for (const invitation of invited ? await openInvitationsOf(ctx.db, email) : []) {
    const joined = await joinByInvitation(ctx, invitation, {
      name: identity.name?.slice(0, NAME_MAX) ?? invitation.email,
      account: account ? { id: account.id } : { passwordHash: '', oidcSubject: subject },
    }).catch((error: unknown) => {
      // Taken up meanwhile, or joined by other means: the other invitations still count.
      if (error instanceof Problem && (error.status === 404 || error.status === 409)) return undefined;
      throw error;
    });
    if (!joined) continue;
    landing = joined;
    account ??= await accountByEmail(ctx.db, joined.email);
  }
  landing ??= account && (await landingMember(ctx.db, account));
  if (!account || !landing) throw problems.forbidden(`No member or invitation for ${email ?? identity.email}`);
  if (account.oidcSubject !== subject) await linkIdentity(ctx, account, landing, subject);
  return landing;
}

/** The email the provider vouches for: 403 when it shares none or says it has not verified it. */
function verifiedEmail(identity: OidcIdentity): string {
  if (!identity.email)
    throw problems.forbidden(
      'The identity provider did not share an email address, which Vexil needs to find your membership (scope "email")',
    );
  // Providers that never send email_verified are trusted to have checked the address.
  if (identity.emailVerified === false)
    throw problems.forbidden(`The identity provider has not verified ${identity.email}`);
  return normalEmail(identity.email);
}

/** The email the provider vouches for, if any: a linked account signs in without one. */
function provenEmail(identity: OidcIdentity): string | undefined {
  return identity.email && identity.emailVerified !== false ? normalEmail(identity.email) : undefined;
}

/** Open invitations of `email` from organisations it is not a member of yet, oldest first. */
function openInvitationsOf(db: Queryable, email: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('email', '=', email)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', new Date().toISOString())
    .where('organizationId', 'not in', (eb) =>
      eb
        .selectFrom('members')
        .innerJoin('accounts', 'accounts.id', 'members.accountId')
        .select('members.organizationId')
        .where('accounts.email', '=', email),
    )
    .orderBy('createdAt')
    .execute();
}

/**
 * Links an account to the identity that proved its email (audited in the organisation the sign-in
 * lands in). A link to a different issuer is replaced, since the server has been moved to a new
 * provider; one to another account at the same provider was refused before.
 */
async function linkIdentity(ctx: ServerContext, account: AccountRow, landing: Member, subject: string): Promise<void> {
  const previous = account.oidcSubject;
  await ctx.write(memberActor(landing), async (write) => {
    let update = write.tx.updateTable('accounts').set({ oidcSubject: subject }).where('id', '=', account.id);
    update = previous === null ? update.where('oidcSubject', 'is', null) : update.where('oidcSubject', '=', previous);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw problems.conflict(`${account.email} was changed while signing in; sign in again`);
    write.audit({
      action: 'member.sso-linked',
      resourceType: 'member',
      resourceKey: account.email,
      before: { oidcSubject: previous },
      after: { oidcSubject: subject },
    });
  });
}
