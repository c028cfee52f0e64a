/** Pages that must never be returned to after signing in: they would sign in again. */
const NOT_RETURNABLE = ['/sign-in', '/invitations/'];
const ORIGIN = 'http://console.invalid';

/** The sign-in page's address that brings the member back to `location` afterwards. */
export function signInPath(location: { pathname: string; search: string; hash?: string }): string {
  const back = `${location.pathname}${location.search}${location.hash ?? ''}`;
  return back === '/' || returnPath(back) === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(back)}`;
}

/**
 * Where to go after signing in: `returnTo` when it is a path in this console, else `/`. Anything
 * that could lead to another origin (`//host`, `/\host`, absolute URLs, control characters) is
 * ignored, so a crafted sign-in link cannot send anyone elsewhere.
 */
export function returnPath(returnTo: string | null | undefined): string {
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || hasControlOrBackslash(returnTo))
    return '/';
  const url = new URL(returnTo, ORIGIN);
  if (url.origin !== ORIGIN) return '/';
  if (NOT_RETURNABLE.some((prefix) => url.pathname.startsWith(prefix))) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses (a URL parser drops them)
const CONTROL_OR_BACKSLASH = /[\\\u0000-\u001f\u007f]/;

function hasControlOrBackslash(path: string): boolean {
  return CONTROL_OR_BACKSLASH.test(path);
}
