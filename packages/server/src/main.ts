#!/usr/bin/env node
import { buildApp } from './app.js';
import { ConfigurationError, configFromEnvironment } from './config.js';
import { ServerContext } from './context.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrations.js';
import { seedIfEmpty, type Seeded } from './seed.js';

/** `npm start`: migrate, seed a new database, serve, and shut down gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = configFromEnvironment();
  const store = await openDatabase(config);
  await migrate(store.db, store.dialect);
  const ctx = new ServerContext(config, store);
  await ctx.start();
  const seeded = await seedIfEmpty(ctx);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  printBanner(url, store.location, seeded, config.adminToken !== undefined, performance.now() - started);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await ctx.close();
    await app.close();
    await store.db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function printBanner(
  url: string,
  location: string,
  seeded: Seeded | undefined,
  adminToken: boolean,
  startMs: number,
): void {
  const lines = [``, `  Vexil is serving on ${url}  (started in ${Math.round(startMs)} ms, data: ${location})`, ``];
  if (seeded) {
    lines.push(
      `  First start: created organisation "default", project "${seeded.project}" (development, staging, production) and an owner.`,
      `  These secrets are shown once; only their hashes are stored:`,
      ``,
      `    Sign in:              ${seeded.ownerEmail} / ${seeded.ownerPassword}   (POST /api/v1/auth/login)`,
      `    Owner API token:      ${seeded.apiToken}`,
      `    Server SDK key (dev): ${seeded.serverKey}`,
      `    Client SDK key (dev): ${seeded.clientKey}`,
      ``,
      `  Try:  curl -H "Authorization: Bearer ${seeded.apiToken}" ${url}/api/v1/projects`,
    );
  } else {
    lines.push(
      `  Sign in with the owner account created on first start${adminToken ? ', or use VEXIL_ADMIN_TOKEN as a bearer token' : ''}.`,
    );
  }
  lines.push(`  API docs: ${url}/api/docs`, ``);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`vexil: ${error.message}\n`);
  } else {
    process.stderr.write(`vexil: failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
