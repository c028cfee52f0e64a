import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type InsightsPath = paths['/api/v1/projects/{project}/flags/{flag}/environments/{environment}/insights']['get'];
export type FlagInsights = InsightsPath['responses'][200]['content']['application/json'];
export type InsightRange = FlagInsights['range'];

/** Under the flag's key, so whatever refreshes the flag refreshes its insights too. */
export const flagInsightsKeys = {
  of: (project: string, flag: string, environment: string, range: InsightRange) =>
    ['projects', project, 'flags', flag, 'insights', environment, range] as const,
};

/**
 * How often the flag served each variation in one environment over a range: the buckets that hold
 * evaluations (the page fills the rest with zeros). Refreshed every minute while shown, as SDKs
 * keep reporting; the previous range stays on screen while the next one loads.
 */
export function useFlagInsights(project: string, flag: string, environment: string, range: InsightRange) {
  return useQuery({
    queryKey: flagInsightsKeys.of(project, flag, environment, range),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/{project}/flags/{flag}/environments/{environment}/insights', {
          params: { path: { project, flag, environment }, query: { range } },
        }),
      ),
    staleTime: 30_000,
    refetchInterval: 60_000,
    // Another range of the same environment: the last one stays on screen meanwhile; never another environment's.
    placeholderData: (previous, query) => (query?.queryKey[5] === environment ? keepPreviousData(previous) : undefined),
  });
}
