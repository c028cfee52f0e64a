/** @vexil/server as a library: what `main.ts`, the tests and the benchmarks build a server from. */
export { buildApp, type AppOptions } from './app.js';
export { configFromEnvironment, type ServerConfig } from './config.js';
export { ServerContext } from './context.js';
export { openDatabase, type Store, type Dialect } from './db/database.js';
export { migrate } from './db/migrations.js';
export { createOrganization, seedIfEmpty, type Seeded } from './seed.js';
