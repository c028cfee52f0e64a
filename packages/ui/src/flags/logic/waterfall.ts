import type { Allocation, Serve } from '@vexil/engine';

/**
 * Edits of an environment's allocation waterfall. Each returns a new array (and new objects for
 * what changed) and never mutates its input; an edit that changes nothing (moving the first
 * allocation up, an unknown id) returns the input array itself, so React sees no change.
 *
 * Salts: the engine buckets an allocation with `salt ?? "<flag key>.<allocation id>"` and the
 * server assigns none, so a new allocation leaves `salt` out and gets its own buckets from its
 * fresh id. Ids are random rather than "allocation-3": deleting an allocation and adding another
 * must not reuse an id, or the new one would bucket exactly like the old one.
 */

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh allocation id (`a-` and 8 random letters or digits) not in `taken`. */
export function freshAllocationId(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    const id = `a-${Array.from(bytes, (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('')}`;
    if (!used.has(id)) return id;
  }
}

export interface NewAllocation {
  name?: string;
  serve: Serve;
  /** Where to insert it (default: at the bottom of the waterfall, just above the fallthrough). */
  index?: number;
}

/** Adds an allocation for everyone serving `serve`, with a fresh id and no salt (see above). */
export function addAllocation(allocations: readonly Allocation[], fields: NewAllocation): Allocation[] {
  const allocation: Allocation = {
    id: freshAllocationId(allocations.map((existing) => existing.id)),
    ...(fields.name === undefined ? {} : { name: fields.name }),
    conditions: [],
    serve: fields.serve,
  };
  return insertAt(allocations, clampIndex(fields.index ?? allocations.length, allocations.length), allocation);
}

/**
 * A copy of an allocation just below it: new id, name "… (copy)", and no salt of its own, so the
 * copy buckets independently of the original (a copy is a new allocation, not a second view of it).
 */
export function duplicateAllocation(allocations: readonly Allocation[], id: string): Allocation[] {
  const index = indexOf(allocations, id);
  if (index < 0) return allocations as Allocation[];
  const { salt: _salt, ...original } = structuredClone(allocations[index]!);
  const copy: Allocation = {
    ...original,
    id: freshAllocationId(allocations.map((existing) => existing.id)),
    ...(original.name ? { name: `${original.name} (copy)` } : {}),
  };
  return insertAt(allocations, index + 1, copy);
}

/** The waterfall without the allocation `id`. */
export function deleteAllocation(allocations: readonly Allocation[], id: string): Allocation[] {
  const index = indexOf(allocations, id);
  if (index < 0) return allocations as Allocation[];
  return [...allocations.slice(0, index), ...allocations.slice(index + 1)];
}

/** Moves allocation `id` to position `to` (clamped to the list), for drag and keyboard reorder. */
export function moveAllocation(allocations: readonly Allocation[], id: string, to: number): Allocation[] {
  const from = indexOf(allocations, id);
  const target = clampIndex(to, allocations.length - 1);
  if (from < 0 || from === target) return allocations as Allocation[];
  const rest = [...allocations.slice(0, from), ...allocations.slice(from + 1)];
  return insertAt(rest, target, allocations[from]!);
}

/** One place up (evaluated earlier); the first stays first. */
export function moveAllocationUp(allocations: readonly Allocation[], id: string): Allocation[] {
  const index = indexOf(allocations, id);
  return index <= 0 ? (allocations as Allocation[]) : moveAllocation(allocations, id, index - 1);
}

/** One place down (evaluated later); the last stays last. */
export function moveAllocationDown(allocations: readonly Allocation[], id: string): Allocation[] {
  const index = indexOf(allocations, id);
  return index < 0 ? (allocations as Allocation[]) : moveAllocation(allocations, id, index + 1);
}

/** Turns allocation `id` on or off (`enabled` absent means on); without `enabled`, flips it. */
export function toggleAllocation(allocations: readonly Allocation[], id: string, enabled?: boolean): Allocation[] {
  return updateAllocation(allocations, id, (allocation) => {
    const next = enabled ?? allocation.enabled === false;
    const { enabled: _enabled, ...rest } = allocation;
    // On is the default: leave the field out rather than store `enabled: true`.
    return next ? rest : { ...rest, enabled: false };
  });
}

/** Replaces allocation `id` by `change(it)`; the one way for forms to edit a single allocation. */
export function updateAllocation(
  allocations: readonly Allocation[],
  id: string,
  change: (allocation: Allocation) => Allocation,
): Allocation[] {
  const index = indexOf(allocations, id);
  if (index < 0) return allocations as Allocation[];
  return allocations.map((allocation, position) => (position === index ? change(allocation) : allocation));
}

function indexOf(allocations: readonly Allocation[], id: string): number {
  return allocations.findIndex((allocation) => allocation.id === id);
}

function clampIndex(index: number, max: number): number {
  return Math.max(0, Math.min(Math.trunc(index), max));
}

function insertAt(allocations: readonly Allocation[], index: number, allocation: Allocation): Allocation[] {
  return [...allocations.slice(0, index), allocation, ...allocations.slice(index)];
}
