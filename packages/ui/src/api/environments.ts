import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type Environment =
  paths['/api/v1/projects/{project}/environments']['get']['responses'][200]['content']['application/json'][number];

export const environmentKeys = {
  ofProject: (project: string) => ['projects', project, 'environments'] as const,
};

/** A project's environments, in their order (development first, production last in a new project). */
export function useEnvironments(project: string) {
  return useQuery(environmentsQuery(project));
}

export const environmentsQuery = (project: string) =>
  queryOptions({
    queryKey: environmentKeys.ofProject(project),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{project}/environments', { params: { path: { project } } })),
    staleTime: 60_000,
  });
