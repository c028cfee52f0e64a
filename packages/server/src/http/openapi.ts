import swagger, { type SwaggerTransform } from '@fastify/swagger';
import swaggerUi, { type FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import type { FastifySchema } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../auth/sessions.js';
import type { Api } from './api.js';
import { documentInheritedStatuses } from './responses.js';
import { API_DOCS_CSP } from './security.js';

const DESCRIPTION = `Feature flags, remote configuration and experiments.

- **Management API** (\`/api/v1\`): a bearer token (\`Authorization: Bearer <token>\`) or the console's session cookie; changes made with the cookie also send the session's CSRF token in \`X-CSRF-Token\` (these docs do it for you once you are signed in to the console).
- **SDK API** (\`/sdk/v1\`) and **OFREP** (\`/ofrep/v1\`, the OpenFeature Remote Evaluation Protocol 0.3.0): an SDK key of one environment.

Errors are RFC 9457 problem details (\`application/problem+json\`) naming the fields at fault, except where OFREP prescribes its own shape. A request Node's HTTP parser refuses (a malformed header, a request that does not arrive in time, headers over 16 KiB) is answered 400, 408 or 431 before any route is chosen.`;

const TAGS = [
  { name: 'auth', description: 'Sign-in, sessions, single sign-on, the signed-in member’s preferences' },
  { name: 'members', description: 'Members of the organisation and invitations' },
  { name: 'organization', description: 'The caller’s organisation' },
  { name: 'projects', description: 'Projects: flags, segments and environments belong to one' },
  { name: 'environments', description: 'A project’s environments, each with its own flag states and SDK keys' },
  { name: 'flags', description: 'Flags, their state per environment, history and evaluation' },
  { name: 'segments', description: 'Reusable target groups' },
  { name: 'metrics', description: 'What experiments measure: custom events as conversions or numbers per subject' },
  {
    name: 'experiments',
    description: 'A flag’s allocations compared on metrics: setup, start and stop, and the results',
  },
  { name: 'sdk-keys', description: 'Keys SDKs and OFREP providers use to read one environment' },
  { name: 'api-tokens', description: 'Tokens for automation' },
  { name: 'audit', description: 'Who changed what' },
  { name: 'users', description: 'The contexts SDKs reported' },
  { name: 'imports', description: 'Eppo configurations' },
  {
    name: 'sdk',
    description: 'SDK delivery, with an SDK key: rules for local evaluation, their changes, remote evaluation, events',
  },
  { name: 'ofrep', description: 'The OpenFeature Remote Evaluation Protocol 0.3.0, with an SDK key' },
  { name: 'health', description: 'Probes and metrics, without credentials' },
];

/**
 * Swagger UI's `requestInterceptor`, as the source the browser runs: a change sent from the docs
 * page with the console's session cookie carries the session's CSRF token, read from its readable
 * cookie, as the console's own client does (packages/ui/src/api/client.ts).
 */
const SEND_CSRF_TOKEN = `function (request) {
  var method = String(request.method || 'GET').toUpperCase();
  var sameOrigin = new URL(request.url, window.location.href).origin === window.location.origin;
  if (sameOrigin && method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
    var prefix = ${JSON.stringify(`${CSRF_COOKIE}=`)};
    var cookie = document.cookie.split(';').map(function (part) { return part.trim(); })
      .filter(function (part) { return part.indexOf(prefix) === 0; })[0];
    if (cookie) request.headers[${JSON.stringify(CSRF_HEADER)}] = decodeURIComponent(cookie.slice(prefix.length));
  }
  return request;
}`;

type RequestInterceptor = NonNullable<NonNullable<FastifySwaggerUiOptions['uiConfig']>['requestInterceptor']>;

/**
 * A function that @fastify/swagger-ui writes out as `source`. It writes `uiConfig`'s functions
 * as their text (`String(fn)`) into /api/docs/static/swagger-initializer.js — a file from this
 * origin, so it runs under the docs' Content-Security-Policy, which allows no inline script. The
 * text is given rather than taken from compiled code so that what the browser runs is exactly
 * what is written above, whatever compiled this module.
 */
function browserFunction(source: string): RequestInterceptor {
  const placeholder: RequestInterceptor = (request) => request;
  placeholder.toString = () => source;
  return placeholder;
}

/**
 * The OpenAPI 3.1 document (/api/openapi.json), generated from the route schemas, and Swagger UI
 * (/api/docs). Registered before the routes: the document sees every route added after it, and
 * `documentInheritedStatuses` completes each route's responses as it is added.
 */
export async function registerApiDocs(app: Api): Promise<void> {
  documentInheritedStatuses(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Vexil API', version: '1', description: DESCRIPTION },
      tags: TAGS,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (or VEXIL_ADMIN_TOKEN)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'From POST /api/v1/auth/login; changes also need the X-CSRF-Token header',
          },
          sdkKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An SDK key (vx_server_… or vx_client_…), as `Authorization: Bearer <key>` or bare',
          },
          ofrepApiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-API-Key',
            description: 'An SDK key, in OFREP’s ApiKeyAuth header',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    // Shared schemas keep their names in the document (`#/components/schemas/Problem`).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: API_DOCS_CSP,
    uiConfig: { requestInterceptor: browserFunction(SEND_CSRF_TOKEN) },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}

/**
 * Route config that adds to a route's entry in the OpenAPI document what the route does not
 * have Fastify validate (OFREP reads its own bodies, to answer in OFREP's error shapes).
 */
export function documentedOnly(parts: FastifySchema): { swaggerTransform: SwaggerTransform } {
  return { swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, ...parts }, url }) };
}
