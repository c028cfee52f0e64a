import type { Actor } from '../auth/actor.js';
import type { Store, Tx } from '../db/database.js';
import type { ChangeHub, RulesetChange } from './hub.js';

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

/**
 * Runs `work` as one transaction with its audit entries and change records, then tells this
 * node's streams and caches what changed. Nothing is published unless the commit succeeded.
 */
export async function write<T>(
  store: Store,
  hub: ChangeHub,
  replayWindow: number,
  actor: Actor,
  work: (write: Write) => Promise<T>,
): Promise<T> {
  let changes: RulesetChange[] = [];
  const result = await store.db.transaction().execute(async (tx) => {
    const write = new Write(tx, actor, new Date().toISOString());
    const value = await work(write);
    changes = await write.commit(replayWindow);
    return value;
  });
  hub.publish(changes);
  return result;
}
