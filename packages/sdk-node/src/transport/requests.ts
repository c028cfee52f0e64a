import type { HttpResponse } from './http-client.js';

/** Why a request to the Vexil server failed. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** From Retry-After, in milliseconds. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** 401/403: the key is wrong, revoked or not a server key; retrying cannot help. */
  get unrecoverable(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export const USER_AGENT = 'VexilNodeSDK/0.1.0';

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Turns a non-2xx response into an HttpError, with the server's problem detail when there is one. */
export async function httpError(response: HttpResponse, what: string): Promise<HttpError> {
  let detail = '';
  try {
    const text = await response.text();
    const problem = JSON.parse(text) as { detail?: unknown; title?: unknown };
    detail =
      typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : '';
  } catch {
    // no problem document
  }
  const hint =
    response.status === 401
      ? 'the SDK key is unknown, revoked or expired; check the key (a server key, vx_server_…) and retry'
      : response.status === 403
        ? 'the SDK key may not do this (a client key where a server key is needed?)'
        : '';
  const parts = hint ? [hint] : [];
  if (detail && !hint.toLowerCase().includes(detail.toLowerCase().replace(/\.$/, ''))) parts.push(detail);
  const said = parts.join('; ');
  return new HttpError(
    response.status,
    `${what} answered ${response.status}${said ? `: ${said}` : ''}`,
    retryAfterMs(response.headers.get('retry-after')),
  );
}
