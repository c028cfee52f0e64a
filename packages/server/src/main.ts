#!/usr/bin/env node
import { buildApp } from './app.js';
import { pruneEventsPeriodically } from './sdk/retention.js';
import { ConfigurationError, configFromEnvironment } from './config.js';
import { ServerContext } from './context.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrations.js';
import { firstStartSecretsFile, keepFirstStartSecrets, keptFirstStartSecrets } from './first-start.js';
import { seedIfEmpty, type Seeded } from './seed.js';

/** `npm start`: migrate, seed a new database, serve, and shut down gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = configFromEnvironment();
  const store = await openDatabase(config);
  await migrate(store.db, store.dialect);
  const ctx = new ServerContext(config, store);
  await ctx.start();
  const justSeeded = await seedIfEmpty(ctx);
  // Kept before anything else can fail, so a first start that cannot listen loses no secret.
  if (justSeeded) keepFirstStartSecrets(config.dataDir, justSeeded);
  const kept = justSeeded ? undefined : await keptFirstStartSecrets(ctx, config.dataDir);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  pruneEventsPeriodically(ctx, (error) => app.log.error({ err: error }, 'pruning old SDK events failed'));
  ctx.events.mergeContextsPeriodically((error) => app.log.error({ err: error }, 'merging reported contexts failed'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  printBanner(url, store.location, performance.now() - started, {
    secrets: justSeeded ?? kept,
    firstStart: justSeeded !== undefined,
    secretsFile: firstStartSecretsFile(config.dataDir),
    adminToken: config.adminToken !== undefined,
  });

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

/**
 * The banner goes to stderr, apart from the JSON log lines on stdout, so a log shipper reading stdout
 * never sees it; its secrets only to a terminal (elsewhere it names the file that keeps them).
 */
interface BannerSecrets {
  /** The first start's secrets: made now, or kept from a start the owner has not signed in after. */
  secrets: Seeded | undefined;
  firstStart: boolean;
  secretsFile: string;
  adminToken: boolean;
}

function printBanner(url: string, location: string, startMs: number, banner: BannerSecrets): void {
  const { secrets, firstStart, secretsFile, adminToken } = banner;
  const lines = [``, `  Vexil is serving on ${url}  (started in ${Math.round(startMs)} ms, data: ${location})`, ``];
  if (secrets) {
    lines.push(
      firstStart
        ? `  First start: organisation "default", project "${secrets.project}" (development, staging, production) and an owner.`
        : `  The owner still has the password made on the first start.`,
      `  Its secrets are stored only as hashes here; until the owner changes the password they are kept in`,
      `  ${secretsFile} (readable by you only).`,
    );
    if (process.stderr.isTTY) {
      lines.push(
        ``,
        `    Sign in:              ${url}  ${secrets.ownerEmail} / ${secrets.ownerPassword}`,
        `    Owner API token:      ${secrets.apiToken}`,
        `    Server SDK key (dev): ${secrets.serverKey}`,
        `    Client SDK key (dev): ${secrets.clientKey}`,
        ``,
        `  Try:  curl -H "Authorization: Bearer ${secrets.apiToken}" ${url}/api/v1/projects`,
      );
    }
  } else {
    lines.push(
      `  Sign in with the owner account created on first start${adminToken ? ', or use VEXIL_ADMIN_TOKEN as a bearer token' : ''}.`,
      `  Lost the password? Stop the server and run: npm run reset-password -- <email>`,
    );
  }
  lines.push(`  API docs: ${url}/api/docs`, ``);
  // stderr, apart from the JSON log lines on stdout: a log shipper reading stdout never sees it, and
  // the secrets themselves go only to a terminal.
  process.stderr.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`vexil: ${error.message}\n`);
  } else {
    process.stderr.write(`vexil: failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
