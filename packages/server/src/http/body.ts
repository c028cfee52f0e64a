import type { FastifyRequest } from 'fastify';
import type { Api } from './api.js';
import { jsonFault } from './input.js';
import { problems } from './problems.js';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * How request bodies are read, for every route: JSON only (415 for anything else), checked by
 * `jsonFault` as it is parsed — depth, text, numbers — so nothing recursive ever walks a hostile
 * document. `text/plain` is read as JSON only by routes that say so (`config.plainTextJson`):
 * what `navigator.sendBeacon` and no-preflight `fetch` calls send.
 */
export function registerBodyParsers(app: Api): void {
  // Fastify's own parser, for its refusal of `__proto__` and `constructor.prototype` keys.
  const parseJson = app.getDefaultJsonParser('error', 'error') as (
    request: FastifyRequest,
    body: string,
    done: Done,
  ) => void;
  const parse = (request: FastifyRequest, body: string, done: Done) => {
    // Many HTTP clients send `Content-Type: application/json` on every request: an empty body is
    // no body on a route that takes none (archive, restore, DELETE, revert).
    if (body.length === 0 && request.routeOptions.schema?.body === undefined) return done(null, undefined);
    parseJson(request, body, (error, document) => {
      if (error) return done(error);
      const fault = jsonFault(document);
      if (fault) return done(problems.validation([fault]));
      done(null, document);
    });
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (request, body: string, done: Done) => {
    if (request.routeOptions.config.plainTextJson) parse(request, body, done);
    else done(problems.unsupportedMediaType());
  });
}
