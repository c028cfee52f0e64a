import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useMutationState,
  usePrefetchInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from './client';
import { fetchFlag, flagKeys } from './flag';
import { isProblem } from './problem';
import type { paths } from './schema';

type ListFlags = paths['/api/v1/projects/{project}/flags']['get'];
type StatePath = paths['/api/v1/projects/{project}/flags/{flag}/environments/{environment}'];

/** One page of the flag list: `items` sorted by key, `total` matching the filters, `nextCursor` for the next page. */
export type FlagListPage = ListFlags['responses'][200]['content']['application/json'];
/** A flag as the list shows it: definition fields, status, last change, on/off per readable environment. */
export type FlagSummary = FlagListPage['items'][number];
/** A flag with its whole state in every environment, as the API answers a create. */
export type Flag = paths['/api/v1/projects/{project}/flags']['post']['responses'][201]['content']['application/json'];
export type NewFlag = paths['/api/v1/projects/{project}/flags']['post']['requestBody']['content']['application/json'];
type FlagStateView = StatePath['patch']['responses'][200]['content']['application/json'];

/** The list's filters, as the API takes them (`q` searches key, name, description and tags). */
export type FlagListFilters = Pick<
  NonNullable<ListFlags['parameters']['query']>,
  'q' | 'tag' | 'type' | 'lifetime' | 'status' | 'archived'
>;

/** Flags fetched per page: enough to fill a tall screen twice, small enough to answer in milliseconds. */
export const FLAG_PAGE_SIZE = 100;

/**
 * Cache keys of the list. Under the project's flags (`flagKeys.all`, so a create or archive makes
 * them stale with the rest), and marked by an object, which no flag key (`flagKeys.one`) can equal.
 */
export const flagListKeys = {
  lists: (project: string) => [...flagKeys.all(project), { view: 'list' }] as const,
  list: (project: string, filters: FlagListFilters) => [...flagKeys.all(project), { view: 'list', filters }] as const,
};

/** The list query, shared by the hook and by prefetching (same key, same request). */
export function flagListQuery(project: string, filters: FlagListFilters) {
  return infiniteQueryOptions({
    queryKey: flagListKeys.list(project, filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/projects/{project}/flags', {
          params: { path: { project }, query: { ...filters, limit: FLAG_PAGE_SIZE, cursor: pageParam } },
          // A search overtaken by the next keystroke is dropped, server side too.
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: FlagListPage) => page.nextCursor ?? undefined,
    staleTime: 30_000,
  });
}

/**
 * The project's flags matching `filters`, a page at a time with the server's cursor: the list asks
 * for the next page as it is scrolled to, never for everything. While a new search or filter is
 * answered the previous result stays on screen, so typing never blanks the list.
 */
export function useFlagList(project: string, filters: FlagListFilters) {
  const query = flagListQuery(project, filters);
  // Sent while the page first renders, not after: the rows arrive that much sooner.
  usePrefetchInfiniteQuery(query);
  return useInfiniteQuery({ ...query, placeholderData: keepPreviousData });
}

/**
 * Starts fetching a list before the page renders it: a keystroke's request leaves at once, while
 * the new address is still being rendered (the list then finds it in flight).
 */
/** Asks for a list's first page ahead of its render; resolves once it is in the cache (or failed). */
export function usePrefetchFlagList(project: string): (filters: FlagListFilters) => Promise<void> {
  const queryClient = useQueryClient();
  return (filters) => queryClient.prefetchInfiniteQuery(flagListQuery(project, filters));
}

/**
 * One flag as it is now (the flag page's cache entry, fetched again on mount), for a confirmation
 * that must describe the current state, whatever was cached; `isFetchedAfterMount` says it is current.
 */
export function useCurrentFlag(project: string, flag: string) {
  return useQuery({
    queryKey: flagKeys.one(project, flag),
    queryFn: () => fetchFlag(project, flag),
    staleTime: 0,
  });
}

export function useCreateFlag(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (flag: NewFlag) =>
      unwrap(api.POST('/api/v1/projects/{project}/flags', { params: { path: { project } }, body: flag })),
    onSuccess: () => refreshLists(queryClient, project),
  });
}

export interface FlagToggle {
  flag: string;
  environment: string;
  on: boolean;
  /** The state version the member saw: a change since answers 412 instead of being overwritten. */
  version: number;
  /** Who is toggling, as the audit log names them (a member's email), for the list's "last change". */
  actor: string;
}

/**
 * Turns a flag on or off in one environment (`If-Match` with the version shown). The lists in the
 * cache take the new state at once, without refetching every page; a 412 (someone saved since)
 * refetches them so the member sees the current state before trying again.
 */
export function useToggleFlag(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: toggleKey(project),
    mutationFn: ({ flag, environment, on, version }: FlagToggle) =>
      unwrap(
        api.PATCH('/api/v1/projects/{project}/flags/{flag}/environments/{environment}', {
          params: { path: { project, flag, environment }, header: { 'if-match': `"${version}"` } },
          body: { on },
        }),
      ),
    onSuccess: (state: FlagStateView, toggle) => {
      queryClient.setQueriesData<InfiniteData<FlagListPage>>({ queryKey: flagListKeys.lists(project) }, (data) =>
        updateSummary(data, toggle.flag, (summary) => ({
          ...summary,
          environments: {
            ...summary.environments,
            [toggle.environment]: {
              on: state.on,
              version: state.version,
              lastEvaluatedAt: summary.environments[toggle.environment]?.lastEvaluatedAt ?? null,
            },
          },
          lastChange: { actor: toggle.actor, at: state.updatedAt },
        })),
      );
      // The flag's own page shows the new state and version when opened.
      void queryClient.invalidateQueries({ queryKey: flagKeys.one(project, toggle.flag) });
    },
    onError: (error) => {
      if (isProblem(error, 412)) void refreshLists(queryClient, project);
    },
  });
}

const toggleKey = (project: string) => [...flagKeys.all(project), { mutation: 'toggle' }] as const;

/**
 * The toggles on their way to the server, wherever they were made (a switch, a confirmation):
 * `"<flag>/<environment>"` → the state asked for, so the list shows it until the server answers.
 */
export function usePendingToggles(project: string): ReadonlyMap<string, boolean> {
  const pending = useMutationState({
    filters: { mutationKey: toggleKey(project), status: 'pending' },
    select: (mutation) => mutation.state.variables as FlagToggle,
  });
  return useMemo(
    () => new Map(pending.map((toggle) => [`${toggle.flag}/${toggle.environment}`, toggle.on])),
    [pending],
  );
}

/** Archives several flags at once: all of them or none. */
export function useArchiveFlags(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keys: string[]) =>
      unwrap(api.POST('/api/v1/projects/{project}/flags/archive', { params: { path: { project } }, body: { keys } })),
    onSuccess: () => refreshLists(queryClient, project),
  });
}

/** The cached pages with one flag's summary replaced; the same object when the flag is not in them. */
export function updateSummary(
  data: InfiniteData<FlagListPage> | undefined,
  key: string,
  change: (summary: FlagSummary) => FlagSummary,
): InfiniteData<FlagListPage> | undefined {
  if (!data?.pages) return data;
  let found = false;
  const pages = data.pages.map((page) => {
    const index = page.items.findIndex((item) => item.key === key);
    if (index < 0) return page;
    found = true;
    const items = [...page.items];
    items[index] = change(items[index] as FlagSummary);
    return { ...page, items };
  });
  return found ? { ...data, pages } : data;
}

/**
 * After flags were added or archived: the list on screen is fetched again; lists not on screen
 * are dropped rather than refetched page by page.
 */
function refreshLists(queryClient: QueryClient, project: string): Promise<void> {
  queryClient.removeQueries({ queryKey: flagListKeys.lists(project), type: 'inactive' });
  return queryClient.invalidateQueries({ queryKey: flagKeys.all(project) });
}
