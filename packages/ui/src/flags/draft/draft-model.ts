import type { Allocation, FlagState, Target } from '@vexil/engine';
import type { DefinitionPatch } from '../../api/flag';
import type { FieldError } from '../../api/problem';
import { canonical, type FlagWithStates, ordinal } from '../logic/diff';
import { parsePath } from '../logic/problems';

/**
 * The draft's bookkeeping, apart from rendering: what a save must send (the definition's PATCH,
 * the states to PUT), how a draft is reapplied on a flag someone else saved meanwhile (a
 * three-way merge), and which of a refused save's field errors still apply to the edited draft.
 */

/** The definition fields a PATCH may change; `type`, `integer` and the key are fixed at creation. */
const DEFINITION_FIELDS = ['name', 'description', 'tags', 'variations', 'temporary', 'clientSideAvailable'] as const;
type DefinitionField = (typeof DEFINITION_FIELDS)[number];

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The PATCH that turns the saved definition into the draft's: the changed fields only, or undefined. */
export function definitionPatch(saved: FlagWithStates, draft: FlagWithStates): DefinitionPatch | undefined {
  const patch: Record<string, unknown> = {};
  for (const field of DEFINITION_FIELDS) {
    if (same(saved[field], draft[field])) continue;
    // A cleared description or tag list is sent empty: a field left out of a PATCH is left as it is.
    patch[field] = draft[field] ?? (field === 'description' ? '' : field === 'tags' ? [] : undefined);
  }
  const fields = Object.entries(patch).filter(([, value]) => value !== undefined);
  return fields.length === 0 ? undefined : (Object.fromEntries(fields) as DefinitionPatch);
}

/** The environments whose state the draft changes, in the draft's order. */
export function changedEnvironments(saved: FlagWithStates, draft: FlagWithStates): string[] {
  return Object.keys(draft.environments).filter(
    (key) => saved.environments[key] !== undefined && !same(saved.environments[key], draft.environments[key]),
  );
}

/** The saved flag with the draft's definition: what the server holds once the definition's PATCH succeeded. */
export function withDefinitionOf(saved: FlagWithStates, draft: FlagWithStates): FlagWithStates {
  const next: FlagWithStates = { ...saved };
  for (const field of DEFINITION_FIELDS) setField(next, field, draft[field]);
  return next;
}

function setField(flag: FlagWithStates, field: DefinitionField, value: FlagWithStates[DefinitionField]): void {
  if (value === undefined) delete flag[field];
  else (flag as unknown as Record<string, unknown>)[field] = value;
}

// ── Rebase ──────────────────────────────────────────────────────────────────────────────────

export interface Rebased {
  /** The draft's edits reapplied on `theirs`. */
  draft: FlagWithStates;
  /** Fields both sides changed, differently: the draft's version is kept. "production · allocation “Beta” · exposure". */
  overlaps: string[];
}

/**
 * Reapplies the edits of `mine` (made on `base`) on `theirs` (base plus someone else's save): a
 * field only one side changed takes that side's value; a field both changed differently keeps the
 * draft's and is reported, so the person can review it before saving. Allocations are merged by
 * id, field by field, and keep the order of whoever reordered them; individual targets and tags
 * are sets, so two people adding keys at once both keep theirs.
 */
export function rebaseDraft(
  base: FlagWithStates,
  mine: FlagWithStates,
  theirs: FlagWithStates,
  environmentName: (key: string) => string = (key) => key,
): Rebased {
  const overlaps: string[] = [];
  const draft: FlagWithStates = { ...theirs, environments: {} };
  for (const field of DEFINITION_FIELDS) {
    const value =
      field === 'tags'
        ? mergeSet(base.tags ?? [], mine.tags ?? [], theirs.tags ?? [])
        : merge(base[field], mine[field], theirs[field], () => overlaps.push(DEFINITION_LABELS[field]));
    setField(draft, field, value as FlagWithStates[DefinitionField]);
  }
  if (draft.tags?.length === 0 && theirs.tags === undefined) delete draft.tags;
  for (const [key, state] of Object.entries(theirs.environments)) {
    const before = base.environments[key];
    const edited = mine.environments[key];
    draft.environments[key] =
      before && edited ? mergeState(before, edited, state, environmentName(key), overlaps) : state;
  }
  return { draft, overlaps };
}

const DEFINITION_LABELS: Record<DefinitionField, string> = {
  name: 'name',
  description: 'description',
  tags: 'tags',
  variations: 'variations',
  temporary: 'lifetime',
  clientSideAvailable: 'client-side SDKs',
};

const STATE_FIELDS: { field: keyof FlagState; label: string }[] = [
  { field: 'on', label: 'on/off' },
  { field: 'offVariation', label: 'served when off' },
  { field: 'prerequisites', label: 'prerequisites' },
  { field: 'fallthrough', label: 'fallthrough' },
  { field: 'bucketBy', label: 'bucket by' },
  { field: 'salt', label: 'fallthrough salt' },
];

function mergeState(base: FlagState, mine: FlagState, theirs: FlagState, label: string, overlaps: string[]): FlagState {
  const state: Record<string, unknown> = { ...theirs };
  for (const { field, label: fieldLabel } of STATE_FIELDS) {
    state[field] = merge(base[field], mine[field], theirs[field], () => overlaps.push(`${label} · ${fieldLabel}`));
  }
  state.targets = mergeTargets(base.targets ?? [], mine.targets ?? [], theirs.targets ?? []);
  state.allocations = mergeAllocations(
    base.allocations ?? [],
    mine.allocations ?? [],
    theirs.allocations ?? [],
    label,
    overlaps,
  );
  if ((state.targets as Target[]).length === 0 && theirs.targets === undefined) delete state.targets;
  if ((state.allocations as Allocation[]).length === 0 && theirs.allocations === undefined) delete state.allocations;
  for (const [field, value] of Object.entries(state)) if (value === undefined) delete state[field];
  return state as unknown as FlagState;
}

/** The three-way merge of one value: the side that changed it wins; both changing it differently is an overlap. */
function merge<T>(base: T, mine: T, theirs: T, overlap: () => void): T {
  if (same(mine, base) || same(mine, theirs)) return theirs;
  if (!same(theirs, base)) overlap();
  return mine;
}

/** `theirs` plus what `mine` added, minus what `mine` removed (order: theirs, then the additions). */
function mergeSet(base: readonly string[], mine: readonly string[], theirs: readonly string[]): string[] {
  const had = new Set(base);
  const has = new Set(mine);
  const removed = new Set(base.filter((key) => !has.has(key)));
  const added = mine.filter((key) => !had.has(key));
  return [...new Set([...theirs.filter((key) => !removed.has(key)), ...added])];
}

function mergeTargets(base: readonly Target[], mine: readonly Target[], theirs: readonly Target[]): Target[] {
  const id = (target: Target) => `${target.contextKind ?? 'user'}\u0000${target.variation}`;
  const keysOf = (targets: readonly Target[]) => {
    const byId = new Map<string, { target: Target; keys: string[] }>();
    for (const target of targets) {
      const entry = byId.get(id(target));
      if (entry) entry.keys.push(...target.values);
      else byId.set(id(target), { target, keys: [...target.values] });
    }
    return byId;
  };
  const [before, edited, current] = [keysOf(base), keysOf(mine), keysOf(theirs)];
  const ids = [...new Set([...current.keys(), ...edited.keys()])];
  return ids.flatMap((targetId) => {
    const target = current.get(targetId)?.target ?? edited.get(targetId)?.target;
    const values = mergeSet(
      before.get(targetId)?.keys ?? [],
      edited.get(targetId)?.keys ?? [],
      current.get(targetId)?.keys ?? [],
    );
    if (!target || values.length === 0) return [];
    const { contextKind } = target;
    return [{ ...(contextKind === undefined ? {} : { contextKind }), variation: target.variation, values }];
  });
}

function mergeAllocations(
  base: readonly Allocation[],
  mine: readonly Allocation[],
  theirs: readonly Allocation[],
  label: string,
  overlaps: string[],
): Allocation[] {
  const byId = (list: readonly Allocation[]) => new Map(list.map((allocation) => [allocation.id, allocation]));
  const [before, edited, current] = [byId(base), byId(mine), byId(theirs)];
  const name = (allocation: Allocation, index: number) =>
    `${label} · ${allocation.name ? `allocation “${allocation.name}”` : `the ${ordinal(index + 1)} allocation`}`;

  const merged = new Map<string, Allocation>();
  for (const allocation of theirs) {
    const old = before.get(allocation.id);
    const edit = edited.get(allocation.id);
    if (old === undefined) {
      merged.set(allocation.id, allocation); // they added it
    } else if (edit === undefined) {
      // I deleted it: gone, though their edits to it are an overlap worth saying.
      if (!same(old, allocation)) overlaps.push(`${name(old, base.indexOf(old))} (deleted in your draft)`);
    } else {
      merged.set(
        allocation.id,
        mergeAllocation(old, edit, allocation, () => name(old, base.indexOf(old)), overlaps),
      );
    }
  }
  mine.forEach((allocation, index) => {
    const old = before.get(allocation.id);
    if (old === undefined) return merged.set(allocation.id, allocation); // I added it
    if (current.has(allocation.id)) return;
    // They deleted it: mine stays only if I changed it (and that is an overlap).
    if (!same(old, allocation)) {
      overlaps.push(`${name(allocation, index)} (deleted by the other save)`);
      merged.set(allocation.id, allocation);
    }
  });

  const baseOrder = base.map((allocation) => allocation.id);
  const reordered = (list: readonly Allocation[]) => {
    const common = list.map((allocation) => allocation.id).filter((id) => before.has(id));
    const kept = baseOrder.filter((id) => common.includes(id));
    return !same(common, kept);
  };
  const iReordered = reordered(mine);
  if (iReordered && reordered(theirs)) overlaps.push(`${label} · allocation order`);
  const [primary, secondary] = iReordered ? [mine, theirs] : [theirs, mine];
  return order(primary, secondary, merged);
}

function mergeAllocation(
  base: Allocation,
  mine: Allocation,
  theirs: Allocation,
  name: () => string,
  overlaps: string[],
): Allocation {
  const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]) as Set<keyof Allocation>;
  const allocation: Record<string, unknown> = {};
  for (const field of fields) {
    const value = merge(base[field], mine[field], theirs[field], () => overlaps.push(`${name()} · ${field}`));
    if (value !== undefined) allocation[field] = value;
  }
  return allocation as unknown as Allocation;
}

/**
 * The merged allocations in `primary`'s order; those only in `secondary` go right after the
 * allocation they follow there (or first), so an allocation someone added keeps its place.
 */
function order(
  primary: readonly Allocation[],
  secondary: readonly Allocation[],
  merged: Map<string, Allocation>,
): Allocation[] {
  const ids = primary.map((allocation) => allocation.id).filter((id) => merged.has(id));
  secondary.forEach((allocation, index) => {
    if (!merged.has(allocation.id) || ids.includes(allocation.id)) return;
    const previous = secondary
      .slice(0, index)
      .reverse()
      .find((other) => ids.includes(other.id));
    ids.splice(previous ? ids.indexOf(previous.id) + 1 : 0, 0, allocation.id);
  });
  return ids.map((id) => merged.get(id) as Allocation);
}

// ── Field errors after edits ────────────────────────────────────────────────────────────────

/** The value at a field path of the flag (`environments.production.allocations[0].serve.split`), or undefined. */
export function valueAt(flag: FlagWithStates, path: string): unknown {
  let value: unknown = flag;
  for (const part of parsePath(path)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/**
 * The errors of a refused save that still describe the draft: an error stays while the field it
 * names holds what was sent, and goes once that field is edited (or moved, for a list item).
 */
export function standingErrors(
  errors: readonly FieldError[],
  sent: FlagWithStates,
  draft: FlagWithStates,
): FieldError[] {
  return errors.filter((error) => same(valueAt(sent, error.path), valueAt(draft, error.path)));
}

/**
 * A field path in words, for errors listed away from their field: `environments.production.
 * allocations[0].serve.split` → "Production · allocation “Beta” · split".
 */
export function describeFieldPath(
  path: string,
  flag: FlagWithStates,
  environmentName: (key: string) => string | undefined = () => undefined,
): string {
  const parts = parsePath(path);
  const words: string[] = [];
  let state: FlagState | undefined;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const next = parts[index + 1];
    const position = typeof next === 'number' ? next : undefined;
    if (part === 'environments' && typeof next === 'string') {
      words.push(environmentName(next) || next);
      state = flag.environments[next];
      index++;
    } else if (part === 'allocations' && position !== undefined) {
      const allocation = state?.allocations?.[position];
      words.push(allocation?.name ? `allocation “${allocation.name}”` : `the ${ordinal(position + 1)} allocation`);
      index++;
    } else if (part === 'variations' && position !== undefined) {
      words.push(`variation “${flag.variations[position]?.key ?? position + 1}”`);
      index++;
    } else if (part === 'prerequisites' && position !== undefined) {
      words.push(`prerequisite “${state?.prerequisites?.[position]?.flag ?? position + 1}”`);
      index++;
    } else if (typeof part === 'number') {
      words.push(`the ${ordinal(part + 1)}`);
    } else if (part !== undefined) {
      words.push(FIELD_WORDS[part] ?? part);
    }
  }
  return words.join(' · ') || 'the flag';
}

const FIELD_WORDS: Record<string, string> = {
  on: 'on/off',
  offVariation: 'served when off',
  targets: 'individual targets',
  conditions: 'conditions',
  serve: 'serves',
  split: 'split',
  startAt: 'start',
  endAt: 'end',
  track: 'experiment tracking',
  bucketBy: 'bucket by',
  clientSideAvailable: 'client-side SDKs',
  temporary: 'lifetime',
};
