import type { FastifyCorsOptions, FastifyCorsOptionsDelegateCallback } from '@fastify/cors';

/**
 * Who may call which part of the server from a web page on another origin:
 * - SDK delivery and OFREP, from any origin: browsers evaluate flags with a public client key;
 * - the management API, only from the origins listed in VEXIL_CORS_ORIGINS (none by default): the
 *   console is served from the same origin and needs no CORS, and no other site may script the API;
 * - nothing else (health, metrics, the console's own files).
 * A preflight for a path outside these is answered as not found, never with an allowed origin.
 */
export function crossOriginPolicy(managementOrigins: readonly string[]) {
  const sdk: FastifyCorsOptions = { origin: true, exposedHeaders: ['ETag', 'Vexil-Revision'], maxAge: 86400 };
  const management: FastifyCorsOptions = {
    origin: [...managementOrigins],
    credentials: true,
    exposedHeaders: ['ETag'],
    maxAge: 600,
  };
  const closed: FastifyCorsOptions = { origin: false };
  const delegate: FastifyCorsOptionsDelegateCallback = (request, callback) => {
    const path = request.url;
    if (path.startsWith('/sdk/') || path.startsWith('/ofrep/')) return callback(null, sdk);
    if (path.startsWith('/api/v1/') && managementOrigins.length > 0) return callback(null, management);
    return callback(null, closed);
  };
  return () => delegate;
}
