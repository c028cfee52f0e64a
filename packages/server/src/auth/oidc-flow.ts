import '@fastify/cookie';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What the browser carries from `GET /auth/oidc` to the callback: the PKCE verifier, state and
 * nonce of one sign-in, where it must end, and when it lapses. It travels in a cookie signed with
 * a key derived from the client secret, so every node of a fleet can read it without shared storage
 * and nobody without the secret can forge one.
 */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect_uri of the authorization request; the token request must repeat it exactly. */
  redirectUri: string;
  /** A path on this server to land on after sign-in. */
  returnTo: string | undefined;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export const OIDC_FLOW_COOKIE = 'vexil_oidc';
export const OIDC_FLOW_MINUTES = 10;
/** Only the OIDC routes need the cookie: the callback sits under this path. */
const COOKIE_PATH = '/api/v1/auth/oidc';

export class OidcFlowCookie {
  private readonly key: Buffer;

  constructor(clientSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', clientSecret, '', 'vexil oidc flow cookie', 32));
  }

  set(reply: FastifyReply, flow: OidcFlow, secure: boolean): void {
    const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
    void reply.setCookie(OIDC_FLOW_COOKIE, `${payload}.${this.sign(payload)}`, {
      path: COOKIE_PATH,
      httpOnly: true,
      // Lax: the browser sends it on the identity provider's top-level redirect back to the callback.
      sameSite: 'lax',
      secure,
      maxAge: OIDC_FLOW_MINUTES * 60,
    });
  }

  clear(reply: FastifyReply, secure: boolean): void {
    void reply.clearCookie(OIDC_FLOW_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure });
  }

  /** The flow this browser started, or why there is none to finish. */
  read(request: FastifyRequest, now = Date.now()): OidcFlow | { missing: string } {
    const value = request.cookies[OIDC_FLOW_COOKIE];
    if (!value)
      return { missing: `this browser has no sign-in in progress (no cookie; it lasts ${OIDC_FLOW_MINUTES} minutes)` };
    const [payload = '', signature = ''] = value.split('.');
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { missing: 'the sign-in cookie is not one this server issued' };
    const flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcFlow;
    if (flow.expiresAt <= now) return { missing: `the sign-in was started more than ${OIDC_FLOW_MINUTES} minutes ago` };
    return flow;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
