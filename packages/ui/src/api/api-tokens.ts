import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

/** An API token as listed: never its secret, only a hint (prefix and last characters). */
export type ApiToken = paths['/api/v1/api-tokens']['get']['responses'][200]['content']['application/json'][number];
export type ApiTokenKind = ApiToken['kind'];
/** A token just made, with the secret: the only time it is shown. */
export type NewApiToken = paths['/api/v1/api-tokens']['post']['responses'][201]['content']['application/json'];
export type ApiTokenInput = paths['/api/v1/api-tokens']['post']['requestBody']['content']['application/json'];

export const apiTokenKeys = { all: ['api-tokens'] as const };

export const apiTokensQuery = queryOptions({
  queryKey: apiTokenKeys.all,
  queryFn: () => unwrap(api.GET('/api/v1/api-tokens')),
  staleTime: 30_000,
});

/** Owners get every token of the organisation; other members their own personal tokens. */
export function useApiTokens() {
  return useQuery(apiTokensQuery);
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiTokenInput) => unwrap(api.POST('/api/v1/api-tokens', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

/** Revokes a token: every request carrying it is refused (401) from then on. */
export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
