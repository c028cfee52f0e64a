import { Type } from 'typebox';
import { authorize } from '../auth/actor.js';
import { actorOf, type Api } from '../http/api.js';
import { Name, ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';

const OrganizationSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** The caller's organisation: every token and member belongs to exactly one. */
export function organizationRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['organization'];
  api.get(
    '/organization',
    { schema: { tags, summary: 'The organisation of the caller', response: ok(OrganizationSchema) } },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'organization:read');
      const row = await ctx.db
        .selectFrom('organizations')
        .select(['key', 'name', 'createdAt'])
        .where('id', '=', actor.organizationId)
        .executeTakeFirstOrThrow();
      return row;
    },
  );

  api.patch(
    '/organization',
    {
      schema: {
        tags,
        summary: 'Rename the organisation',
        body: Strict({ name: Name }, { examples: [{ name: 'Acme Corporation' }] }),
        response: ok(OrganizationSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, 'organization:update');
      return ctx.write(actor, async (write) => {
        const before = await write.tx
          .selectFrom('organizations')
          .select(['key', 'name', 'createdAt'])
          .where('id', '=', actor.organizationId)
          .executeTakeFirstOrThrow();
        await write.tx
          .updateTable('organizations')
          .set({ name: request.body.name })
          .where('id', '=', actor.organizationId)
          .execute();
        const after = { ...before, name: request.body.name };
        write.audit({
          action: 'organization.updated',
          resourceType: 'organization',
          resourceKey: before.key,
          before,
          after,
        });
        return after;
      });
    },
  );
}
