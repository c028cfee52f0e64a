import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { created, noContent, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { ApiTokenViewSchema, NewApiTokenSchema, NewApiTokenViewSchema } from './schemas.js';
import { createApiToken, listApiTokens, revokeApiToken } from './service.js';

const TokenParams = Strict({ id: Type.String() });

export function apiTokenRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['api-tokens'];
  api.get(
    '/api-tokens',
    {
      schema: { tags, summary: 'List API tokens (never their secrets)', response: ok(Type.Array(ApiTokenViewSchema)) },
    },
    (request) => listApiTokens(ctx, actorOf(request)),
  );

  api.post(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the response carries it once, as `token`',
        body: NewApiTokenSchema,
        response: created(NewApiTokenViewSchema),
      },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(ctx, actorOf(request), request.body)),
  );

  api.delete(
    '/api-tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: TokenParams, response: noContent } },
    async (request, reply) => {
      await revokeApiToken(ctx, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
