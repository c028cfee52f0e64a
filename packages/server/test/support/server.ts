import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApp,
  configFromEnvironment,
  migrate,
  openDatabase,
  seedIfEmpty,
  ServerContext,
  type Seeded,
  type ServerConfig,
} from '../../src/index.js';
import type { Api } from '../../src/http/api.js';
import { createPostgresDatabase, type TestDialect } from './databases.js';

export interface TestServer {
  /** `http://127.0.0.1:<port>`, a real server on a random port. */
  url: string;
  app: Api;
  ctx: ServerContext;
  seeded: Seeded;
  /** An owner token for the management API. */
  token: string;
  dialect: TestDialect;
  /** Management API call with the owner token; JSON in and out. */
  api(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** Starts a seeded server on SQLite (a temporary directory) or a fresh PostgreSQL database. */
export async function startTestServer(
  dialect: TestDialect,
  overrides: Partial<ServerConfig> = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vexil-test-'));
  const postgres = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
  const config: ServerConfig = {
    ...configFromEnvironment({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: postgres?.url,
    adminToken: ADMIN_TOKEN,
    logLevel: 'silent',
    heartbeatSeconds: 25,
    ...overrides,
  };
  const store = await openDatabase(config);
  await migrate(store.db, store.dialect);
  const ctx = new ServerContext(config, store);
  await ctx.start();
  const seeded = (await seedIfEmpty(ctx)) as Seeded;
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    app,
    ctx,
    seeded,
    token: seeded.apiToken,
    dialect,
    async api(method, path, body, token = seeded.apiToken) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as any, headers: response.headers };
    },
    async close() {
      await ctx.close();
      // As a stopped process would: a client's kept-alive socket must not hold close() open (streams
      // have said goodbye by now).
      app.server.closeAllConnections();
      await app.close();
      await store.db.destroy();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
