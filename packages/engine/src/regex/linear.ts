/**
 * `RegExp.test` in time linear in the value, for the patterns a backtracking engine would run in
 * quadratic time (safety.ts routes them here): `a.*b`, `foo.*bar`, `foo.*$`, `^.*foo.*bar`. Each
 * one alone is cheap, but one OFREP bulk call runs a pattern per flag, so 100 of them against a
 * hostile attribute used to take tens of milliseconds.
 *
 * The pattern, as parsed by syntax.ts, becomes a Thompson automaton whose states are all advanced
 * together one code unit at a time, with a fresh start at every position (an unanchored search in
 * one pass): each state is visited at most once per position. A lookaround becomes a table of the
 * positions where it holds, filled by a pass of its own before the search (a lookahead's body runs
 * reversed from the end, a lookbehind's forwards), so nested lookarounds stay linear too.
 *
 * Why the answer is exactly the backtracking engine's: without backreferences (syntax.ts refuses
 * them) whether a match exists depends on no capture, and lookarounds being atomic changes only
 * what they capture. JavaScript ends a loop at an iteration that consumes nothing; such an
 * iteration changes no position, so every match that uses one also exists without it.
 */
import type { CodeRange } from './charset.js';
import { type Node, reversed } from './syntax.js';

/** A matcher in RegExp's shape, as far as the `matches` operator uses one. */
export interface Matcher {
  readonly source: string;
  readonly flags: string;
  test(text: string): boolean;
}

/**
 * A run costs at most (value length × states) steps: 1,024 × 128, about half a millisecond, the
 * order of what RegExp spends on a linear pattern of a few hundred characters. Real quadratic
 * shapes are far smaller (`Chrome.*Mobile` has 15 states, a full Safari user agent pattern 85).
 */
export const MAX_LINEAR_STATES = 128;

export class TooLarge extends Error {}

const CHAR = 0;
const SPLIT = 1;
const ASSERT = 2;
const MATCH = 3;

const AT_START = 0;
const AT_END = 1;
const AT_BOUNDARY = 2;
const NOT_AT_BOUNDARY = 3;
/** Lookaround k holds: LOOK + 2k; does not hold: LOOK + 2k + 1. */
const LOOK = 4;

interface Program {
  start: number;
  /** Every path from `start` first asserts `^` (forward) or `$` (backward): it starts only at that end. */
  anchored: { forward: boolean; backward: boolean };
  kind: Uint8Array;
  out1: Int32Array;
  out2: Int32Array;
  /** An ASSERT state's condition. */
  arg: Int32Array;
  /** A CHAR state's ASCII code units as a 128-bit mask (four words per state)… */
  ascii: Int32Array;
  /** …and its ranges as lo, hi pairs in `ranges` from `from[state]` to `from[state + 1]`. */
  from: Int32Array;
  ranges: Int32Array;
  /** Scratch space of one run, kept between runs (a run never starts another). */
  mark: Int32Array;
  stack: Int32Array;
  seeds: Int32Array;
  waiting: Int32Array;
}

interface Lookaround {
  program: Program;
  /** A lookahead's body runs reversed, from the end of the value to its start. */
  backward: boolean;
}

class Builder {
  private readonly kind: number[] = [];
  private readonly out1: number[] = [];
  private readonly out2: number[] = [];
  private readonly arg: number[] = [];
  private readonly ranges: (readonly CodeRange[] | undefined)[] = [];

  constructor(private readonly automaton: Automaton) {}

  program(node: Node): Program {
    const start = this.compile(node, this.add(MATCH, -1, -1, 0));
    const size = this.kind.length;
    const ascii = new Int32Array(size * 4);
    const from = new Int32Array(size + 1);
    const ranges: number[] = [];
    for (let state = 0; state < size; state++) {
      from[state] = ranges.length;
      for (const [lo, hi] of this.ranges[state] ?? []) {
        ranges.push(lo, hi);
        for (let code = lo; code <= Math.min(hi, 127); code++) ascii[state * 4 + (code >> 5)]! |= 1 << (code & 31);
      }
    }
    from[size] = ranges.length;
    return {
      start,
      anchored: { forward: this.anchoredBy(start, AT_START), backward: this.anchoredBy(start, AT_END) },
      kind: Uint8Array.from(this.kind),
      out1: Int32Array.from(this.out1),
      out2: Int32Array.from(this.out2),
      arg: Int32Array.from(this.arg),
      ascii,
      from,
      ranges: Int32Array.from(ranges),
      mark: new Int32Array(size),
      stack: new Int32Array(size),
      seeds: new Int32Array(size),
      waiting: new Int32Array(size),
    };
  }

  /** Whether every path from `state` meets the assertion `condition` before it consumes or matches. */
  private anchoredBy(state: number, condition: number, seen = new Set<number>()): boolean {
    if (seen.has(state)) return true; // a cycle of empty moves leads nowhere new
    seen.add(state);
    const kind = this.kind[state];
    if (kind === ASSERT) return this.arg[state] === condition || this.anchoredBy(this.out1[state]!, condition, seen);
    if (kind !== SPLIT) return false;
    return this.anchoredBy(this.out1[state]!, condition, seen) && this.anchoredBy(this.out2[state]!, condition, seen);
  }

  private add(kind: number, out1: number, out2: number, arg: number, ranges?: readonly CodeRange[]): number {
    this.automaton.spend();
    this.kind.push(kind);
    this.out1.push(out1);
    this.out2.push(out2);
    this.arg.push(arg);
    this.ranges.push(ranges);
    return this.kind.length - 1;
  }

  /** The state that matches `node` and then continues at `next`. */
  private compile(node: Node, next: number): number {
    switch (node.kind) {
      case 'char':
        return this.add(CHAR, next, -1, 0, node.set.ranges);
      case 'assert': {
        const condition =
          node.anchor === 'start'
            ? AT_START
            : node.anchor === 'end'
              ? AT_END
              : node.label === '\\B'
                ? NOT_AT_BOUNDARY
                : AT_BOUNDARY;
        return this.add(ASSERT, next, -1, condition);
      }
      case 'look':
        return this.add(ASSERT, next, -1, LOOK + 2 * this.automaton.lookaround(node) + (node.negated ? 1 : 0));
      case 'group':
        return this.compile(node.body, next);
      case 'seq': {
        let state = next;
        for (let index = node.items.length - 1; index >= 0; index--) state = this.compile(node.items[index]!, state);
        return state;
      }
      case 'alt': {
        const { branches } = node;
        let state = this.compile(branches[branches.length - 1]!, next);
        for (let index = branches.length - 2; index >= 0; index--) {
          state = this.add(SPLIT, this.compile(branches[index]!, next), state, 0);
        }
        return state;
      }
      case 'repeat': {
        let state: number;
        if (node.max === Infinity) {
          state = this.add(SPLIT, -1, next, 0);
          this.out1[state] = this.compile(node.body, state);
        } else {
          state = next;
          for (let count = node.min; count < node.max; count++) {
            state = this.add(SPLIT, this.compile(node.body, state), next, 0);
          }
        }
        for (let count = 0; count < node.min; count++) state = this.compile(node.body, state);
        return state;
      }
    }
  }
}

class Automaton implements Matcher {
  readonly flags = '';
  private readonly program: Program;
  private readonly lookarounds: Lookaround[] = [];
  private readonly lookIds = new Map<Node, number>();
  private states = 0;

  constructor(
    readonly source: string,
    pattern: Node,
  ) {
    this.program = new Builder(this).program(pattern);
  }

  spend(): void {
    if (++this.states > MAX_LINEAR_STATES) throw new TooLarge();
  }

  /** The index of a lookaround's table; its body (and so any lookaround nested in it) is built first. */
  lookaround(node: Extract<Node, { kind: 'look' }>): number {
    let id = this.lookIds.get(node);
    if (id === undefined) {
      const program = new Builder(this).program(node.behind ? node.body : reversed(node.body));
      id = this.lookarounds.push({ program, backward: !node.behind }) - 1;
      this.lookIds.set(node, id);
    }
    return id;
  }

  test(text: string): boolean {
    // Inner lookarounds were numbered first, so each table is filled before one that reads it.
    const tables = this.lookarounds.map(() => new Uint8Array(text.length + 1));
    this.lookarounds.forEach(({ program, backward }, id) => run(program, text, backward, tables, tables[id]));
    return run(this.program, text, false, tables, undefined);
  }
}

/** A matcher that runs in linear time; throws TooLarge when the automaton would be too big. */
export function linearMatcher(source: string, pattern: Node): Matcher {
  return new Automaton(source, pattern);
}

function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f
  );
}

function holds(condition: number, text: string, position: number, tables: Uint8Array[]): boolean {
  switch (condition) {
    case AT_START:
      return position === 0;
    case AT_END:
      return position === text.length;
    case AT_BOUNDARY:
      return isWordAt(text, position - 1) !== isWordAt(text, position);
    case NOT_AT_BOUNDARY:
      return isWordAt(text, position - 1) === isWordAt(text, position);
    default: {
      const look = condition - LOOK;
      return (tables[look >> 1]![position] === 1) !== ((look & 1) === 1);
    }
  }
}

function contains(program: Program, state: number, code: number): boolean {
  if (code < 128) return ((program.ascii[state * 4 + (code >> 5)]! >>> (code & 31)) & 1) === 1;
  const { ranges } = program;
  for (let index = program.from[state]!, end = program.from[state + 1]!; index < end; index += 2) {
    if (code < ranges[index]!) return false;
    if (code <= ranges[index + 1]!) return true;
  }
  return false;
}

/**
 * Runs `program` over `text` starting at every position. With `record`, marks each position where
 * a match ends and reads the whole value; without, answers whether any match exists.
 */
function run(
  program: Program,
  text: string,
  backward: boolean,
  tables: Uint8Array[],
  record: Uint8Array | undefined,
): boolean {
  const { start, kind, out1, out2, arg, mark, stack, seeds, waiting } = program;
  const anchored = backward ? program.anchored.backward : program.anchored.forward;
  mark.fill(0);
  let seedCount = 0;
  let generation = 0;
  let position = backward ? text.length : 0;
  for (;;) {
    generation++;
    // The states reachable at `position` without consuming: from the seeds and a fresh start.
    let waitingCount = 0;
    let matched = false;
    let top = 0;
    if (generation === 1 || !anchored) {
      stack[top++] = start;
      mark[start] = generation;
    } else if (seedCount === 0) {
      return false; // nothing alive, and no later start can match
    }
    for (let index = 0; index < seedCount; index++) {
      const seed = seeds[index]!;
      if (mark[seed] !== generation) {
        mark[seed] = generation;
        stack[top++] = seed;
      }
    }
    while (top > 0) {
      const state = stack[--top]!;
      let follow = -1;
      let other = -1;
      switch (kind[state]) {
        case CHAR:
          waiting[waitingCount++] = state;
          break;
        case SPLIT:
          follow = out1[state]!;
          other = out2[state]!;
          break;
        case ASSERT:
          if (holds(arg[state]!, text, position, tables)) follow = out1[state]!;
          break;
        default:
          matched = true;
      }
      if (follow >= 0 && mark[follow] !== generation) {
        mark[follow] = generation;
        stack[top++] = follow;
      }
      if (other >= 0 && mark[other] !== generation) {
        mark[other] = generation;
        stack[top++] = other;
      }
    }
    if (matched) {
      if (record === undefined) return true;
      record[position] = 1;
    }
    if (backward ? position === 0 : position === text.length) return false;
    const code = text.charCodeAt(backward ? position - 1 : position);
    seedCount = 0;
    for (let index = 0; index < waitingCount; index++) {
      const state = waiting[index]!;
      if (contains(program, state, code)) seeds[seedCount++] = out1[state]!;
    }
    position += backward ? -1 : 1;
  }
}
