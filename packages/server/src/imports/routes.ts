import { Type } from 'typebox';
import { actorOf, type Api } from '../http/api.js';
import { ok, Strict } from '../http/schemas.js';
import type { ServerContext } from '../context.js';
import { ImportSummarySchema, UfcSchema } from './schemas.js';
import { importEppo, refuseOtherFormats } from './service.js';

const EnvironmentParams = Strict({ project: Type.String(), environment: Type.String() });

/** UFC documents of large Eppo accounts run to megabytes; the API's usual limit is 1 MiB. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export function importRoutes(api: Api, ctx: ServerContext): void {
  api.post(
    '/projects/:project/environments/:environment/import/eppo',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary:
          'Import an Eppo flag configuration (UFC) into an environment: creates or updates its flags, all or nothing',
        params: EnvironmentParams,
        body: UfcSchema,
        response: ok(ImportSummarySchema),
      },
      preValidation: async (request) => refuseOtherFormats(request.body),
    },
    (request) => importEppo(ctx, actorOf(request), request.params.project, request.params.environment, request.body),
  );
}
