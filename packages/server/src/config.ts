import { resolve } from 'node:path';

/** The server's settings, read once from the environment (docs/configuration.md lists them). */
export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite database directory, used when `databaseUrl` is not set. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL instead of SQLite. */
  databaseUrl: string | undefined;
  /** Accepted as an owner API token, for automation. */
  adminToken: string | undefined;
  logLevel: string;
  /** The URL users reach this server at, for links printed on start and OFREP event streams. */
  publicUrl: string | undefined;
  /** How many change records each environment keeps for stream resumption (Last-Event-ID). */
  replayWindow: number;
  /** Seconds between SSE heartbeats (comments that keep proxies from closing idle streams). */
  heartbeatSeconds: number;
}

export class ConfigurationError extends Error {}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.VEXIL_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.VEXIL_ADMIN_TOKEN || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: env.VEXIL_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    replayWindow: integer(env, 'VEXIL_REPLAY_WINDOW', 1000, 1, 1_000_000),
    heartbeatSeconds: integer(env, 'VEXIL_HEARTBEAT_SECONDS', 25, 1, 3600),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}
