import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type UsersPath = paths['/api/v1/projects/{project}/environments/{environment}/users']['get'];
type UserPath = paths['/api/v1/projects/{project}/environments/{environment}/users/{kind}/{key}']['get'];
export type UserListPage = UsersPath['responses'][200]['content']['application/json'];
/** A user with what every flag serves them in the environment, and the engine's explanation. */
export type UserDetail = UserPath['responses'][200]['content']['application/json'];
export type UserFlag = UserDetail['flags'][number];

/** A context an SDK reported in an environment: kind, key and the attributes it last had. */
export type KnownUser = UsersPath['responses'][200]['content']['application/json']['users'][number];

/** How many users a search shows: enough to pick from, small enough to answer as one types. */
const SEARCH_LIMIT = 10;

/** Users per page of the users list: a few screens, small enough to answer at once. */
export const USER_PAGE_SIZE = 100;

export const userKeys = {
  all: (project: string, environment: string) => ['projects', project, 'environments', environment, 'users'] as const,
  search: (project: string, environment: string, q: string) => [...userKeys.all(project, environment), { q }] as const,
  list: (project: string, environment: string, filters: UserListFilters) =>
    [...userKeys.all(project, environment), 'list', filters] as const,
  one: (project: string, environment: string, kind: string, key: string) =>
    [...userKeys.all(project, environment), 'one', kind, key] as const,
};

export interface UserListFilters {
  q: string;
  kind: string;
}

/** The users list of an environment, a page at a time (the API pages by offset, last seen first). */
export function userListQuery(project: string, environment: string, filters: UserListFilters) {
  return infiniteQueryOptions({
    queryKey: userKeys.list(project, environment, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/projects/{project}/environments/{environment}/users', {
          params: {
            path: { project, environment },
            query: {
              ...(filters.q === '' ? {} : { q: filters.q }),
              ...(filters.kind === '' ? {} : { kind: filters.kind }),
              limit: USER_PAGE_SIZE,
              offset: pageParam,
            },
          },
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (page: UserListPage, pages: UserListPage[]) => {
      const loaded = pages.reduce((sum, each) => sum + each.users.length, 0);
      return page.users.length === USER_PAGE_SIZE && loaded < page.total ? loaded : undefined;
    },
    staleTime: 30_000,
  });
}

/**
 * The environment's users matching the search, fetched as the list is scrolled. The previous
 * answer stays on screen while a new search is answered, so typing never blanks the list.
 */
export function useUserList(project: string, environment: string, filters: UserListFilters) {
  return useInfiniteQuery({ ...userListQuery(project, environment, filters), placeholderData: keepPreviousData });
}

export function userQuery(project: string, environment: string, kind: string, key: string) {
  return queryOptions({
    queryKey: userKeys.one(project, environment, kind, key),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/{project}/environments/{environment}/users/{kind}/{key}', {
          params: { path: { project, environment, kind, key } },
        }),
      ),
    staleTime: 10_000,
  });
}

/** One user, with every flag's answer for them in the environment and why (evaluated by the server). */
export function useUser(project: string, environment: string, kind: string, key: string) {
  return useQuery(userQuery(project, environment, kind, key));
}

/** Known users of an environment whose key or attributes contain `q`, last seen first. */
export function useUserSearch(project: string, environment: string | undefined, q: string, enabled = true) {
  return useQuery({
    queryKey: userKeys.search(project, environment ?? '', q),
    queryFn: async () =>
      unwrap(
        api.GET('/api/v1/projects/{project}/environments/{environment}/users', {
          params: {
            path: { project, environment: environment ?? '' },
            query: { ...(q === '' ? {} : { q }), limit: SEARCH_LIMIT },
          },
        }),
      ),
    enabled: enabled && environment !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
