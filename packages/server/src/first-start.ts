import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyPassword } from './auth/secrets.js';
import type { ServerContext } from './context.js';
import type { Seeded } from './seed.js';

/**
 * The first start's secrets (owner password, owner token, SDK keys) are shown once and stored only
 * hashed — so a first start that fails after seeding (a port already taken, say) must not lose
 * them. They are kept in this file, readable by its owner only, until the owner changes the
 * seeded password; each start shows them again meanwhile.
 */
const FILE_NAME = 'first-start-secrets.json';

export function firstStartSecretsFile(dataDir: string): string {
  return join(dataDir, FILE_NAME);
}

export function keepFirstStartSecrets(dataDir: string, seeded: Seeded): string {
  const file = firstStartSecretsFile(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(seeded, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode through writeFileSync
  return file;
}

/**
 * The kept secrets while the owner still has the seeded password; once it has changed, the file has
 * served its purpose and is deleted.
 */
export async function keptFirstStartSecrets(ctx: ServerContext, dataDir: string): Promise<Seeded | undefined> {
  const file = firstStartSecretsFile(dataDir);
  if (!existsSync(file)) return undefined;
  let seeded: Seeded;
  try {
    seeded = JSON.parse(readFileSync(file, 'utf8')) as Seeded;
  } catch {
    return undefined;
  }
  const owner = await ctx.db
    .selectFrom('accounts')
    .select('passwordHash')
    .where('email', '=', seeded.ownerEmail)
    .executeTakeFirst();
  const unchanged =
    owner !== undefined &&
    owner.passwordHash !== '' &&
    (await verifyPassword(seeded.ownerPassword, owner.passwordHash));
  if (unchanged) return seeded;
  rmSync(file, { force: true });
  return undefined;
}
