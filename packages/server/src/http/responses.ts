import type { RouteOptions } from 'fastify';
import type { Api } from './api.js';
import { problemResponse } from './schemas.js';

/** Methods Fastify reads a body for when one is sent, whether or not the route takes one. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RouteShape {
  method: string;
  url: string;
  schema: Record<string, unknown>;
}

/** Methods with a route for any path: the console's pages (console/routes.ts), which answer 404 under /api. */
const CAUGHT_BY_CONSOLE = new Set(['GET', 'HEAD']);

/**
 * The problem statuses a route can answer because of what it takes, not what it does — so that no
 * route has to remember them, and the OpenAPI document lists every status a client can meet:
 * - 400 and 500 on every route: text no route takes (NUL, an unpaired surrogate) is refused in any
 *   query parameter, and any route can fail; and 408 and 431, which Node's HTTP parser answers
 *   before any route is chosen (a request that does not arrive in time; headers, or a URL, too large);
 * - 401 where credentials are needed (the management API's, unless a route says `security: []`,
 *   or an SDK key), and 403 for the management API's (roles; a session's change without its CSRF token);
 * - 404 where the path has parameters: a key that names nothing; and 414 for a segment longer than
 *   any key, which Fastify refuses before routing — except on a GET, where the console's catch-all
 *   route (its pages' addresses) takes the path and answers 404 under /api;
 * - 412 where the route reads If-Match;
 * - 413 and 415 for every method Fastify reads a body for: a body too large, or not JSON, is
 *   refused before the route runs, even on routes that take none.
 * Statuses a route declares itself (an OFREP answer in its own shape) are left as they are.
 */
function inheritedStatuses(route: RouteShape): number[] {
  const statuses = [400, 408, 431, 500];
  const security = route.schema.security as Record<string, unknown>[] | undefined;
  if (security === undefined) statuses.push(401, 403);
  else if (security.some((requirement) => Object.keys(requirement).length > 0)) statuses.push(401);
  if (route.url.includes(':')) statuses.push(404);
  if (route.url.includes(':') && !CAUGHT_BY_CONSOLE.has(route.method)) statuses.push(414);
  const headers = route.schema.headers as { properties?: Record<string, unknown> } | undefined;
  if (headers?.properties?.['if-match'] !== undefined) statuses.push(412);
  if (BODY_METHODS.has(route.method)) statuses.push(413, 415);
  return statuses;
}

/**
 * An `onRoute` hook, added before any route: each documented route's responses get the statuses of
 * `inheritedStatuses` it does not declare, problems declared as a bare `$ref: 'Problem'` are
 * described as `application/problem+json` (the media type they are sent as), and statuses that carry
 * no body (204, 304, redirects) are documented without one. Responses are copied,
 * never changed in place: routes share their response objects (`ok()`, `noContent`).
 */
export function documentInheritedStatuses(app: Api): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (schema === undefined || schema.hide === true) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const declared = (schema.response ?? {}) as Record<string, unknown>;
    const response: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(declared)) {
      if (isProblemReference(answer)) response[status] = problemResponse(Number(status));
      else if (BODILESS.has(Number(status))) response[status] = bodiless(answer);
      else response[status] = answer;
    }
    for (const method of methods) {
      for (const status of inheritedStatuses({ method, url: route.url, schema })) {
        response[status] ??=
          status === 413 ? tooLarge(route.bodyLimit ?? app.initialConfig.bodyLimit) : problemResponse(status);
      }
    }
    route.schema = { ...schema, response };
  });
}

/** A 413 that says how large a body the route takes. */
function tooLarge(bodyLimit: number | undefined) {
  const limit = bodyLimit === undefined ? '' : ` (${Math.floor(bodyLimit / 1024)} KiB)`;
  return { ...problemResponse(413), description: `The body is larger than this route takes${limit}` };
}

/** Statuses that carry no body: a redirect, no content, not modified. */
const BODILESS = new Set([204, 301, 302, 303, 304, 307, 308]);

/** Without a type, a response schema reads as "any JSON" in the document; these have none. */
function bodiless(answer: unknown): unknown {
  if (typeof answer !== 'object' || answer === null) return answer;
  const schema = answer as Record<string, unknown>;
  return schema.type !== undefined || schema.content !== undefined ? schema : { ...schema, type: 'null' };
}

function isProblemReference(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && (answer as { $ref?: unknown }).$ref === 'Problem';
}
