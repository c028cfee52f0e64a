import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type FlagDependent =
  paths['/api/v1/projects/{project}/flags/{flag}/dependents']['get']['responses'][200]['content']['application/json']['items'][number];

export const flagDependentKeys = {
  of: (project: string, flag: string) => ['projects', project, 'flags', flag, 'dependents'] as const,
};

/** The live flags that require this one as a prerequisite, by key, with the environments where they do. */
export function useFlagDependents(project: string, flag: string) {
  return useQuery({
    queryKey: flagDependentKeys.of(project, flag),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/projects/{project}/flags/{flag}/dependents', { params: { path: { project, flag } } }),
        )
      ).items,
    staleTime: 30_000,
  });
}
