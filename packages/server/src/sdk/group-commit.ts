/**
 * Group commit: items submitted while a transaction runs wait for it, then go to the database
 * together, in one transaction, and each submitter hears when that transaction has committed. A
 * batch's fixed costs — the commit, the look-ups of the running experiments, every statement's
 * round trip, and on PostgreSQL the experiments' locks — are then paid once per group, not once per
 * batch (docs/benchmarks.md), and nothing is acknowledged before it is committed.
 *
 * With `concurrency` above 1, that many groups are stored at once, each on its own connection: a
 * group then writes while another waits for the database (PostgreSQL, where a group's inserts run
 * beside the experiments' upkeep of the group before it).
 *
 * If a group's transaction fails, each of its items is tried alone, so that one item the database
 * refuses (its environment deleted meanwhile, say) fails only its own submitter.
 */
export class GroupCommit<T> {
  private readonly waiting: { item: T; size: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    /** Stores items in one transaction, all or nothing. */
    private readonly store: (items: T[]) => Promise<void>,
    /** A group holds items up to this total size (at least one item, whatever its size). */
    private readonly maxSize: number,
    /** Groups stored at once (each in a transaction of its own). */
    private readonly concurrency = 1,
  ) {}

  /** Resolves once `item` is committed; rejects with the database's error if it could not be. */
  submit(item: T, size: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, size, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency) return;
    this.scheduled = true;
    // After the requests already received have been read: they join this group.
    setImmediate(() => {
      this.scheduled = false;
      if (this.running < this.concurrency && this.waiting.length > 0) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running++;
    try {
      while (this.waiting.length > 0) {
        let total = 0;
        let count = 0;
        for (const { size } of this.waiting) {
          if (count > 0 && total + size > this.maxSize) break;
          total += size;
          count++;
        }
        const group = this.waiting.splice(0, count);
        try {
          await this.store(group.map((entry) => entry.item));
          for (const entry of group) entry.resolve();
        } catch (error) {
          if (group.length === 1) (group[0] as (typeof group)[number]).reject(error);
          else for (const entry of group) await this.store([entry.item]).then(entry.resolve, entry.reject);
        }
      }
    } finally {
      this.running--;
    }
  }
}
