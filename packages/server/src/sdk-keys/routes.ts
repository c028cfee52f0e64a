import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { Name, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { createSdkKey, DEFAULT_GRACE_SECONDS, listSdkKeys, MAX_GRACE_SECONDS, renameSdkKey, revokeSdkKey, rotateSdkKey } from './service.js';

const EnvironmentParams = Strict({ project: Type.String(), environment: Type.String() });
const KeyParams = Strict({ project: Type.String(), environment: Type.String(), id: Type.String() });
const Kind = Type.Union([Type.Literal('server'), Type.Literal('client')], {
  description: 'server: secret, downloads the ruleset; client: public, evaluates client-side-available flags only',
});
const GraceSeconds = Type.Integer({
  minimum: 0,
  maximum: MAX_GRACE_SECONDS,
  description: `How long the old key keeps working (default ${DEFAULT_GRACE_SECONDS} s; 0 revokes it now)`,
});

export function sdkKeyRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['sdk-keys'];
  const base = '/projects/:project/environments/:environment/sdk-keys';
  api.get(base, { schema: { tags, summary: 'List an environment’s SDK keys', params: EnvironmentParams } }, (request) =>
    listSdkKeys(ctx, actorOf(request), request.params.project, request.params.environment),
  );

  api.post(
    base,
    { schema: { tags, summary: 'Create an SDK key; the response carries the key (a server key, only this once)', params: EnvironmentParams, body: Strict({ name: Name, kind: Kind }) } },
    async (request, reply) => reply.code(201).send(await createSdkKey(ctx, actorOf(request), request.params.project, request.params.environment, request.body)),
  );

  api.patch(`${base}/:id`, { schema: { tags, summary: 'Rename an SDK key', params: KeyParams, body: Strict({ name: Name }) } }, (request) =>
    renameSdkKey(ctx, actorOf(request), request.params.project, request.params.environment, request.params.id, request.body.name),
  );

  api.post(
    `${base}/:id/rotate`,
    {
      schema: { tags, summary: 'Replace an SDK key with a new one; the old one works for a grace period', params: KeyParams, body: Strict({ graceSeconds: Type.Optional(GraceSeconds) }) },
      // The body is optional: no body means the default grace period.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request, reply) => {
      const { project, environment, id } = request.params;
      return reply.code(201).send(await rotateSdkKey(ctx, actorOf(request), project, environment, id, request.body.graceSeconds ?? DEFAULT_GRACE_SECONDS));
    },
  );

  api.delete(`${base}/:id`, { schema: { tags, summary: 'Revoke an SDK key now', params: KeyParams } }, async (request, reply) => {
    await revokeSdkKey(ctx, actorOf(request), request.params.project, request.params.environment, request.params.id);
    return reply.code(204).send();
  });
}
