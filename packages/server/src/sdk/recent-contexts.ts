import type { Insertable } from 'kysely';
import type { ContextTable } from '../db/schema.js';

type ContextRow = Insertable<ContextTable>;

/**
 * What this server wrote lately of one context, as the merged users list holds it: the earliest
 * first seen and the latest last seen written, and the attributes (with their private names) of the
 * latest report written — the ones a merge keeps over every earlier report's.
 */
interface Written {
  attributes: ContextRow['attributes'];
  privateAttributes: ContextRow['privateAttributes'];
  firstSeen: string;
  lastSeen: string;
}

/**
 * The contexts this server wrote lately. SDKs report the same users over and over (every flush
 * names them again, and several SDK instances' flushes interleave, so their timestamps go back and
 * forth); a report that would change nothing but move "last seen" less than `freshMs` past what was
 * written is not written again, which spares the users list's reports and merges for most of a busy
 * server's batches. So "last seen" is exact to that much (docs/sdk-protocol.md).
 */
export class RecentContexts {
  private readonly written = new Map<string, Written>();

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
      (row.lastSeen <= known.lastSeen || Date.parse(row.lastSeen) - Date.parse(known.lastSeen) < this.freshMs)
    );
  }

  /** Rows just committed, merged into what was written; the least recently written are forgotten beyond `capacity`. */
  remember(rows: readonly ContextRow[]): void {
    for (const row of rows) {
      const id = idOf(row);
      const known = this.written.get(id);
      this.written.delete(id);
      this.written.set(id, known ? mergedInto(known, row) : pick(row));
    }
    for (const id of this.written.keys()) {
      if (this.written.size <= this.capacity) break;
      this.written.delete(id);
    }
  }
}

function pick({ attributes, privateAttributes, firstSeen, lastSeen }: ContextRow): Written {
  return { attributes, privateAttributes, firstSeen, lastSeen };
}

/** `row` merged into `known` as the users list merges reports: first seen moves back, last seen and the latest attributes forward. */
function mergedInto(known: Written, row: ContextRow): Written {
  const latest = row.lastSeen >= known.lastSeen ? pick(row) : known;
  const earliest = row.firstSeen < known.firstSeen ? row : known;
  return { ...latest, firstSeen: earliest.firstSeen };
}

function idOf(row: ContextRow): string {
  return `${row.environmentId}\u0000${row.kind}\u0000${row.key}`;
}
