import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';
import { sessionKeys } from './session';

export type Organization = paths['/api/v1/organization']['get']['responses'][200]['content']['application/json'];

export const organizationKeys = { current: ['organization'] as const };

export const organizationQuery = queryOptions({
  queryKey: organizationKeys.current,
  queryFn: () => unwrap(api.GET('/api/v1/organization')),
  staleTime: 60_000,
});

/** The organisation the session is in; `enabled` false for members who may not read it (403). */
export function useOrganization(enabled = true) {
  return useQuery({ ...organizationQuery, enabled });
}

/** Renames the organisation; the session (the rail's switcher names it) follows. */
export function useRenameOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.PATCH('/api/v1/organization', { body: { name } })),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.current, organization);
      return queryClient.invalidateQueries({ queryKey: sessionKeys.session });
    },
  });
}
