import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

const EVIL = 'https://evil.example';
const ADMIN = 'https://admin.example.com';

function preflight(url: string, origin: string, method = 'GET') {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization' },
  });
}

// Issue 12, items 3 and 4: security headers everywhere; CORS only where browsers on other origins belong.
describe.each(await testDialects())('security headers and cross-origin calls on %s', (dialect) => {
  let server: TestServer;
  let configured: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    configured = await startTestServer(dialect, { corsOrigins: [ADMIN] });
  });
  afterAll(async () => {
    await server?.close();
    await configured?.close();
  });

  it('sends the security headers on API answers, and no-store on every one that carries private data', async () => {
    const answers = [
      await fetch(`${server.url}/api/v1/projects`, { headers: { authorization: `Bearer ${server.token}` } }),
      await fetch(`${server.url}/api/v1/projects`), // a 401 problem
      await fetch(`${server.url}/api/v1/api-tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'shown once', roles: [{ role: 'viewer' }] }),
      }),
      await fetch(`${server.url}/sdk/v1/config`, { headers: { authorization: `Bearer ${server.seeded.serverKey}` } }),
      await fetch(`${server.url}/ofrep/v1/evaluate/flags`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.seeded.clientKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ context: { targetingKey: 'ada' } }),
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 201, 200, 200]);
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('gives the API docs and the console a policy of their own that still allows no inline script', async () => {
    const docs = await fetch(`${server.url}/api/docs/static/index.html`);
    expect(docs.status).toBe(200);
    const docsPolicy = docs.headers.get('content-security-policy') ?? '';
    expect(docsPolicy).toContain("script-src 'self'");
    const scripts = docsPolicy.split(';').find((directive) => directive.trim().startsWith('script-src'));
    expect(scripts).not.toContain('unsafe-inline');
    expect(docsPolicy).toContain("frame-ancestors 'none'");
    const console = await fetch(`${server.url}/projects/default/flags`);
    const consolePolicy = console.headers.get('content-security-policy') ?? '';
    expect(consolePolicy).toContain("script-src 'self'");
    expect(consolePolicy).toContain("frame-ancestors 'none'");
    expect(console.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers preflights from any origin for the SDK and OFREP', async () => {
    for (const path of ['/sdk/v1/evaluate', '/ofrep/v1/evaluate/flags', '/ofrep/v1/evaluate/flags/x']) {
      const answer = await preflight(`${server.url}${path}`, 'https://shop.example', 'POST');
      expect(answer.status, path).toBe(204);
      expect(answer.headers.get('access-control-allow-origin'), path).toBe('https://shop.example');
    }
  });

  it('refuses the management API to other origins by default: no preflight, no allowed origin', async () => {
    for (const path of ['/api/v1/projects', '/api/v1/auth/login', '/api/v1/projects/default/flags']) {
      const answer = await preflight(`${server.url}${path}`, EVIL);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    const read = await fetch(`${server.url}/api/v1/projects`, {
      headers: { origin: EVIL, authorization: `Bearer ${server.token}` },
    });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const health = await preflight(`${server.url}/healthz`, EVIL);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the management API to the origins in VEXIL_CORS_ORIGINS only', async () => {
    const allowed = await preflight(`${configured.url}/api/v1/projects`, ADMIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ADMIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const read = await fetch(`${configured.url}/api/v1/projects`, {
      headers: { origin: ADMIN, authorization: `Bearer ${configured.token}` },
    });
    expect(read.headers.get('access-control-allow-origin')).toBe(ADMIN);
    const refused = await preflight(`${configured.url}/api/v1/projects`, EVIL);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
