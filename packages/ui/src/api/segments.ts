import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type Segment =
  paths['/api/v1/projects/{project}/segments']['get']['responses'][200]['content']['application/json'][number];

type SegmentPath = paths['/api/v1/projects/{project}/segments/{segment}'];
export type NewSegment =
  paths['/api/v1/projects/{project}/segments']['post']['requestBody']['content']['application/json'];
/** A whole definition, as PUT takes it: fields left out are removed. */
export type SegmentDefinition = SegmentPath['put']['requestBody']['content']['application/json'];
export type SegmentUsage =
  paths['/api/v1/projects/{project}/segment-usage']['get']['responses'][200]['content']['application/json']['items'][number];
export type SegmentUser = SegmentUsage['flags'][number];

type EvaluatePath = paths['/api/v1/projects/{project}/segments/{segment}/evaluate']['post'];
export type SegmentEvaluationRequest = EvaluatePath['requestBody']['content']['application/json'];
export type SegmentEvaluation = EvaluatePath['responses'][200]['content']['application/json'];
export type Membership = SegmentEvaluation['saved'];

export const segmentKeys = {
  ofProject: (project: string) => ['projects', project, 'segments'] as const,
  one: (project: string, segment: string) => ['projects', project, 'segments', 'one', segment] as const,
  usage: (project: string) => ['projects', project, 'segments', 'usage'] as const,
  evaluation: (project: string, segment: string, request: SegmentEvaluationRequest | undefined) =>
    ['projects', project, 'segments', 'evaluate', segment, request ?? null] as const,
};

/** A project's segments (target groups), for naming and picking them in targeting rules. */
export function useSegments(project: string) {
  return useQuery(segmentsQuery(project));
}

export const segmentsQuery = (project: string) =>
  queryOptions({
    queryKey: segmentKeys.ofProject(project),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{project}/segments', { params: { path: { project } } })),
    staleTime: 60_000,
  });

/** One segment as saved, with the version a save sends back as If-Match. */
export function useSegment(project: string, segment: string) {
  return useQuery(segmentQuery(project, segment));
}

export const segmentQuery = (project: string, segment: string) =>
  queryOptions({
    queryKey: segmentKeys.one(project, segment),
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{project}/segments/{segment}', { params: { path: { project, segment } } })),
    staleTime: 10_000,
  });

/**
 * Where the project's segments are used — the flags whose allocations name each, and in which
 * environments — asked of the server in one request (it reads only the states naming a segment).
 */
export function useSegmentUsage(project: string) {
  return useQuery(segmentUsageQuery(project));
}

export const segmentUsageQuery = (project: string) =>
  queryOptions({
    queryKey: segmentKeys.usage(project),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/projects/{project}/segment-usage', { params: { path: { project } } }))).items,
    // Flag saves change it, and they do not know about it: asked again whenever a page shows it.
    staleTime: 0,
  });

export function useCreateSegment(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (segment: NewSegment) =>
      unwrap(api.POST('/api/v1/projects/{project}/segments', { params: { path: { project } }, body: segment })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentKeys.ofProject(project) }),
  });
}

/** Replaces a segment's definition if it is still at `version` (412 when someone saved it since). */
export function useSaveSegment(project: string, segment: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ definition, version }: { definition: SegmentDefinition; version: number }) =>
      unwrap(
        api.PUT('/api/v1/projects/{project}/segments/{segment}', {
          params: { path: { project, segment }, header: { 'if-match': `"${version}"` } },
          body: definition,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(segmentKeys.one(project, segment), saved);
      // The list (sizes), the flags' targeting (sentences) and test answers depend on it.
      return queryClient.invalidateQueries({ queryKey: segmentKeys.ofProject(project) });
    },
  });
}

/** Deletes a segment; the server refuses (409) while a flag's allocations name it. */
export function useDeleteSegment(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (segment: string) =>
      unwrap(api.DELETE('/api/v1/projects/{project}/segments/{segment}', { params: { path: { project, segment } } })),
    // Only the list and the usage: the deleted segment's own queries (still on screen until the page
    // leaves) would answer 404 and replace the page before it can move on.
    onSuccess: (_, segment) => {
      queryClient.removeQueries({ queryKey: segmentKeys.one(project, segment) });
      void queryClient.invalidateQueries({ queryKey: segmentKeys.ofProject(project), exact: true });
      void queryClient.invalidateQueries({ queryKey: segmentKeys.usage(project) });
    },
    // A refusal (409) names the flags using it: where it is used has changed.
    onError: () => queryClient.invalidateQueries({ queryKey: segmentKeys.usage(project) }),
  });
}

/**
 * Whether a context is in the segment and why, as saved and (with `draft`) as edited. Nothing is
 * asked while `request` is undefined; the last answer stays while the next loads.
 */
export function useSegmentEvaluation(project: string, segment: string, request: SegmentEvaluationRequest | undefined) {
  return useQuery({
    queryKey: segmentKeys.evaluation(project, segment, request),
    queryFn: () =>
      unwrap(
        api.POST('/api/v1/projects/{project}/segments/{segment}/evaluate', {
          params: { path: { project, segment } },
          body: request as SegmentEvaluationRequest,
        }),
      ),
    enabled: request !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
