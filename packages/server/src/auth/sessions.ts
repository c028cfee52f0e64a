import '@fastify/cookie'; // its types: reply.setCookie, request.cookies
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.js';
import { hashSecret } from './secrets.js';

/** The console's session cookie: httpOnly, SameSite=Lax, Secure behind HTTPS. */
export const SESSION_COOKIE = 'vexil_session';
/** Cookie-authenticated writes must echo the session's CSRF token in this header. */
export const CSRF_HEADER = 'x-csrf-token';
/**
 * The CSRF token again, in a cookie the console's scripts can read (double-submit): another site
 * can make the browser send cookies, but cannot read them to fill the header.
 */
export const CSRF_COOKIE = 'vexil_csrf';

export interface NewSession {
  /** The cookie's value; only its hash is stored. */
  secret: string;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(
  db: Queryable,
  memberId: string,
  hours: number,
  now = new Date(),
): Promise<NewSession> {
  const secret = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      idHash: hashSecret(secret),
      memberId,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt,
      lastSeenAt: now.toISOString(),
    })
    .execute();
  // Expired sessions are of no use to anyone; sweeping them here keeps the table small.
  await db.deleteFrom('sessions').where('expiresAt', '<', now.toISOString()).execute();
  return { secret, csrfToken, expiresAt };
}

export async function deleteSession(db: Queryable, secret: string): Promise<void> {
  await db.deleteFrom('sessions').where('idHash', '=', hashSecret(secret)).execute();
}

export function setSessionCookie(reply: FastifyReply, session: NewSession, secure: boolean): void {
  const expires = new Date(session.expiresAt);
  void reply.setCookie(SESSION_COOKIE, session.secret, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, {
    path: '/',
    httpOnly: false,
    sameSite: 'lax',
    secure,
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  void reply.clearCookie(CSRF_COOKIE, { path: '/', httpOnly: false, sameSite: 'lax', secure });
}

/** Cookies get `Secure` when the request came over HTTPS or the public URL says it does (behind a proxy). */
export function secureCookies(request: FastifyRequest, publicUrl: string | undefined): boolean {
  return request.protocol === 'https' || publicUrl?.startsWith('https:') === true;
}
