import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import {
  DEFAULT_USERS_PAGE,
  getUser,
  listUsers,
  MAX_USERS_OFFSET,
  MAX_USERS_PAGE,
  type FlagExplanation,
  type UserView,
} from './service.js';

const EnvironmentParams = Strict({ project: Type.String(), environment: Type.String() });
const UserParams = Strict({
  project: Type.String(),
  environment: Type.String(),
  kind: Type.String(),
  key: Type.String(),
});
const UserSearchSchema = Strict({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Part of the key, of an attribute (name or value) or of a private attribute’s name, any case',
    }),
  ),
  kind: Type.Optional(
    Type.String({ maxLength: 64, description: 'Only contexts of this kind (user, organization, …)' }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_USERS_PAGE,
      description: `Users per page (default ${DEFAULT_USERS_PAGE})`,
    }),
  ),
  offset: Type.Optional(
    Type.Integer({ minimum: 0, maximum: MAX_USERS_OFFSET, description: 'Users to skip (at most 1,000,000,000)' }),
  ),
});

const userFields = {
  kind: Type.String(),
  key: Type.String(),
  attributes: Type.Record(Type.String(), Type.Unknown(), {
    description: 'As last reported; private attributes are never stored',
  }),
  privateAttributes: Type.Array(Type.String(), {
    description:
      'The names of the attributes an SDK marked private (`/`-paths for nested ones), sorted: their values were never stored',
  }),
  firstSeen: Type.String({ format: 'date-time' }),
  lastSeen: Type.String({ format: 'date-time' }),
};
const UserListSchema = Type.Unsafe<{ users: UserView[]; total: number }>(
  Type.Object({
    users: Type.Array(Type.Object(userFields)),
    total: Type.Integer({ description: 'Users matching, on every page' }),
  }),
);
const FlagExplanationSchema = Type.Object({
  key: Type.String(),
  name: Type.Optional(Type.String()),
  type: Type.String(),
  result: Type.Object({
    // Absent when no variation is served (a state without fallthrough): the SDK's default applies.
    value: Type.Optional(Type.Unknown()),
    variation: Type.Optional(Type.String()),
    reason: Type.String({
      description: 'DISABLED, TARGETING_MATCH, SPLIT, DEFAULT, STATIC, ERROR, PREREQUISITE_FAILED or TRAFFIC_EXCLUDED',
    }),
    allocation: Type.Optional(Type.String()),
    track: Type.Optional(Type.Boolean()),
    errorCode: Type.Optional(Type.String()),
    errorMessage: Type.Optional(Type.String()),
  }),
  steps: Type.Array(Type.Unknown(), {
    description:
      'The engine’s trace: switch, prerequisites, targets, each allocation with the clauses it checked, fallthrough',
  }),
});
const UserSchema = Type.Unsafe<UserView & { flags: FlagExplanation[] }>(
  Type.Object({ ...userFields, flags: Type.Array(FlagExplanationSchema) }),
);

export function userRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['users'];
  api.get(
    '/projects/:project/environments/:environment/users',
    {
      schema: {
        tags,
        summary: 'Contexts SDKs reported in an environment, last seen first',
        params: EnvironmentParams,
        querystring: UserSearchSchema,
        response: ok(UserListSchema),
      },
    },
    (request) => listUsers(ctx, actorOf(request), request.params.project, request.params.environment, request.query),
  );

  api.get(
    '/projects/:project/environments/:environment/users/:kind/:key',
    {
      schema: {
        tags,
        summary: 'A user, with every flag’s value for them and why',
        params: UserParams,
        response: ok(UserSchema),
      },
    },
    (request) =>
      getUser(
        ctx,
        actorOf(request),
        request.params.project,
        request.params.environment,
        request.params.kind,
        request.params.key,
      ),
  );
}
