import type { Clause, FlagState, Serve, Target, Variation, WeightedVariation } from '@vexil/engine';
import { parseInstant } from '@vexil/engine';
import type { Segment } from '../../api/segments';
import type { ClauseOperator } from '../logic/operators';
import { evenSplit } from '../logic/splits';

/**
 * The Targeting tab's small edits and conversions, apart from rendering: individual targets by
 * kind and variation, a clause changing operator, the split editor's rows, and instants as the
 * browser's date-time inputs read and write them.
 */

/** A segment's size in words: "12 keys · 2 rules", or "empty". */
export function segmentSize(segment: Pick<Segment, 'included' | 'rules'>): string {
  const keys = segment.included?.length ?? 0;
  const rules = segment.rules?.length ?? 0;
  const parts = [
    ...(keys > 0 ? [`${keys} ${keys === 1 ? 'key' : 'keys'}`] : []),
    ...(rules > 0 ? [`${rules} ${rules === 1 ? 'rule' : 'rules'}`] : []),
  ];
  return parts.length === 0 ? 'empty' : parts.join(' · ');
}

// ── Individual targets ──────────────────────────────────────────────────────────────────────

/** The context kinds the targets name, `user` always first (it is what most flags target). */
export function targetKinds(targets: readonly Target[] | undefined, extra: readonly string[] = []): string[] {
  const kinds = new Set(['user', ...(targets ?? []).map((target) => target.contextKind ?? 'user'), ...extra]);
  return [...kinds];
}

/** The keys pinned to `variation` for `kind` (lists of the same kind and variation read as one). */
export function targetKeys(targets: readonly Target[] | undefined, kind: string, variation: string): string[] {
  return (targets ?? [])
    .filter((target) => (target.contextKind ?? 'user') === kind && target.variation === variation)
    .flatMap((target) => target.values);
}

/**
 * The targets with `kind`'s keys for `variation` replaced: one list in place of the first one of
 * that kind and variation (or added at the end), none when no keys are left. `user` lists leave
 * the kind out, as the engine's default.
 */
export function setTargetKeys(
  targets: readonly Target[] | undefined,
  kind: string,
  variation: string,
  keys: readonly string[],
): Target[] {
  const matches = (target: Target) => (target.contextKind ?? 'user') === kind && target.variation === variation;
  const list = targets ?? [];
  const replacement: Target[] =
    keys.length === 0 ? [] : [{ ...(kind === 'user' ? {} : { contextKind: kind }), variation, values: [...keys] }];
  const first = list.findIndex(matches);
  if (first < 0) return [...list, ...replacement];
  return list.flatMap((target, index) => (index === first ? replacement : matches(target) ? [] : [target]));
}

/** The other variations a key is already pinned to for this kind, to warn before it is pinned twice. */
export function pinnedElsewhere(
  targets: readonly Target[] | undefined,
  kind: string,
  variation: string,
  key: string,
): string[] {
  return (targets ?? [])
    .filter(
      (target) =>
        (target.contextKind ?? 'user') === kind && target.variation !== variation && target.values.includes(key),
    )
    .map((target) => target.variation);
}

// ── Clauses ─────────────────────────────────────────────────────────────────────────────────

/** A new attribute condition: `user` whose (attribute to name) is … */
export function newAttributeClause(): Clause {
  return { attribute: '', operator: 'equals', values: [] };
}

/**
 * The clause with another operator. Values are kept when the new operator reads them the same way
 * (text to text), and dropped when they would no longer be valid (text to number, to none);
 * switching to or from segment membership changes the clause's shape.
 */
export function withOperator(clause: Clause, operator: ClauseOperator, valuesFit: (value: unknown) => boolean): Clause {
  const negate = clause.negate ? { negate: true } : {};
  if (operator === 'segment') return { segment: 'segment' in clause ? clause.segment : '', ...negate };
  const base = 'segment' in clause ? { attribute: '', values: [] } : clause;
  const { contextKind } = base as { contextKind?: string };
  return {
    ...(contextKind === undefined ? {} : { contextKind }),
    attribute: 'attribute' in base ? base.attribute : '',
    operator,
    values: base.values.filter(valuesFit),
    ...negate,
  };
}

// ── What is served ──────────────────────────────────────────────────────────────────────────

/** The split editor's rows: every variation of the flag with its weight in `split` (0 when absent). */
export function splitRows(variations: readonly Variation[], split: readonly WeightedVariation[]): WeightedVariation[] {
  const weights = new Map(split.map((share) => [share.variation, share.weight]));
  const rows = variations.map((variation) => ({ variation: variation.key, weight: weights.get(variation.key) ?? 0 }));
  // A split naming a variation the flag no longer has keeps it, so the server can say what is wrong.
  const unknown = split.filter((share) => !variations.some((variation) => variation.key === share.variation));
  return [...rows, ...unknown];
}

/** A serve switched between one variation and a split, keeping what it can. */
export function switchServe(
  serve: Serve | undefined,
  to: 'variation' | 'split',
  variations: readonly Variation[],
): Serve {
  const keys = variations.map((variation) => variation.key);
  if (to === 'variation') {
    if (serve && 'variation' in serve) return serve;
    const heaviest =
      serve && 'split' in serve ? [...serve.split].sort((a, b) => b.weight - a.weight)[0]?.variation : undefined;
    return { variation: heaviest ?? keys[0] ?? '' };
  }
  if (serve && 'split' in serve) return serve;
  return { split: evenSplit(keys) };
}

// ── Instants ────────────────────────────────────────────────────────────────────────────────

/**
 * A stored instant as a `datetime-local` input's value, in UTC (the engine reads zone-less times
 * as UTC, and the input says so): `2026-12-01T09:30:00Z` → `2026-12-01T09:30`.
 */
export function instantInputValue(value: string | number | undefined): string {
  if (value === undefined) return '';
  const instant = parseInstant(value);
  if (instant === undefined) return typeof value === 'string' ? value : '';
  return new Date(instant).toISOString().slice(0, 16);
}

/** A `datetime-local` value (UTC) as the instant to store, or undefined when cleared. */
export function instantFromInput(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00Z` : text;
}

// ── State ───────────────────────────────────────────────────────────────────────────────────

/** The state with a field set, or removed when `value` is undefined (absent fields are the engine's defaults). */
export function withField<K extends keyof FlagState>(state: FlagState, field: K, value: FlagState[K]): FlagState {
  const next = { ...state };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}
