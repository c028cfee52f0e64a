import { randomUUID } from 'node:crypto';
import { hashSecret, hintOf, newSecret } from '../auth/secrets.js';
import type { SdkKeyRow } from '../db/schema.js';

export type SdkKeyKind = 'server' | 'client';

const PREFIX: Record<SdkKeyKind, string> = { server: 'vx_server_', client: 'vx_client_' };

/** A new key and the row that stores it: server keys only as a hash, client keys (public) readable. */
export function newSdkKey(
  environmentId: string,
  kind: SdkKeyKind,
  name: string,
  now: string,
): { secret: string; row: SdkKeyRow } {
  const secret = newSecret(PREFIX[kind]);
  return {
    secret,
    row: {
      id: randomUUID(),
      environmentId,
      name,
      kind,
      keyHash: hashSecret(secret),
      clientKey: kind === 'client' ? secret : null,
      hint: hintOf(secret),
      createdAt: now,
      expiresAt: null,
      revokedAt: null,
    },
  };
}
