import { authorize, type Actor } from '../auth/actor.js';
import type { Write } from '../changes/writer.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { EnvironmentRow, ProjectRow, SdkKeyRow } from '../db/schema.js';
import { problems } from '../http/problems.js';
import { findEnvironment, findProject } from '../projects/lookup.js';
import { newSdkKey, type SdkKeyKind } from './keys.js';

/** How long a rotated key keeps working by default, and at most. */
export const DEFAULT_GRACE_SECONDS = 24 * 60 * 60;
export const MAX_GRACE_SECONDS = 30 * 24 * 60 * 60;

/**
 * - `active`: works;
 * - `expiring`: rotated, works until `expiresAt`;
 * - `expired`: rotated, and the grace period is over;
 * - `revoked`: stopped working at `revokedAt`.
 */
export type SdkKeyStatus = 'active' | 'expiring' | 'expired' | 'revoked';

/** A key as lists show it: client keys in full (they are public), server keys by their hint only. */
export interface SdkKeyView {
  id: string;
  name: string;
  kind: SdkKeyKind;
  hint: string;
  status: SdkKeyStatus;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  key?: string;
}

/** A key just made: `key` is there for both kinds, the only time a server key is ever shown. */
export type NewSdkKeyView = SdkKeyView & { key: string };

interface Place {
  project: ProjectRow;
  environment: EnvironmentRow;
}

export async function listSdkKeys(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
): Promise<SdkKeyView[]> {
  const { environment } = await place(ctx.db, actor, projectKey, environmentKey);
  const rows = await ctx.db
    .selectFrom('sdkKeys')
    .selectAll()
    .where('environmentId', '=', environment.id)
    .orderBy('createdAt')
    .orderBy('name')
    .execute();
  const now = new Date().toISOString();
  return rows.map((row) => sdkKeyView(row, now));
}

export async function createSdkKey(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
  input: { name: string; kind: SdkKeyKind },
): Promise<NewSdkKeyView> {
  return ctx.write(actor, async (write) => {
    const where = await place(write.tx, actor, projectKey, environmentKey);
    return addKey(write, where, input.kind, input.name);
  });
}

export async function renameSdkKey(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
  id: string,
  name: string,
): Promise<SdkKeyView> {
  return ctx.write(actor, async (write) => {
    const where = await place(write.tx, actor, projectKey, environmentKey);
    const row = await findKey(write, where, id);
    const renamed = { ...row, name };
    await write.tx.updateTable('sdkKeys').set({ name }).where('id', '=', id).execute();
    write.audit({ ...auditPlace(where, id), action: 'sdk-key.renamed', before: { name: row.name }, after: { name } });
    return sdkKeyView(renamed, write.now);
  });
}

/**
 * Replaces a key with a new one of the same kind and name. The old key keeps working for
 * `graceSeconds` so deployments can switch over; with 0 it is revoked at once.
 */
export async function rotateSdkKey(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
  id: string,
  graceSeconds: number,
): Promise<NewSdkKeyView & { previous: SdkKeyView }> {
  return ctx.write(actor, async (write) => {
    const where = await place(write.tx, actor, projectKey, environmentKey);
    const row = await findKey(write, where, id);
    const status = statusOf(row, write.now);
    if (status !== 'active')
      throw problems.conflict(`SDK key "${row.name}" is ${status}; only an active key can be rotated`);
    const replacement = await addKey(write, where, row.kind, row.name);
    const old: SdkKeyRow =
      graceSeconds === 0
        ? { ...row, revokedAt: write.now }
        : { ...row, expiresAt: new Date(Date.parse(write.now) + graceSeconds * 1000).toISOString() };
    await write.tx
      .updateTable('sdkKeys')
      .set({ expiresAt: old.expiresAt, revokedAt: old.revokedAt })
      .where('id', '=', id)
      .execute();
    const previous = sdkKeyView(old, write.now);
    write.audit({
      ...auditPlace(where, id),
      action: 'sdk-key.rotated',
      before: auditable(sdkKeyView(row, write.now)),
      after: { ...auditable(previous), replacedBy: replacement.id },
    });
    if (graceSeconds === 0) write.sdkKeysRevoked([row.keyHash]);
    return { ...replacement, previous };
  });
}

/** Revokes a key at once; the row stays, so lists and the audit log can still name it. */
export async function revokeSdkKey(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  environmentKey: string,
  id: string,
): Promise<void> {
  await ctx.write(actor, async (write) => {
    const where = await place(write.tx, actor, projectKey, environmentKey);
    const row = await findKey(write, where, id);
    if (row.revokedAt !== null)
      throw problems.conflict(`SDK key "${row.name}" was already revoked at ${row.revokedAt}`);
    await write.tx.updateTable('sdkKeys').set({ revokedAt: write.now }).where('id', '=', id).execute();
    write.audit({
      ...auditPlace(where, id),
      action: 'sdk-key.revoked',
      before: auditable(sdkKeyView(row, write.now)),
      after: auditable(sdkKeyView({ ...row, revokedAt: write.now }, write.now)),
    });
    // SDK streams on this key close once the revocation commits, on every node.
    write.sdkKeysRevoked([row.keyHash]);
  });
}

export function statusOf(row: Pick<SdkKeyRow, 'expiresAt' | 'revokedAt'>, now: string): SdkKeyStatus {
  if (row.revokedAt !== null) return 'revoked';
  if (row.expiresAt === null) return 'active';
  return row.expiresAt > now ? 'expiring' : 'expired';
}

function sdkKeyView(row: SdkKeyRow, now: string): SdkKeyView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    hint: row.hint,
    status: statusOf(row, now),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    ...(row.clientKey === null ? {} : { key: row.clientKey }),
  };
}

/** The audit log never holds a key, not even a public one: the hint identifies it. */
function auditable(view: SdkKeyView): Omit<SdkKeyView, 'key'> {
  const { key: _key, ...rest } = view;
  return rest;
}

async function addKey(write: Write, where: Place, kind: SdkKeyKind, name: string): Promise<NewSdkKeyView> {
  const { secret, row } = newSdkKey(where.environment.id, kind, name, write.now);
  await write.tx.insertInto('sdkKeys').values(row).execute();
  const view = sdkKeyView(row, write.now);
  write.audit({ ...auditPlace(where, row.id), action: 'sdk-key.created', after: auditable(view) });
  return { ...view, key: secret };
}

/** The environment, after checking the actor may manage its keys. */
async function place(db: Queryable, actor: Actor, projectKey: string, environmentKey: string): Promise<Place> {
  const project = await findProject(db, actor, projectKey);
  authorize(actor, 'sdk-key:manage', { project: project.key, environment: environmentKey });
  return { project, environment: await findEnvironment(db, project, environmentKey) };
}

async function findKey(write: Write, where: Place, id: string): Promise<SdkKeyRow> {
  const row = await write.tx
    .selectFrom('sdkKeys')
    .selectAll()
    .where('id', '=', id)
    .where('environmentId', '=', where.environment.id)
    .executeTakeFirst();
  if (!row) throw problems.notFound(`SDK key "${id}" of environment "${where.project.key}/${where.environment.key}"`);
  return row;
}

function auditPlace(where: Place, id: string) {
  return {
    resourceType: 'sdk-key',
    resourceKey: id,
    projectKey: where.project.key,
    environmentKey: where.environment.key,
  };
}
