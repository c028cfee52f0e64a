import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type EppoImport = paths['/api/v1/projects/{project}/environments/{environment}/import/eppo']['post'];
export type ImportSummary = EppoImport['responses'][200]['content']['application/json'];
type UfcDocument = EppoImport['requestBody']['content']['application/json'];

/**
 * Imports an Eppo UFC document into one environment, all or nothing. The document goes as the text
 * it was read as: a 10 MiB file is neither parsed into objects nor serialised again here.
 */
export function useEppoImport(project: string, environment: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: string) =>
      unwrap(
        api.POST('/api/v1/projects/{project}/environments/{environment}/import/eppo', {
          params: { path: { project, environment } },
          body: document as unknown as UfcDocument,
          bodySerializer: (body) => body as unknown as string,
          headers: { 'content-type': 'application/json' },
        }),
      ),
    // Flags (and the segments of allocations with several rules) were created or changed.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['projects', project, 'flags'] }),
        queryClient.invalidateQueries({ queryKey: ['projects', project, 'segments'] }),
      ]),
  });
}
