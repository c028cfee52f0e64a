import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';
import { sessionKeys } from './session';

/** A member of the organisation: email, name, role bindings, when they joined. */
export type OrgMember = paths['/api/v1/members']['get']['responses'][200]['content']['application/json'][number];
export type RoleBinding = OrgMember['roles'][number];
/** An invitation still open (never its link: only the creation answer carries that). */
export type Invitation = paths['/api/v1/invitations']['get']['responses'][200]['content']['application/json'][number];
/** An invitation just made, with its single-use link, shown this once. */
export type NewInvitation = paths['/api/v1/invitations']['post']['responses'][201]['content']['application/json'];
type InvitationInput = paths['/api/v1/invitations']['post']['requestBody']['content']['application/json'];
type MemberChange = paths['/api/v1/members/{id}']['patch']['requestBody']['content']['application/json'];

export const memberKeys = {
  all: ['members'] as const,
  invitations: ['invitations'] as const,
};

export const membersQuery = queryOptions({
  queryKey: memberKeys.all,
  queryFn: () => unwrap(api.GET('/api/v1/members')),
  staleTime: 30_000,
});

/** The organisation's members; `enabled` false for those who may not read them (the API would say 403). */
export function useMembers(enabled = true) {
  return useQuery({ ...membersQuery, enabled });
}

export const invitationsQuery = queryOptions({
  queryKey: memberKeys.invitations,
  queryFn: () => unwrap(api.GET('/api/v1/invitations')),
  staleTime: 30_000,
});

/** Open invitations: only those who may manage members can list them. */
export function useInvitations(enabled: boolean) {
  return useQuery({ ...invitationsQuery, enabled });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InvitationInput) => unwrap(api.POST('/api/v1/invitations', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.invitations }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/invitations/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.invitations }),
  });
}

/** Replaces a member's roles; when they are the signed-in member's own, the session's roles change too. */
export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: MemberChange }) =>
      unwrap(api.PATCH('/api/v1/members/{id}', { params: { path: { id } }, body: change })),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.all }),
        queryClient.invalidateQueries({ queryKey: sessionKeys.session }),
      ]),
  });
}

/** Removes a member, with their sessions and personal tokens. */
export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/members/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.all }),
  });
}
