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
};

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

/** Turns ajv's errors into field errors, naming the field itself for missing and unknown ones. */
export function fieldErrorsFromAjv(errors: AjvError[], part: string): FieldError[] {
  const prefix = part === 'body' ? '' : part;
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors) {
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
      return new Problem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'Send JSON with Content-Type: application/json',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Problem(400, 'bad-request', 'Bad request', error.message);
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new Problem(error.statusCode, 'bad-request', 'Bad request', error.message);
  }
  return undefined;
}
