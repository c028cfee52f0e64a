import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

type EnvironmentsPath = paths['/api/v1/projects/{project}/environments'];
export type NewEnvironment = EnvironmentsPath['post']['requestBody']['content']['application/json'];
export type EnvironmentChanges =
  paths['/api/v1/projects/{project}/environments/{environment}']['patch']['requestBody']['content']['application/json'];

/**
 * Environments are part of everything in a project: flag states per environment, SDK keys, the
 * selector. After a write the project's environments, flags and keys are stale.
 */
function refreshProject(queryClient: QueryClient, project: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: environmentKeys.ofProject(project) }),
    queryClient.invalidateQueries({ queryKey: ['projects', project, 'flags'] }),
  ]);
}

export function useCreateEnvironment(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (environment: NewEnvironment) =>
      unwrap(api.POST('/api/v1/projects/{project}/environments', { params: { path: { project } }, body: environment })),
    onSuccess: () => refreshProject(queryClient, project),
  });
}

/** Renames an environment or marks it critical (or not). */
export function useUpdateEnvironment(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ environment, changes }: { environment: string; changes: EnvironmentChanges }) =>
      unwrap(
        api.PATCH('/api/v1/projects/{project}/environments/{environment}', {
          params: { path: { project, environment } },
          body: changes,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: environmentKeys.ofProject(project) }),
  });
}

/**
 * Puts the environments in a new order (every key once). The list takes it at once; a refused
 * reorder puts the server's order back.
 */
export function useReorderEnvironments(project: string) {
  const queryClient = useQueryClient();
  const key = environmentKeys.ofProject(project);
  return useMutation({
    mutationFn: (order: string[]) =>
      unwrap(
        api.PUT('/api/v1/projects/{project}/environments/order', { params: { path: { project } }, body: { order } }),
      ),
    onMutate: async (order) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Environment[]>(key);
      if (before) {
        const byKey = new Map(before.map((environment) => [environment.key, environment]));
        const next = order.flatMap((environmentKey, position) => {
          const environment = byKey.get(environmentKey);
          return environment ? [{ ...environment, position }] : [];
        });
        queryClient.setQueryData(key, next);
      }
      return { before };
    },
    onError: (_error, _order, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSuccess: (environments) => queryClient.setQueryData(key, environments),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** Deletes an environment with its flag states, SDK keys, known users and events. */
export function useDeleteEnvironment(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (environment: string) =>
      unwrap(
        api.DELETE('/api/v1/projects/{project}/environments/{environment}', {
          params: { path: { project, environment } },
        }),
      ),
    onSuccess: (_data, environment) => {
      queryClient.removeQueries({ queryKey: [...environmentKeys.ofProject(project), environment] });
      queryClient.removeQueries({ queryKey: ['projects', project, 'environments', environment, 'sdk-keys'] });
      return refreshProject(queryClient, project);
    },
  });
}

/**
 * What deleting an environment takes with it, for the confirmation to name: a state per flag of
 * the project (live and archived) and the environment's SDK keys (`undefined` when the member may
 * not see them).
 */
export function useEnvironmentFootprint(project: string, environment: string, canSeeKeys: boolean, enabled: boolean) {
  return useQuery({
    queryKey: [...environmentKeys.ofProject(project), environment, 'footprint', canSeeKeys] as const,
    queryFn: async () => {
      const count = (archived: boolean) =>
        unwrap(
          api.GET('/api/v1/projects/{project}/flags', {
            params: { path: { project }, query: { archived, limit: 1 } },
          }),
        ).then((page) => page.total);
      const keys = canSeeKeys
        ? unwrap(
            api.GET('/api/v1/projects/{project}/environments/{environment}/sdk-keys', {
              params: { path: { project, environment } },
            }),
          )
        : Promise.resolve(undefined);
      const [live, archived, sdkKeys] = await Promise.all([count(false), count(true), keys]);
      return {
        flags: live + archived,
        sdkKeys: sdkKeys?.filter((key) => key.status === 'active' || key.status === 'expiring').length,
      };
    },
    enabled,
    staleTime: 0,
  });
}
