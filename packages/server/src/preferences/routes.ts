import { Type } from 'typebox';
import type { ServerContext } from '../context.js';
import { actorOf, type Api } from '../http/api.js';
import { Key, ok, Strict } from '../http/schemas.js';
import { getPreferences, setPreferences } from './service.js';

const Nullable = (description: string) => Type.Union([Key, Type.Null()], { description });
const PreferencesSchema = Type.Object({
  project: Nullable('The project the member last worked in'),
  environment: Nullable('The environment of that project they last worked in'),
});

/** The signed-in member's (or their personal token's) console preferences; 404 for service tokens. */
export function preferenceRoutes(api: Api, ctx: ServerContext): void {
  const tags = ['auth'];
  api.get(
    '/auth/preferences',
    {
      schema: {
        tags,
        summary: 'The console’s memory for the signed-in member: last project and environment',
        response: ok(PreferencesSchema),
      },
    },
    (request) => getPreferences(ctx, actorOf(request)),
  );

  api.put(
    '/auth/preferences',
    {
      schema: {
        tags,
        summary: 'Remember the last project and environment for the signed-in member (fields left out become null)',
        body: Strict(
          {
            project: Type.Optional(Nullable('A project key, or null')),
            environment: Type.Optional(Nullable('An environment key of that project, or null')),
          },
          { examples: [{ project: 'default', environment: 'production' }] },
        ),
        response: ok(PreferencesSchema),
      },
    },
    (request) => setPreferences(ctx, actorOf(request), request.body),
  );
}
