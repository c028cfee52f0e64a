import { CharSet, EMPTY, DOT, CLASS_ESCAPES, CONTROL_ESCAPES } from './charset.js';

export /** Thrown by the parser for constructs we refuse (backreferences, unknown group syntax, ...). */
class Refusal extends Error {}

// ---------------------------------------------------------------------------------------------
// Syntax tree. Every node carries the facts the analyses need, computed once when it is built.
// ---------------------------------------------------------------------------------------------

export interface Info {
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

export type NodeBody =
  | { kind: 'char'; set: CharSet }
  | { kind: 'assert'; anchor: 'start' | 'end' | 'boundary' }
  | { kind: 'look'; body: Node; behind: boolean; negated: boolean }
  | { kind: 'group'; body: Node }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number };

/** `label` is the node's source text, used to name the offending part in reasons. */
export type Node = NodeBody & { info: Info; label: string };
export type AltNode = Extract<Node, { kind: 'alt' }>;
export type RepeatNode = Extract<Node, { kind: 'repeat' }>;

export const ZERO_WIDTH: Info = {
  minLen: 0,
  maxLen: 0,
  nullable: true,
  alwaysSucceeds: false,
  chars: EMPTY,
  first: EMPTY,
  last: EMPTY,
  rest: EMPTY,
};

export function charNode(set: CharSet, label: string): Node {
  const info: Info = {
    minLen: 1,
    maxLen: 1,
    nullable: false,
    alwaysSucceeds: false,
    chars: set,
    first: set,
    last: set,
    rest: EMPTY,
  };
  return { kind: 'char', set, info, label };
}

export function groupNode(body: Node, label: string): Node {
  return { kind: 'group', body, info: body.info, label };
}

export function seqNode(items: Node[], label: string): Node {
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

export function altNode(branches: Node[], label: string): Node {
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

export function repeatNode(body: Node, min: number, max: number, label: string): Node {
  const b = body.info;
  const info: Info =
    max === 0
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
export function reversed(node: Node): Node {
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

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function isVariable(node: Node): boolean {
  return node.info.maxLen > node.info.minLen;
}

/** Strips groups and one-item sequences: `((?:a))` is just `a`. */
export function unwrap(node: Node): Node {
  if (node.kind === 'group') return unwrap(node.body);
  if (node.kind === 'seq' && node.items.length === 1) return unwrap(node.items[0]!);
  return node;
}

export function quote(node: Node): string {
  const text = node.label.length > 40 ? `${node.label.slice(0, 37)}...` : node.label;
  return `"${text}"`;
}

// ---------------------------------------------------------------------------------------------
// Parser for JavaScript regex syntax without flags (including Annex B leniencies such as literal
// `{`, `]` and `}`). It only ever sees patterns the engine already compiled, so it can be terse
// about syntax errors; whatever it does not understand it refuses rather than guesses.
// ---------------------------------------------------------------------------------------------

const MAX_NESTING = 100;

export class Parser {
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
    let negated = false;
    if (this.peek() === '?') {
      const head = this.src.slice(this.pos, this.pos + 3);
      negated = head.startsWith('?!') || head === '?<!';
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
    return { kind: 'look', body: inner, behind: kind === 'behind', negated, info: ZERO_WIDTH, label };
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
        throw new Refusal(
          `backreference "\\${digits}" is not allowed: backreferences can make matching exponentially slow`,
        );
      }
      throw new Refusal(`escape "\\${digits}" is ambiguous (octal or backreference); write \\xHH instead`);
    }
    if (c === 'k' && this.hasNamedGroups) {
      throw new Refusal(
        `backreference "${this.src.slice(start, this.src.indexOf('>', start) + 1)}" is not allowed: backreferences can make matching exponentially slow`,
      );
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
      // Only reachable inside a class (or as `\0` + digit): Annex B reads a legacy octal escape of
      // up to three digits (at most \377), and `\8`, `\9` as the digits themselves.
      if (!inClass) throw new Refusal(`escape "\\${c}${this.peek()}" is ambiguous (octal); write \\xHH instead`);
      if (c > '7') return CharSet.char(c.charCodeAt(0));
      const octal = (c <= '3' ? /^[0-7]{0,2}/ : /^[0-7]?/).exec(this.src.slice(this.pos))![0];
      this.pos += octal.length;
      return CharSet.char(parseInt(c + octal, 8));
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
        set =
          single(from) && single(to)
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
export function scanGroups(src: string): { captures: number; named: boolean } {
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
