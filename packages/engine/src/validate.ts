import { percentageProblem, splitProblems } from './bucketing.js';
import { compileFlag, compileSegments } from './compile.js';
import { typeMismatch } from './results.js';
import { ConfigError, formatPath, type Path } from './config-error.js';
import { DEFAULT_KIND, parseAttributePath } from './context.js';
import type { FlagConfig, Segment } from './model.js';
import { OPERATORS, planAttributeClause } from './operators.js';
import { prerequisiteCycles } from './prerequisites.js';
import { MAX_REGEX_PATTERNS } from './regex/safety.js';
import { parseInstant } from './time.js';

/** One problem with a configuration, at a path like `allocations[0].conditions[1].values[0]`. */
export interface ValidationError {
  path: string;
  message: string;
}

/** What a flag may refer to: the other flags and the segments of its project. */
export interface ValidationScope {
  flag(key: string): FlagConfig | undefined;
  segment(key: string): Segment | undefined;
}

export const KEY_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const FLAG_TYPES = ['boolean', 'string', 'number', 'json'];
const KIND_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Validates a whole ruleset: every flag and segment, unique keys, references and cycles. */
export function validateRuleset(ruleset: unknown): ValidationError[] {
  const errors = new Collector();
  if (!isObject(ruleset)) return [{ path: '', message: 'must be an object' }];
  const flags = Array.isArray(ruleset.flags) ? (ruleset.flags as unknown[]) : undefined;
  if (!flags) errors.add(['flags'], 'must be an array');
  const segments =
    ruleset.segments === undefined ? [] : Array.isArray(ruleset.segments) ? (ruleset.segments as unknown[]) : undefined;
  if (!segments) errors.add(['segments'], 'must be an array');

  const segmentsByKey = new Map<string, Segment>();
  (segments ?? []).forEach((segment, index) => {
    errors.addAll(['segments', index], validateSegment(segment));
    const key = isObject(segment) ? segment.key : undefined;
    if (typeof key !== 'string') return;
    if (segmentsByKey.has(key)) errors.add(['segments', index, 'key'], `duplicate segment key "${key}"`);
    segmentsByKey.set(key, segment as unknown as Segment);
  });
  const flagsByKey = new Map<string, FlagConfig>();
  (flags ?? []).forEach((flag, index) => {
    const key = isObject(flag) ? flag.key : undefined;
    if (typeof key !== 'string') return;
    if (flagsByKey.has(key)) errors.add(['flags', index, 'key'], `duplicate flag key "${key}"`);
    flagsByKey.set(key, flag as unknown as FlagConfig);
  });
  const scope: ValidationScope = { flag: (key) => flagsByKey.get(key), segment: (key) => segmentsByKey.get(key) };
  (flags ?? []).forEach((flag, index) => errors.addAll(['flags', index], validateFlag(flag, scope)));
  return errors.list;
}

/**
 * Validates one flag with its environment state, as saved. Reports every problem found, each
 * with the path of the field at fault; a flag with no errors compiles and evaluates.
 */
export function validateFlag(input: unknown, scope: ValidationScope): ValidationError[] {
  const errors = new Collector();
  if (!isObject(input)) return [{ path: '', message: 'must be an object' }];
  const flag = input as unknown as FlagConfig;

  if (typeof flag.key !== 'string' || !KEY_PATTERN.test(flag.key)) {
    errors.add(['key'], 'must be 1–128 letters, digits, "-", "_" or "."');
  }
  if (!FLAG_TYPES.includes(flag.type)) errors.add(['type'], `must be one of ${FLAG_TYPES.join(', ')}`);
  if (flag.integer !== undefined && (typeof flag.integer !== 'boolean' || (flag.integer && flag.type !== 'number'))) {
    errors.add(['integer'], 'applies to number flags only');
  }
  optionalString(errors, flag, 'name');
  optionalString(errors, flag, 'description');
  optionalString(errors, flag, 'salt');
  for (const field of ['temporary', 'clientSideAvailable', 'archived'] as const) {
    if (flag[field] !== undefined && typeof flag[field] !== 'boolean') errors.add([field], 'must be true or false');
  }
  if (flag.tags !== undefined && !(Array.isArray(flag.tags) && flag.tags.every((tag) => typeof tag === 'string'))) {
    errors.add(['tags'], 'must be a list of strings');
  }
  if (typeof flag.on !== 'boolean') errors.add(['on'], 'must be true or false');

  const variations = validateVariations(errors, flag);
  const variation = (path: Path, key: unknown) => {
    if (typeof key !== 'string' || !variations.has(key)) errors.add(path, `unknown variation "${String(key)}"`);
  };
  if (flag.offVariation !== undefined) variation(['offVariation'], flag.offVariation);
  validatePrerequisites(errors, flag, scope);
  // Where each context key (of each kind) is targeted: a key in two lists would be served the
  // first list's variation, silently, whatever the second says.
  const targeted = new Map<string, Path>();
  eachOf(errors, flag, 'targets', (target, path) => {
    if (!isObject(target)) return errors.add(path, 'must be an object');
    contextKind(errors, [...path, 'contextKind'], target.contextKind);
    variation([...path, 'variation'], target.variation);
    if (!Array.isArray(target.values) || !target.values.every((value) => typeof value === 'string')) {
      return errors.add([...path, 'values'], 'must be a list of context keys');
    }
    const kind = typeof target.contextKind === 'string' ? target.contextKind : DEFAULT_KIND;
    target.values.forEach((key: string, index: number) => {
      const id = JSON.stringify([kind, key]);
      const first = targeted.get(id);
      if (first === undefined) targeted.set(id, [...path, 'values', index]);
      else if (first[1] !== path[1]) {
        errors.add(
          [...path, 'values', index],
          `"${key}" is already targeted by ${formatPath(first)}; a context key can be in only one target list`,
        );
      }
    });
  });
  const allocationIds = new Set<string>();
  const patterns = new PatternCount(errors);
  eachOf(errors, flag, 'allocations', (allocation, path) => {
    if (!isObject(allocation)) return errors.add(path, 'must be an object');
    const id = allocation.id;
    if (typeof id !== 'string' || !KEY_PATTERN.test(id))
      errors.add([...path, 'id'], 'must be 1–128 letters, digits, "-", "_" or "."');
    else if (allocationIds.has(id)) errors.add([...path, 'id'], `duplicate allocation id "${id}"`);
    else allocationIds.add(id);
    optionalString(errors, allocation, 'name', path);
    optionalString(errors, allocation, 'salt', path);
    for (const field of ['enabled', 'track'] as const) {
      if (allocation[field] !== undefined && typeof allocation[field] !== 'boolean')
        errors.add([...path, field], 'must be true or false');
    }
    validateWindow(errors, allocation, path);
    const exposureProblem = allocation.exposure === undefined ? undefined : percentageProblem(allocation.exposure);
    if (exposureProblem) errors.add([...path, 'exposure'], exposureProblem);
    if (allocation.conditions !== undefined && !Array.isArray(allocation.conditions)) {
      errors.add([...path, 'conditions'], 'must be a list of clauses');
    }
    ((allocation.conditions as unknown[] | undefined) ?? []).forEach((clause, index) => {
      validateClause(errors, [...path, 'conditions', index], clause, scope);
      patterns.add([...path, 'conditions', index], clause);
    });
    if (allocation.bucketBy !== undefined) attributeRef(errors, [...path, 'bucketBy'], allocation.bucketBy);
    validateServe(errors, [...path, 'serve'], allocation.serve, variation);
  });
  if (flag.fallthrough !== undefined) validateServe(errors, ['fallthrough'], flag.fallthrough, variation);
  if (flag.bucketBy !== undefined) attributeRef(errors, ['bucketBy'], flag.bucketBy);

  // Anything the checks above missed still cannot reach evaluation: the compiler has the last word.
  if (errors.list.length === 0) {
    try {
      compileFlag(flag, { segments: compileSegments(referencedSegments(flag, scope)) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.add(error.path, error.message);
    }
  }
  return errors.list;
}

/** Validates a segment: key, included and excluded keys, and rules of attribute clauses. */
export function validateSegment(input: unknown): ValidationError[] {
  const errors = new Collector();
  if (!isObject(input)) return [{ path: '', message: 'must be an object' }];
  if (typeof input.key !== 'string' || !KEY_PATTERN.test(input.key)) {
    errors.add(['key'], 'must be 1–128 letters, digits, "-", "_" or "."');
  }
  optionalString(errors, input, 'name');
  optionalString(errors, input, 'description');
  contextKind(errors, ['contextKind'], input.contextKind);
  for (const field of ['included', 'excluded'] as const) {
    const keys = input[field];
    if (keys !== undefined && !(Array.isArray(keys) && keys.every((key) => typeof key === 'string'))) {
      errors.add([field], 'must be a list of context keys');
    }
  }
  const patterns = new PatternCount(errors);
  eachOf(errors, input, 'rules', (rule, path) => {
    if (!isObject(rule) || !Array.isArray(rule.clauses) || rule.clauses.length === 0) {
      return errors.add([...path, 'clauses'], 'must be a non-empty list of clauses');
    }
    rule.clauses.forEach((clause: unknown, index: number) => {
      if (isObject(clause) && 'segment' in clause) {
        return errors.add([...path, 'clauses', index, 'segment'], 'segments cannot refer to other segments');
      }
      validateClause(errors, [...path, 'clauses', index], clause);
      patterns.add([...path, 'clauses', index], clause);
    });
  });
  return errors.list;
}

function validateVariations(errors: Collector, flag: FlagConfig): Set<string> {
  const keys = new Set<string>();
  if (!Array.isArray(flag.variations)) {
    errors.add(['variations'], 'must be a list of variations');
    return keys;
  }
  if (flag.variations.length < 2) errors.add(['variations'], 'needs at least two variations');
  flag.variations.forEach((variation, index) => {
    const path = ['variations', index];
    if (!isObject(variation)) return errors.add(path, 'must be an object');
    if (typeof variation.key !== 'string' || !KEY_PATTERN.test(variation.key)) {
      errors.add([...path, 'key'], 'must be 1–128 letters, digits, "-", "_" or "."');
    } else if (keys.has(variation.key)) {
      errors.add([...path, 'key'], `duplicate variation key "${variation.key}"`);
    } else {
      keys.add(variation.key);
    }
    optionalString(errors, variation, 'name', path);
    if (!('value' in variation)) return errors.add([...path, 'value'], 'is required');
    if (FLAG_TYPES.includes(flag.type)) {
      const mismatch = typeMismatch(flag, variation.value);
      if (mismatch)
        errors.add(
          [...path, 'value'],
          `${mismatch} (the flag's type is ${flag.integer ? 'integer ' : ''}${flag.type})`,
        );
    }
  });
  return keys;
}

function validatePrerequisites(errors: Collector, flag: FlagConfig, scope: ValidationScope): void {
  eachOf(errors, flag, 'prerequisites', (prerequisite, path) => {
    if (!isObject(prerequisite)) return errors.add(path, 'must be an object');
    const other = typeof prerequisite.flag === 'string' ? scope.flag(prerequisite.flag) : undefined;
    if (prerequisite.flag === flag.key) return errors.add([...path, 'flag'], 'a flag cannot be its own prerequisite');
    if (!other) return errors.add([...path, 'flag'], `unknown flag "${String(prerequisite.flag)}"`);
    if (!Array.isArray(prerequisite.variations) || prerequisite.variations.length === 0) {
      return errors.add([...path, 'variations'], 'must list at least one variation');
    }
    const known = new Set((other.variations ?? []).map((variation) => variation.key));
    prerequisite.variations.forEach((key: unknown, index: number) => {
      if (typeof key !== 'string' || !known.has(key)) {
        errors.add([...path, 'variations', index], `flag "${other.key}" has no variation "${String(key)}"`);
      }
    });
  });
  if (Array.isArray(flag.prerequisites) && prerequisiteCycles(prerequisiteGraph(flag, scope)).includes(flag.key)) {
    errors.add(['prerequisites'], 'would create a prerequisite cycle');
  }
}

/** The prerequisite graph reachable from `flag`, with `flag` as it is about to be saved. */
function prerequisiteGraph(
  flag: FlagConfig,
  scope: ValidationScope,
): Map<string, { prerequisites: { flag: string }[] }> {
  const graph = new Map<string, { prerequisites: { flag: string }[] }>();
  const pending = [flag];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (graph.has(current.key)) continue;
    const prerequisites = (Array.isArray(current.prerequisites) ? current.prerequisites : []).filter(
      (prerequisite) => isObject(prerequisite) && typeof prerequisite.flag === 'string',
    );
    graph.set(current.key, { prerequisites });
    for (const prerequisite of prerequisites) {
      const next = prerequisite.flag === flag.key ? flag : scope.flag(prerequisite.flag);
      if (next) pending.push(next);
    }
  }
  return graph;
}

function validateClause(errors: Collector, path: Path, clause: unknown, scope?: ValidationScope): void {
  if (!isObject(clause)) return errors.add(path, 'must be a clause object');
  if (clause.negate !== undefined && typeof clause.negate !== 'boolean')
    errors.add([...path, 'negate'], 'must be true or false');
  if ('segment' in clause) {
    if (typeof clause.segment !== 'string' || !scope?.segment(clause.segment)) {
      errors.add([...path, 'segment'], `unknown segment "${String(clause.segment)}"`);
    }
    return;
  }
  contextKind(errors, [...path, 'contextKind'], clause.contextKind);
  if (typeof clause.attribute !== 'string' || !parseAttributePath(clause.attribute)) {
    return errors.add([...path, 'attribute'], 'must be an attribute name or a path like /address/city');
  }
  if (!OPERATORS.includes(clause.operator as never)) {
    return errors.add([...path, 'operator'], `must be one of ${OPERATORS.join(', ')}`);
  }
  if (!Array.isArray(clause.values)) return errors.add([...path, 'values'], 'must be a list');
  if ((clause.operator === 'exists' || clause.operator === 'not_exists') && clause.values.length > 0) {
    // The compiler ignores them; refusing them here says so instead of letting them mislead.
    return errors.add([...path, 'values'], `must be empty: "${clause.operator}" takes no values`);
  }
  try {
    planAttributeClause(clause as never);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    errors.add([...path, ...error.path], error.message);
  }
}

/**
 * Counts the `matches` patterns of one flag environment or segment, refusing those beyond
 * MAX_REGEX_PATTERNS: each one may run at every evaluation, so this bounds what one costs.
 */
class PatternCount {
  private count = 0;
  constructor(private readonly errors: Collector) {}

  add(path: Path, clause: unknown): void {
    if (!isObject(clause) || clause.operator !== 'matches' || !Array.isArray(clause.values)) return;
    clause.values.forEach((_: unknown, index: number) => {
      if (++this.count === MAX_REGEX_PATTERNS + 1) {
        this.errors.add(
          [...path, 'values', index],
          `too many regular expressions: at most ${MAX_REGEX_PATTERNS} "matches" patterns per flag environment or segment`,
        );
      }
    });
  }
}

function validateServe(
  errors: Collector,
  path: Path,
  serve: unknown,
  variation: (path: Path, key: unknown) => void,
): void {
  if (!isObject(serve)) return errors.add(path, 'must serve a variation, a split or shards');
  if ('variation' in serve) return variation([...path, 'variation'], serve.variation);
  if ('split' in serve) {
    for (const problem of splitProblems(serve.split)) errors.add([...path, 'split', ...problem.path], problem.message);
    if (Array.isArray(serve.split)) {
      serve.split.forEach((share: unknown, index: number) => {
        if (!isObject(share)) return errors.add([...path, 'split', index], 'must be { variation, weight }');
        variation([...path, 'split', index, 'variation'], share.variation);
      });
    }
    return;
  }
  if ('shards' in serve) {
    if (!Number.isInteger(serve.totalShards) || (serve.totalShards as number) <= 0) {
      errors.add([...path, 'totalShards'], 'must be a positive whole number');
    }
    if (!Array.isArray(serve.shards)) return errors.add([...path, 'shards'], 'must be a list');
    serve.shards.forEach((entry: unknown, index: number) => {
      const entryPath = [...path, 'shards', index];
      if (!isObject(entry)) return errors.add(entryPath, 'must be { variation, shards }');
      variation([...entryPath, 'variation'], entry.variation);
      if (!Array.isArray(entry.shards)) return errors.add([...entryPath, 'shards'], 'must be a list');
      entry.shards.forEach((shard: unknown, shardIndex: number) => {
        const ranges = isObject(shard) ? shard.ranges : undefined;
        const valid =
          isObject(shard) &&
          typeof shard.salt === 'string' &&
          Array.isArray(ranges) &&
          ranges.every(
            (range) =>
              isObject(range) &&
              Number.isInteger(range.start) &&
              Number.isInteger(range.end) &&
              (range.start as number) <= (range.end as number),
          );
        if (!valid) errors.add([...entryPath, 'shards', shardIndex], 'must be { salt, ranges: [{ start, end }] }');
      });
    });
    return;
  }
  errors.add(path, 'must serve a variation, a split or shards');
}

function validateWindow(errors: Collector, allocation: Record<string, unknown>, path: Path): void {
  const instants: Record<string, number | undefined> = {};
  for (const field of ['startAt', 'endAt'] as const) {
    if (allocation[field] === undefined) continue;
    instants[field] = parseInstant(allocation[field]);
    if (instants[field] === undefined) errors.add([...path, field], 'must be an ISO 8601 date or epoch milliseconds');
  }
  if (instants.startAt !== undefined && instants.endAt !== undefined && instants.startAt > instants.endAt) {
    errors.add([...path, 'endAt'], 'must not be before startAt');
  }
}

function attributeRef(errors: Collector, path: Path, ref: unknown): void {
  if (!isObject(ref)) return errors.add(path, 'must be { contextKind, attribute }');
  contextKind(errors, [...path, 'contextKind'], ref.contextKind);
  if (ref.attribute !== undefined && (typeof ref.attribute !== 'string' || !parseAttributePath(ref.attribute))) {
    errors.add([...path, 'attribute'], 'must be an attribute name or a path like /address/city');
  }
}

function contextKind(errors: Collector, path: Path, kind: unknown): void {
  if (kind === undefined) return;
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind) || kind === 'multi' || kind === 'kind') {
    errors.add(path, 'must be a context kind name (letters, digits, "-", "_", "."), not "multi" or "kind"');
  }
}

function referencedSegments(flag: FlagConfig, scope: ValidationScope): Segment[] {
  const keys = new Set<string>();
  for (const allocation of flag.allocations ?? []) {
    for (const clause of allocation.conditions ?? []) if ('segment' in clause) keys.add(clause.segment);
  }
  return [...keys].flatMap((key) => scope.segment(key) ?? []);
}

function eachOf(
  errors: Collector,
  owner: object,
  field: string,
  check: (item: Record<string, unknown>, path: Path) => void,
): void {
  const list = (owner as Record<string, unknown>)[field];
  if (list === undefined) return;
  if (!Array.isArray(list)) return errors.add([field], 'must be a list');
  list.forEach((item, index) => check(item, [field, index]));
}

function optionalString(errors: Collector, owner: object, field: string, prefix: Path = []): void {
  const value = (owner as Record<string, unknown>)[field];
  if (value !== undefined && typeof value !== 'string') errors.add([...prefix, field], 'must be a string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Collector {
  readonly list: ValidationError[] = [];
  add(path: Path, message: string): void {
    this.list.push({ path: formatPath(path), message });
  }
  addAll(prefix: Path, errors: ValidationError[]): void {
    for (const error of errors) {
      this.list.push({
        path: error.path
          ? `${formatPath(prefix)}${error.path.startsWith('[') ? '' : '.'}${error.path}`
          : formatPath(prefix),
        message: error.message,
      });
    }
  }
}
