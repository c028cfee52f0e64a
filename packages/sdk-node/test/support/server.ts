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
} from '../../../server/src/index.js';
import { ADMIN_TOKEN, type TestServer } from '../../../server/test/support/server.js';

/**
 * A real SQLite server that can be stopped and started again on the same port and data directory,
 * to restart it under a running SDK. `server` is shaped like the server suites' TestServer, so
 * their helpers (createFlag, patchFlag, …) work on it.
 */
export interface RestartableServer {
  readonly server: TestServer;
  readonly url: string;
  readonly serverKey: string;
  readonly running: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its data. */
  destroy(): Promise<void>;
}

export async function startRestartableServer(): Promise<RestartableServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vexil-sdk-test-'));
  let port = 0;
  let current: TestServer | undefined;
  let seeded: Seeded | undefined;
  let stopping: (() => Promise<void>) | undefined;

  async function start(): Promise<void> {
    const config = {
      ...configFromEnvironment({}),
      port,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: undefined,
      adminToken: ADMIN_TOKEN,
      logLevel: 'silent',
      heartbeatSeconds: 25,
    };
    const store = await openDatabase(config);
    await migrate(store.db, store.dialect);
    const ctx = new ServerContext(config, store);
    await ctx.start();
    seeded ??= (await seedIfEmpty(ctx)) as Seeded;
    const app = await buildApp(ctx, { logger: false });
    await app.listen({ port, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}`;
    const token = ADMIN_TOKEN;
    current = {
      url,
      app,
      ctx,
      seeded,
      token,
      dialect: 'sqlite',
      async api(method, path, body, bearer = token) {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
      },
      close: async () => {},
    };
    stopping = async () => {
      await ctx.close();
      // A stopped process drops every connection; without this, close() can wait on a keep-alive
      // socket that a request of the test or an SDK had just used.
      app.server.closeAllConnections();
      await app.close();
      await store.db.destroy();
    };
  }

  await start();
  const stop = async () => {
    const stopServer = stopping;
    stopping = undefined;
    current = undefined;
    await stopServer?.();
  };
  return {
    get server() {
      if (!current) throw new Error('the server is stopped');
      return current;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get serverKey() {
      return seeded!.serverKey;
    },
    get running() {
      return stopping !== undefined;
    },
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `condition()` holds, checking every 20 ms; fails after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A logger that keeps what it is told, for tests that check what was (not) logged. */
export function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      void lines.push({ level, message: args.map(String).join(' ') });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
