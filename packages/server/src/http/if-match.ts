import { problems } from './problems.js';

/**
 * The version an `If-Match` header names — `"3"` (a strong ETag, as responses give it), `W/"3"` or
 * `3` — or undefined when there is none (or `*`): the write then goes ahead whatever the version.
 * Decimal digits only; anything else (`"0x3"`, `"1e2"`, an empty tag) is a 400, never ignored.
 * `what` names the version in the message ("the state version").
 */
export function versionFromIfMatch(ifMatch: string | undefined, what: string): number | undefined {
  if (ifMatch === undefined) return undefined;
  const tag = ifMatch.trim();
  if (tag === '*') return undefined;
  const digits = /^(?:W\/)?"(\d{1,15})"$|^(\d{1,15})$/.exec(tag);
  const version = digits?.[1] ?? digits?.[2];
  if (version === undefined)
    throw problems.badRequest(`If-Match must be ${what}, e.g. "3"`, [
      { path: 'headers.if-match', message: 'must be a version number' },
    ]);
  return Number(version);
}
