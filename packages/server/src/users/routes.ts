import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { DEFAULT_USERS_PAGE, getUser, listUsers, MAX_USERS_PAGE } from './service.js';

const EnvironmentParams = Strict({ project: Type.String(), environment: Type.String() });
const UserParams = Strict({ project: Type.String(), environment: Type.String(), kind: Type.String(), key: Type.String() });
const UserSearchSchema = Strict({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the key or of an attribute, any case' })),
  kind: Type.Optional(Type.String({ maxLength: 64, description: 'Only contexts of this kind (user, organization, …)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_USERS_PAGE, description: `Users per page (default ${DEFAULT_USERS_PAGE})` })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

export function userRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['users'];
  api.get(
    '/projects/:project/environments/:environment/users',
    { schema: { tags, summary: 'Contexts SDKs reported in an environment, last seen first', params: EnvironmentParams, querystring: UserSearchSchema } },
    (request) => listUsers(ctx, actorOf(request), request.params.project, request.params.environment, request.query),
  );

  api.get(
    '/projects/:project/environments/:environment/users/:kind/:key',
    { schema: { tags, summary: 'A user, with every flag’s value for them and why', params: UserParams } },
    (request) => getUser(ctx, actorOf(request), request.params.project, request.params.environment, request.params.kind, request.params.key),
  );
}
