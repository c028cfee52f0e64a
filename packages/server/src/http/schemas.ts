import { Type, type TSchema } from 'typebox';

/** Schemas shared by several routes. Each route's own schemas live beside it. */

export const Key = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,128}$',
  description: 'Letters, digits, "-", "_" or "."; 1–128 characters',
});
export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const Description = Type.String({ maxLength: 10_000 });

export const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** Objects in requests refuse fields they do not know, so a typo is a 400 and not silence. */
export function Strict<T extends Record<string, TSchema>>(properties: T, options: Record<string, unknown> = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** Why a route answers each problem status: the descriptions the OpenAPI document shows. */
const PROBLEM_MEANINGS: Record<number, string> = {
  400: 'Invalid request: `errors` names each field at fault (body fields by path, `query.x`, `params.x`, `headers.x`)',
  401: 'No valid credentials (the answer carries WWW-Authenticate)',
  403: 'Not allowed: the role does not permit it, or a change made with the session cookie lacks X-CSRF-Token',
  404: 'Not found: a key or id in the path names nothing the caller can see',
  409: 'Conflicts with the current state (a key already taken, a variation still in use…)',
  408: 'The request did not arrive in time; answered before any route is chosen, and the connection closed',
  412: 'If-Match names a version that is no longer the current one: reload and edit again',
  413: 'The body is larger than this route takes',
  414: 'A path segment is longer than any key or id',
  415: 'The body is not JSON: send Content-Type: application/json',
  429: 'Too many attempts: wait the Retry-After seconds',
  431: 'The headers, or the URL with them, are over Node’s 16 KiB; answered before any route is chosen',
  500: 'The server failed; the error is logged',
  502: 'An upstream service (the identity provider) failed',
};

const RETRY_AFTER = { type: 'integer', description: 'Seconds to wait before trying again' };
const WWW_AUTHENTICATE = { type: 'string', description: 'Bearer realm="vexil"' };

/**
 * One problem status of a route, as the OpenAPI document shows it and as it is serialised: an RFC 9457
 * problem, `application/problem+json`.
 */
export function problemResponse(status: number) {
  return {
    description: PROBLEM_MEANINGS[status] ?? 'A problem (RFC 9457)',
    ...(status === 429 ? { headers: { 'retry-after': RETRY_AFTER } } : {}),
    ...(status === 401 ? { headers: { 'www-authenticate': WWW_AUTHENTICATE } } : {}),
    content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
  };
}

const problemResponses = {
  400: problemResponse(400),
  401: problemResponse(401),
  403: problemResponse(403),
  404: problemResponse(404),
  409: problemResponse(409),
};

/**
 * A route's responses for validation of output and the OpenAPI document: success and problems. What every route
 * may answer whatever it does (413, 414, 415, 412 where If-Match is read, 500) is added by http/responses.ts.
 */
export const ok = <T extends TSchema>(schema: T) => ({ 200: schema, ...problemResponses });
export const created = <T extends TSchema>(schema: T) => ({ 201: schema, ...problemResponses });
export const noContent = { 204: Type.Unsafe<void>({ description: 'Done, no content' }), ...problemResponses };
/** For routes that limit attempts (sign-in): 429 with Retry-After. */
export const tooManyAttempts = { 429: problemResponse(429) };
