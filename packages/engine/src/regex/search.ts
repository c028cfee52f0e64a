/**
 * The `matches` operator asks one question of a pattern: does it match somewhere in the value
 * (`RegExp.test`)? Not where, nor what it captured. Some parts of a pattern cannot change that
 * answer, yet cost a backtracking engine quadratic time on a long value: unanchored, `.*foo.*`
 * runs `.*` to the end of the value from every start position. `searchEquivalent` rewrites each
 * top-level alternative without such parts; the result matches exactly the same values.
 *
 * - At an unanchored start, a repetition keeps only its minimum count: when `P{m,n}Y` matches
 *   from some position, `P{m}Y` matches from where the last m iterations begin, and the converse
 *   is immediate. A leading `.*` disappears, `\w+@` becomes `\w@`.
 * - At an unanchored end, likewise: `XP{m}` matches wherever `XP{m,n}` does (`foo.*` is `foo`).
 * - `^P.*$`, where P consumes no line terminator, holds exactly when the value has no line
 *   terminator and `^P` matches: it becomes `^(?=.*$)P`, which checks the end once instead of
 *   once per way P can end (`^.*foo.*$` is `^(?=.*$).*foo`).
 *
 * A repetition whose body can match the empty string keeps its count (JavaScript ends a loop at
 * an empty iteration, which the argument above leaves out); one whose minimum is zero can always
 * go, since zero iterations match everywhere. Positions are all that assertions and lookarounds
 * inside the rest of the pattern see, so they keep their meaning.
 */
import { DOT } from './charset.js';
import type { Node, RepeatNode } from './syntax.js';

/** The pattern (parsed from its source) with the parts that cannot change `test()` left out. */
export function searchEquivalent(pattern: Node): string {
  const branches = pattern.kind === 'alt' ? pattern.branches : [pattern];
  return branches.map(alternative).join('|');
}

/** A term of a top-level alternative: its node while untouched, its new source once shortened. */
type Term = { node: Node; source: string } | { node: undefined; source: string };

function alternative(branch: Node): string {
  const items = branch.kind === 'seq' ? branch.items : [branch];
  const hoisted = hoistLineCheck(items);
  if (hoisted !== undefined) return hoisted;
  const terms: Term[] = items.map((node) => ({ node, source: node.label }));
  trimEnd(terms, 0);
  trimEnd(terms, -1);
  return terms.map((term) => term.source).join('');
}

/** Shortens the repetitions at one end (`0` the start, `-1` the end) of an unanchored alternative. */
function trimEnd(terms: Term[], end: 0 | -1): void {
  for (;;) {
    const term = terms.at(end);
    if (term?.node?.kind !== 'repeat') return;
    const repeat = term.node;
    if (repeat.min === 0) {
      terms.splice(end === 0 ? 0 : terms.length - 1, 1);
      continue;
    }
    if (repeat.max > repeat.min && !repeat.body.info.nullable) {
      const index = end === 0 ? 0 : terms.length - 1;
      terms[index] = { node: undefined, source: minimumOf(repeat) };
    }
    return;
  }
}

/** `P{m,n}` (or `P+`, lazy or not) as exactly its minimum count of P. */
function minimumOf(repeat: RepeatNode): string {
  return repeat.min === 1 ? repeat.body.label : `${repeat.body.label}{${repeat.min}}`;
}

/** `^P.*$` → `^(?=.*$)P`, when P consumes no line terminator; undefined when not of that shape. */
function hoistLineCheck(items: Node[]): string | undefined {
  if (items.length < 3) return undefined;
  const [start, end, tail] = [items[0]!, items[items.length - 1]!, items[items.length - 2]!];
  if (start.kind !== 'assert' || start.anchor !== 'start' || end.kind !== 'assert' || end.anchor !== 'end') {
    return undefined;
  }
  if (tail.kind !== 'repeat' || tail.min !== 0 || tail.max !== Infinity || tail.body.label !== '.') return undefined;
  const middle = items.slice(1, -2);
  if (middle.some((item) => item.info.chars.overlaps(DOT.complement()))) return undefined;
  return `^(?=${tail.label}$)${middle.map((item) => item.label).join('')}`;
}
