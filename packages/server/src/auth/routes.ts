import type { FastifyReply } from 'fastify';
import type { ServerContext } from '../context.js';
import { actorOf, type Api } from '../http/api.js';
import { Problem, problems } from '../http/problems.js';
import { created, noContent, ok, tooManyAttempts } from '../http/schemas.js';
import { acceptInvitation, openInvitation } from '../members/invitations.js';
import {
  CredentialsSchema,
  InvitationAcceptanceSchema,
  OrganizationSwitchSchema,
  PasswordChangeSchema,
  SessionViewSchema,
} from '../members/schemas.js';
import { LoginLimiter } from './login-limiter.js';
import { hashSecret } from './secrets.js';
import { clearSessionCookie, deleteSession, secureCookies, SESSION_COOKIE } from './sessions.js';
import { changePassword, sessionView, startSession, verifyCredentials } from './sign-in.js';
import { switchOrganization } from './switch-organization.js';

/** Routes anyone may call: they are how one gets credentials in the first place. */
export const PUBLIC = { public: true };

/**
 * Sign-in for people: a session cookie (httpOnly, SameSite=Lax, Secure behind HTTPS) plus a CSRF
 * token that cookie-authenticated writes must echo. Tokens are for machines (`/api-tokens`).
 */
export function authRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['auth'];
  const limiter = new LoginLimiter(ctx.config.loginAttemptsPerMinute);

  api.post(
    '/auth/login',
    {
      config: PUBLIC,
      schema: {
        tags,
        security: [],
        summary: 'Sign in with email and password; sets the session cookie',
        body: CredentialsSchema,
        response: { ...ok(SessionViewSchema), ...tooManyAttempts },
      },
    },
    async (request, reply) => {
      const member = await limited(limiter, reply, request.ip, request.body.email, () =>
        verifyCredentials(ctx, request.body),
      );
      return startSession(ctx, request, reply, member);
    },
  );

  api.post(
    '/auth/invitations/accept',
    {
      config: PUBLIC,
      schema: {
        tags,
        security: [],
        summary:
          'Accept an invitation and sign in: a new address chooses its password, one that already has an account gives its password',
        body: InvitationAcceptanceSchema,
        response: { ...created(SessionViewSchema), ...tooManyAttempts },
      },
    },
    async (request, reply) => {
      const invitation = await openInvitation(ctx, request.body.token);
      // An address with an account proves it with its password here: guessing is limited as at sign-in.
      const member = await limited(limiter, reply, request.ip, invitation.email, () =>
        acceptInvitation(ctx, invitation, request.body),
      );
      return reply.code(201).send(await startSession(ctx, request, reply, member));
    },
  );

  api.get(
    '/auth/session',
    {
      schema: {
        tags,
        summary:
          'The signed-in member, the organisation the session is in and the others the account belongs to, with the CSRF token to send with changes',
        response: ok(SessionViewSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const secret = request.cookies[SESSION_COOKIE];
      if (actor.type !== 'member' || !secret)
        throw problems.unauthorized('No session: sign in with POST /api/v1/auth/login');
      const session = await ctx.db
        .selectFrom('sessions')
        .selectAll()
        .where('idHash', '=', hashSecret(secret))
        .executeTakeFirst();
      // Signed out (or removed) between authentication and here.
      if (!session) throw problems.unauthorized('No session: sign in with POST /api/v1/auth/login');
      return sessionView(ctx.db, session.memberId, session.csrfToken, session.expiresAt);
    },
  );

  api.post(
    '/auth/organization',
    {
      schema: {
        tags,
        summary:
          'Switch the session to another organisation the account belongs to (404 for any other); the next sign-in lands there too',
        body: OrganizationSwitchSchema,
        response: ok(SessionViewSchema),
      },
    },
    (request) => switchOrganization(ctx, actorOf(request), request.cookies[SESSION_COOKIE], request.body.organization),
  );

  api.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out: ends the session and clears its cookie', response: noContent } },
    async (request, reply) => {
      const actor = actorOf(request);
      const secret = request.cookies[SESSION_COOKIE];
      if (secret && actor.type === 'member') {
        await ctx.write(actor, async (write) => {
          await deleteSession(write.tx, secret);
          write.audit({ action: 'member.signed-out', resourceType: 'member', resourceKey: actor.name });
        });
      }
      clearSessionCookie(reply, secureCookies(request, ctx.config.publicUrl));
      return reply.code(204).send();
    },
  );

  api.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your password; your other sessions end',
        body: PasswordChangeSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      await changePassword(ctx, actorOf(request), request.body, secret ? hashSecret(secret) : undefined);
      return reply.code(204).send();
    },
  );
}

/**
 * Runs a password check under the sign-in limit of this address and account: 429 with Retry-After
 * while either is over it; a refusal of the password (400, 401) counts as a failure.
 */
async function limited<T>(
  limiter: LoginLimiter,
  reply: FastifyReply,
  address: string,
  account: string,
  attempt: () => Promise<T>,
): Promise<T> {
  const wait = limiter.wait(address, account);
  if (wait > 0) {
    void reply.header('retry-after', String(wait));
    throw problems.tooManyRequests(
      `Too many failed sign-ins from this address or for this account; try again in ${wait} s`,
    );
  }
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof Problem && (error.status === 400 || error.status === 401)) limiter.failed(address, account);
    throw error;
  }
}
