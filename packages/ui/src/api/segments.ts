import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type Segment =
  paths['/api/v1/projects/{project}/segments']['get']['responses'][200]['content']['application/json'][number];

export const segmentKeys = {
  ofProject: (project: string) => ['projects', project, 'segments'] as const,
};

/** A project's segments (target groups), for naming and picking them in targeting rules. */
export function useSegments(project: string) {
  return useQuery({
    queryKey: segmentKeys.ofProject(project),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{project}/segments', { params: { path: { project } } })),
    staleTime: 60_000,
  });
}
