import type { Insertable } from 'kysely';
import type { ContextTable } from '../db/schema.js';

type ContextRow = Insertable<ContextTable>;

/**
 * The contexts this server wrote lately, as it wrote them. SDKs report the same users over and over
 * (every flush names them again); a report that would change nothing but move "last seen" less
 * than `freshMs` is not written again, which spares the users list's upsert and its pages for
 * most of a busy server's batches. So "last seen" is exact to that much (docs/sdk-protocol.md).
 */
export class RecentContexts {
  private readonly written = new Map<string, ContextRow>();

  constructor(
    private readonly capacity = 100_000,
    private readonly freshMs = 60_000,
  ) {}

  /** Whether writing `row` would change nothing the users list shows, but "last seen" by less than `freshMs`. */
  unchanged(row: ContextRow): boolean {
    const known = this.written.get(idOf(row));
    return (
      known !== undefined &&
      known.attributes === row.attributes &&
      known.privateAttributes === row.privateAttributes &&
      row.firstSeen >= known.firstSeen &&
      Date.parse(row.lastSeen) - Date.parse(known.lastSeen) < this.freshMs
    );
  }

  /** Rows just committed; the least recently written are forgotten beyond `capacity`. */
  remember(rows: readonly ContextRow[]): void {
    for (const row of rows) {
      const id = idOf(row);
      this.written.delete(id);
      this.written.set(id, row);
    }
    for (const id of this.written.keys()) {
      if (this.written.size <= this.capacity) break;
      this.written.delete(id);
    }
  }
}

function idOf(row: ContextRow): string {
  return `${row.environmentId}\u0000${row.kind}\u0000${row.key}`;
}
