import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { flagKeys } from './flag';
import type { paths } from './schema';

type ListPath = paths['/api/v1/projects/{project}/experiments'];
type OnePath = paths['/api/v1/projects/{project}/experiments/{experiment}'];
type ResultsPath = paths['/api/v1/projects/{project}/experiments/{experiment}/results'];

/** An experiment as the API shows it: its setup, status, and when it started and stopped. */
export type Experiment = ListPath['get']['responses'][200]['content']['application/json'][number];
export type NewExperiment = ListPath['post']['requestBody']['content']['application/json'];
export type ExperimentChanges = NonNullable<OnePath['patch']['requestBody']>['content']['application/json'];
/** Results per metric and variation, the sample-ratio check, the primary metric over time, the diagnosis. */
export type ExperimentResults = ResultsPath['get']['responses'][200]['content']['application/json'];

export const experimentKeys = {
  ofProject: (project: string) => ['projects', project, 'experiments'] as const,
  one: (project: string, experiment: string) => ['projects', project, 'experiments', experiment] as const,
  results: (project: string, experiment: string) =>
    ['projects', project, 'experiments', experiment, 'results'] as const,
};

export const experimentsQuery = (project: string) =>
  queryOptions({
    queryKey: experimentKeys.ofProject(project),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{project}/experiments', { params: { path: { project } } })),
    staleTime: 30_000,
  });

/** The project's experiments in environments the member may read. */
export function useExperiments(project: string) {
  return useQuery(experimentsQuery(project));
}

export const experimentQuery = (project: string, experiment: string) =>
  queryOptions({
    queryKey: experimentKeys.one(project, experiment),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/{project}/experiments/{experiment}', {
          params: { path: { project, experiment } },
        }),
      ),
    staleTime: 30_000,
  });

export function useExperiment(project: string, experiment: string) {
  return useQuery(experimentQuery(project, experiment));
}

export const experimentResultsQuery = (project: string, experiment: string) =>
  queryOptions({
    queryKey: experimentKeys.results(project, experiment),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/{project}/experiments/{experiment}/results', {
          params: { path: { project, experiment } },
        }),
      ),
    // Results move as events arrive: a minute old at most while the page is open.
    staleTime: 15_000,
    refetchInterval: 60_000,
  });

export function useExperimentResults(project: string, experiment: string) {
  return useQuery(experimentResultsQuery(project, experiment));
}

export function useCreateExperiment(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (experiment: NewExperiment) =>
      unwrap(api.POST('/api/v1/projects/{project}/experiments', { params: { path: { project } }, body: experiment })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: experimentKeys.ofProject(project) }),
  });
}

/** Changes the fields given of a draft (`null` clears an optional one). */
export function useUpdateExperiment(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ experiment, changes }: { experiment: string; changes: ExperimentChanges }) =>
      unwrap(
        api.PATCH('/api/v1/projects/{project}/experiments/{experiment}', {
          params: { path: { project, experiment } },
          body: changes,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: experimentKeys.ofProject(project) }),
  });
}

/**
 * Deletes a draft (the server refuses any other status). The list drops it at once; the deleted
 * experiment's own queries are removed rather than refetched, since they would answer 404 on the
 * page that is still leaving.
 */
export function useDeleteExperiment(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (experiment: string) =>
      unwrap(
        api.DELETE('/api/v1/projects/{project}/experiments/{experiment}', {
          params: { path: { project, experiment } },
        }),
      ),
    onSuccess: (_, experiment) => {
      queryClient.removeQueries({ queryKey: experimentKeys.one(project, experiment) });
      queryClient.setQueryData<Experiment[]>(experimentKeys.ofProject(project), (list) =>
        list?.filter((one) => one.key !== experiment),
      );
      void queryClient.invalidateQueries({ queryKey: experimentKeys.ofProject(project), exact: true });
    },
  });
}

/**
 * Starts (tracking on for its allocations) or stops (optionally shipping a variation) an experiment.
 * Both change the flag's state too, so the flag's cache goes stale with the experiment's.
 */
export function useExperimentAction(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      action: { experiment: string; action: 'start' } | { experiment: string; action: 'stop'; ship?: string },
    ) =>
      action.action === 'start'
        ? unwrap(
            api.POST('/api/v1/projects/{project}/experiments/{experiment}/start', {
              params: { path: { project, experiment: action.experiment } },
            }),
          )
        : unwrap(
            api.POST('/api/v1/projects/{project}/experiments/{experiment}/stop', {
              params: { path: { project, experiment: action.experiment } },
              body: action.ship === undefined ? {} : { ship: action.ship },
            }),
          ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: experimentKeys.ofProject(project) }),
        queryClient.invalidateQueries({ queryKey: flagKeys.all(project) }),
      ]),
  });
}
