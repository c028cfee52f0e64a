import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type Metric =
  paths['/api/v1/projects/{project}/metrics']['get']['responses'][200]['content']['application/json'][number];
export type NewMetric =
  paths['/api/v1/projects/{project}/metrics']['post']['requestBody']['content']['application/json'];
export type MetricChanges = NonNullable<
  paths['/api/v1/projects/{project}/metrics/{metric}']['patch']['requestBody']
>['content']['application/json'];

export const metricKeys = {
  ofProject: (project: string) => ['projects', project, 'metrics'] as const,
};

/** A project's experiment metrics, by key. */
export function useMetrics(project: string) {
  return useQuery(metricsQuery(project));
}

export const metricsQuery = (project: string) =>
  queryOptions({
    queryKey: metricKeys.ofProject(project),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{project}/metrics', { params: { path: { project } } })),
    staleTime: 60_000,
  });

export function useCreateMetric(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (metric: NewMetric) =>
      unwrap(api.POST('/api/v1/projects/{project}/metrics', { params: { path: { project } }, body: metric })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: metricKeys.ofProject(project) }),
  });
}

/** Changes the fields given (`null` clears an optional one); the server checks the result as a whole. */
export function useUpdateMetric(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ metric, changes }: { metric: string; changes: MetricChanges }) =>
      unwrap(
        api.PATCH('/api/v1/projects/{project}/metrics/{metric}', {
          params: { path: { project, metric } },
          body: changes,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: metricKeys.ofProject(project) }),
  });
}

/** Deletes a metric; the server refuses (409) while an experiment measures it. */
export function useDeleteMetric(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (metric: string) =>
      unwrap(api.DELETE('/api/v1/projects/{project}/metrics/{metric}', { params: { path: { project, metric } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: metricKeys.ofProject(project) }),
  });
}
