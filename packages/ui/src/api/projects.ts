import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type Project = paths['/api/v1/projects']['get']['responses'][200]['content']['application/json'][number];

export const projectKeys = {
  all: ['projects'] as const,
};

/** The projects the signed-in member can see. */
export function useProjects() {
  return useQuery(projectsQuery);
}

export const projectsQuery = queryOptions({
  queryKey: projectKeys.all,
  queryFn: () => unwrap(api.GET('/api/v1/projects')),
  staleTime: 60_000,
});
