import type { ServerContext } from '../context.js';
import { Problem, problems } from '../http/problems.js';
import { rememberOrganization, selectMembers } from '../members/accounts.js';
import type { Actor } from './actor.js';
import { hashSecret } from './secrets.js';
import { memberActor, sessionView, type SessionView } from './sign-in.js';

/**
 * Moves a session to another organisation the signed-in account belongs to: from then on it acts
 * as the account's member there, with that membership's roles, and the next sign-in lands there.
 * The audit entry is written in the organisation entered, and says nothing of the one left.
 * A token belongs to one membership and cannot switch; an organisation the account is not in gets
 * the same 404 whether it exists or not.
 */
export async function switchOrganization(
  ctx: ServerContext,
  actor: Actor,
  sessionSecret: string | undefined,
  organizationKey: string,
): Promise<SessionView> {
  if (actor.type !== 'member' || actor.memberId === undefined || sessionSecret === undefined)
    throw problems.forbidden(
      'Only a signed-in session switches organisation: a token belongs to the organisation it was made in',
    );
  const current = actor.memberId;
  const target = await selectMembers(ctx.db)
    .innerJoin('organizations', 'organizations.id', 'members.organizationId')
    .where('organizations.key', '=', organizationKey)
    .where('members.accountId', '=', (eb) =>
      eb.selectFrom('members as current').select('current.accountId').where('current.id', '=', current),
    )
    .executeTakeFirst();
  if (!target)
    throw new Problem(404, 'not-found', 'Not found', `You are a member of no organisation "${organizationKey}"`, [
      { path: 'organization', message: 'is not an organisation you are a member of' },
    ]);
  const idHash = hashSecret(sessionSecret);
  const session = await ctx.write(memberActor(target), async (write) => {
    const moved = await write.tx
      .updateTable('sessions')
      .set({ memberId: target.id })
      .where('idHash', '=', idHash)
      .where('memberId', '=', current)
      .executeTakeFirst();
    // Signed out, or moved by another request of the same session, in between.
    if (Number(moved.numUpdatedRows) !== 1)
      throw problems.unauthorized('The session has ended or changed: sign in again with POST /api/v1/auth/login');
    await rememberOrganization(write.tx, target.accountId, target.organizationId);
    write.audit({
      action: 'member.switched-organization',
      resourceType: 'member',
      resourceKey: target.email,
      after: { organization: organizationKey },
    });
    return write.tx
      .selectFrom('sessions')
      .select(['csrfToken', 'expiresAt'])
      .where('idHash', '=', idHash)
      .executeTakeFirstOrThrow();
  });
  return sessionView(ctx.db, target.id, session.csrfToken, session.expiresAt);
}
