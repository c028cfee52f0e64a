/**
 * Save-time safety check for the `matches` operator.
 *
 * Targeting rules may carry a user-supplied regular expression that the engine runs on the hot
 * path with the platform's backtracking RegExp engine. The contract is that a saved pattern can
 * never stall evaluation, so before a flag is saved we parse the pattern ourselves and estimate,
 * conservatively, how many backtracking steps a failing match can take on an input of
 * MAX_REGEX_INPUT_LENGTH characters (longer inputs never reach the regex).
 *
 * The analysis has two parts:
 *  - repetition: every loop whose body is more than one character (`(a+)+`, `(a|ab)*`,
 *    `(\w+\s?)*`) must split a string into iterations in only one way, otherwise the number of
 *    ways grows exponentially with the input;
 *  - path counting: a single left-to-right pass that tracks which variable-length parts could
 *    still trade characters with a later one (`.*.*`, `\w*\w*`, the unanchored start). Every such
 *    overlap multiplies the paths the matcher explores; the pattern is refused when the estimate
 *    exceeds about 2^25 steps, which admits the common quadratic shapes (`^.*a.*$`, unanchored
 *    `[a-z]+@...`) and refuses cubic and worse.
 * Character sets are over-approximated (when unsure, assume overlap), so mistakes err on refusal.
 */

export const MAX_REGEX_INPUT_LENGTH = 4096;
/** Longer patterns are refused outright: nobody targets users with them and they cost analysis. */
export const MAX_REGEX_PATTERN_LENGTH = 1000;

export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; reason: string };

/** Compiles `pattern` for the `matches` operator, or says in a short human sentence why it is refused. */
export function compileSafeRegex(pattern: string): RegexCheck {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH) {
    return refuse(`pattern is longer than ${MAX_REGEX_PATTERN_LENGTH} characters`);
  }
  let regex: RegExp;
  try {
    // No flags on purpose: with 'u' the engine rejects identity escapes such as `\-`, `\/` or `\_`
    // that people routinely paste from other tools, and `.`/classes would change meaning. The
    // analysis below therefore works on UTF-16 code units, exactly like the non-unicode engine.
    regex = new RegExp(pattern);
  } catch (error) {
    return refuse(`invalid regular expression: ${engineMessage(error, pattern)}`);
  }
  try {
    const ast = new Parser(pattern).parse();
    const reason = findRepetitionProblem(ast) ?? findBacktrackingProblem(ast);
    return reason === null ? { ok: true, regex } : refuse(reason);
  } catch (error) {
    if (error instanceof Refusal) return refuse(error.message);
    throw error;
  }
}

function refuse(reason: string): RegexCheck {
  return { ok: false, reason };
}

/** V8 prefixes its messages with the pattern; keep only the explanation. */
function engineMessage(error: unknown, pattern: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const prefix = `Invalid regular expression: /${pattern}/: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** Thrown by the parser for constructs we refuse (backreferences, unknown group syntax, ...). */
class Refusal extends Error {}

// ---------------------------------------------------------------------------------------------
// Character sets: sorted, disjoint, non-adjacent ranges of UTF-16 code units.
// ---------------------------------------------------------------------------------------------

type CodeRange = readonly [number, number];

class CharSet {
  private cachedKey: string | undefined;
  private constructor(readonly ranges: readonly CodeRange[]) {}

  static of(ranges: readonly CodeRange[]): CharSet {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [lo, hi] of sorted) {
      const last = merged[merged.length - 1];
      if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
      else merged.push([lo, hi]);
    }
    return new CharSet(merged);
  }

  static char(code: number): CharSet {
    return new CharSet([[code, code]]);
  }

  get key(): string {
    this.cachedKey ??= this.ranges.map(([lo, hi]) => `${lo}-${hi}`).join(',');
    return this.cachedKey;
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  union(other: CharSet): CharSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    return CharSet.of([...this.ranges, ...other.ranges]);
  }

  intersect(other: CharSet): CharSet {
    const out: CodeRange[] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const a = this.ranges[i]!;
      const b = other.ranges[j]!;
      const lo = Math.max(a[0], b[0]);
      const hi = Math.min(a[1], b[1]);
      if (lo <= hi) out.push([lo, hi]);
      if (a[1] < b[1]) i++;
      else j++;
    }
    return new CharSet(out);
  }

  overlaps(other: CharSet): boolean {
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const a = this.ranges[i]!;
      const b = other.ranges[j]!;
      if (a[1] < b[0]) i++;
      else if (b[1] < a[0]) j++;
      else return true;
    }
    return false;
  }

  complement(): CharSet {
    const out: CodeRange[] = [];
    let next = 0;
    for (const [lo, hi] of this.ranges) {
      if (lo > next) out.push([next, lo - 1]);
      next = hi + 1;
    }
    if (next <= 0xffff) out.push([next, 0xffff]);
    return new CharSet(out);
  }
}

const EMPTY = CharSet.of([]);
const ANY = CharSet.of([[0, 0xffff]]);
const DIGIT = CharSet.of([[0x30, 0x39]]);
const WORD = CharSet.of([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
const SPACE = CharSet.of([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);
/** `.` without the 's' flag: everything but line terminators. */
const DOT = CharSet.of([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]).complement();

const CLASS_ESCAPES: Record<string, CharSet> = {
  d: DIGIT, D: DIGIT.complement(), w: WORD, W: WORD.complement(), s: SPACE, S: SPACE.complement(),
};
const CONTROL_ESCAPES: Record<string, number> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };

// ---------------------------------------------------------------------------------------------
// Syntax tree. Every node carries the facts the analyses need, computed once when it is built.
// ---------------------------------------------------------------------------------------------

interface Info {
  minLen: number;
  maxLen: number;
  nullable: boolean;
  /** Matches at every position without consuming (e.g. `x?`, `.*`), so it can never fail. */
  alwaysSucceeds: boolean;
  /** Every code unit the node may consume, and those it may consume first / last. */
  chars: CharSet;
  first: CharSet;
  last: CharSet;
  /** Code units it may consume after its first one: what it can extend a match with. */
  rest: CharSet;
}

type NodeBody =
  | { kind: 'char'; set: CharSet }
  | { kind: 'assert'; anchor: 'start' | 'end' | 'boundary' }
  | { kind: 'look'; body: Node; behind: boolean }
  | { kind: 'group'; body: Node }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number };

/** `label` is the node's source text, used to name the offending part in reasons. */
type Node = NodeBody & { info: Info; label: string };
type AltNode = Extract<Node, { kind: 'alt' }>;
type RepeatNode = Extract<Node, { kind: 'repeat' }>;

const ZERO_WIDTH: Info = {
  minLen: 0, maxLen: 0, nullable: true, alwaysSucceeds: false, chars: EMPTY, first: EMPTY, last: EMPTY, rest: EMPTY,
};

function charNode(set: CharSet, label: string): Node {
  const info: Info = {
    minLen: 1, maxLen: 1, nullable: false, alwaysSucceeds: false, chars: set, first: set, last: set, rest: EMPTY,
  };
  return { kind: 'char', set, info, label };
}

function groupNode(body: Node, label: string): Node {
  return { kind: 'group', body, info: body.info, label };
}

function seqNode(items: Node[], label: string): Node {
  let first = EMPTY;
  for (const item of items) {
    first = first.union(item.info.first);
    if (!item.info.nullable) break;
  }
  let last = EMPTY;
  for (const item of [...items].reverse()) {
    last = last.union(item.info.last);
    if (!item.info.nullable) break;
  }
  let rest = EMPTY;
  let consumed = false;
  for (const item of items) {
    rest = rest.union(item.info.rest);
    if (consumed) rest = rest.union(item.info.first);
    consumed ||= item.info.maxLen > 0;
  }
  const info: Info = {
    minLen: sum(items.map((i) => i.info.minLen)),
    maxLen: sum(items.map((i) => i.info.maxLen)),
    nullable: items.every((i) => i.info.nullable),
    alwaysSucceeds: items.every((i) => i.info.alwaysSucceeds),
    chars: items.reduce((set, i) => set.union(i.info.chars), EMPTY),
    first,
    last,
    rest,
  };
  return { kind: 'seq', items, info, label };
}

function altNode(branches: Node[], label: string): Node {
  const info: Info = {
    minLen: Math.min(...branches.map((b) => b.info.minLen)),
    maxLen: Math.max(...branches.map((b) => b.info.maxLen)),
    nullable: branches.some((b) => b.info.nullable),
    alwaysSucceeds: branches.some((b) => b.info.alwaysSucceeds),
    chars: branches.reduce((set, b) => set.union(b.info.chars), EMPTY),
    first: branches.reduce((set, b) => set.union(b.info.first), EMPTY),
    last: branches.reduce((set, b) => set.union(b.info.last), EMPTY),
    rest: branches.reduce((set, b) => set.union(b.info.rest), EMPTY),
  };
  return { kind: 'alt', branches, info, label };
}

function repeatNode(body: Node, min: number, max: number, label: string): Node {
  const b = body.info;
  const info: Info = max === 0
    ? { ...ZERO_WIDTH, alwaysSucceeds: true }
    : {
        minLen: min * b.minLen,
        maxLen: b.maxLen === 0 ? 0 : max * b.maxLen,
        nullable: min === 0 || b.nullable,
        alwaysSucceeds: min === 0 || b.alwaysSucceeds,
        chars: b.chars,
        first: b.first,
        last: b.last,
        // A further iteration starts right after the previous one.
        rest: max >= 2 && b.maxLen > 0 ? b.rest.union(b.first) : b.rest,
      };
  return { kind: 'repeat', body, min, max, info, label };
}

/** The node as matched right to left, which is how the engine runs a lookbehind. */
function reversed(node: Node): Node {
  switch (node.kind) {
    case 'group':
      return groupNode(reversed(node.body), node.label);
    case 'seq':
      return seqNode(node.items.map(reversed).reverse(), node.label);
    case 'alt':
      return altNode(node.branches.map(reversed), node.label);
    case 'repeat':
      return repeatNode(reversed(node.body), node.min, node.max, node.label);
    default:
      return node;
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function isVariable(node: Node): boolean {
  return node.info.maxLen > node.info.minLen;
}

/** Strips groups and one-item sequences: `((?:a))` is just `a`. */
function unwrap(node: Node): Node {
  if (node.kind === 'group') return unwrap(node.body);
  if (node.kind === 'seq' && node.items.length === 1) return unwrap(node.items[0]!);
  return node;
}

function quote(node: Node): string {
  const text = node.label.length > 40 ? `${node.label.slice(0, 37)}...` : node.label;
  return `"${text}"`;
}

// ---------------------------------------------------------------------------------------------
// Parser for JavaScript regex syntax without flags (including Annex B leniencies such as literal
// `{`, `]` and `}`). It only ever sees patterns the engine already compiled, so it can be terse
// about syntax errors; whatever it does not understand it refuses rather than guesses.
// ---------------------------------------------------------------------------------------------

const MAX_NESTING = 100;

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly captureCount: number;
  private readonly hasNamedGroups: boolean;

  constructor(private readonly src: string) {
    const groups = scanGroups(src);
    this.captureCount = groups.captures;
    this.hasNamedGroups = groups.named;
  }

  parse(): Node {
    const node = this.disjunction(0);
    if (this.pos < this.src.length) throw new Refusal(`unexpected "${this.src[this.pos]}" at ${this.pos}`);
    return node;
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private disjunction(start: number): Node {
    const branches = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.alternative());
    }
    const label = this.src.slice(start, this.pos);
    return branches.length === 1 ? branches[0]! : altNode(branches, label);
  }

  private alternative(): Node {
    const start = this.pos;
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.term());
    }
    return seqNode(items, this.src.slice(start, this.pos));
  }

  private term(): Node {
    const start = this.pos;
    return this.quantified(this.atom(), start);
  }

  private atom(): Node {
    const start = this.pos;
    const c = this.peek();
    this.pos++;
    const label = () => this.src.slice(start, this.pos);
    switch (c) {
      case '^':
        return { kind: 'assert', anchor: 'start', info: ZERO_WIDTH, label: '^' };
      case '$':
        return { kind: 'assert', anchor: 'end', info: ZERO_WIDTH, label: '$' };
      case '.':
        return charNode(DOT, '.');
      case '(':
        return this.group(start);
      case '[':
        return charNode(this.characterClass(), label());
      case '\\':
        return this.atomEscape(start);
      default:
        return charNode(CharSet.char(c.charCodeAt(0)), c);
    }
  }

  /** Parses `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` and the lazy `?` suffix, if present. */
  private quantified(atom: Node, start: number): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const braced = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!braced) return atom; // Annex B: a `{` that is not a quantifier is a literal
      this.pos += braced[0].length;
      min = Number(braced[1]);
      max = braced[2] === undefined ? min : braced[3] === '' ? Infinity : Number(braced[3]);
    } else {
      return atom;
    }
    if (this.peek() === '?') this.pos++;
    return repeatNode(atom, min, max, this.src.slice(start, this.pos));
  }

  private group(start: number): Node {
    if (++this.depth > MAX_NESTING) throw new Refusal(`groups are nested more than ${MAX_NESTING} deep`);
    let kind: 'group' | 'ahead' | 'behind' = 'group';
    if (this.peek() === '?') {
      const head = this.src.slice(this.pos, this.pos + 3);
      if (head.startsWith('?:')) this.pos += 2;
      else if (head.startsWith('?=') || head.startsWith('?!')) [this.pos, kind] = [this.pos + 2, 'ahead'];
      else if (head === '?<=' || head === '?<!') [this.pos, kind] = [this.pos + 3, 'behind'];
      else if (head.startsWith('?<')) this.pos = this.src.indexOf('>', this.pos) + 1;
      else throw new Refusal(`unsupported group syntax "(${head}"`);
    }
    const body = this.disjunction(this.pos);
    this.pos++; // ')'
    this.depth--;
    const label = this.src.slice(start, this.pos);
    // An alternation is named with its parentheses in reasons: "(a|ab)".
    const inner = body.kind === 'alt' ? { ...body, label } : body;
    if (kind === 'group') return groupNode(inner, label);
    return { kind: 'look', body: inner, behind: kind === 'behind', info: ZERO_WIDTH, label };
  }

  private atomEscape(start: number): Node {
    const c = this.peek();
    const label = () => this.src.slice(start, this.pos);
    if (c === 'b' || c === 'B') {
      this.pos++;
      return { kind: 'assert', anchor: 'boundary', info: ZERO_WIDTH, label: label() };
    }
    if (/[1-9]/.test(c)) {
      const digits = /^\d+/.exec(this.src.slice(this.pos))![0];
      if (Number(digits) <= this.captureCount) {
        throw new Refusal(`backreference "\\${digits}" is not allowed: backreferences can make matching exponentially slow`);
      }
      throw new Refusal(`escape "\\${digits}" is ambiguous (octal or backreference); write \\xHH instead`);
    }
    if (c === 'k' && this.hasNamedGroups) {
      throw new Refusal(`backreference "${this.src.slice(start, this.src.indexOf('>', start) + 1)}" is not allowed: backreferences can make matching exponentially slow`);
    }
    if (c === 'c' && !/[a-zA-Z]/.test(this.peek(1))) {
      return charNode(CharSet.char(0x5c), '\\'); // Annex B: `\c` without a letter is a literal backslash
    }
    return charNode(this.characterEscape(false), label());
  }

  /** Escapes shared by atoms and classes; the position is just after the backslash. */
  private characterEscape(inClass: boolean): CharSet {
    const c = this.peek();
    this.pos++;
    const classEscape = CLASS_ESCAPES[c];
    if (classEscape) return classEscape;
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return CharSet.char(control);
    if (c === '0' && !/\d/.test(this.peek())) return CharSet.char(0);
    if (/\d/.test(c)) {
      // Only reachable inside a class (or as `\0` + digit): a legacy octal escape. Over-approximate.
      if (!inClass) throw new Refusal(`escape "\\${c}${this.peek()}" is ambiguous (octal); write \\xHH instead`);
      return ANY;
    }
    if (c === 'b' && inClass) return CharSet.char(0x08);
    if (c === 'c') {
      const letter = this.peek();
      if (/[a-zA-Z]/.test(letter) || (inClass && /[\d_]/.test(letter))) {
        this.pos++;
        return CharSet.char(letter.charCodeAt(0) % 32);
      }
      this.pos--; // `\c` without a control letter: the backslash is literal and `c` is read next
      return CharSet.char(0x5c);
    }
    const hex = c === 'x' ? /^[\da-fA-F]{2}/ : c === 'u' ? /^[\da-fA-F]{4}/ : null;
    const digits = hex?.exec(this.src.slice(this.pos));
    if (digits) {
      this.pos += digits[0].length;
      return CharSet.char(parseInt(digits[0], 16));
    }
    return CharSet.char(c.charCodeAt(0)); // identity escape, e.g. `\.` `\-` `\/` or non-unicode `\p`
  }

  private characterClass(): CharSet {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    let set = EMPTY;
    while (this.peek() !== ']') {
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.pos++;
        const to = this.classAtom();
        const single = (s: CharSet) => s.ranges.length === 1 && s.ranges[0]![0] === s.ranges[0]![1];
        // A range needs two single characters; Annex B reads `[\w-a]` as the union of its parts.
        set = single(from) && single(to)
          ? set.union(CharSet.of([[from.ranges[0]![0], to.ranges[0]![0]]]))
          : set.union(from).union(to).union(CharSet.char(0x2d));
      } else {
        set = set.union(from);
      }
    }
    this.pos++; // ']'
    return negated ? set.complement() : set;
  }

  private classAtom(): CharSet {
    const c = this.peek();
    this.pos++;
    return c === '\\' ? this.characterEscape(true) : CharSet.char(c.charCodeAt(0));
  }
}

/** Counts capturing groups and spots named ones, skipping escapes and classes. */
function scanGroups(src: string): { captures: number; named: boolean } {
  let captures = 0;
  let named = false;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && src[i + 1] !== '?') captures++;
    else if (c === '(' && src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') {
      captures++;
      named = true;
    }
  }
  return { captures, named };
}

// ---------------------------------------------------------------------------------------------
// Prefix comparison of alternatives: can two branches be told apart by a character?
// ---------------------------------------------------------------------------------------------

const PREFIX_LIMIT = 64;
const leadingCache = new WeakMap<Node, CharSet[]>();

/** The sets of the node's leading characters at fixed positions: `ab?c` gives [a]. */
function leadingSets(node: Node): CharSet[] {
  let sets = leadingCache.get(node);
  if (!sets) {
    sets = [];
    collectLeading(node, sets);
    leadingCache.set(node, sets);
  }
  return sets;
}

/** Appends fixed-position character sets; false once positions stop being fixed. */
function collectLeading(node: Node, out: CharSet[]): boolean {
  if (out.length >= PREFIX_LIMIT) return false;
  switch (node.kind) {
    case 'char':
      out.push(node.set);
      return true;
    case 'group':
      return collectLeading(node.body, out);
    case 'seq':
      return node.items.every((item) => collectLeading(item, out));
    case 'repeat':
      for (let i = 0; i < Math.min(node.min, PREFIX_LIMIT); i++) if (!collectLeading(node.body, out)) return false;
      return node.min === node.max;
    default:
      return false; // assertions and lookarounds: stop comparing, conservatively
  }
}

/** True when the two branches provably start differently (disjoint at some fixed position). */
function startsDiffer(a: Node, b: Node): boolean {
  if (!a.info.nullable && !b.info.nullable && !a.info.first.overlaps(b.info.first)) return true;
  const pa = leadingSets(a);
  const pb = leadingSets(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (!pa[i]!.overlaps(pb[i]!)) return true;
  }
  return false;
}

/** Conservative: may the two branches match one and the same string? */
function mayMatchSameText(a: Node, b: Node): boolean {
  if (a.info.maxLen < b.info.minLen || b.info.maxLen < a.info.minLen) return false;
  return !startsDiffer(a, b);
}

const sameTextCache = new WeakMap<Node, number>();

/** The largest number of branches that may all match one string (1 when they are distinct). */
function sameTextBranches(alt: AltNode): number {
  let most = sameTextCache.get(alt);
  if (most === undefined) {
    const { branches } = alt;
    const counts = branches.map(() => 1);
    for (let i = 0; i < branches.length; i++) {
      for (let j = i + 1; j < branches.length; j++) {
        if (mayMatchSameText(branches[i]!, branches[j]!)) [counts[i], counts[j]] = [counts[i]! + 1, counts[j]! + 1];
      }
    }
    most = Math.max(...counts);
    sameTextCache.set(alt, most);
  }
  return most;
}

// ---------------------------------------------------------------------------------------------
// Rule: repeated subexpressions must split their input into iterations in only one way.
// ---------------------------------------------------------------------------------------------

function findRepetitionProblem(node: Node): string | null {
  if (node.kind === 'repeat' && node.max >= 2 && unwrap(node.body).kind !== 'char') {
    const problem = repetitionProblem(node);
    if (problem) return problem;
  }
  for (const child of children(node)) {
    const problem = findRepetitionProblem(child);
    if (problem) return problem;
  }
  return null;
}

function children(node: Node): Node[] {
  switch (node.kind) {
    case 'seq':
      return node.items;
    case 'alt':
      return node.branches;
    case 'look':
    case 'group':
    case 'repeat':
      return [node.body];
    default:
      return [];
  }
}

function repetitionProblem(node: RepeatNode): string | null {
  const label = quote(node);
  const top = unwrap(node.body);
  if (top.kind === 'alt') {
    if (top.branches.some((b) => b.info.nullable)) {
      return `repeated alternation ${label} has a branch that can match the empty string, so it can backtrack exponentially`;
    }
    for (let i = 0; i < top.branches.length; i++) {
      for (let j = i + 1; j < top.branches.length; j++) {
        if (!startsDiffer(top.branches[i]!, top.branches[j]!)) {
          return `repeated alternation ${label} has branches that can match the same text, so it can backtrack exponentially`;
        }
      }
    }
  }
  // Two consecutive iterations analysed as a sequence: any overlap between variable-length parts
  // (within an iteration or across the boundary) means a string splits into iterations in more
  // than one way, and the ways multiply with every iteration.
  const twice = seqNode([node.body, node.body], node.label);
  const strict = new PathCounter(true);
  strict.visit(twice, emptyFlow(), { contSafe: false, iterBits: 0 });
  if (strict.ambiguous) {
    return containsQuantifier(node.body)
      ? `nested quantifier ${label} can backtrack exponentially`
      : `repeated group ${label} can match the same text in more than one way, so it can backtrack exponentially`;
  }
  if (node.body.info.nullable) return `repeated group ${label} can match the empty string, so it can backtrack exponentially`;
  return null;
}

function containsQuantifier(node: Node): boolean {
  return (node.kind === 'repeat' && isVariable(node)) || children(node).some(containsQuantifier);
}

// ---------------------------------------------------------------------------------------------
// Rule: bound the number of paths a failing match explores.
//
// A "candidate" is a variable-length part already passed (a loop, an optional part, an uneven
// alternation, or the unanchored start) that can still trade characters with a later one. Two
// parts trade when some character can be consumed by either and everything required between them
// admits it too; each trade multiplies the paths by the earlier part's range (about n for an
// unbounded loop). Costs are kept as log2 of the number of steps.
// ---------------------------------------------------------------------------------------------

const N_BITS = Math.log2(MAX_REGEX_INPUT_LENGTH);
/** About 3.4e7 steps: admits n^2 (times two), refuses n^3 and n^2 with larger factors. */
const COST_LIMIT_BITS = 2 * N_BITS + 1;
const START_LABEL = 'the unanchored start';

interface Candidate {
  label: string;
  chars: CharSet;
  first: CharSet;
  last: CharSet;
  /** Characters it could extend its match with (its `rest`, or any first one if it may be empty). */
  extend: CharSet;
  /** What the pattern consumes right after it; `open` while only optional parts have followed. */
  next: CharSet;
  open: boolean;
  /** log2 of the paths arriving at the part, and the parts that multiplied them. */
  before: number;
  beforeChain: readonly string[];
  /** log2 of the number of lengths the part can take. */
  range: number;
  /** Required characters seen since the part, each narrowed to the part's own characters. */
  separators: Map<string, CharSet>;
}

interface Flow {
  /** log2 of paths that arrive at the current point with no candidate left to trade with. */
  base: number;
  baseChain: readonly string[];
  candidates: Map<string, Candidate>;
}

interface Context {
  /** Whatever follows the current node can never fail, so the first arrival ends the match. */
  contSafe: boolean;
  /** log2 of how often the enclosing loops run the current node (matters for lookarounds). */
  iterBits: number;
}

function emptyFlow(): Flow {
  return { base: 0, baseChain: [], candidates: new Map() };
}

function candidateKey(c: { chars: CharSet; first: CharSet; last: CharSet }): string {
  return `${c.chars.key}|${c.first.key}|${c.last.key}`;
}

function cloneFlow(flow: Flow): Flow {
  const candidates = new Map<string, Candidate>();
  for (const [key, c] of flow.candidates) candidates.set(key, { ...c, separators: new Map(c.separators) });
  return { ...flow, candidates };
}

function raiseBase(flow: Flow, bits: number, chain: readonly string[]): void {
  if (bits > flow.base) [flow.base, flow.baseChain] = [bits, chain];
}

/** Candidates of the same shape are merged; keeping only shared separators over-approximates. */
function addCandidate(flow: Flow, c: Candidate): void {
  const key = candidateKey(c);
  const old = flow.candidates.get(key);
  if (!old) {
    flow.candidates.set(key, c);
    return;
  }
  const separators = new Map([...old.separators].filter(([k]) => c.separators.has(k)));
  const top = old.before + old.range >= c.before + c.range ? old : c;
  const early = old.before >= c.before ? old : c;
  flow.candidates.set(key, {
    ...top,
    extend: old.extend.union(c.extend),
    next: old.next.union(c.next),
    open: old.open || c.open,
    before: early.before,
    beforeChain: early.beforeChain,
    range: Math.max(old.range, c.range),
    separators,
  });
}

function mergeFlows(flows: Flow[]): Flow {
  const out = emptyFlow();
  for (const flow of flows) {
    raiseBase(out, flow.base, flow.baseChain);
    for (const c of flow.candidates.values()) addCandidate(out, { ...c, separators: new Map(c.separators) });
  }
  return out;
}

/** A required character: candidates that cannot consume it are pinned in place. */
function requireChar(flow: Flow, set: CharSet): void {
  for (const [key, c] of flow.candidates) {
    const narrowed = set.intersect(c.chars);
    if (narrowed.isEmpty()) {
      raiseBase(flow, c.before, c.beforeChain);
      flow.candidates.delete(key);
    } else {
      c.separators.set(narrowed.key, narrowed);
      if (c.open) [c.next, c.open] = [c.next.union(set), false];
    }
  }
}

/** `^` and `$`: nothing consumed before or after can be traded across them. */
function pinAll(flow: Flow): void {
  for (const c of flow.candidates.values()) raiseBase(flow, c.before, c.beforeChain);
  flow.candidates.clear();
}

/**
 * Can `later` take over characters consumed by the earlier candidate `c`? Necessary conditions:
 * `c` can extend its match with whatever follows it, some character is common to both, and
 * every character required in between admits it.
 */
function trades(c: Candidate, later: Info): boolean {
  const following = c.open ? c.next.union(later.first) : c.next;
  if (!c.extend.overlaps(following)) return false;
  const common = c.chars.intersect(later.chars);
  if (common.isEmpty() || !c.last.overlaps(common) || !later.first.overlaps(common)) return false;
  for (const sep of c.separators.values()) if (!sep.overlaps(common)) return false;
  return true;
}

/** log2 of how many different lengths the node can match (capped at the input length). */
function rangeBits(node: Node): number {
  return Math.log2(Math.min(lengthChoices(node), MAX_REGEX_INPUT_LENGTH));
}

/** Upper bound on the number of distinct lengths: `(foo|bar)?` has 2, not 4. */
function lengthChoices(node: Node): number {
  const span = node.info.maxLen - node.info.minLen + 1;
  switch (node.kind) {
    case 'group':
      return lengthChoices(node.body);
    case 'seq':
      return Math.min(span, node.items.reduce((product, item) => product * lengthChoices(item), 1));
    case 'alt':
      return Math.min(span, sum(node.branches.map(lengthChoices)));
    case 'repeat':
      return isVariable(node.body) ? span : Math.min(span, node.max - node.min + 1);
    default:
      return 1;
  }
}

class PathCounter {
  cost = 0;
  costChain: readonly string[] = [];
  ambiguous = false;

  /** In strict mode any trade or ambiguous alternation is a finding (used on loop bodies). */
  constructor(private readonly strict: boolean) {}

  visit(node: Node, flow: Flow, ctx: Context): Flow {
    const out = this.step(node, flow, ctx);
    this.noteArrivals(out);
    return out;
  }

  noteArrivals(flow: Flow): void {
    this.note(flow.base, flow.baseChain);
    for (const c of flow.candidates.values()) this.note(c.before + c.range, [...c.beforeChain, c.label]);
  }

  private note(bits: number, chain: readonly string[]): void {
    if (bits > this.cost) [this.cost, this.costChain] = [bits, chain];
  }

  private step(node: Node, flow: Flow, ctx: Context): Flow {
    switch (node.kind) {
      case 'char':
        requireChar(flow, node.set);
        return flow;
      case 'assert':
        if (node.anchor !== 'boundary') pinAll(flow);
        return flow;
      case 'look':
        this.lookaround(node.behind ? reversed(node.body) : node.body, flow, ctx);
        return flow;
      case 'group':
        return this.visit(node.body, flow, ctx);
      case 'seq':
        return this.sequence(node.items, flow, ctx);
      case 'alt':
        return this.alternation(node, flow, ctx);
      case 'repeat':
        return this.repeat(node, flow, ctx);
    }
  }

  /** A lookaround scans ahead every time it is reached; it consumes nothing. */
  private lookaround(body: Node, flow: Flow, ctx: Context): void {
    if (this.strict) return; // lookarounds are atomic: no backtracking into them
    const scan = this.fresh(body);
    let arrivals = { bits: flow.base, chain: flow.baseChain };
    for (const c of flow.candidates.values()) {
      if (c.before + c.range > arrivals.bits) arrivals = { bits: c.before + c.range, chain: [...c.beforeChain, c.label] };
    }
    this.note(arrivals.bits + ctx.iterBits + scan.cost, [...arrivals.chain, ...scan.chain]);
  }

  /** Cost of running `node` once from scratch. */
  private fresh(node: Node): { cost: number; chain: readonly string[] } {
    const sub = new PathCounter(false);
    sub.visit(node, emptyFlow(), { contSafe: true, iterBits: 0 });
    return { cost: sub.cost, chain: sub.costChain };
  }

  private sequence(items: Node[], flow: Flow, ctx: Context): Flow {
    const safe: boolean[] = [];
    let restSucceeds = ctx.contSafe;
    for (let i = items.length - 1; i >= 0; i--) {
      safe[i] = restSucceeds;
      restSucceeds &&= items[i]!.info.alwaysSucceeds;
    }
    items.forEach((item, i) => {
      if (!this.strict && safe[i] && item.info.alwaysSucceeds) {
        // Reached means matched: only its own first run costs anything.
        const run = this.fresh(item);
        this.note(run.cost, run.chain);
      } else {
        flow = this.visit(item, flow, { ...ctx, contSafe: safe[i]! });
      }
    });
    return flow;
  }

  private alternation(node: AltNode, flow: Flow, ctx: Context): Flow {
    const entry = this.entryCandidate(node, flow, ctx);
    const out = mergeFlows(node.branches.map((b) => this.visit(b, cloneFlow(flow), ctx)));
    if (entry) addCandidate(out, entry);
    const overlapping = sameTextBranches(node);
    if (overlapping > 1) {
      // Branches that match the same text double the paths for everything that follows.
      if (this.strict) this.ambiguous = true;
      const bits = Math.log2(overlapping);
      const label = quote(node);
      out.base += bits;
      out.baseChain = [...out.baseChain, label];
      for (const c of out.candidates.values()) [c.before, c.beforeChain] = [c.before + bits, [...c.beforeChain, label]];
    }
    return out;
  }

  private repeat(node: RepeatNode, flow: Flow, ctx: Context): Flow {
    if (node.max === 0) return flow;
    const entry = this.entryCandidate(node, flow, ctx);
    const inner: Context = {
      contSafe: ctx.contSafe && node.min <= 1,
      iterBits: ctx.iterBits + (node.max >= 2 ? Math.log2(Math.min(node.max, MAX_REGEX_INPUT_LENGTH)) : 0),
    };
    // One iteration is walked for what it requires; the loop as a whole becomes one candidate.
    const out = node.min === 0
      ? mergeFlows([flow, this.visit(node.body, cloneFlow(flow), inner)])
      : this.visit(node.body, flow, inner);
    if (entry) addCandidate(out, entry);
    return out;
  }

  /** The candidate a variable-length node becomes, with the paths arriving at it. */
  private entryCandidate(node: Node, flow: Flow, ctx: Context): Candidate | null {
    if (!isVariable(node)) return null;
    if (ctx.contSafe) {
      // Nothing after it can fail, so only the first arrival counts: one greedy run, no trading.
      this.note(rangeBits(node), [quote(node)]);
      return null;
    }
    let before = flow.base;
    let beforeChain = flow.baseChain;
    for (const c of flow.candidates.values()) {
      const traded = trades(c, node.info);
      if (traded && this.strict) this.ambiguous = true;
      const bits = traded ? c.before + c.range : c.before;
      if (bits > before) [before, beforeChain] = [bits, traded ? [...c.beforeChain, c.label] : c.beforeChain];
    }
    const { chars, first, last, rest, nullable } = node.info;
    return {
      label: quote(node), chars, first, last, extend: nullable ? rest.union(first) : rest, next: EMPTY, open: true,
      before, beforeChain, range: rangeBits(node), separators: new Map(),
    };
  }
}

function findBacktrackingProblem(ast: Node): string | null {
  const counter = new PathCounter(false);
  const flow = emptyFlow();
  // Without `^` the engine retries at every start position: a loop over any character.
  addCandidate(flow, {
    label: START_LABEL, chars: ANY, first: ANY, last: ANY, extend: ANY, next: EMPTY, open: true,
    before: 0, beforeChain: [], range: N_BITS, separators: new Map(),
  });
  counter.noteArrivals(flow);
  counter.visit(ast, flow, { contSafe: true, iterBits: 0 });
  if (counter.cost <= COST_LIMIT_BITS) return null;
  return `${describeChain(counter.costChain)} overlap, so a failing match can take about 2^${Math.round(counter.cost)} backtracking steps on ${MAX_REGEX_INPUT_LENGTH} characters`;
}

function describeChain(chain: readonly string[]): string {
  const parts = chain.length > 5 ? [...chain.slice(0, 4), `${chain.length - 4} more`] : [...chain];
  if (parts.length === 0) return 'parts of the pattern';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
