/**
 * Server problems next to the fields they name (CONSOLE.md: "errors where they happen"). The
 * server answers a refused write with an RFC 9457 problem whose `errors` list each field at fault
 * in the engine's path notation — `allocations[0].serve.split`, `variations[1].value`, and
 * `environments.production.…` when a flag is created with its states (docs/api.md, "Errors").
 * A field claims the errors at its path and below it; whatever no field claims is shown on the page.
 */

import type { FieldError } from '../../api/problem';

export type { FieldError };

/**
 * Where field errors come from: a problem (the API client's `ApiProblem`, or a raw RFC 9457 body
 * with `errors`), a list of field errors, or anything else a failed call produced (none then).
 */
export type ProblemSource = { errors?: readonly FieldError[] } | readonly FieldError[] | unknown;

export type PathPart = string | number;

/** `['allocations', 0, 'serve', 'split']` → `allocations[0].serve.split`, the server's notation. */
export function formatPath(parts: readonly PathPart[]): string {
  let path = '';
  for (const part of parts) path += typeof part === 'number' ? `[${part}]` : path === '' ? part : `.${part}`;
  return path;
}

/** `allocations[0].serve.split` → `['allocations', 0, 'serve', 'split']`. */
export function parsePath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    parts.push(match[2] === undefined ? match[1]! : Number(match[2]));
  }
  return parts;
}

/** `joinPath('environments.production', 'allocations[0]')` → `environments.production.allocations[0]`. */
export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** Whether `path` is `prefix` or lies below it (`allocations[1]` is not below `allocations[10]`). */
export function isAtOrBelow(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === '' || next === '.' || next === '[';
}

/** `path` relative to `prefix` (`''` for the prefix itself), or undefined when it is not below it. */
export function relativePath(path: string, prefix: string): string | undefined {
  if (!isAtOrBelow(path, prefix)) return undefined;
  const rest = path.slice(prefix.length);
  return rest.startsWith('.') ? rest.slice(1) : rest;
}

/**
 * The field errors of whatever the API client threw or returned. Anything that is not a problem
 * with a well-formed `errors` list gives none, so callers never have to guard.
 */
export function fieldErrors(problem: ProblemSource): FieldError[] {
  if (typeof problem !== 'object' || problem === null) return [];
  const errors = Array.isArray(problem) ? problem : (problem as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (error): error is FieldError =>
      typeof error === 'object' &&
      error !== null &&
      typeof (error as FieldError).path === 'string' &&
      typeof (error as FieldError).message === 'string',
  );
}

/** The errors at `prefix` or below it, e.g. everything wrong in `allocations[0]` for its card. */
export function errorsAt(problem: ProblemSource, prefix: string): FieldError[] {
  return fieldErrors(problem).filter((error) => isAtOrBelow(error.path, prefix));
}

/**
 * The message for exactly one field (several joined by "; "), or undefined: a split of 60/30 gives
 * `errorFor(problem, 'allocations[0].serve.split')` = "weights must sum to 100, not 90".
 */
export function errorFor(problem: ProblemSource, path: string): string | undefined {
  const messages = fieldErrors(problem)
    .filter((error) => error.path === path)
    .map((error) => error.message);
  return messages.length === 0 ? undefined : messages.join('; ');
}

/**
 * The errors no field claims: neither at nor below any of `claimed` (the paths the page shows
 * inputs for). The page lists these at the top, so no message is ever silently dropped.
 */
export function unclaimedErrors(problem: ProblemSource, claimed: readonly string[]): FieldError[] {
  return fieldErrors(problem).filter((error) => !claimed.some((prefix) => isAtOrBelow(error.path, prefix)));
}

/**
 * The errors with every path put under `prefix`: a state saved alone (PUT …/environments/
 * production) reports `allocations[0]…`; under `environments.production` they line up with the
 * paths of the whole flag's form and of the draft's diff (`FieldChange.path`).
 */
export function errorsUnder(problem: ProblemSource, prefix: string): FieldError[] {
  return fieldErrors(problem).map((error) => ({ ...error, path: joinPath(prefix, error.path) }));
}

/** Where a field of a flag's state lives: `statePath('production', 'allocations', 0, 'exposure')`. */
export function statePath(environment: string | undefined, ...parts: PathPart[]): string {
  const path = formatPath(parts);
  return environment === undefined ? path : joinPath(`environments.${environment}`, path);
}
