import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { preferenceKeys } from './preferences';
import type { paths } from './schema';

export type Project = paths['/api/v1/projects']['get']['responses'][200]['content']['application/json'][number];
export type NewProject = paths['/api/v1/projects']['post']['requestBody']['content']['application/json'];
export type ProjectChanges = NonNullable<
  paths['/api/v1/projects/{project}']['patch']['requestBody']
>['content']['application/json'];

export const projectKeys = {
  all: ['projects'] as const,
  footprint: (project: string) => ['projects', project, 'footprint'] as const,
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

/** Creates a project (with development, staging and production); the switcher and the list pick it up. */
export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (project: NewProject) => unwrap(api.POST('/api/v1/projects', { body: project })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.all, exact: true }),
  });
}

/** Renames or describes a project. */
export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ project, changes }: { project: string; changes: ProjectChanges }) =>
      unwrap(api.PATCH('/api/v1/projects/{project}', { params: { path: { project } }, body: changes })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.all, exact: true }),
  });
}

/** Deletes a project and everything in it; every query about it goes with it. */
export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (project: string) =>
      unwrap(api.DELETE('/api/v1/projects/{project}', { params: { path: { project } } })),
    onSuccess: (_data, project) => {
      // Only the queries under the project (['projects', key, …]), not the list itself, which is asked again.
      queryClient.removeQueries({ queryKey: ['projects', project] });
      // The member's remembered project may have been this one.
      void queryClient.invalidateQueries({ queryKey: preferenceKeys.all });
      return queryClient.invalidateQueries({ queryKey: projectKeys.all, exact: true });
    },
  });
}

/**
 * What deleting a project takes with it, counted from the API as the confirmation opens: its flags
 * (live and archived), segments, metrics and environments, and the active SDK keys of the
 * environments whose keys the member may list (`sdkKeys` undefined when they may see none).
 */
export function useProjectFootprint(
  project: string,
  environments: readonly string[],
  keysVisibleIn: (environment: string) => boolean,
  enabled: boolean,
) {
  return useQuery({
    queryKey: [...projectKeys.footprint(project), environments] as const,
    queryFn: async () => {
      const path = { project };
      const flags = (archived: boolean) =>
        unwrap(api.GET('/api/v1/projects/{project}/flags', { params: { path, query: { archived, limit: 1 } } })).then(
          (page) => page.total,
        );
      const visible = environments.filter(keysVisibleIn);
      const keys = Promise.all(
        visible.map((environment) =>
          unwrap(
            api.GET('/api/v1/projects/{project}/environments/{environment}/sdk-keys', {
              params: { path: { project, environment } },
            }),
          ).then((list) => list.filter((key) => key.status === 'active' || key.status === 'expiring').length),
        ),
      );
      const [live, archived, segments, metrics, keyCounts] = await Promise.all([
        flags(false),
        flags(true),
        unwrap(api.GET('/api/v1/projects/{project}/segments', { params: { path } })),
        unwrap(api.GET('/api/v1/projects/{project}/metrics', { params: { path } })),
        keys,
      ]);
      return {
        flags: live + archived,
        segments: segments.length,
        metrics: metrics.length,
        environments: environments.length,
        sdkKeys: visible.length === 0 ? undefined : keyCounts.reduce((sum, count) => sum + count, 0),
        sdkKeysPartial: visible.length < environments.length,
      };
    },
    enabled,
    staleTime: 0,
  });
}
