import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP } from '../src/console/routes.js';
import type { Api } from '../src/http/api.js';
import { buildApp, configFromEnvironment, migrate, openDatabase, ServerContext, type Store } from '../src/index.js';

const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("the console");';

/** A server on a random port serving the console from `consoleDir` (static serving touches no database: SQLite only). */
async function startServer(consoleDir: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vexil-console-'));
  const config = { ...configFromEnvironment({}), dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent' };
  const store: Store = await openDatabase(config);
  await migrate(store.db, store.dialect);
  const app: Api = await buildApp(new ServerContext(config, store), { logger: false, consoleDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    async close() {
      await app.close();
      await store.db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A GET with the path exactly as given (fetch would normalise `..` away). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the web console, served at /', () => {
  const dist = mkdtempSync(join(tmpdir(), 'vexil-console-dist-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX_HTML);
    writeFileSync(join(dist, 'assets/index-abc123.js'), SCRIPT);
    writeFileSync(join(dist, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dist, '.build-stamp'), 'fingerprint');
    server = await startServer(dist);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / with no-cache and a Content-Security-Policy allowing no inline script', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("script-src 'self';");
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves index.html for client routes, so deep links and reloads open the right page', async () => {
    for (const path of ['/sign-in', '/projects/default/flags?env=production', '/invitations/accept', '/no/such/page']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text(), path).toBe(INDEX_HTML);
    }
  });

  it('serves hashed assets as immutable for a year, compressed when the browser accepts it', async () => {
    const plain = await fetch(`${server.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('javascript');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await plain.text()).toBe(SCRIPT);

    const compressed = await fetch(`${server.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(await compressed.text()).toBe(SCRIPT); // fetch decompresses
  });

  it('answers 404 for a missing asset, never the app', async () => {
    for (const path of ['/assets/index-gone.js', '/assets/', '/assets']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toBe(INDEX_HTML);
    }
  });

  it('leaves the server’s own paths alone: unknown ones are 404 problems, known ones unchanged', async () => {
    for (const path of [
      '/api/v1/nothing',
      '/api',
      '/sdk/v1/nothing',
      '/ofrep/v1/nothing',
      '/metrics/x',
      '/healthz/x',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/problem+json');
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const openapi = await fetch(`${server.url}/api/openapi.json`);
    expect(openapi.headers.get('content-type')).toContain('application/json');
  });

  it('serves the app for GET only: other methods on client routes are 404 problems', async () => {
    const response = await fetch(`${server.url}/projects/default/flags`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('does not serve files beside index.html (the build stamp) nor leave the assets directory', async () => {
    expect(await (await fetch(`${server.url}/.build-stamp`)).text()).toBe(INDEX_HTML);
    for (const path of ['/assets/../.build-stamp', '/assets/%2e%2e/.build-stamp', '/assets/..%2f.build-stamp']) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.body, path).not.toContain('fingerprint');
    }
  });
});

describe('the web console, not built', () => {
  const missing = join(tmpdir(), 'vexil-console-never-built');
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(missing);
  });
  afterAll(() => server.close());

  it('says so plainly at /, with how to build it', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('The Vexil console is not built');
    expect(text).toContain('npm run build');
  });

  it('keeps the API working', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
