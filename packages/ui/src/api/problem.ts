/** A field at fault, as the server names it: `password`, `variations[0].value`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * An API call that failed, from the server's RFC 9457 problem (`type`, `title`, `status`, `detail`,
 * `errors[]`), or from the network (status 0). Every hook throws this, so pages handle one shape.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: readonly FieldError[] = [],
    /** From `Retry-After`, on 429 and 503. */
    readonly retryAfterSeconds?: number,
    readonly type?: string,
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }

  /** The server's message for one field, worded for a person; undefined when that field is fine. */
  fieldError(path: string): string | undefined {
    const error = this.errors.find((candidate) => candidate.path === path);
    return error && humanize(error.message);
  }

  /** Errors not about any of these fields: they belong at the top of the form. */
  otherErrors(paths: readonly string[]): FieldError[] {
    return this.errors.filter((error) => !paths.includes(error.path));
  }
}

interface ProblemBody {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
}

/** Reads a failed response's problem; a body that is not one still yields a problem naming the status. */
export function problemFrom(response: Response, body: unknown): ApiProblem {
  const problem: ProblemBody = typeof body === 'object' && body !== null ? body : {};
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (error): error is FieldError =>
          typeof error === 'object' &&
          error !== null &&
          typeof error.path === 'string' &&
          typeof error.message === 'string',
      )
    : [];
  return new ApiProblem(
    response.status,
    typeof problem.title === 'string' ? problem.title : response.statusText || `HTTP ${response.status}`,
    typeof problem.detail === 'string' ? problem.detail : undefined,
    errors,
    retryAfter(response.headers.get('retry-after')),
    typeof problem.type === 'string' ? problem.type : undefined,
  );
}

export function networkProblem(cause: unknown): ApiProblem {
  const problem = new ApiProblem(
    0,
    'The server cannot be reached',
    'Check your connection, or whether the Vexil server is running, then try again.',
  );
  problem.cause = cause;
  return problem;
}

export function isProblem(error: unknown, status?: number): error is ApiProblem {
  return error instanceof ApiProblem && (status === undefined || error.status === status);
}

/** `Retry-After` in seconds (the server sends delta-seconds; an HTTP date is accepted too). */
function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The validator's wording, made readable: "must NOT have fewer than 12 characters" → "Must have at least 12 characters". */
export function humanize(message: string): string {
  const text = message
    .replace(/^must NOT have fewer than (\d+) characters$/, 'must have at least $1 characters')
    .replace(/^must NOT have more than (\d+) characters$/, 'must have at most $1 characters')
    .replace(/^must NOT have fewer than (\d+) items$/, 'must have at least $1 items')
    .replace(/^must NOT have more than (\d+) items$/, 'must have at most $1 items');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
