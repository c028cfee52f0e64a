import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { bearer } from '../auth/authenticate.js';
import { hashSecret } from '../auth/secrets.js';
import type { ChangeHub } from '../changes/hub.js';
import type { Db } from '../db/database.js';
import type { SdkKeyRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import type { SdkKeyKind } from '../sdk-keys/keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The SDK key of an SDK or OFREP request, set by `requireSdkKey` (decorated as null). */
    sdkKey: SdkKey | null;
  }
}

/** An SDK key that works: which environment it reads, and what it may read there. */
export interface SdkKey {
  id: string;
  environmentId: string;
  kind: SdkKeyKind;
  keyHash: string;
  /** Epoch milliseconds after which a rotated key stops working; undefined: no end. */
  expiresAt: number | undefined;
}

/** Keys found (or not) stay this long; revocations announced on the hub drop them at once. */
const FOUND_TTL_MS = 30_000;
/** Unknown keys are remembered briefly too, so a client with a wrong key cannot load the database. */
const NOT_FOUND_TTL_MS = 5_000;
/** Bounds the memory random keys can take: beyond it the cache starts over. */
const MAX_ENTRIES = 50_000;

interface Entry {
  key: SdkKey | undefined;
  until: number;
}

/**
 * Resolves SDK keys on the hot path (every SDK and OFREP request): the presented key is looked up
 * in memory, and only on a miss by its hash in `sdk_keys`. Concurrent misses for one key share a
 * single query. Expiry is checked on every use, so a rotated key stops at its deadline.
 */
export class SdkKeyResolver {
  /** By what a client presents, so a hit needs neither hashing nor building a string. */
  private readonly bySecret = new KeyCache();
  private readonly byHash = new KeyCache();
  private readonly byId = new KeyCache();
  /** Bumped by each revocation: a lookup that started before one may have read the key alive. */
  private revocations = 0;

  constructor(
    private readonly db: Db,
    hub: ChangeHub,
    private readonly now: () => number = Date.now,
  ) {
    hub.onKeyRevoked((keyHash) => this.forget(keyHash));
  }

  /** The key behind a secret, if it exists, is not revoked and has not expired. */
  resolve(secret: string): Promise<SdkKey | undefined> {
    return this.cached(this.bySecret, secret, () => this.find('keyHash', hashSecret(secret)));
  }

  /** The key with this hash: open streams re-check theirs, since a rotation's deadline is not announced. */
  resolveHash(keyHash: string): Promise<SdkKey | undefined> {
    return this.cached(this.byHash, keyHash, () => this.find('keyHash', keyHash));
  }

  /** The key with this id (for stream tokens, which name the key instead of carrying it). */
  resolveId(id: string): Promise<SdkKey | undefined> {
    return this.cached(this.byId, id, () => this.find('id', id));
  }

  private async cached(
    cache: KeyCache,
    name: string,
    lookup: () => Promise<SdkKey | undefined>,
  ): Promise<SdkKey | undefined> {
    const now = this.now();
    const entry = cache.entries.get(name);
    if (entry && entry.until > now) return usable(entry.key, now);
    let pending = cache.lookups.get(name);
    if (!pending) {
      const revocations = this.revocations;
      pending = lookup();
      cache.lookups.set(name, pending);
      pending
        .then((key) => {
          if (revocations !== this.revocations) return;
          if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
          cache.entries.set(name, { key, until: this.now() + (key ? FOUND_TTL_MS : NOT_FOUND_TTL_MS) });
        })
        .catch(() => {})
        .finally(() => cache.lookups.delete(name));
    }
    return usable(await pending, this.now());
  }

  private async find(column: 'keyHash' | 'id', value: string): Promise<SdkKey | undefined> {
    const row = await this.db
      .selectFrom('sdkKeys')
      .select(['id', 'environmentId', 'kind', 'keyHash', 'expiresAt'])
      .where(column, '=', value)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return row ? keyOf(row) : undefined;
  }

  private forget(keyHash: string): void {
    this.revocations++;
    for (const cache of [this.bySecret, this.byHash, this.byId]) {
      for (const [name, entry] of cache.entries) if (entry.key?.keyHash === keyHash) cache.entries.delete(name);
    }
  }
}

/** Keys found (or not) by one kind of name, and the lookups in flight. */
class KeyCache {
  readonly entries = new Map<string, Entry>();
  readonly lookups = new Map<string, Promise<SdkKey | undefined>>();
}

function keyOf(row: Pick<SdkKeyRow, 'id' | 'environmentId' | 'kind' | 'keyHash' | 'expiresAt'>): SdkKey {
  return {
    id: row.id,
    environmentId: row.environmentId,
    kind: row.kind,
    keyHash: row.keyHash,
    expiresAt: row.expiresAt === null ? undefined : Date.parse(row.expiresAt),
  };
}

function usable(key: SdkKey | undefined, now: number): SdkKey | undefined {
  return key && (key.expiresAt === undefined || key.expiresAt > now) ? key : undefined;
}

export interface KeyRequirement {
  /** Which kinds of key the endpoint serves; another kind gets 403 with `refusal`. */
  kinds: readonly SdkKeyKind[];
  refusal?: string;
  /** OFREP also accepts the key in `X-API-Key` (its ApiKeyAuth scheme). */
  apiKeyHeader?: boolean;
}

/** The SDK key a request carries: 401 when missing or not working, 403 when of the wrong kind. */
export async function authenticateSdkKey(
  resolver: SdkKeyResolver,
  headers: IncomingHttpHeaders,
  requirement: KeyRequirement,
): Promise<SdkKey> {
  const secret = presentedKey(headers, requirement.apiKeyHeader === true);
  if (secret === undefined) {
    throw problems.unauthorized(
      `Send an SDK key in the Authorization header: Authorization: <key> or Bearer <key>${requirement.apiKeyHeader ? ', or in X-API-Key' : ''}.`,
    );
  }
  const key = await resolver.resolve(secret);
  if (!key) throw problems.unauthorized('The SDK key is unknown, revoked or expired.');
  if (!requirement.kinds.includes(key.kind)) {
    throw problems.forbidden(requirement.refusal ?? `This endpoint does not accept ${key.kind} keys.`);
  }
  return key;
}

function presentedKey(headers: IncomingHttpHeaders, apiKeyHeader: boolean): string | undefined {
  const fromAuthorization = bearer(headers.authorization);
  if (fromAuthorization !== undefined) return fromAuthorization;
  const apiKey = apiKeyHeader ? headers['x-api-key'] : undefined;
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : undefined;
}

/**
 * An `onRequest` hook: the key is checked before the body is read or validated, so a request
 * without a working key gets 401 whatever it sends.
 */
export function requireSdkKey(
  resolver: SdkKeyResolver,
  requirement: KeyRequirement,
): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    request.sdkKey = await authenticateSdkKey(resolver, request.headers, requirement);
  };
}

export function sdkKeyOf(request: FastifyRequest): SdkKey {
  if (!request.sdkKey) throw problems.unauthorized();
  return request.sdkKey;
}
