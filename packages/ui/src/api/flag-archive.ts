import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';

/**
 * Archiving one flag (SDKs stop seeing it; refused with 409 while another live flag requires it)
 * and restoring it. Both take effect at once, outside the page's draft. Afterwards everything
 * cached about the project's flags is stale: lists, the flag, its history.
 */
export function useFlagArchiving(project: string, flag: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (archived: boolean) =>
      unwrap(
        archived
          ? api.POST('/api/v1/projects/{project}/flags/{flag}/archive', { params: { path: { project, flag } } })
          : api.POST('/api/v1/projects/{project}/flags/{flag}/restore', { params: { path: { project, flag } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['projects', project, 'flags'] }),
  });
}
