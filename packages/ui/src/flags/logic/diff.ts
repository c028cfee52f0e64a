import {
  type Allocation,
  type AttributeRef,
  type Clause,
  type Flag,
  type FlagState,
  type FlagValue,
  parseInstant,
  type Serve,
  type Target,
} from '@vexil/engine';
import { joinPath } from './problems';
import {
  attributeName,
  conditionsSentence,
  formatInstant,
  kindNoun,
  prerequisiteSentence,
  sentenceText,
  serveSentence,
  type Vocabulary,
} from './sentences';
import { formatWeight } from './splits';

/**
 * The draft's review (CONSOLE.md: "Review, a per-field before/after diff"): what the draft changes
 * in the saved flag, field by field and in words. A pure function of (saved, draft), so approvals
 * can show the same list later.
 *
 * Unlike the history's JSON diff (index by index), allocations are matched by id, so a reorder
 * reads as "moved from 2nd to 1st" and an inserted allocation as one addition; variations are
 * matched by key, prerequisites by flag, individual targets by (context kind, variation) with the
 * keys added and removed. Defaults count as given (`enabled` absent is enabled, exposure absent is
 * 100 %), so a field the editor wrote out explicitly is not reported as a change.
 */

/** A flag with its state in each environment, as the flag page holds it (the API's flag view fits). */
export interface FlagWithStates extends Flag {
  environments: Record<string, FlagState>;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface FieldChange {
  /**
   * The field in the server's error notation, as the flag-creation API locates it:
   * `variations[1].value`, `environments.production.allocations[0].exposure` (indexes of the draft;
   * of the saved flag for what was removed). `problems.ts` matches the same paths.
   */
  path: string;
  /** The environment whose state changed; absent for the flag's definition. */
  environment?: string;
  /** "production · allocation “Beta” · exposure". */
  label: string;
  kind: ChangeKind;
  /** The saved value in words; absent when there was none. */
  before?: string;
  /** The draft's value in words; absent when there is none. */
  after?: string;
  /** For lists of keys (individual targets, tags): what the draft adds and removes. */
  added?: string[];
  removed?: string[];
  /** One line: "30 % → 50 %", "moved from 2nd to 1st", "added alice, bob; removed carol". */
  summary: string;
}

export interface DiffOptions extends Vocabulary {
  /** An environment's display name; its key is shown when unknown. */
  environmentName?: (key: string) => string | undefined;
}

/** Every change from `saved` to `draft`: the definition first, then each environment in the draft's order. */
export function diffFlag(saved: FlagWithStates, draft: FlagWithStates, options: DiffOptions = {}): FieldChange[] {
  const vocabulary: Vocabulary = { ...options, variations: draft.variations };
  const changes: FieldChange[] = [];
  diffDefinition(saved, draft, changes);
  for (const [environment, state] of Object.entries(draft.environments)) {
    const before = saved.environments[environment];
    if (!before) continue; // environments are added and deleted in settings, never by a draft
    const scope: Scope = {
      environment,
      label: options.environmentName?.(environment) || environment,
      path: `environments.${environment}`,
      vocabulary,
      savedVocabulary: { ...vocabulary, variations: saved.variations },
    };
    diffState(before, state, scope, changes);
  }
  return changes;
}

/** How many changes the draft holds: the "N unsaved changes" of the draft bar. */
export function countChanges(saved: FlagWithStates, draft: FlagWithStates): number {
  return diffFlag(saved, draft).length;
}

/** 1 → "1st", 2 → "2nd", 11 → "11th", 22 → "22nd". */
export function ordinal(position: number): string {
  const tens = position % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][position % 10] ?? 'th');
  return `${position}${suffix}`;
}

// ── Definition ──────────────────────────────────────────────────────────────────────────────

function diffDefinition(saved: Flag, draft: Flag, changes: FieldChange[]): void {
  const field = (path: string, label: string, before: string | undefined, after: string | undefined) =>
    pushChange(changes, { path, label, before, after });
  field('name', 'name', saved.name || undefined, draft.name || undefined);
  field('description', 'description', saved.description || undefined, draft.description || undefined);
  pushKeys(changes, { path: 'tags', label: 'tags' }, saved.tags ?? [], draft.tags ?? []);
  field('temporary', 'lifetime', lifetime(saved), lifetime(draft));
  field('clientSideAvailable', 'client-side SDKs', clientSide(saved), clientSide(draft));

  const savedByKey = new Map(saved.variations.map((variation) => [variation.key, variation]));
  const draftKeys = new Set(draft.variations.map((variation) => variation.key));
  draft.variations.forEach((variation, index) => {
    const path = `variations[${index}]`;
    const label = `variation “${variation.key}”`;
    const before = savedByKey.get(variation.key);
    if (!before) return pushChange(changes, { path, label, after: valueText(variation.value) });
    pushChange(changes, {
      path: `${path}.value`,
      label: `${label} · value`,
      before: valueText(before.value),
      after: valueText(variation.value),
    });
    field(`${path}.name`, `${label} · name`, before.name || undefined, variation.name || undefined);
  });
  saved.variations.forEach((variation, index) => {
    if (draftKeys.has(variation.key)) return;
    pushChange(changes, {
      path: `variations[${index}]`,
      label: `variation “${variation.key}”`,
      before: valueText(variation.value),
    });
  });
}

function lifetime(flag: Flag): string {
  return flag.temporary ? 'temporary' : 'permanent';
}

function clientSide(flag: Flag): string {
  return flag.clientSideAvailable ? 'available' : 'not available';
}

/** A variation's value as JSON with sorted keys, so `{a, b}` and `{b, a}` read (and compare) the same. */
function valueText(value: FlagValue): string {
  return canonical(value);
}

/** JSON with object keys sorted and undefined fields left out: equal documents give equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}

// ── Environment state ───────────────────────────────────────────────────────────────────────

interface Scope {
  environment: string;
  /** The environment's name, first in every label. */
  label: string;
  /** `environments.<key>`, first in every path. */
  path: string;
  vocabulary: Vocabulary;
  /** Words for the saved side: the saved variations' names. */
  savedVocabulary: Vocabulary;
}

function diffState(saved: FlagState, draft: FlagState, scope: Scope, changes: FieldChange[]): void {
  const add = (change: Omit<ChangeInput, 'environment'>) =>
    pushChange(changes, {
      ...change,
      environment: scope.environment,
      path: joinPath(scope.path, change.path),
      label: `${scope.label} · ${change.label}`,
    });
  const variation = (key: string | undefined, vocabulary: Vocabulary) =>
    key === undefined ? undefined : (vocabulary.variations?.find((known) => known.key === key)?.name ?? key);

  add({ path: 'on', label: 'on/off', before: saved.on ? 'on' : 'off', after: draft.on ? 'on' : 'off' });
  add({
    path: 'offVariation',
    label: 'served when off',
    same: saved.offVariation === draft.offVariation,
    before: variation(saved.offVariation, scope.savedVocabulary) ?? 'the code’s default',
    after: variation(draft.offVariation, scope.vocabulary) ?? 'the code’s default',
  });
  diffPrerequisites(saved, draft, scope, add);
  diffTargets(saved.targets ?? [], draft.targets ?? [], scope, changes);
  diffAllocations(saved.allocations ?? [], draft.allocations ?? [], scope, add);
  add({
    path: 'fallthrough',
    label: 'fallthrough',
    same: canonical(saved.fallthrough) === canonical(draft.fallthrough),
    before: saved.fallthrough ? serveText(saved.fallthrough, scope.savedVocabulary) : 'the code’s default',
    after: draft.fallthrough ? serveText(draft.fallthrough, scope.vocabulary) : 'the code’s default',
  });
  add({
    path: 'bucketBy',
    label: 'bucket by',
    before: bucketByText(saved.bucketBy),
    after: bucketByText(draft.bucketBy),
    same: canonical(bucketByOf(saved.bucketBy)) === canonical(bucketByOf(draft.bucketBy)),
  });
  add({ path: 'salt', label: 'fallthrough salt', before: saved.salt, after: draft.salt });
}

type AddChange = (change: Omit<ChangeInput, 'environment'>) => void;

function diffPrerequisites(saved: FlagState, draft: FlagState, scope: Scope, add: AddChange): void {
  const before = saved.prerequisites ?? [];
  const after = draft.prerequisites ?? [];
  const savedByFlag = new Map(before.map((prerequisite) => [prerequisite.flag, prerequisite]));
  const draftFlags = new Set(after.map((prerequisite) => prerequisite.flag));
  after.forEach((prerequisite, index) => {
    const old = savedByFlag.get(prerequisite.flag);
    add({
      path: `prerequisites[${index}]`,
      label: `prerequisite “${prerequisite.flag}”`,
      before: old ? sentenceText(prerequisiteSentence(old, scope.savedVocabulary)) : undefined,
      after: sentenceText(prerequisiteSentence(prerequisite, scope.vocabulary)),
      same: old !== undefined && canonical(old.variations) === canonical(prerequisite.variations),
    });
  });
  before.forEach((prerequisite, index) => {
    if (draftFlags.has(prerequisite.flag)) return;
    add({
      path: `prerequisites[${index}]`,
      label: `prerequisite “${prerequisite.flag}”`,
      before: sentenceText(prerequisiteSentence(prerequisite, scope.savedVocabulary)),
    });
  });
}

function diffTargets(saved: readonly Target[], draft: readonly Target[], scope: Scope, changes: FieldChange[]): void {
  const id = (target: Target) => `${target.contextKind ?? 'user'}\u0000${target.variation}`;
  const savedById = new Map<string, string[]>();
  for (const target of saved) savedById.set(id(target), [...(savedById.get(id(target)) ?? []), ...target.values]);
  const seen = new Set<string>();
  const label = (target: Target) =>
    `${scope.label} · individual targets · ${kindNoun(target.contextKind, true).toLowerCase()} served “${target.variation}”`;
  draft.forEach((target, index) => {
    seen.add(id(target));
    const before = savedById.get(id(target)) ?? [];
    const after = draft.filter((other) => id(other) === id(target)).flatMap((other) => other.values);
    // Split lists of one kind and variation are compared as one; report them once.
    if (draft.findIndex((other) => id(other) === id(target)) !== index) return;
    pushKeys(
      changes,
      { path: `${scope.path}.targets[${index}].values`, label: label(target), environment: scope.environment },
      before,
      after,
    );
  });
  saved.forEach((target, index) => {
    if (seen.has(id(target))) return;
    seen.add(id(target));
    pushKeys(
      changes,
      { path: `${scope.path}.targets[${index}]`, label: label(target), environment: scope.environment },
      savedById.get(id(target)) ?? [],
      [],
    );
  });
}

function diffAllocations(
  saved: readonly Allocation[],
  draft: readonly Allocation[],
  scope: Scope,
  add: AddChange,
): void {
  const savedIndex = new Map(saved.map((allocation, index) => [allocation.id, index]));
  const draftIds = new Set(draft.map((allocation) => allocation.id));
  const moved = movedIds(
    saved.map((allocation) => allocation.id),
    draft.map((allocation) => allocation.id),
  );
  draft.forEach((allocation, index) => {
    const path = `allocations[${index}]`;
    const from = savedIndex.get(allocation.id);
    if (from === undefined) {
      return add({
        path,
        label: allocationLabel(allocation, index),
        after: allocationText(allocation, scope.vocabulary),
      });
    }
    const old = saved[from]!;
    // Named as saved, so a renamed or moved allocation is still recognised by what others know it as.
    const name = allocationLabel(old, from);
    if (moved.has(allocation.id)) {
      add({
        path,
        label: `${name} · position`,
        kind: 'moved',
        before: ordinal(from + 1),
        after: ordinal(index + 1),
        summary: `moved from ${ordinal(from + 1)} to ${ordinal(index + 1)}`,
      });
    }
    for (const { field, label, words, normal } of ALLOCATION_FIELDS) {
      add({
        path: `${path}.${field}`,
        label: `${name} · ${label}`,
        before: words(old, scope.savedVocabulary),
        after: words(allocation, scope.vocabulary),
        same: canonical(normal(old)) === canonical(normal(allocation)),
      });
    }
  });
  saved.forEach((allocation, index) => {
    if (draftIds.has(allocation.id)) return;
    add({
      path: `allocations[${index}]`,
      label: allocationLabel(allocation, index),
      before: allocationText(allocation, scope.savedVocabulary),
    });
  });
}

interface AllocationField {
  field: keyof Allocation;
  label: string;
  words: (allocation: Allocation, vocabulary: Vocabulary) => string | undefined;
  /** The field with its default applied: equal normal forms mean no change. */
  normal: (allocation: Allocation) => unknown;
}

/** The fields of an allocation in the order its card shows them. */
const ALLOCATION_FIELDS: AllocationField[] = [
  {
    field: 'name',
    label: 'name',
    words: (allocation) => allocation.name || undefined,
    normal: (allocation) => allocation.name || undefined,
  },
  {
    field: 'enabled',
    label: 'status',
    words: (allocation) => (allocation.enabled === false ? 'disabled' : 'enabled'),
    normal: (allocation) => allocation.enabled !== false,
  },
  {
    field: 'conditions',
    label: 'conditions',
    words: (allocation, vocabulary) => whoText(allocation.conditions, vocabulary),
    normal: (allocation) =>
      (allocation.conditions ?? []).map((clause) =>
        'segment' in clause
          ? { segment: clause.segment, negate: clause.negate === true }
          : { ...clause, contextKind: clause.contextKind ?? 'user', negate: clause.negate === true },
      ),
  },
  {
    field: 'startAt',
    label: 'start',
    words: (allocation, vocabulary) => instantText(allocation.startAt, vocabulary),
    normal: (allocation) => instantOf(allocation.startAt),
  },
  {
    field: 'endAt',
    label: 'end',
    words: (allocation, vocabulary) => instantText(allocation.endAt, vocabulary),
    normal: (allocation) => instantOf(allocation.endAt),
  },
  {
    field: 'exposure',
    label: 'exposure',
    words: (allocation) => `${formatWeight(allocation.exposure ?? 100)} %`,
    normal: (allocation) => allocation.exposure ?? 100,
  },
  {
    field: 'serve',
    label: 'serves',
    words: (allocation, vocabulary) => serveText(allocation.serve, vocabulary),
    normal: (allocation) => allocation.serve,
  },
  {
    field: 'track',
    label: 'experiment tracking',
    words: (allocation) => (allocation.track ? 'tracked' : 'not tracked'),
    normal: (allocation) => allocation.track === true,
  },
  {
    field: 'bucketBy',
    label: 'bucket by',
    words: (allocation) => bucketByText(allocation.bucketBy),
    normal: (allocation) => bucketByOf(allocation.bucketBy),
  },
  { field: 'salt', label: 'salt', words: (allocation) => allocation.salt, normal: (allocation) => allocation.salt },
];

function allocationLabel(allocation: Allocation, index: number): string {
  return allocation.name ? `allocation “${allocation.name}”` : `allocation ${index + 1}`;
}

function allocationText(allocation: Allocation, vocabulary: Vocabulary): string {
  return `${whoText(allocation.conditions, vocabulary)}: ${serveText(allocation.serve, vocabulary)}`;
}

function whoText(conditions: readonly Clause[] | undefined, vocabulary: Vocabulary): string {
  return sentenceText(conditionsSentence(conditions, { ...vocabulary, maxListed: Number.POSITIVE_INFINITY }));
}

function serveText(serve: Serve, vocabulary: Vocabulary): string {
  return sentenceText(serveSentence(serve, vocabulary));
}

function instantText(value: string | number | undefined, vocabulary: Vocabulary): string | undefined {
  return value === undefined ? undefined : formatInstant(value, vocabulary.timeZone);
}

/** An instant as epoch milliseconds, so `2026-12-01` and `2026-12-01T00:00:00Z` are the same start. */
function instantOf(value: string | number | undefined): number | string | undefined {
  return value === undefined ? undefined : (parseInstant(value) ?? String(value));
}

function bucketByOf(ref: AttributeRef | undefined): AttributeRef | undefined {
  return ref && { contextKind: ref.contextKind ?? 'user', attribute: ref.attribute ?? 'key' };
}

function bucketByText(ref: AttributeRef | undefined): string | undefined {
  if (!ref) return undefined;
  return `${ref.contextKind ?? 'user'} ${attributeName(ref.attribute ?? 'key')}`;
}

/**
 * The allocations whose relative order changed: every common id outside a longest run that kept
 * its order. Moving one allocation from 3rd to 1st moves only it, not the two it jumped over.
 */
export function movedIds(before: readonly string[], after: readonly string[]): Set<string> {
  const position = new Map(before.map((id, index) => [id, index]));
  const common = after.filter((id) => position.has(id));
  const ranks = common.map((id) => position.get(id)!);
  // Longest increasing subsequence of saved positions, in O(n log n) with predecessor links.
  const tails: number[] = [];
  const previous: number[] = new Array(ranks.length).fill(-1);
  ranks.forEach((rank, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ranks[tails[middle]!]! < rank) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  });
  const kept = new Set<string>();
  for (let index = tails[tails.length - 1] ?? -1; index >= 0; index = previous[index]!) kept.add(common[index]!);
  return new Set(common.filter((id) => !kept.has(id)));
}

// ── Building changes ────────────────────────────────────────────────────────────────────────

interface ChangeInput {
  path: string;
  label: string;
  environment?: string;
  kind?: ChangeKind;
  before?: string | undefined;
  after?: string | undefined;
  summary?: string;
  /** Whether the field is unchanged; by default, whether before and after read the same. */
  same?: boolean;
}

/** Adds a change unless the field is the same; the kind follows from which side is absent. */
function pushChange(changes: FieldChange[], input: ChangeInput): void {
  const { before, after } = input;
  if (input.kind !== 'moved' && (input.same ?? before === after)) return;
  const kind = input.kind ?? (before === undefined ? 'added' : after === undefined ? 'removed' : 'changed');
  changes.push({
    path: input.path,
    ...(input.environment === undefined ? {} : { environment: input.environment }),
    label: input.label,
    kind,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    summary: input.summary ?? summary(kind, before, after),
  });
}

function summary(kind: ChangeKind, before: string | undefined, after: string | undefined): string {
  if (kind === 'added') return `added: ${after}`;
  if (kind === 'removed') return `removed: ${before}`;
  return `${before} → ${after}`;
}

/** A change to a list of keys (tags, targeted context keys), told as the keys added and removed. */
function pushKeys(
  changes: FieldChange[],
  at: { path: string; label: string; environment?: string },
  before: readonly string[],
  after: readonly string[],
): void {
  const had = new Set(before);
  const has = new Set(after);
  const added = [...has].filter((key) => !had.has(key));
  const removed = [...had].filter((key) => !has.has(key));
  if (added.length === 0 && removed.length === 0) return;
  const kind: ChangeKind = had.size === 0 ? 'added' : has.size === 0 ? 'removed' : 'changed';
  changes.push({
    ...at,
    kind,
    ...(had.size === 0 ? {} : { before: [...had].join(', ') }),
    ...(has.size === 0 ? {} : { after: [...has].join(', ') }),
    added,
    removed,
    summary: [
      ...(added.length > 0 ? [`added ${added.join(', ')}`] : []),
      ...(removed.length > 0 ? [`removed ${removed.join(', ')}`] : []),
    ].join('; '),
  });
}
