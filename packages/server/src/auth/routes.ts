import type { ServerContext } from '../context.js';
import { actorOf, type Api } from '../http/api.js';
import { problems } from '../http/problems.js';
import { created, noContent, ok } from '../http/schemas.js';
import { acceptInvitation } from '../members/invitations.js';
import {
  CredentialsSchema,
  InvitationAcceptanceSchema,
  PasswordChangeSchema,
  SessionViewSchema,
} from '../members/schemas.js';
import { memberView } from '../members/service.js';
import { LoginLimiter } from './login-limiter.js';
import { hashSecret } from './secrets.js';
import { clearSessionCookie, deleteSession, secureCookies, SESSION_COOKIE } from './sessions.js';
import { changePassword, sessionView, startSession, verifyCredentials } from './sign-in.js';

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
        response: ok(SessionViewSchema),
      },
    },
    async (request, reply) => {
      const wait = limiter.wait(request.ip, request.body.email);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw problems.tooManyRequests(
          `Too many failed sign-ins from this address or for this account; try again in ${wait} s`,
        );
      }
      const member = await verifyCredentials(ctx, request.body).catch((error: unknown) => {
        limiter.failed(request.ip, request.body.email);
        throw error;
      });
      return startSession(ctx, request, reply, memberView(member), member.organizationId);
    },
  );

  api.post(
    '/auth/invitations/accept',
    {
      config: PUBLIC,
      schema: {
        tags,
        security: [],
        summary: 'Accept an invitation: become a member and sign in',
        body: InvitationAcceptanceSchema,
        response: created(SessionViewSchema),
      },
    },
    async (request, reply) => {
      const member = await acceptInvitation(ctx, request.body);
      return reply.code(201).send(await startSession(ctx, request, reply, memberView(member), member.organizationId));
    },
  );

  api.get(
    '/auth/session',
    {
      schema: {
        tags,
        summary: 'The signed-in member, with the CSRF token to send with changes',
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
      const member =
        session &&
        (await ctx.db.selectFrom('members').selectAll().where('id', '=', session.memberId).executeTakeFirst());
      // Signed out (or removed) between authentication and here.
      if (!session || !member) throw problems.unauthorized('No session: sign in with POST /api/v1/auth/login');
      return sessionView(ctx, memberView(member), actor.organizationId, session.csrfToken, session.expiresAt);
    },
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
