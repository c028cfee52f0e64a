import createClient, { type Middleware } from 'openapi-fetch';
import { networkProblem, problemFrom } from './problem';
import type { paths } from './schema';

/** The readable cookie holding the session's CSRF token (double-submit; see the server's auth/sessions.ts). */
const CSRF_COOKIE = 'vexil_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every write made with the session cookie must echo the session's CSRF token. */
const csrf: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method)) return undefined;
    const token = readCookie(CSRF_COOKIE);
    if (token !== undefined) request.headers.set('X-CSRF-Token', token);
    return request;
  },
};

/**
 * The typed management API client: paths, parameters and bodies are checked against the server's
 * OpenAPI document (schema.d.ts). Same origin, with the session cookie.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', fetch: fetchWithTimeout });
api.use(csrf);

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a call, or an ApiProblem thrown for a failed response or a network error. Query
 * and mutation functions wrap every call in it, so components only ever see data or a problem.
 */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    throw networkProblem(error);
  }
  if (!outcome.response.ok) throw problemFrom(outcome.response, outcome.error);
  return outcome.data as T;
}

/** No request may keep a page waiting forever: after this long it fails like a lost connection. */
const REQUEST_TIMEOUT_MS = 30_000;

function fetchWithTimeout(request: Request): Promise<Response> {
  return fetch(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) });
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
