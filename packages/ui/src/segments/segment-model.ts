import type { SegmentRule } from '@vexil/engine';
import type { Membership, Segment, SegmentDefinition, SegmentUser } from '../api/segments';

/**
 * Pure helpers of the segment pages: key lists pasted by the thousand, the draft a segment page
 * edits (what changed, what to send, how to reapply it on someone else's save), and the words for
 * membership and usage. No rendering here; each has unit tests (test/unit/segment-model.test.ts).
 */

/** The server's limits: a context key is 1–1024 characters, a list holds at most 100,000 keys. */
export const MAX_KEY_LENGTH = 1024;
export const MAX_KEYS = 100_000;

/** Keys as pasted: one per line, or separated by commas, semicolons, spaces or tabs; quotes around a key are dropped. */
export function parseKeys(text: string): string[] {
  const keys: string[] = [];
  for (const piece of text.split(/[\s,;]+/)) {
    const key = piece.replace(/^["']+|["']+$/g, '');
    if (key !== '') keys.push(key);
  }
  return keys;
}

export interface KeysAdded {
  /** The list with the new keys after the existing ones, each key once, in the order first seen. */
  keys: string[];
  /** Keys that were not in the list yet. */
  added: number;
  /** Pasted keys already in the list, or pasted more than once. */
  duplicates: number;
  /** Keys longer than the server accepts: left out, and named to the person. */
  tooLong: string[];
}

/** Adds pasted text to a key list: deduplicated, too-long keys left out. Linear in the size of both. */
export function addKeys(existing: readonly string[], text: string): KeysAdded {
  const seen = new Set(existing);
  const keys = [...existing];
  let duplicates = 0;
  const tooLong: string[] = [];
  for (const key of parseKeys(text)) {
    if (key.length > MAX_KEY_LENGTH) {
      tooLong.push(key);
    } else if (seen.has(key)) {
      duplicates++;
    } else {
      seen.add(key);
      keys.push(key);
    }
  }
  return { keys, added: keys.length - existing.length, duplicates, tooLong };
}

/** The list without the given keys. */
export function removeKeys(keys: readonly string[], removed: ReadonlySet<string>): string[] {
  return keys.filter((key) => !removed.has(key));
}

/** The keys containing the search text (case-insensitive), in list order; all of them for an empty search. */
export function searchKeys(keys: readonly string[], search: string): readonly string[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return keys;
  return keys.filter((key) => key.toLowerCase().includes(needle));
}

/** Each key once, in the order first seen. */
export function dedupe(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}

// ── The draft ───────────────────────────────────────────────────────────────────────────────

/** What the segment page edits: the whole definition, every field present. */
export interface SegmentDraft {
  name: string;
  description: string;
  /** The kind of context whose keys are listed; empty for `user`. */
  contextKind: string;
  included: string[];
  excluded: string[];
  rules: SegmentRule[];
}

export function draftOf(segment: Segment): SegmentDraft {
  return {
    name: segment.name ?? '',
    description: segment.description ?? '',
    contextKind: segment.contextKind ?? '',
    included: [...(segment.included ?? [])],
    excluded: [...(segment.excluded ?? [])],
    rules: (segment.rules ?? []) as SegmentRule[],
  };
}

/** The definition to PUT: empty texts and empty lists left out (PUT removes what it is not given). */
export function definitionOf(draft: SegmentDraft): SegmentDefinition {
  const name = draft.name.trim();
  const description = draft.description.trim();
  const contextKind = draft.contextKind.trim();
  return {
    ...(name === '' ? {} : { name }),
    ...(description === '' ? {} : { description }),
    ...(contextKind === '' ? {} : { contextKind }),
    ...(draft.included.length === 0 ? {} : { included: draft.included }),
    ...(draft.excluded.length === 0 ? {} : { excluded: draft.excluded }),
    ...(draft.rules.length === 0 ? {} : { rules: draft.rules as SegmentDefinition['rules'] }),
  };
}

export type DraftField = keyof SegmentDraft;

const FIELD_NAMES: Record<DraftField, string> = {
  name: 'name',
  description: 'description',
  contextKind: 'context kind',
  included: 'included keys',
  excluded: 'excluded keys',
  rules: 'rules',
};

export function fieldName(field: DraftField): string {
  return FIELD_NAMES[field];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Keys added to and removed from a list, for a change in words. */
export function listChange(
  before: readonly string[],
  after: readonly string[],
): { added: string[]; removed: string[] } {
  const had = new Set(before);
  const has = new Set(after);
  return { added: after.filter((key) => !had.has(key)), removed: before.filter((key) => !has.has(key)) };
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/** Each changed field in words, in the page's order: "Included keys: 5,000 added, 1 removed". */
export function describeChanges(saved: SegmentDraft, draft: SegmentDraft): { field: DraftField; text: string }[] {
  const changes: { field: DraftField; text: string }[] = [];
  for (const field of ['name', 'description', 'contextKind'] as const) {
    if (saved[field].trim() === draft[field].trim()) continue;
    const from = saved[field].trim() || '(none)';
    const to = draft[field].trim() || '(none)';
    changes.push({ field, text: `${capitalise(FIELD_NAMES[field])}: ${from} → ${to}` });
  }
  for (const field of ['included', 'excluded'] as const) {
    const { added, removed } = listChange(saved[field], draft[field]);
    if (added.length === 0 && removed.length === 0) continue;
    const parts = [
      ...(added.length > 0 ? [`${plural(added.length, 'key', 'keys')} added`] : []),
      ...(removed.length > 0 ? [`${plural(removed.length, 'key', 'keys')} removed`] : []),
    ];
    changes.push({ field, text: `${capitalise(FIELD_NAMES[field])}: ${parts.join(', ')}` });
  }
  if (!sameValue(saved.rules, draft.rules))
    changes.push({
      field: 'rules',
      text: `Rules: ${plural(saved.rules.length, 'rule', 'rules')} → ${plural(draft.rules.length, 'rule', 'rules')}`,
    });
  return changes;
}

export function changedFields(saved: SegmentDraft, draft: SegmentDraft): DraftField[] {
  return describeChanges(saved, draft).map((change) => change.field);
}

export interface Reapplied {
  draft: SegmentDraft;
  /** Fields both sides changed, each to something else: the draft keeps mine, and the person should look. */
  conflicts: DraftField[];
}

/**
 * My edits (`base` → `mine`) reapplied on someone else's save (`theirs`), field by field: a field
 * only I changed takes mine, one only they changed takes theirs; key lists merge as sets (their
 * list, plus the keys I added, minus the keys I removed), so two people adding keys both keep theirs.
 */
export function reapply(base: SegmentDraft, mine: SegmentDraft, theirs: SegmentDraft): Reapplied {
  const draft: SegmentDraft = { ...theirs };
  const conflicts: DraftField[] = [];
  for (const field of ['name', 'description', 'contextKind', 'rules'] as const) {
    const iChanged = !sameValue(base[field], mine[field]);
    if (!iChanged) continue;
    const theyChanged = !sameValue(base[field], theirs[field]);
    if (theyChanged && !sameValue(mine[field], theirs[field])) conflicts.push(field);
    // biome-ignore lint/suspicious/noExplicitAny: the same field of the same type on both sides
    (draft as any)[field] = mine[field];
  }
  for (const field of ['included', 'excluded'] as const) {
    const { added, removed } = listChange(base[field], mine[field]);
    if (added.length === 0 && removed.length === 0) continue;
    const gone = new Set(removed);
    draft[field] = dedupe([...theirs[field].filter((key) => !gone.has(key)), ...added]);
  }
  return { draft, conflicts };
}

// ── Words ───────────────────────────────────────────────────────────────────────────────────

/** A segment's size in words: "5,000 keys · 2 rules", "empty". */
export function sizeText(segment: Pick<Segment, 'included' | 'excluded' | 'rules'>): string {
  const included = segment.included?.length ?? 0;
  const excluded = segment.excluded?.length ?? 0;
  const rules = segment.rules?.length ?? 0;
  const parts = [
    ...(included > 0 ? [plural(included, 'key', 'keys')] : []),
    ...(excluded > 0 ? [`${excluded.toLocaleString('en')} excluded`] : []),
    ...(rules > 0 ? [plural(rules, 'rule', 'rules')] : []),
  ];
  return parts.length === 0 ? 'empty' : parts.join(' · ');
}

/** Why a context is in a segment or not: "In — the key is in the included list". */
export function membershipText(membership: Membership, kind: string): string {
  const noun = kind === '' ? 'user' : kind;
  switch (membership.reason) {
    case 'included':
      return `In — this ${noun}’s key is in the included list`;
    case 'excluded':
      return `Out — this ${noun}’s key is in the excluded list`;
    case 'rule':
      return `In — rule ${(membership.rule ?? 0) + 1}${membership.ruleId ? ` (${membership.ruleId})` : ''} matched`;
    case 'no-rule':
      return `Out — the key is in neither list and no rule matched`;
  }
}

/** Where a flag uses the segment: "Production, Staging" (names from the environments, keys otherwise). */
export function environmentsText(user: SegmentUser, names: ReadonlyMap<string, string>): string {
  return user.environments.map((key) => names.get(key) ?? key).join(', ');
}

/** A segment's usage in a few words for the list: "Used by 2 flags", "Not used". */
export function usageSummary(users: readonly SegmentUser[] | undefined): string {
  if (users === undefined || users.length === 0) return 'Not used';
  return `Used by ${plural(users.length, 'flag', 'flags')}`;
}

/** Segments whose key or name contains the search text (case-insensitive). */
export function matchesSearch(segment: Pick<Segment, 'key' | 'name' | 'description'>, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [segment.key, segment.name ?? '', segment.description ?? ''].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
