import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type HistoryPath = paths['/api/v1/projects/{project}/flags/{flag}/history']['get'];
export type FlagHistoryPage = HistoryPath['responses'][200]['content']['application/json'];
export type FlagHistoryEntry = FlagHistoryPage['entries'][number];
export type HistoryChange = FlagHistoryEntry['diff'][number];

/** Entries per page: a screenful or two of changes. */
const PAGE_SIZE = 25;

/** Under the flag's key, so whatever refreshes the flag refreshes its history too. */
export const flagHistoryKeys = {
  all: (project: string, flag: string) => ['projects', project, 'flags', flag, 'history'] as const,
  of: (project: string, flag: string, environment: string | undefined) =>
    [...flagHistoryKeys.all(project, flag), environment ?? null] as const,
};

/**
 * A flag's history, newest first, a page at a time (`fetchNextPage` for older changes). With an
 * environment, only the definition's changes and that environment's.
 */
export function useFlagHistory(project: string, flag: string, environment: string | undefined) {
  return useInfiniteQuery({
    queryKey: flagHistoryKeys.of(project, flag, environment),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/projects/{project}/flags/{flag}/history', {
          params: {
            path: { project, flag },
            query: {
              limit: PAGE_SIZE,
              ...(environment === undefined ? {} : { environment }),
              ...(pageParam === undefined ? {} : { before: pageParam }),
            },
          },
        }),
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
    staleTime: 10_000,
  });
}

export interface Revert {
  entryId: number;
  /** The version of the definition (or of the state, for a state change) as the page shows it. */
  expectedVersion?: number | undefined;
}

/**
 * Undoes one change of the history. The flag's data refreshes afterwards, whether the revert was
 * made or refused because the flag moved on (409, 412): either way the page should show it as it is.
 */
export function useRevertFlagChange(project: string, flag: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, expectedVersion }: Revert) =>
      unwrap(
        api.POST('/api/v1/projects/{project}/flags/{flag}/history/{entryId}/revert', {
          params: {
            path: { project, flag, entryId },
            header: expectedVersion === undefined ? {} : { 'if-match': `"${expectedVersion}"` },
          },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['projects', project, 'flags', flag] }),
  });
}
