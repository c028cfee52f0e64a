import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type Preferences = paths['/api/v1/auth/preferences']['get']['responses'][200]['content']['application/json'];

export const preferenceKeys = {
  all: ['auth', 'preferences'] as const,
};

/**
 * Where the member last worked (project and environment), kept by the server so it follows them to
 * another browser. A failure is no error worth showing: the console then starts at the first project.
 */
export function usePreferences({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: preferenceKeys.all,
    queryFn: () => unwrap(api.GET('/api/v1/auth/preferences')),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Saves the project and environment the member is on; the cached answer follows at once. */
export function useRememberPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: Preferences) => unwrap(api.PUT('/api/v1/auth/preferences', { body: preferences })),
    // Remembering is a convenience: callers fire and forget, and a refusal interrupts nothing.
    onMutate: (preferences) => queryClient.setQueryData(preferenceKeys.all, preferences),
  });
}
