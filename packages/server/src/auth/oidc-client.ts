import * as oidc from 'openid-client';
import { ConfigurationError, type OidcConfig } from '../config.js';
import { Problem, problems } from '../http/problems.js';
import type { OidcFlow } from './oidc-flow.js';

/** What Vexil asks the identity provider for: who you are, your email address, your name. */
const SCOPE = 'openid email profile';
/** Seconds to wait for the identity provider on each request. */
const TIMEOUT_SECONDS = 10;

/** The identity provider's word on who signed in, read from the verified ID token (and UserInfo). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  /** Undefined when the provider does not say (some never send `email_verified`). */
  emailVerified: boolean | undefined;
  name: string | undefined;
}

/**
 * The relying-party side of the authorization code flow (with PKCE, state and nonce), through
 * openid-client. The provider's metadata is discovered on first use and kept; a failed discovery is
 * retried on the next sign-in rather than remembered.
 */
export class OidcClient {
  private readonly issuer: URL;
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OidcConfig) {
    this.issuer = issuerUrl(settings.issuer);
  }

  /** Where to send the browser, and the flow to remember until it comes back. */
  async authorizationRequest(
    redirectUri: string,
  ): Promise<{ url: URL; flow: Omit<OidcFlow, 'returnTo' | 'expiresAt'> }> {
    const configuration = await this.discovered();
    const flow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      redirectUri,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, flow };
  }

  /**
   * Exchanges the code of the authorization response for tokens and verifies the ID token (issuer,
   * audience, signature, nonce, expiry). `callbackUrl` is the flow's redirect URI with the
   * response's query. Claims the ID token leaves out (providers may keep email for UserInfo) are
   * asked of the UserInfo endpoint, for the same subject.
   */
  async identify(callbackUrl: URL, flow: OidcFlow): Promise<OidcIdentity> {
    const configuration = await this.discovered();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      });
      const idToken = tokens.claims();
      if (!idToken) throw problems.unauthorized('The identity provider returned no ID token');
      let claims: Record<string, unknown> = idToken;
      if (idToken.email === undefined && configuration.serverMetadata().userinfo_endpoint !== undefined) {
        claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
      }
      return {
        issuer: idToken.iss,
        subject: idToken.sub,
        email: typeof claims.email === 'string' ? claims.email : undefined,
        // Some providers send the flag as a string.
        emailVerified:
          claims.email_verified === undefined
            ? undefined
            : claims.email_verified === true || claims.email_verified === 'true',
        name: typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim() : undefined,
      };
    } catch (error) {
      throw asProblem(error, this.settings.issuer, 'sign-in');
    }
  }

  private discovered(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw asProblem(error, this.settings.issuer, 'discovery');
    });
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const insecure = this.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
    const discovered = await oidc.discovery(
      this.issuer,
      this.settings.clientId,
      this.settings.clientSecret,
      undefined,
      { execute: insecure, timeout: TIMEOUT_SECONDS },
    );
    // openid-client posts the secret in the body by default; the spec's default, and what most
    // providers register clients with, is HTTP Basic. Use Basic unless the provider says it cannot.
    const metadata = discovered.serverMetadata();
    const methods = metadata.token_endpoint_auth_methods_supported;
    const authentication =
      methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
        ? oidc.ClientSecretPost()
        : oidc.ClientSecretBasic();
    const configuration = new oidc.Configuration(
      metadata,
      this.settings.clientId,
      this.settings.clientSecret,
      authentication,
    );
    configuration.timeout = TIMEOUT_SECONDS;
    for (const allow of insecure) allow(configuration);
    return configuration;
  }
}

/**
 * The issuer must be an https URL; plain http is accepted only on this machine (a provider for
 * development or tests), since the client secret and tokens would cross the network in clear.
 */
function issuerUrl(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigurationError(`VEXIL_OIDC_ISSUER must be a URL, not ${JSON.stringify(issuer)}`);
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigurationError(
      `VEXIL_OIDC_ISSUER must be an https URL (http only for localhost), not ${JSON.stringify(issuer)}`,
    );
  }
  return url;
}

/**
 * The provider said no (401), answered something that failed verification (401), or could not be
 * reached or read (502; at discovery, any failure is the provider's or its configuration's).
 * Anything else is a bug and stays an error.
 */
function asProblem(error: unknown, issuer: string, stage: 'discovery' | 'sign-in'): unknown {
  if (error instanceof Problem) return error;
  const network = networkFailure(error);
  if (network !== undefined) return unreachable(issuer, network);
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    const reason = `${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
    return stage === 'discovery'
      ? unreachable(issuer, reason)
      : problems.unauthorized(`The identity provider refused the sign-in: ${reason}`);
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    return stage === 'discovery'
      ? unreachable(issuer, error.message)
      : problems.unauthorized(`The identity provider refused the sign-in: ${error.message}`);
  }
  if (!(error instanceof oidc.ClientError)) return error;
  const reason = `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`;
  if (
    stage === 'discovery' ||
    error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ||
    error.code === 'OAUTH_RESPONSE_IS_NOT_JSON'
  )
    return unreachable(issuer, reason);
  return problems.unauthorized(`The identity provider's response failed verification: ${reason}`);
}

/** fetch failing to connect, or the request timing out (openid-client may wrap the latter). */
function networkFailure(error: unknown): string | undefined {
  const cause = error instanceof oidc.ClientError && error.cause instanceof DOMException ? error.cause : error;
  if (cause instanceof DOMException && (cause.name === 'TimeoutError' || cause.name === 'AbortError'))
    return `no answer within ${TIMEOUT_SECONDS} s`;
  if (cause instanceof TypeError && cause.message === 'fetch failed') {
    const reason =
      cause.cause instanceof Error ? cause.cause.message || (cause.cause as NodeJS.ErrnoException).code : undefined;
    return reason || cause.message;
  }
  return undefined;
}

function unreachable(issuer: string, reason: string): Problem {
  return new Problem(
    502,
    'identity-provider-unavailable',
    'Identity provider unavailable',
    `The identity provider at ${issuer} could not be used: ${reason}`,
  );
}
