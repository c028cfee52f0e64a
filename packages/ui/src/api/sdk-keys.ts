import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type KeysPath = paths['/api/v1/projects/{project}/environments/{environment}/sdk-keys'];

/** An SDK key as listed: a server key only by its hint (it is secret), a client key in full (it is public). */
export type SdkKey = KeysPath['get']['responses'][200]['content']['application/json'][number];
export type SdkKeyKind = SdkKey['kind'];
/** A key just made, with the key itself: for a server key, the only time it is shown. */
export type NewSdkKey = KeysPath['post']['responses'][201]['content']['application/json'];
/** A rotation's answer: the new key, and the one it replaces as it now is (expiring, or revoked). */
export type RotatedSdkKey =
  paths['/api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}/rotate']['post']['responses'][201]['content']['application/json'];

export const sdkKeyKeys = {
  ofEnvironment: (project: string, environment: string) =>
    ['projects', project, 'environments', environment, 'sdk-keys'] as const,
};

export const sdkKeysQuery = (project: string, environment: string) =>
  queryOptions({
    queryKey: sdkKeyKeys.ofEnvironment(project, environment),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/{project}/environments/{environment}/sdk-keys', {
          params: { path: { project, environment } },
        }),
      ),
    staleTime: 60_000,
  });

/** An environment's SDK keys; `enabled` false for members who may not manage them (the API would say 403). */
export function useSdkKeys(project: string, environment: string, enabled: boolean) {
  return useQuery({ ...sdkKeysQuery(project, environment), enabled });
}

function useRefreshKeys(project: string, environment: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: sdkKeyKeys.ofEnvironment(project, environment) });
}

export function useCreateSdkKey(project: string, environment: string) {
  const refresh = useRefreshKeys(project, environment);
  return useMutation({
    mutationFn: (input: { name: string; kind: SdkKeyKind }) =>
      unwrap(
        api.POST('/api/v1/projects/{project}/environments/{environment}/sdk-keys', {
          params: { path: { project, environment } },
          body: input,
        }),
      ),
    onSuccess: refresh,
  });
}

/** Replaces a key with a new one; the old one keeps working for `graceSeconds` (0: revoked now). */
export function useRotateSdkKey(project: string, environment: string) {
  const refresh = useRefreshKeys(project, environment);
  return useMutation({
    mutationFn: ({ id, graceSeconds }: { id: string; graceSeconds: number }) =>
      unwrap(
        api.POST('/api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}/rotate', {
          params: { path: { project, environment, id } },
          body: { graceSeconds },
        }),
      ),
    onSuccess: refresh,
  });
}

/** Revokes a key now: every SDK using it is refused from then on. */
export function useRevokeSdkKey(project: string, environment: string) {
  const refresh = useRefreshKeys(project, environment);
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/projects/{project}/environments/{environment}/sdk-keys/{id}', {
          params: { path: { project, environment, id } },
        }),
      ),
    onSuccess: refresh,
  });
}
