import { Type } from 'typebox';
import type { ServerContext } from '../context.js';
import { actorOf, type Api } from '../http/api.js';
import { created, noContent, ok, Strict } from '../http/schemas.js';
import { createInvitation, listInvitations, revokeInvitation } from './invitations.js';
import {
  InvitationViewSchema,
  MemberChangeSchema,
  MemberViewSchema,
  NewInvitationSchema,
  NewInvitationViewSchema,
  NewMemberSchema,
} from './schemas.js';
import { createMember, getMember, listMembers, removeMember, updateMember } from './service.js';

const IdParams = Strict({ id: Type.String() });

export function memberRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['members'];
  api.get(
    '/members',
    { schema: { tags, summary: 'The organisation’s members', response: ok(Type.Array(MemberViewSchema)) } },
    (request) => listMembers(ctx, actorOf(request)),
  );

  api.post(
    '/members',
    {
      schema: {
        tags,
        summary: 'Add a member with a first password (invitations let people choose their own)',
        body: NewMemberSchema,
        response: created(MemberViewSchema),
      },
    },
    async (request, reply) => reply.code(201).send(await createMember(ctx, actorOf(request), request.body)),
  );

  api.get(
    '/members/:id',
    { schema: { tags, summary: 'One member', params: IdParams, response: ok(MemberViewSchema) } },
    (request) => getMember(ctx, actorOf(request), request.params.id),
  );

  api.patch(
    '/members/:id',
    {
      schema: {
        tags,
        summary: 'Rename a member or replace their roles',
        params: IdParams,
        body: MemberChangeSchema,
        response: ok(MemberViewSchema),
      },
    },
    (request) => updateMember(ctx, actorOf(request), request.params.id, request.body),
  );

  api.delete(
    '/members/:id',
    {
      schema: {
        tags,
        summary: 'Remove a member, with their sessions and personal tokens',
        params: IdParams,
        response: noContent,
      },
    },
    async (request, reply) => {
      await removeMember(ctx, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  api.get(
    '/invitations',
    { schema: { tags, summary: 'Invitations still open', response: ok(Type.Array(InvitationViewSchema)) } },
    (request) => listInvitations(ctx, actorOf(request)),
  );

  api.post(
    '/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone by email; the response carries the single-use link once',
        body: NewInvitationSchema,
        response: created(NewInvitationViewSchema),
      },
    },
    async (request, reply) => {
      const baseUrl = ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return reply.code(201).send(await createInvitation(ctx, actorOf(request), request.body, baseUrl));
    },
  );

  api.delete(
    '/invitations/:id',
    { schema: { tags, summary: 'Revoke an open invitation', params: IdParams, response: noContent } },
    async (request, reply) => {
      await revokeInvitation(ctx, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
