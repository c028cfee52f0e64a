import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

describe('OpenAPI document and browsable docs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('serves an OpenAPI 3.1 document of the management API, generated from the route schemas', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { summary?: string; requestBody?: unknown; responses?: Record<string, unknown> }>
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    const flagState = document.paths['/api/v1/projects/{project}/flags/{flag}/environments/{environment}'];
    expect(Object.keys(flagState ?? {})).toEqual(expect.arrayContaining(['put', 'patch']));
    expect(flagState?.put?.requestBody).toBeDefined();
    expect(Object.keys(flagState?.put?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404']),
    );
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.summary, `${method.toUpperCase()} ${path} has a summary`).toBeTruthy();
      }
    }
  });

  it('serves browsable docs at /api/docs', async () => {
    const response = await fetch(`${server.url}/api/docs`, { redirect: 'follow' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
