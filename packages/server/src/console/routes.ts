import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { Api } from '../http/api.js';

/**
 * The console's pages may run only the scripts they were built with: no inline script, no eval, no
 * other origin. Inline styles stay allowed because the component library sets CSS variables on elements.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Paths that belong to the server, never to the console: an unknown one is a 404 problem, not the app. */
const SERVER_PREFIXES = ['/api', '/sdk', '/ofrep', '/healthz', '/readyz', '/metrics', '/assets'];

/** Where `npm run build` puts the console: packages/ui/dist, beside this package (from src/ or dist/ alike). */
export function defaultConsoleDir(): string {
  return fileURLToPath(new URL('../../../ui/dist', import.meta.url));
}

export interface ConsoleOptions {
  /** The built console (index.html and assets/); default packages/ui/dist. */
  dir?: string;
}

/**
 * Serves the web console at `/`: content-hashed files under /assets/ cached for a year, `index.html`
 * revalidated on every load, and `index.html` for every other GET the server has no route for, so the
 * console's own router can show deep links. Files are looked up per request, so rebuilding the console
 * needs no restart.
 */
export async function consoleRoutes(app: Api, options: ConsoleOptions): Promise<void> {
  const dir = options.dir ?? defaultConsoleDir();
  const assets = join(dir, 'assets');
  // Only reply.sendFile: the routes below decide what is served, and how it is cached.
  await app.register(fastifyStatic, { serve: false, preCompressed: true, dotfiles: 'ignore' });

  app.get('/assets/*', { schema: { hide: true } }, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return withConsoleHeaders(reply).sendFile(file, assets, {
      cacheControl: true,
      maxAge: 365 * 24 * 3_600_000,
      immutable: true,
    });
  });

  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] as string;
    if (SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return reply.callNotFound();
    withConsoleHeaders(reply).header('cache-control', 'no-cache');
    if (!existsSync(join(dir, 'index.html'))) {
      return reply.code(503).type('text/plain; charset=utf-8').send(notBuilt(dir));
    }
    return reply.sendFile('index.html', dir, { cacheControl: false });
  });
}

function withConsoleHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', CONSOLE_CSP).header('x-content-type-options', 'nosniff');
}

function notBuilt(dir: string): string {
  return [
    'The Vexil console is not built.',
    '',
    `This server serves it from ${dir}. Build it with \`npm run build\` in the repository`,
    '(or restart with `npm start`, which builds what changed), then reload this page.',
    '',
    'The management API is available meanwhile: /api/docs',
    '',
  ].join('\n');
}
