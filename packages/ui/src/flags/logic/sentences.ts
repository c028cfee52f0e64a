import {
  type Allocation,
  type Clause,
  type FlagState,
  type FlagValue,
  parseInstant,
  type Prerequisite,
  type Serve,
  type Target,
  type Variation,
} from '@vexil/engine';
import { type ClauseOperator, clauseValueText, operatorInfo, operatorLabel } from './operators';
import { formatWeight } from './splits';

/**
 * A flag's targeting in words (CONSOLE.md: "say it in words"). Sentences are lists of parts, so
 * React can emphasise values and link segments without HTML strings; `sentenceText` gives the
 * plain form for aria labels and tests.
 *
 * The words follow the engine (docs/evaluation.md), not intuition: a context that matches an
 * allocation but falls outside its exposure is *not exposed* — it gets the code's default and
 * does not go on down the waterfall — so the sentence says so.
 */

/** What a part names, for emphasis; connecting words have none. */
export type PartRole = 'attribute' | 'value' | 'variation' | 'segment' | 'flag' | 'context-key' | 'percentage' | 'time';

export interface SentencePart {
  text: string;
  role?: PartRole;
  /** The key behind a variation, segment or flag reference (a segment's name is shown, its key links). */
  key?: string;
}

export type Sentence = SentencePart[];

/** What sentences need to know beyond the rule itself. */
export interface Vocabulary {
  /** A segment's display name; the key is shown when it is unknown. */
  segmentName?: (key: string) => string | undefined;
  /** A flag's display name, for prerequisites; the key is shown when it is unknown. */
  flagName?: (key: string) => string | undefined;
  /** The flag's variations, so a variation is named by its name when it has one. */
  variations?: readonly Variation[];
  /** IANA zone for dates and times (default UTC, which is how the engine reads zone-less times). */
  timeZone?: string;
  /** Lists longer than this show the first ones and "and N more" (default 5). */
  maxListed?: number;
}

/** The plain text of a sentence. */
export function sentenceText(sentence: readonly SentencePart[]): string {
  return sentence.map((part) => part.text).join('');
}

// ── Words ───────────────────────────────────────────────────────────────────────────────────

/** A context kind as a noun: user → "User" / "Users", company → "Companies", my-app → "my-app contexts". */
export function kindNoun(kind: string | undefined, plural: boolean): string {
  const name = kind ?? 'user';
  if (!/^[A-Za-z]+$/.test(name)) return `${name} ${plural ? 'contexts' : 'context'}`;
  const singular = name[0]!.toUpperCase() + name.slice(1);
  if (!plural) return singular;
  if (/[^aeiou]y$/i.test(singular)) return `${singular.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(singular)) return `${singular}es`;
  return `${singular}s`;
}

/** An attribute reference as read: `email`, `/address/city` → "address › city". */
export function attributeName(attribute: string): string {
  if (!attribute.startsWith('/')) return attribute;
  return attribute
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An instant (ISO 8601 or epoch milliseconds, as the engine reads them) as "1 Dec 2026", or
 * "1 Dec 2026, 09:30" when it is not midnight; UTC times say "UTC". Unreadable input is shown as is.
 */
export function formatInstant(value: string | number, timeZone = 'UTC'): string {
  const instant = parseInstant(value);
  if (instant === undefined) return String(value);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const date = `${Number(part('day'))} ${MONTHS[Number(part('month')) - 1]} ${part('year')}`;
  const time = `${part('hour')}:${part('minute')}`;
  if (time === '00:00') return date;
  return `${date}, ${time}${timeZone === 'UTC' ? ' UTC' : ''}`;
}

function words(text: string): SentencePart {
  return { text };
}

function variationPart(key: string, vocabulary: Vocabulary): SentencePart {
  const name = vocabulary.variations?.find((variation) => variation.key === key)?.name;
  return { text: name || key, role: 'variation', key };
}

function percentPart(percent: number): SentencePart {
  return { text: `${formatWeight(percent)} %`, role: 'percentage' };
}

/** `items` separated by ", " or `last` before the final one, cut to `maxListed` with "and N more". */
function list(items: SentencePart[], last: string, maxListed = 5): Sentence {
  const shown = items.length > maxListed ? items.slice(0, maxListed) : items;
  const hidden = items.length - shown.length;
  const parts: Sentence = [];
  shown.forEach((item, index) => {
    if (index > 0) parts.push(words(index === shown.length - 1 && hidden === 0 ? last : ', '));
    parts.push(item);
  });
  if (hidden > 0) parts.push(words(` and ${hidden} more`));
  return parts;
}

function capitalise(sentence: Sentence): Sentence {
  const [first, ...rest] = sentence;
  if (!first || first.role) return sentence;
  return [{ ...first, text: first.text.charAt(0).toUpperCase() + first.text.slice(1) }, ...rest];
}

function lowerFirst(sentence: Sentence): Sentence {
  const [first, ...rest] = sentence;
  if (!first || first.role) return sentence;
  return [{ ...first, text: first.text.charAt(0).toLowerCase() + first.text.slice(1) }, ...rest];
}

// ── Clauses and conditions ──────────────────────────────────────────────────────────────────

function valueParts(operator: ClauseOperator, values: readonly FlagValue[], vocabulary: Vocabulary): Sentence {
  const type = operatorInfo(operator).valueType;
  const parts = values.map((value): SentencePart => {
    const text =
      type === 'date-time' && (typeof value === 'string' || typeof value === 'number')
        ? formatInstant(value, vocabulary.timeZone)
        : clauseValueText(value);
    return { text: text === '' ? '(empty)' : text, role: 'value' };
  });
  return list(parts, operator === 'in' || operator === 'not_in' ? ', ' : ' or ', vocabulary.maxListed);
}

function segmentPart(key: string, vocabulary: Vocabulary): SentencePart {
  return { text: vocabulary.segmentName?.(key) || key, role: 'segment', key };
}

/**
 * One clause on its own: "email ends with @acme.com", "organization › plan is one of enterprise, pro",
 * "in segment Beta testers". Non-user kinds are named before the attribute.
 */
export function clauseSentence(clause: Clause, vocabulary: Vocabulary = {}): Sentence {
  if ('segment' in clause) {
    return [words(clause.negate ? 'not in segment ' : 'in segment '), segmentPart(clause.segment, vocabulary)];
  }
  const kind = clause.contextKind ?? 'user';
  return [
    ...(kind === 'user' ? [] : [words(`${kind} › `)]),
    ...attributeClause(clause.attribute, clause.operator, clause.values, clause.negate === true, vocabulary),
  ];
}

function attributeClause(
  attribute: string,
  operator: ClauseOperator,
  values: readonly FlagValue[],
  negate: boolean,
  vocabulary: Vocabulary,
): Sentence {
  const label = operatorLabel(operator, negate);
  const head: Sentence = [{ text: attributeName(attribute), role: 'attribute' }, words(` ${label}`)];
  if (operatorInfo(operator).values === 'none') return head;
  return [...head, words(' '), ...valueParts(operator, values, vocabulary)];
}

/**
 * Who an allocation's conditions select: "Everyone", "Users whose email ends with @acme.com",
 * "Organizations whose plan is one of enterprise, pro", "Users whose country is FR and who are in
 * Beta testers". The kind of the first attribute clause names the subject; clauses on other kinds
 * say whose attribute they read ("whose organization’s plan …").
 */
export function conditionsSentence(conditions: readonly Clause[] | undefined, vocabulary: Vocabulary = {}): Sentence {
  const clauses = conditions ?? [];
  const subject = clauses.find((clause) => !('segment' in clause));
  const subjectKind = subject && !('segment' in subject) ? (subject.contextKind ?? 'user') : undefined;
  const parts: Sentence = [words(subjectKind === undefined ? 'Everyone' : kindNoun(subjectKind, true))];
  clauses.forEach((clause, index) => {
    parts.push(words(index === 0 ? ' ' : ' and '));
    if ('segment' in clause) {
      const negation = clause.negate ? 'not in ' : 'in ';
      parts.push(words(subjectKind === undefined ? negation : `who are ${negation}`));
      parts.push(segmentPart(clause.segment, vocabulary));
      return;
    }
    const kind = clause.contextKind ?? 'user';
    parts.push(words(kind === subjectKind ? 'whose ' : `whose ${kind}’s `));
    parts.push(
      ...attributeClause(clause.attribute, clause.operator, clause.values, clause.negate === true, vocabulary),
    );
  });
  return parts;
}

// ── What is served ──────────────────────────────────────────────────────────────────────────

function splitParts(split: readonly { variation: string; weight: number }[], vocabulary: Vocabulary): Sentence {
  const parts: Sentence = [words('split ')];
  split.forEach((share, index) => {
    if (index > 0) parts.push(words(' / '));
    parts.push(percentPart(share.weight), words(' '), variationPart(share.variation, vocabulary));
  });
  return parts;
}

function shardParts(serve: Extract<Serve, { shards: unknown }>, vocabulary: Vocabulary): Sentence {
  const keys = [...new Set(serve.shards.map((entry) => entry.variation))];
  return [
    ...list(
      keys.map((key) => variationPart(key, vocabulary)),
      ' or ',
      vocabulary.maxListed,
    ),
    words(' by Eppo shards'),
  ];
}

/** What a serve hands out, on its own: "new", "split 50 % a / 50 % b", "a or b by Eppo shards". */
export function serveSentence(serve: Serve, vocabulary: Vocabulary = {}): Sentence {
  if ('variation' in serve) return [variationPart(serve.variation, vocabulary)];
  if ('split' in serve) return splitParts(serve.split, vocabulary);
  return shardParts(serve, vocabulary);
}

/** "From 1 Dec 2026 until 8 Dec 2026", "From 1 Dec 2026", "Until 8 Dec 2026", or nothing. */
export function windowSentence(
  startAt: string | number | undefined,
  endAt: string | number | undefined,
  vocabulary: Vocabulary = {},
): Sentence {
  const parts: Sentence = [];
  if (startAt !== undefined)
    parts.push(words('from '), { text: formatInstant(startAt, vocabulary.timeZone), role: 'time' });
  if (endAt !== undefined) {
    parts.push(words(parts.length > 0 ? ' until ' : 'until '), {
      text: formatInstant(endAt, vocabulary.timeZone),
      role: 'time',
    });
  }
  return capitalise(parts);
}

/** "— 30 % get new, the other 70 % get the code's default", or " get new" for everyone. */
function outcome(serve: Serve, exposure: number, everyone: boolean, vocabulary: Vocabulary): Sentence {
  const get = everyone ? 'gets' : 'get';
  if ('shards' in serve) return [words(' — '), ...shardParts(serve, vocabulary), words('; the rest go on')];
  if (exposure >= 100) {
    return 'variation' in serve
      ? [words(` ${get} `), variationPart(serve.variation, vocabulary)]
      : [words(' — '), ...splitParts(serve.split, vocabulary)];
  }
  return [
    words(' — '),
    percentPart(exposure),
    ...('variation' in serve
      ? [words(' get '), variationPart(serve.variation, vocabulary)]
      : [words(' are '), ...splitParts(serve.split, vocabulary)]),
    words(', the other '),
    percentPart(100 - exposure),
    words(' are not exposed and get the code’s default'),
  ];
}

/**
 * An allocation card's sentence: "Users whose email ends with @acme.com — 30 % get new, the other
 * 70 % are not exposed and get the code’s default", "Everyone — split 50 % a / 50 % b",
 * "From 1 Dec 2026 until 8 Dec 2026, users … get new", "Skipped (disabled): everyone gets new",
 * "…; exposures are tracked for experiments".
 */
export function allocationSentence(allocation: Allocation, vocabulary: Vocabulary = {}): Sentence {
  const who = conditionsSentence(allocation.conditions, vocabulary);
  const everyone = !(allocation.conditions ?? []).some((clause) => !('segment' in clause));
  let parts: Sentence = [...who, ...outcome(allocation.serve, allocation.exposure ?? 100, everyone, vocabulary)];
  const window = windowSentence(allocation.startAt, allocation.endAt, vocabulary);
  if (window.length > 0) parts = [...window, words(', '), ...lowerFirst(parts)];
  if (allocation.track) parts.push(words('; exposures are tracked for experiments'));
  if (allocation.enabled === false) parts = [words('Skipped (disabled): '), ...lowerFirst(parts)];
  return parts;
}

/** The fallthrough: "Everyone else gets off", "Everyone else — split 50 % a / 50 % b", or the code's default. */
export function fallthroughSentence(
  serve: Serve | undefined,
  vocabulary: Vocabulary = {},
  afterRules = true,
): Sentence {
  const who = afterRules ? 'Everyone else' : 'Everyone';
  if (serve === undefined) return [words(`${who} gets the code’s default`)];
  return [words(who), ...outcome(serve, 100, true, vocabulary)];
}

/** Individual targets: "User alice gets on", "Users alice, bob and 3 more get on". */
export function targetSentence(target: Target, vocabulary: Vocabulary = {}): Sentence {
  const variation = variationPart(target.variation, vocabulary);
  const count = target.values.length;
  if (count === 0) return [words(`No ${kindNoun(target.contextKind, true).toLowerCase()} pinned to `), variation];
  const keys = target.values.map((key): SentencePart => ({ text: key, role: 'context-key', key }));
  return [
    words(`${kindNoun(target.contextKind, count > 1)} `),
    ...list(keys, ' and ', vocabulary.maxListed),
    words(count > 1 ? ' get ' : ' gets '),
    variation,
  ];
}

/** "If beta-banner is on", "If checkout is v2 or v3". */
export function prerequisiteSentence(prerequisite: Prerequisite, vocabulary: Vocabulary = {}): Sentence {
  const variations = prerequisite.variations.map((key): SentencePart => ({ text: key, role: 'variation', key }));
  return [
    words('If '),
    { text: vocabulary.flagName?.(prerequisite.flag) || prerequisite.flag, role: 'flag', key: prerequisite.flag },
    words(' is '),
    ...list(variations, ' or ', vocabulary.maxListed),
  ];
}

/** The kill switch: "On — the rules below decide" or "Off — everyone gets off". */
export function killSwitchSentence(
  state: Pick<FlagState, 'on' | 'offVariation'>,
  vocabulary: Vocabulary = {},
): Sentence {
  if (state.on) return [words('On — the rules below decide')];
  if (state.offVariation === undefined) return [words('Off — everyone gets the code’s default')];
  return [words('Off — everyone gets '), variationPart(state.offVariation, vocabulary)];
}
