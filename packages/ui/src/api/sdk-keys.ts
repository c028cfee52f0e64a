import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

/** An SDK key as listed: a server key only by its hint (it is secret), a client key in full (it is public). */
export type SdkKey =
  paths['/api/v1/projects/{project}/environments/{environment}/sdk-keys']['get']['responses'][200]['content']['application/json'][number];

export const sdkKeyKeys = {
  ofEnvironment: (project: string, environment: string) =>
    ['projects', project, 'environments', environment, 'sdk-keys'] as const,
};

/** An environment's SDK keys; `enabled` false for members who may not manage them (the API would say 403). */
export function useSdkKeys(project: string, environment: string, enabled: boolean) {
  return useQuery({
    queryKey: sdkKeyKeys.ofEnvironment(project, environment),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/{project}/environments/{environment}/sdk-keys', {
          params: { path: { project, environment } },
        }),
      ),
    enabled,
    staleTime: 60_000,
  });
}
