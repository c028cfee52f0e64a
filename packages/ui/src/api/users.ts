import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type UsersPath = paths['/api/v1/projects/{project}/environments/{environment}/users']['get'];

/** A context an SDK reported in an environment: kind, key and the attributes it last had. */
export type KnownUser = UsersPath['responses'][200]['content']['application/json']['users'][number];

/** How many users a search shows: enough to pick from, small enough to answer as one types. */
const SEARCH_LIMIT = 10;

export const userKeys = {
  search: (project: string, environment: string, q: string) =>
    ['projects', project, 'environments', environment, 'users', { q }] as const,
};

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
