/**
 * Save-time safety check for the `matches` operator.
 *
 * Targeting rules may carry a user-supplied regular expression that the engine runs on the hot
 * path with the platform's backtracking RegExp engine. The contract is that a saved pattern can
 * never stall evaluation, so before a flag is saved we parse the pattern ourselves and estimate,
 * conservatively, how many backtracking steps a failing match can take on an input of
 * MAX_REGEX_INPUT_LENGTH characters (longer inputs never reach the regex). What it judges, and
 * what runs, is the pattern as a search needs it (search.ts): `.*foo.*` runs as `foo`.
 *
 * The analysis has two parts:
 *  - repetition: every loop whose body is more than one character (`(a+)+`, `(a|ab)*`,
 *    `(\w+\s?)*`) must split a string into iterations in only one way, otherwise the number of
 *    ways grows exponentially with the input;
 *  - path counting: a single left-to-right pass that tracks which variable-length parts could
 *    still trade characters with a later one (`.*.*`, `\w*\w*`, the unanchored start). Every such
 *    overlap multiplies the paths the matcher explores; the pattern is refused when the estimate
 *    exceeds about 2^21 steps, which admits the common quadratic shapes (`Chrome.*Mobile`,
 *    `^.*foo.*bar`) and refuses cubic and worse.
 * Character sets are over-approximated (when unsure, assume overlap), so mistakes err on refusal.
 */

import { CharSet, EMPTY, ANY } from './charset.js';
import {
  Refusal,
  type Info,
  type Node,
  type AltNode,
  type RepeatNode,
  seqNode,
  reversed,
  sum,
  isVariable,
  unwrap,
  quote,
  Parser,
} from './syntax.js';
import { searchEquivalent } from './search.js';
import { linearMatcher, MAX_LINEAR_STATES, type Matcher, TooLarge } from './linear.js';

/**
 * Longer attribute values never match. One bulk evaluation may run a pattern per flag, so the
 * quadratic shapes admitted below must stay cheap: at 1,024 characters (room for any real user
 * agent, e-mail address or version) one costs about a millisecond at worst; at 4,096, over ten.
 */
export const MAX_REGEX_INPUT_LENGTH = 1024;
/** Longer patterns are refused outright: nobody targets users with them and they cost analysis. */
export const MAX_REGEX_PATTERN_LENGTH = 1000;
/**
 * Patterns one flag (per environment) or one segment may hold. Each may run at every evaluation,
 * for up to about 30 µs at the longest input: a flag stays within a few milliseconds however its
 * rules are written, while real targeting uses a handful.
 */
export const MAX_REGEX_PATTERNS = 64;

export type { Matcher } from './linear.js';
/** `regex` is the RegExp itself, or for a quadratic shape the automaton of linear.ts with its `test`. */
export type RegexCheck = { ok: true; regex: Matcher } | { ok: false; reason: string };

/**
 * Verdicts by pattern. The analysis costs tens of microseconds, and the same patterns come back
 * at every save and ruleset rebuild (an Eppo import repeats one pattern in thousands of flags).
 * A verdict holds no state: RegExps without flags and linear matchers keep none between tests.
 */
const verdicts = new Map<string, RegexCheck>();
const MAX_VERDICTS = 4096;

/** Compiles `pattern` for the `matches` operator, or says in a short human sentence why it is refused. */
export function compileSafeRegex(pattern: string): RegexCheck {
  let verdict = verdicts.get(pattern);
  if (verdict === undefined) {
    verdict = analyse(pattern);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(pattern, verdict);
  }
  return verdict;
}

function analyse(pattern: string): RegexCheck {
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
    let ast = new Parser(pattern).parse();
    // What runs is the pattern without the parts that cannot change a search's answer, so it is
    // what the analysis judges: `.*foo.*` searches as `foo`, in linear time.
    const search = searchEquivalent(ast);
    if (search !== pattern) {
      try {
        [regex, ast] = [new RegExp(search), new Parser(search).parse()];
      } catch {
        // Not expected (search.ts only drops or shortens whole terms); the pattern as written runs.
      }
    }
    const repetition = findRepetitionProblem(ast);
    if (repetition !== null) return refuse(repetition);
    const backtracking = backtrackingCost(ast);
    if (backtracking.bits > COST_LIMIT_BITS)
      return refuse(`${backtracking.overlap} overlap, so ${backtrackingSteps(backtracking.bits)}`);
    if (backtracking.bits <= LINEAR_LIMIT_BITS) return { ok: true, regex };
    // Quadratic for a backtracking engine: cheap alone, but a bulk evaluation runs one per flag.
    try {
      return { ok: true, regex: linearMatcher(regex.source, ast) };
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
      return refuse(
        `${backtracking.overlap} overlap, so ${backtrackingSteps(backtracking.bits)}; patterns of this shape run in linear time only up to ${MAX_LINEAR_STATES} automaton states (repetition counts and alternatives add states)`,
      );
    }
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
  if (node.body.info.nullable)
    return `repeated group ${label} can match the empty string, so it can backtrack exponentially`;
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
/** About 2.1e6 steps: admits n^2 (times two), refuses n^3 and n^2 with larger factors. */
const COST_LIMIT_BITS = 2 * N_BITS + 1;
/**
 * Up to about 8n steps a pattern runs as a RegExp; beyond, the analysis found a quadratic shape
 * (`a.*b`: the unanchored start and `.*` trade characters), which runs as linear.ts's automaton.
 */
const LINEAR_LIMIT_BITS = N_BITS + 3;
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
      return Math.min(
        span,
        node.items.reduce((product, item) => product * lengthChoices(item), 1),
      );
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
      if (c.before + c.range > arrivals.bits)
        arrivals = { bits: c.before + c.range, chain: [...c.beforeChain, c.label] };
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
    const out =
      node.min === 0
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
      label: quote(node),
      chars,
      first,
      last,
      extend: nullable ? rest.union(first) : rest,
      next: EMPTY,
      open: true,
      before,
      beforeChain,
      range: rangeBits(node),
      separators: new Map(),
    };
  }
}

/** log2 of the steps a failing match may take, and the parts whose overlap costs them. */
function backtrackingCost(ast: Node): { bits: number; overlap: string } {
  const counter = new PathCounter(false);
  const flow = emptyFlow();
  // Without `^` the engine retries at every start position: a loop over any character.
  addCandidate(flow, {
    label: START_LABEL,
    chars: ANY,
    first: ANY,
    last: ANY,
    extend: ANY,
    next: EMPTY,
    open: true,
    before: 0,
    beforeChain: [],
    range: N_BITS,
    separators: new Map(),
  });
  counter.noteArrivals(flow);
  counter.visit(ast, flow, { contSafe: true, iterBits: 0 });
  return { bits: counter.cost, overlap: describeChain(counter.costChain) };
}

function backtrackingSteps(bits: number): string {
  return `a failing match can take about 2^${Math.round(bits)} backtracking steps on ${MAX_REGEX_INPUT_LENGTH} characters`;
}

function describeChain(chain: readonly string[]): string {
  const parts = chain.length > 5 ? [...chain.slice(0, 4), `${chain.length - 4} more`] : [...chain];
  if (parts.length === 0) return 'parts of the pattern';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
