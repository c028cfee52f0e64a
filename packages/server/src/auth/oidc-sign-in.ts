import type { ServerContext } from '../context.js';
import type { MemberRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import { joinByInvitation } from '../members/invitations.js';
import { normalEmail } from '../members/service.js';
import type { Actor } from './actor.js';
import type { OidcIdentity } from './oidc-client.js';
import type { RoleBinding } from './roles.js';

/** Member names are at most this long (the API's `Name`). */
const NAME_MAX = 200;

/**
 * The member a verified identity signs in as. In order: the member already linked to it; the
 * member with its (verified) email, who gets linked; or, when the email has an open invitation,
 * a new member holding the invitation's roles. Anyone else is refused: single sign-on proves who
 * someone is, an invitation says they belong here.
 */
export async function memberForIdentity(ctx: ServerContext, identity: OidcIdentity): Promise<MemberRow> {
  const subject = `${identity.issuer} ${identity.subject}`;
  const linked = await ctx.db.selectFrom('members').selectAll().where('oidcSubject', '=', subject).executeTakeFirst();
  if (linked) return linked;
  const email = verifiedEmail(identity);
  const member = await ctx.db.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirst();
  if (member) return linkIdentity(ctx, member, identity.issuer, subject);
  return joinWithIdentity(ctx, email, subject, identity.name);
}

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

/**
 * Links a member to the identity that proved their email. A member already linked to another
 * account at the same provider is refused: that address now belongs to someone else there. A link
 * to a different issuer is replaced, since the server has been moved to a new provider.
 */
async function linkIdentity(
  ctx: ServerContext,
  member: MemberRow,
  issuer: string,
  subject: string,
): Promise<MemberRow> {
  const previous = member.oidcSubject;
  if (previous?.startsWith(`${issuer} `)) {
    throw problems.forbidden(`${member.email} is linked to another account at ${issuer}`);
  }
  return ctx.write(memberActor(member), async (write) => {
    let update = write.tx.updateTable('members').set({ oidcSubject: subject }).where('id', '=', member.id);
    update = previous === null ? update.where('oidcSubject', 'is', null) : update.where('oidcSubject', '=', previous);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw problems.conflict(`${member.email} was changed while signing in; sign in again`);
    write.audit({
      action: 'member.sso-linked',
      resourceType: 'member',
      resourceKey: member.email,
      before: { oidcSubject: previous },
      after: { oidcSubject: subject },
    });
    return { ...member, oidcSubject: subject };
  });
}

/** Accepts the newest open invitation of `email` for the person who proved it, with no password. */
async function joinWithIdentity(
  ctx: ServerContext,
  email: string,
  subject: string,
  name: string | undefined,
): Promise<MemberRow> {
  const invitation = await ctx.db
    .selectFrom('invitations')
    .selectAll()
    .where('email', '=', email)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', new Date().toISOString())
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
  if (!invitation) throw problems.forbidden(`No member or invitation for ${email}`);
  return joinByInvitation(ctx, invitation, {
    name: name?.slice(0, NAME_MAX) ?? email,
    passwordHash: '',
    oidcSubject: subject,
  });
}

function memberActor(member: MemberRow): Actor {
  return {
    type: 'member',
    id: member.id,
    name: member.email,
    organizationId: member.organizationId,
    roles: JSON.parse(member.roles) as RoleBinding[],
    memberId: member.id,
  };
}
