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
  /**
   * Which proxies to believe about the client's address and protocol (X-Forwarded-For/-Proto):
   * `true` for any, or a list of addresses and CIDR ranges. Off by default.
   */
  trustProxy: boolean | string[];
  /** Origins whose pages may call the management API (CORS); none by default. */
  corsOrigins: string[];
  /** How long a console session lasts after sign-in. */
  sessionHours: number;
  /** Failed sign-ins allowed per minute, per client address and per account. */
  loginAttemptsPerMinute: number;
  /** OpenID Connect single sign-on, when its issuer, client id and secret are all set. */
  oidc: OidcConfig | undefined;
  /** Days raw SDK events (exposures, custom events) are kept; 0 keeps them forever. */
  eventRetentionDays: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Label of the sign-in button. */
  name: string;
}

export class ConfigurationError extends Error {}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.VEXIL_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.VEXIL_ADMIN_TOKEN || undefined,
    logLevel: logLevelFrom(env.LOG_LEVEL),
    publicUrl: env.VEXIL_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    replayWindow: integer(env, 'VEXIL_REPLAY_WINDOW', 1000, 1, 1_000_000),
    heartbeatSeconds: integer(env, 'VEXIL_HEARTBEAT_SECONDS', 25, 1, 3600),
    trustProxy: trustProxyFrom(env.VEXIL_TRUST_PROXY),
    corsOrigins: corsOriginsFrom(env.VEXIL_CORS_ORIGINS),
    sessionHours: integer(env, 'VEXIL_SESSION_HOURS', 168, 1, 24 * 366),
    loginAttemptsPerMinute: integer(env, 'VEXIL_LOGIN_ATTEMPTS_PER_MINUTE', 10, 1, 10_000),
    oidc: oidcFromEnvironment(env),
    eventRetentionDays: integer(env, 'VEXIL_EVENT_RETENTION_DAYS', 90, 0, 36_600),
  };
}

/** pino's levels: a typo is named at start, not a stack trace from deep inside the logger. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function logLevelFrom(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigurationError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(raw)}`);
  }
  return raw;
}

function trustProxyFrom(raw: string | undefined): ServerConfig['trustProxy'] {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function corsOriginsFrom(raw: string | undefined): string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new ConfigurationError(
        `VEXIL_CORS_ORIGINS must list origins like https://admin.example.com (scheme, host and port only), not ${JSON.stringify(origin)}`,
      );
    }
  }
  return origins;
}

function oidcFromEnvironment(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.VEXIL_OIDC_ISSUER || undefined;
  const clientId = env.VEXIL_OIDC_CLIENT_ID || undefined;
  const clientSecret = env.VEXIL_OIDC_CLIENT_SECRET || undefined;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigurationError(
      'OIDC sign-in needs VEXIL_OIDC_ISSUER, VEXIL_OIDC_CLIENT_ID and VEXIL_OIDC_CLIENT_SECRET together',
    );
  }
  // Kept exactly as written: discovery requires it to equal the issuer the provider publishes.
  return { issuer, clientId, clientSecret, name: env.VEXIL_OIDC_NAME || 'single sign-on' };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  // Decimal digits only: Number() would also take "0x1f", "1e3" or " 8 ".
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}
