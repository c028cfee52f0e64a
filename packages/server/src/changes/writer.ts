import type { Actor } from '../auth/actor.js';
import type { Dialect, Store, Tx } from '../db/database.js';
import type { RulesetChange } from './hub.js';
import { notifyChange, notifyKeysRevoked } from './postgres-feed.js';
import type { ChangePublisher } from './publisher.js';

export interface AuditInput {
  action: string;
  resourceType: string;
  resourceKey: string;
  projectKey?: string | undefined;
  environmentKey?: string | undefined;
  before?: unknown;
  after?: unknown;
}

/** One write in progress: its transaction, and the audit entries and ruleset changes it makes. */
export class Write {
  private readonly entries: AuditInput[] = [];
  private readonly pending: Omit<RulesetChange, 'revision'>[] = [];
  /** SDK keys this write revoked (hashes): streams using them close once it commits. */
  readonly revokedKeys: string[] = [];

  constructor(
    readonly tx: Tx,
    readonly actor: Actor,
    readonly now: string,
    readonly dialect: Dialect,
  ) {}

  audit(entry: AuditInput): void {
    this.entries.push(entry);
  }

  /** Records that a flag or segment changed for one environment's SDKs (payload null: gone). */
  rulesetChanged(environmentId: string, kind: 'flag' | 'segment', key: string, payload: unknown): void {
    this.pending.push({ environmentId, kind, key, payload });
  }

  sdkKeysRevoked(keyHashes: readonly string[]): void {
    this.revokedKeys.push(...keyHashes);
  }

  /**
   * Appends the audit entries and numbers each change with its environment's next revision. Rows go
   * in batches that stay under both databases' limits on bound parameters (SQLite 32,766; PostgreSQL
   * 65,535), and each environment's revision is bumped once per write, however many changes it has.
   */
  async commit(replayWindow: number): Promise<RulesetChange[]> {
    if (this.entries.length === 0) throw new Error('every write must leave an audit entry');
    for (const entries of batches(this.entries, AUDIT_ROWS_PER_INSERT)) {
      await this.tx
        .insertInto('auditLog')
        .values(
          entries.map((entry) => ({
            organizationId: this.actor.organizationId,
            projectKey: entry.projectKey ?? null,
            environmentKey: entry.environmentKey ?? null,
            actorType: this.actor.type,
            actorId: this.actor.id,
            actorName: this.actor.name,
            action: entry.action,
            resourceType: entry.resourceType,
            resourceKey: entry.resourceKey,
            before: entry.before === undefined ? null : JSON.stringify(entry.before),
            after: entry.after === undefined ? null : JSON.stringify(entry.after),
            createdAt: this.now,
          })),
        )
        .execute();
    }

    const counts = new Map<string, number>();
    for (const change of this.pending) counts.set(change.environmentId, (counts.get(change.environmentId) ?? 0) + 1);
    const next = new Map<string, number>();
    for (const [environmentId, count] of counts) {
      // The row lock this takes orders concurrent writers to one environment (PostgreSQL).
      const { revision } = await this.tx
        .updateTable('environments')
        .set((eb) => ({ revision: eb('revision', '+', count) }))
        .where('id', '=', environmentId)
        .returning('revision')
        .executeTakeFirstOrThrow();
      next.set(environmentId, revision - count + 1);
      await this.tx
        .deleteFrom('changes')
        .where('environmentId', '=', environmentId)
        .where('revision', '<=', revision - replayWindow)
        .execute();
    }
    // Each environment's changes take its revisions in the order they were made.
    const committed: RulesetChange[] = this.pending.map((change) => {
      const revision = next.get(change.environmentId) as number;
      next.set(change.environmentId, revision + 1);
      return { ...change, revision };
    });
    const kept = committed.filter(
      (change) => change.revision > (next.get(change.environmentId) as number) - 1 - replayWindow,
    );
    for (const changes of batches(kept, CHANGE_ROWS_PER_INSERT)) {
      await this.tx
        .insertInto('changes')
        .values(
          changes.map((change) => ({
            environmentId: change.environmentId,
            revision: change.revision,
            kind: change.kind,
            key: change.key,
            payload: change.payload === null ? null : JSON.stringify(change.payload),
            createdAt: this.now,
          })),
        )
        .execute();
    }
    return committed;
  }
}

/** 12 and 6 parameters a row: a few thousand parameters a statement, far under either database's limit. */
const AUDIT_ROWS_PER_INSERT = 500;
const CHANGE_ROWS_PER_INSERT = 1000;

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

export interface WriteDependencies {
  store: Store;
  publisher: ChangePublisher;
  /** Identifies this node in PostgreSQL notices, so it does not hear its own. */
  nodeId: string;
  replayWindow: number;
  onKeysRevoked(keyHashes: readonly string[]): void;
}

/**
 * Runs `work` as one transaction with its audit entries and change records; once committed, this
 * node's streams and caches hear of the changes before the call returns (read your writes), and
 * other nodes sharing a PostgreSQL database are notified. Nothing is published unless it commits.
 */
export async function write<T>(deps: WriteDependencies, actor: Actor, work: (write: Write) => Promise<T>): Promise<T> {
  let changes: RulesetChange[] = [];
  let revokedKeys: string[] = [];
  const result = await deps.store.db.transaction().execute(async (tx) => {
    const write = new Write(tx, actor, new Date().toISOString(), deps.store.dialect);
    const value = await work(write);
    changes = await write.commit(deps.replayWindow);
    revokedKeys = write.revokedKeys;
    if (deps.store.dialect === 'postgres') {
      const latest = new Map(changes.map((change) => [change.environmentId, change.revision]));
      for (const [environmentId, revision] of latest)
        await notifyChange(tx, { node: deps.nodeId, environmentId, revision });
      await notifyKeysRevoked(tx, deps.nodeId, revokedKeys);
    }
    return value;
  });
  if (revokedKeys.length > 0) deps.onKeysRevoked(revokedKeys);
  if (changes.length > 0) await deps.publisher.committed(changes);
  return result;
}
