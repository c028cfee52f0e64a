import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';

/**
 * Raw events are kept `VEXIL_EVENT_RETENTION_DAYS` (docs/configuration.md); experiments' aggregates,
 * evaluation counts and the users list are not raw events and outlive them.
 */

/** Rows a round deletes, each round its own short transaction. */
const ROWS_PER_ROUND = 10_000;
const EVERY_MS = 3_600_000;

/**
 * Deletes the events received before `cutoff`, oldest first, walking the id order (the order they
 * were stored in, so the order they were received in) and stopping at the first newer one: each
 * round reads one page of the primary key, never the whole table. Returns the rows deleted.
 */
export async function pruneEvents(db: Queryable, cutoff: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await db
      .selectFrom('events')
      .select(['id', 'receivedAt'])
      .orderBy('id')
      .limit(ROWS_PER_ROUND)
      .execute();
    const stale = page.findIndex((row) => row.receivedAt >= cutoff);
    const last = page[(stale === -1 ? page.length : stale) - 1];
    if (last === undefined) return deleted;
    const result = await db.deleteFrom('events').where('id', '<=', last.id).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
    if (stale !== -1 || page.length < ROWS_PER_ROUND) return deleted;
  }
}

/** Prunes on start and every hour after, until the context closes; nothing when retention is 0 (keep all). */
export function pruneEventsPeriodically(ctx: ServerContext, onError: (error: unknown) => void): void {
  const days = ctx.config.eventRetentionDays;
  if (days === 0) return;
  const prune = () => {
    const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
    pruneEvents(ctx.db, cutoff).catch(onError);
  };
  const timer = setInterval(prune, EVERY_MS);
  timer.unref();
  ctx.onClose(() => clearInterval(timer));
  prune();
}
