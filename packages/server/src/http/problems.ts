import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** A field at fault, with the path in the engine's notation: `variations[0].value`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * An RFC 9457 problem: thrown anywhere below a route, rendered as `application/problem+json`.
 * `type` is a stable URI per kind of problem (docs/api.md lists them).
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }

  get type(): string {
    return `https://vexil.dev/problems/${this.slug}`;
  }
}

export const problems = {
  validation: (errors: FieldError[], detail = describe(errors)) =>
    new Problem(400, 'validation', 'Invalid request', detail, errors),
  badRequest: (detail: string, errors?: FieldError[]) => new Problem(400, 'bad-request', 'Bad request', detail, errors),
  unauthorized: (detail = 'Send a valid token in the Authorization header: Bearer <token>.') =>
    new Problem(401, 'unauthorized', 'Unauthorized', detail),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Forbidden', detail),
  notFound: (what: string) => new Problem(404, 'not-found', 'Not found', `${what} does not exist`),
  conflict: (detail: string, errors?: FieldError[]) => new Problem(409, 'conflict', 'Conflict', detail, errors),
  tooManyRequests: (detail: string) => new Problem(429, 'too-many-requests', 'Too many requests', detail),
  preconditionFailed: (detail: string) => new Problem(412, 'precondition-failed', 'Precondition failed', detail),
  unsupportedMediaType: () =>
    new Problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send JSON with Content-Type: application/json',
    ),
};

/** Sent with every 401 (RFC 9110 §11.6.1): the scheme the API takes. */
export const BEARER_CHALLENGE = 'Bearer realm="vexil"';

/** A problem lists this many field errors at most: a hostile body can hold hundreds of thousands. */
export const MAX_FIELD_ERRORS = 50;

function describe(errors: FieldError[]): string {
  const first = errors[0];
  if (!first) return 'The request is invalid';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
}

/** `/variations/0/value` → `variations[0].value`, the notation the engine's validator uses. */
export function pointerToPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(part) ? `[${part}]` : path === '' ? part : `.${part}`;
  }
  return path;
}

export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * Turns ajv's errors into field errors, naming the field itself for missing and unknown ones; at
 * most `MAX_FIELD_ERRORS`.
 */
export function fieldErrorsFromAjv(errors: AjvError[], part: string): FieldError[] {
  const prefix = part === 'body' ? '' : part;
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors) {
    if (result.length >= MAX_FIELD_ERRORS) break;
    // The `if` validation.ts wraps around array items only repeats their own errors.
    if (error.keyword === 'if') continue;
    let path = pointerToPath(error.instancePath);
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      path = joinPath(path, String(error.params.missingProperty));
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      path = joinPath(path, String(error.params.additionalProperty));
      message = 'is not a known field';
    }
    path = joinPath(prefix, path);
    const id = `${path}\u0000${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push({ path, message });
  }
  return result;
}

/** Renders every error as a problem; anything unexpected is logged and becomes a bare 500. */
export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = asProblem(error);
  if (!problem) {
    request.log.error({ err: error }, 'unhandled error');
  }
  const rendered =
    problem ??
    new Problem(
      500,
      'internal',
      'Internal server error',
      'The server failed to handle this request; it has been logged.',
    );
  if (rendered.status === 401) reply.header('www-authenticate', BEARER_CHALLENGE);
  void reply
    .code(rendered.status)
    .type('application/problem+json')
    .send({
      type: rendered.type,
      title: rendered.title,
      status: rendered.status,
      ...(rendered.detail === undefined ? {} : { detail: rendered.detail }),
      instance: request.url.split('?')[0],
      ...(rendered.errors === undefined ? {} : { errors: rendered.errors }),
    });
}

function asProblem(error: FastifyError): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error.validation) {
    return problems.validation(fieldErrorsFromAjv(error.validation as AjvError[], error.validationContext ?? 'body'));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'malformed-json', 'Malformed JSON', error.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'too-large', 'Request body too large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problems.unsupportedMediaType();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Problem(400, 'bad-request', 'Bad request', error.message);
    case 'FST_ERR_BAD_URL':
      return problems.badRequest('The URL is not valid: its path does not decode to UTF-8 text', [
        { path: 'url', message: 'must be percent-encoded UTF-8' },
      ]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new Problem(414, 'uri-too-long', 'URI too long', 'A path segment is longer than any key or id');
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new Problem(error.statusCode, 'bad-request', 'Bad request', error.message);
  }
  return undefined;
}

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request — a malformed header, a
 * Content-Length that is not a number, a control character in a header — with a problem like every
 * other answer (Fastify's default is its own JSON), then closes the connection, as Node does.
 */
export function clientErrorHandler(error: Error & { code?: string; reason?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new Problem(408, 'request-timeout', 'Request timeout', 'The request did not arrive in time')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new Problem(431, 'headers-too-large', 'Request header fields too large', 'The headers are too large')
        : problems.badRequest(`The request is not valid HTTP/1.1: ${error.reason ?? error.code ?? 'parse error'}`);
  const body = JSON.stringify({
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
