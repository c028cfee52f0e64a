import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { created, Name, noContent, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import {
  createSdkKey,
  DEFAULT_GRACE_SECONDS,
  listSdkKeys,
  MAX_GRACE_SECONDS,
  renameSdkKey,
  revokeSdkKey,
  rotateSdkKey,
  type NewSdkKeyView,
  type SdkKeyView,
} from './service.js';

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

const Instant = Type.String({ format: 'date-time' });
const keyFields = {
  id: Type.String(),
  name: Type.String(),
  kind: Kind,
  hint: Type.String({ description: 'The key’s prefix and last characters, to recognise it' }),
  status: Type.Union((['active', 'expiring', 'expired', 'revoked'] as const).map((status) => Type.Literal(status))),
  createdAt: Instant,
  expiresAt: Type.Union([Instant, Type.Null()], { description: 'Set by rotation: the key works until then' }),
  revokedAt: Type.Union([Instant, Type.Null()]),
};
const SdkKeyViewSchema = Type.Unsafe<SdkKeyView>(
  Type.Object({ ...keyFields, key: Type.Optional(Type.String({ description: 'Client keys only: they are public' })) }),
);
const NewSdkKeyViewSchema = Type.Unsafe<NewSdkKeyView>(
  Type.Object({
    ...keyFields,
    key: Type.String({ description: 'The key; for a server key, the only time it is shown' }),
  }),
);
const RotatedSdkKeySchema = Type.Unsafe<NewSdkKeyView & { previous: SdkKeyView }>(
  Type.Object({
    ...keyFields,
    key: Type.String({ description: 'The new key' }),
    previous: Type.Object(keyFields, { description: 'The key it replaces, as it now is' }),
  }),
);

export function sdkKeyRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['sdk-keys'];
  const base = '/projects/:project/environments/:environment/sdk-keys';
  api.get(
    base,
    {
      schema: {
        tags,
        summary: 'List an environment’s SDK keys',
        params: EnvironmentParams,
        response: ok(Type.Array(SdkKeyViewSchema)),
      },
    },
    (request) => listSdkKeys(ctx, actorOf(request), request.params.project, request.params.environment),
  );

  api.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create an SDK key; the response carries the key (a server key, only this once)',
        params: EnvironmentParams,
        body: Strict({ name: Name, kind: Kind }, { examples: [{ name: 'Checkout service', kind: 'server' }] }),
        response: created(NewSdkKeyViewSchema),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createSdkKey(ctx, actorOf(request), request.params.project, request.params.environment, request.body),
        ),
  );

  api.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Rename an SDK key',
        params: KeyParams,
        body: Strict({ name: Name }, { examples: [{ name: 'Checkout service (EU)' }] }),
        response: ok(SdkKeyViewSchema),
      },
    },
    (request) =>
      renameSdkKey(
        ctx,
        actorOf(request),
        request.params.project,
        request.params.environment,
        request.params.id,
        request.body.name,
      ),
  );

  api.post(
    `${base}/:id/rotate`,
    {
      schema: {
        tags,
        summary: 'Replace an SDK key with a new one; the old one works for a grace period',
        params: KeyParams,
        body: Strict({ graceSeconds: Type.Optional(GraceSeconds) }, { examples: [{ graceSeconds: 3600 }] }),
        response: created(RotatedSdkKeySchema),
      },
      // The body is optional: no body means the default grace period.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request, reply) => {
      const { project, environment, id } = request.params;
      return reply
        .code(201)
        .send(
          await rotateSdkKey(
            ctx,
            actorOf(request),
            project,
            environment,
            id,
            request.body.graceSeconds ?? DEFAULT_GRACE_SECONDS,
          ),
        );
    },
  );

  api.delete(
    `${base}/:id`,
    { schema: { tags, summary: 'Revoke an SDK key now', params: KeyParams, response: noContent } },
    async (request, reply) => {
      await revokeSdkKey(ctx, actorOf(request), request.params.project, request.params.environment, request.params.id);
      return reply.code(204).send();
    },
  );
}
