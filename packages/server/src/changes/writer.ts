import type { Actor } from '../auth/actor.js';
import type { Store, Tx } from '../db/database.js';
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

  /** Appends the audit entries and numbers each change with its environment's next revision. */
  async commit(replayWindow: number): Promise<RulesetChange[]> {
    if (this.entries.length === 0) throw new Error('every write must leave an audit entry');
    await this.tx
      .insertInto('auditLog')
      .values(
        this.entries.map((entry) => ({
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
    const committed: RulesetChange[] = [];
    for (const change of this.pending) {
      // The row lock this takes orders concurrent writers to one environment (PostgreSQL).
      const { revision } = await this.tx
        .updateTable('environments')
        .set((eb) => ({ revision: eb('revision', '+', 1) }))
        .where('id', '=', change.environmentId)
        .returning('revision')
        .executeTakeFirstOrThrow();
      await this.tx
        .insertInto('changes')
        .values({
          environmentId: change.environmentId,
          revision,
          kind: change.kind,
          key: change.key,
          payload: change.payload === null ? null : JSON.stringify(change.payload),
          createdAt: this.now,
        })
        .execute();
      await this.tx
        .deleteFrom('changes')
        .where('environmentId', '=', change.environmentId)
        .where('revision', '<=', revision - replayWindow)
        .execute();
      committed.push({ ...change, revision });
    }
    return committed;
  }
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
    const write = new Write(tx, actor, new Date().toISOString());
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
