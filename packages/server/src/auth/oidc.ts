import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ServerContext } from '../context.js';
import type { Api } from '../http/api.js';
import { Problem, problems } from '../http/problems.js';
import { ok, Strict } from '../http/schemas.js';
import { OIDC_FLOW_MINUTES, OidcFlowCookie } from './oidc-flow.js';
import { memberForIdentity } from './oidc-sign-in.js';
import { PUBLIC } from './routes.js';
import { sameSecret } from './secrets.js';
import { secureCookies } from './sessions.js';
import { startSession } from './sign-in.js';

/** Where the identity provider sends the browser back; register `<public URL>` + this at the provider. */
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

const ProvidersSchema = Type.Object({
  password: Type.Boolean({ description: 'Email and password sign-in (POST /api/v1/auth/login)' }),
  oidc: Type.Union([Type.Object({ name: Type.String({ description: 'Label of the sign-in button' }) }), Type.Null()], {
    description: 'Single sign-on, when configured',
  }),
});

const StartQuerySchema = Strict({
  returnTo: Type.Optional(
    Type.String({
      maxLength: 2048,
      description: 'A path on this server to land on after sign-in (`/projects/default`); anything else is ignored',
    }),
  ),
});

/** The authorization response: a code and state, or an error. Providers add parameters of their own, so others are allowed. */
const CallbackQuerySchema = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 1024 })),
  iss: Type.Optional(Type.String({ maxLength: 2048 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 4096 })),
});

const problem = Type.Ref('Problem');
const redirect = (to: string) => ({
  302: Type.Unsafe<void>({ description: `Redirect ${to}` }),
  400: problem,
  401: problem,
  403: problem,
  404: problem,
  409: problem,
  502: problem,
});

/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE). The routes exist
 * whether or not a provider is configured, so the console can ask and get a 404 that says why.
 */
export async function oidcRoutes(api: Api, ctx: ServerContext): Promise<void> {
  const tags = ['auth'];
  const settings = ctx.config.oidc;
  // openid-client is loaded only where single sign-on is configured: it costs every start otherwise.
  const client = settings && new (await import('./oidc-client.js')).OidcClient(settings);
  const flows = settings && new OidcFlowCookie(settings.clientSecret);

  api.get(
    '/auth/providers',
    {
      config: PUBLIC,
      schema: {
        tags,
        security: [],
        summary: 'How one can sign in here: password, and single sign-on when configured',
        response: ok(ProvidersSchema),
      },
    },
    () => ({ password: true, oidc: settings ? { name: settings.name } : null }),
  );

  api.get(
    '/auth/oidc',
    {
      config: PUBLIC,
      exposeHeadRoute: false,
      schema: {
        tags,
        security: [],
        summary: 'Start single sign-on: redirects to the identity provider',
        querystring: StartQuerySchema,
        response: redirect('to the identity provider'),
      },
    },
    async (request, reply) => {
      if (!client || !flows) throw notConfigured();
      const { url, flow } = await client.authorizationRequest(`${baseUrl(ctx, request)}${OIDC_CALLBACK_PATH}`);
      const returnTo = localPath(request.query.returnTo);
      flows.set(
        reply,
        { ...flow, returnTo, expiresAt: Date.now() + OIDC_FLOW_MINUTES * 60_000 },
        secureCookies(request, ctx.config.publicUrl),
      );
      return reply.redirect(url.href, 302);
    },
  );

  api.get(
    '/auth/oidc/callback',
    {
      config: PUBLIC,
      // A HEAD request (a link checker) must not spend the code.
      exposeHeadRoute: false,
      schema: {
        tags,
        security: [],
        summary:
          'Finish single sign-on: the identity provider redirects here; sets the session cookie and redirects into the console',
        querystring: CallbackQuerySchema,
        response: redirect('to returnTo, or /'),
      },
    },
    async (request, reply) => {
      if (!client || !flows) throw notConfigured();
      const secure = secureCookies(request, ctx.config.publicUrl);
      const { query } = request;
      if (query.error !== undefined) {
        flows.clear(reply, secure);
        throw problems.unauthorized(
          `The identity provider refused the sign-in: ${query.error}${query.error_description ? ` (${query.error_description})` : ''}`,
        );
      }
      const flow = flows.read(request);
      if ('missing' in flow)
        throw problems.badRequest(`No sign-in to finish here: ${flow.missing}. Start again at GET /api/v1/auth/oidc`);
      // A state that is not this browser's is someone else's sign-in (login CSRF): refused.
      if (query.state === undefined) throw problems.validation([{ path: 'querystring.state', message: 'is required' }]);
      if (!sameSecret(query.state, flow.state))
        throw problems.validation([
          { path: 'querystring.state', message: 'is not the state of the sign-in this browser started' },
        ]);
      if (query.code === undefined) throw problems.validation([{ path: 'querystring.code', message: 'is required' }]);
      // The code is spent whatever happens next: the flow cannot be finished twice.
      flows.clear(reply, secure);
      const callbackUrl = new URL(flow.redirectUri);
      callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
      const member = await memberForIdentity(ctx, await client.identify(callbackUrl, flow));
      await startSession(ctx, request, reply, member);
      return reply.redirect(flow.returnTo ?? '/', 302);
    },
  );
}

function notConfigured(): Problem {
  return new Problem(
    404,
    'not-found',
    'Not found',
    'Single sign-on is not configured on this server (VEXIL_OIDC_ISSUER, VEXIL_OIDC_CLIENT_ID, VEXIL_OIDC_CLIENT_SECRET)',
  );
}

/** The URL users reach this server at: VEXIL_PUBLIC_URL, else the origin the request came to. */
function baseUrl(ctx: ServerContext, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * `returnTo` as a path on this server, or undefined. Anything that could lead off the origin
 * (`//host`, `/\host`, control characters a URL parser drops, absolute URLs) is ignored, so the
 * sign-in link cannot be used to redirect elsewhere.
 */
function localPath(value: string | undefined): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (value === undefined || !value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value))
    return undefined;
  const origin = 'http://vexil.invalid';
  const url = new URL(value, origin);
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : undefined;
}
