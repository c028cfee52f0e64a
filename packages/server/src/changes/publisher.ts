import type { Db } from '../db/database.js';
import type { ChangeHub, RulesetChange } from './hub.js';

/**
 * Publishes committed changes on the hub exactly once each and in revision order per environment,
 * whatever order commits finish in and whichever node made them. Changes a caller hands over are
 * published as they are when they follow on; any gap is filled from the `changes` table.
 */
export class ChangePublisher {
  /** The last revision published per environment. */
  private readonly published = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly hub: ChangeHub,
  ) {}

  /** Starts from the current revisions: only what is committed from now on is news. */
  async start(): Promise<void> {
    for (const environment of await this.db.selectFrom('environments').select(['id', 'revision']).execute()) {
      this.published.set(environment.id, Math.max(environment.revision, this.published.get(environment.id) ?? 0));
    }
  }

  /** This node committed these changes; resolves once they (and any before them) are published. */
  committed(changes: readonly RulesetChange[]): Promise<void> {
    return this.enqueue(async () => {
      // An import commits thousands of changes at once: grouped in one pass, not copied per change.
      const byEnvironment = new Map<string, RulesetChange[]>();
      for (const change of changes) {
        const list = byEnvironment.get(change.environmentId);
        if (list) list.push(change);
        else byEnvironment.set(change.environmentId, [change]);
      }
      for (const [environmentId, list] of byEnvironment) {
        const revision = list.reduce((highest, change) => Math.max(highest, change.revision), 0);
        await this.publishUpTo(environmentId, revision, list);
      }
    });
  }

  /** Another node committed up to `revision` in an environment. */
  notified(environmentId: string, revision: number): Promise<void> {
    return this.enqueue(() => this.publishUpTo(environmentId, revision, []));
  }

  /** After a lost connection: publish whatever every environment has that was not published yet. */
  catchUpAll(): Promise<void> {
    return this.enqueue(async () => {
      for (const environment of await this.db.selectFrom('environments').select(['id', 'revision']).execute()) {
        await this.publishUpTo(environment.id, environment.revision, []);
      }
    });
  }

  async idle(): Promise<void> {
    await this.queue;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => {});
    return run;
  }

  private async publishUpTo(environmentId: string, revision: number, known: readonly RulesetChange[]): Promise<void> {
    const after = this.published.get(environmentId) ?? 0;
    if (revision <= after) return;
    const sorted = [...known].sort((a, b) => a.revision - b.revision);
    const contiguous =
      sorted.length === revision - after && sorted.every((change, index) => change.revision === after + 1 + index);
    const changes = contiguous ? sorted : await this.fromTable(environmentId, after, revision);
    this.published.set(environmentId, revision);
    this.hub.publish(changes);
  }

  private async fromTable(environmentId: string, after: number, upTo: number): Promise<RulesetChange[]> {
    const rows = await this.db
      .selectFrom('changes')
      .selectAll()
      .where('environmentId', '=', environmentId)
      .where('revision', '>', after)
      .where('revision', '<=', upTo)
      .orderBy('revision')
      .execute();
    return rows.map((row) => ({
      environmentId,
      revision: row.revision,
      kind: row.kind,
      key: row.key,
      payload: row.payload === null ? null : JSON.parse(row.payload),
    }));
  }
}
