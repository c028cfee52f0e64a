import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { apiTokenRoutes } from './api-tokens/routes.js';
import { auditRoutes } from './audit/routes.js';
import { authenticate } from './auth/authenticate.js';
import { oidcRoutes } from './auth/oidc.js';
import { authRoutes } from './auth/routes.js';
import { consoleRoutes } from './console/routes.js';
import type { ServerContext } from './context.js';
import { environmentRoutes } from './environments/routes.js';
import { flagRoutes } from './flags/routes.js';
import { healthRoutes } from './health/routes.js';
import { importRoutes } from './imports/routes.js';
import { memberRoutes } from './members/routes.js';
import type { Api } from './http/api.js';
import { registerBodyParsers } from './http/body.js';
import { crossOriginPolicy } from './http/cross-origin.js';
import { refuseUnstorableParameters } from './http/input.js';
import { registerApiDocs } from './http/openapi.js';
import { clientErrorHandler, problemErrorHandler, problems } from './http/problems.js';
import { ProblemSchema } from './http/schemas.js';
import { securityHeaders } from './http/security.js';
import { responseSerializerCompiler, schemaValidatorCompiler } from './http/validation.js';
import { recordRequestDurations } from './metrics.js';
import { ofrepRoutes } from './ofrep/routes.js';
import { organizationRoutes } from './organizations/routes.js';
import { preferenceRoutes } from './preferences/routes.js';
import { projectRoutes } from './projects/routes.js';
import { sdkKeyRoutes } from './sdk-keys/routes.js';
import { sdkRoutes } from './sdk/routes.js';
import { metricRoutes } from './metrics/routes.js';
import { experimentRoutes } from './experiments/routes.js';
import { segmentRoutes } from './segments/routes.js';
import { userRoutes } from './users/routes.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** The built web console served at `/`; default packages/ui/dist. */
  consoleDir?: string;
}

/**
 * The HTTP surface: management API under /api/v1 (bearer tokens or the console's session cookie), SDK delivery under /sdk/v1 (SDK
 * keys), OFREP under /ofrep/v1, health and metrics. Routes validate and delegate; services decide.
 */
export async function buildApp(ctx: ServerContext, options: AppOptions = {}): Promise<Api> {
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    // Keys and paths are matched as written; `/api/v1/projects/` is not `/api/v1/projects`.
    routerOptions: { ignoreTrailingSlash: false },
    // One line per request is too much at SDK traffic volumes; /metrics counts them instead.
    logController: new LogController({ disableRequestLogging: true }),
    // What Fastify and Node refuse before a route is found (a path that is not UTF-8, a malformed
    // header) is a problem like any other answer.
    frameworkErrors: (error, request, reply) => problemErrorHandler(error, request, reply),
    clientErrorHandler,
  }).withTypeProvider() as unknown as Api;

  recordRequestDurations(app, ctx.metrics);
  app.setValidatorCompiler(schemaValidatorCompiler());
  app.setSerializerCompiler(responseSerializerCompiler({ Problem: ProblemSchema }));
  app.setErrorHandler(problemErrorHandler);
  registerBodyParsers(app);
  app.addHook('preValidation', refuseUnstorableParameters);
  app.setNotFoundHandler((request) => {
    throw problems.notFound(`${request.method} ${request.url.split('?')[0]}`);
  });
  app.addSchema(ProblemSchema);
  await securityHeaders(app);

  await registerApiDocs(app);

  // SDK and OFREP endpoints are called from browsers on any origin; the management API only from configured
  // ones. Registered before the routes' plugins, so that each of them inherits the hook.
  await app.register(cors, crossOriginPolicy(ctx.config.corsOrigins));

  // The management API: every route but sign-in needs a token or a session; permissions are checked in services.
  await app.register(
    // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (the rule misreads register's overloads)
    async (api: Api) => {
      await api.register(cookie);
      api.addHook('onRequest', async (request) => {
        if (request.routeOptions.config.public) return;
        request.actor = await authenticate(ctx.db, request, ctx.config.adminToken);
      });
      authRoutes(api, ctx);
      preferenceRoutes(api, ctx);
      await oidcRoutes(api, ctx);
      memberRoutes(api, ctx);
      organizationRoutes(api, ctx);
      projectRoutes(api, ctx);
      environmentRoutes(api, ctx);
      flagRoutes(api, ctx);
      segmentRoutes(api, ctx);
      metricRoutes(api, ctx);
      experimentRoutes(api, ctx);
      sdkKeyRoutes(api, ctx);
      apiTokenRoutes(api, ctx);
      auditRoutes(api, ctx);
      userRoutes(api, ctx);
      importRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );

  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (the rule misreads register's overloads)
  await app.register(async (sdk: Api) => {
    sdkRoutes(sdk, ctx);
    ofrepRoutes(sdk, ctx);
  });
  healthRoutes(app, ctx);
  // The web console at `/`, and its pages' addresses (anything else a GET finds no route for).
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (the rule misreads register's overloads)
  await app.register(consoleRoutes, { dir: options.consoleDir });
  return app;
}
