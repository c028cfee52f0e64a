import helmet from '@fastify/helmet';
import type { Api } from './api.js';

/**
 * The API answers with data, never with a page: it may load nothing, be framed by nobody, and leak
 * no referrer. The console (console/routes.ts) and the API docs (below) replace this policy with
 * their own on their pages.
 */
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

/** Swagger UI at /api/docs: its own scripts and styles (it sets style attributes), no other origin. */
export const API_DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Security headers on every response (X-Content-Type-Options, X-Frame-Options, Referrer-Policy,
 * a Content-Security-Policy, HSTS for HTTPS clients…), and `Cache-Control: no-store` wherever a
 * route has not said otherwise: API answers carry private data (flags, members, users) and some carry
 * secrets (tokens and keys, shown once), so no shared or browser cache may keep them.
 */
export async function securityHeaders(app: Api): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    // SDK and OFREP answers are read by pages on other origins (with CORS): no same-origin resource policy.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
