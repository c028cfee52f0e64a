import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp, configFromEnvironment, migrate, openDatabase, ServerContext } from '../../server/src/index.js';

/** Where the generated types live, committed so the console builds without a running server. */
export const API_SCHEMA_FILE = new URL('../src/api/schema.d.ts', import.meta.url);

const HEADER = `/**
 * The management API's types, generated from the server's OpenAPI document (/api/openapi.json).
 * Do not edit: run \`npm run generate -w @vexil/ui\` after changing a route's schema.
 */

`;

/**
 * The server's OpenAPI document, from an app built in this process on a throwaway SQLite database:
 * the same document a running server serves, with no network and no running server.
 */
export async function serverOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vexil-openapi-'));
  const config = { ...configFromEnvironment({}), dataDir, logLevel: 'silent' };
  const store = await openDatabase(config);
  try {
    await migrate(store.db, store.dialect);
    const app = await buildApp(new ServerContext(config, store), { logger: false });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`);
      return response.json<Record<string, unknown>>();
    } finally {
      await app.close();
    }
  } finally {
    await store.db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The text of src/api/schema.d.ts for the server's current API. */
export async function renderApiSchema(): Promise<string> {
  const document = await serverOpenApiDocument();
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript types the document as its own OpenAPI3 shape
  const ast = await openapiTS(document as any, { alphabetize: true });
  return HEADER + astToString(ast);
}
