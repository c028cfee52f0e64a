import {
  BUCKETS,
  exposureBucketer,
  inShards,
  percentageProblem,
  percentToBuckets,
  splitBounds,
  splitBucketer,
  splitProblems,
  type Bucketer,
} from './bucketing.js';
import { ConfigError } from './config-error.js';
import { attributeReader, DEFAULT_KIND, kindReader, textOf, type AttributeReader, type KindReader } from './context.js';
import type {
  Allocation,
  AttributeRef,
  Clause,
  EvaluationContext,
  EvaluationResult,
  FlagConfig,
  FlagType,
  FlagValue,
  Reason,
  Segment,
  Serve,
} from './model.js';
import type { AllocationsEvaluator, ClausePlan } from './codegen.js';
import { allocationsEvaluator, evaluateFlag, type EvaluationScope } from './evaluate.js';
import { clauseClosure, planAttributeClause, type ClauseTest } from './operators.js';
import { freeze, ResultFactory } from './results.js';
import { compileSegment, type CompiledSegment } from './segments.js';
import { parseInstant } from './time.js';

/**
 * The compiled form of a flag: everything evaluation needs, prepared once per change.
 * Results that do not depend on the caller's default are built here, frozen and shared, so the
 * hot path allocates nothing. A result without `variation` stands for "the caller's default".
 */
export interface CompiledFlag {
  key: string;
  type: FlagType;
  config: FlagConfig;
  on: boolean;
  /** Set when the flag's result never depends on the context (off, or on with nothing to decide). */
  constant: EvaluationResult | undefined;
  off: EvaluationResult;
  prerequisiteFailed: EvaluationResult;
  prerequisites: CompiledPrerequisite[];
  targets: CompiledTarget[];
  allocations: CompiledAllocation[];
  /** The allocation waterfall and the fallthrough (see `allocationsEvaluator`). */
  evaluateAllocations: AllocationsEvaluator;
  /** Evaluation without a trace, by the shortest path this flag allows. */
  evaluate: (context: EvaluationContext, scope: EvaluationScope) => EvaluationResult;
  fallthrough: CompiledServe;
  /** Served when a rollout has no value to bucket on. */
  missingBucketingValue: EvaluationResult;
  readBucketingValue: (context: EvaluationContext) => string | undefined;
  /** The flag could not be compiled; `constant` is its error result. */
  broken: boolean;
  usesClock: boolean;
}

export interface CompiledPrerequisite {
  flag: string;
  variations: ReadonlySet<string>;
}

export interface CompiledTarget {
  contextKind: string;
  readKind: KindReader;
  keys: ReadonlySet<string>;
  result: EvaluationResult;
}

export interface CompiledCondition {
  clause: Clause;
  plan: ClausePlan;
  test: ClauseTest;
  /** For explanations: the attribute's value, or segment membership. */
  inspect: (context: EvaluationContext) => unknown;
}

// Compiled objects always carry every field (undefined when absent) so that evaluation sees one
// object shape per kind and V8's property access stays monomorphic.
export interface CompiledAllocation {
  id: string;
  name: string | undefined;
  enabled: boolean;
  conditions: CompiledCondition[];
  /** All conditions at once: the AND of their tests. */
  matches: ClauseTest;
  /** The result when the allocation serves one variation to all its traffic (no bucketing needed). */
  everyone: EvaluationResult | undefined;
  startAt: number | undefined;
  endAt: number | undefined;
  /** Exposed buckets out of BUCKETS, and the bucket of a context when exposure is partial. */
  exposure: number;
  exposureBucket: Bucketer;
  readBucketingValue: (context: EvaluationContext) => string | undefined;
  serve: CompiledServe;
  excluded: EvaluationResult;
}

/**
 * What an allocation or the fallthrough serves. A split maps a bucket to a result; Eppo shards
 * pick a result from the bucketing value, or none when the context falls in no shard range.
 */
export type CompiledServe =
  | { kind: 'fixed'; result: EvaluationResult }
  | { kind: 'split'; bucket: (value: string) => number; at: (bucket: number) => EvaluationResult }
  | { kind: 'shards'; pick: (value: string) => EvaluationResult | undefined }
  | { kind: 'none'; result: EvaluationResult };

export interface CompileOptions {
  /** Known segments by key. */
  segments: ReadonlyMap<string, CompiledSegment>;
}

/**
 * Compiles segments by key. A malformed segment is left out rather than taking every flag down;
 * flags that use it then fail to compile with "unknown segment".
 */
export function compileSegments(segments: Segment[]): Map<string, CompiledSegment> {
  const compiled = new Map<string, CompiledSegment>();
  for (const segment of segments) {
    try {
      compiled.set(segment.key, compileSegment(segment));
    } catch {
      // Reported by the validator, and through the flags that use it.
    }
  }
  return compiled;
}

/** Compiles one flag; throws ConfigError (with a path inside the flag) when it is malformed. */
export function compileFlag(flag: FlagConfig, options: CompileOptions): CompiledFlag {
  const results = new ResultFactory(flag);
  const flagBucketBy = bucketingReader(flag.bucketBy, ['bucketBy']);
  const allocations = (flag.allocations ?? []).map((allocation, index) =>
    locate(['allocations', index], () => compileAllocation(flag, allocation, results, flagBucketBy, options)),
  );
  const fallthrough = flag.fallthrough
    ? locate(['fallthrough'], () =>
        compileServe(flag.fallthrough!, results, { salt: flag.salt ?? flag.key, fixedReason: 'DEFAULT' }),
      )
    : ({ kind: 'none', result: results.callerDefault('DEFAULT') } as const);
  const targets = (flag.targets ?? []).map((target, index) =>
    locate(['targets', index], () => ({
      contextKind: target.contextKind ?? DEFAULT_KIND,
      readKind: kindReader(target.contextKind),
      keys: new Set(target.values),
      result: results.variation(target.variation, 'TARGETING_MATCH'),
    })),
  );
  const prerequisites = (flag.prerequisites ?? []).map((prerequisite) => ({
    flag: prerequisite.flag,
    variations: new Set(prerequisite.variations),
  }));
  const off =
    flag.offVariation === undefined
      ? results.callerDefault('DISABLED')
      : locate(['offVariation'], () => results.variation(flag.offVariation!, 'DISABLED'));
  // Only built when a flag can need them: a thousand simple flags should cost little memory.
  const prerequisiteFailed =
    prerequisites.length === 0
      ? off
      : flag.offVariation === undefined
        ? results.callerDefault('PREREQUISITE_FAILED')
        : results.variation(flag.offVariation, 'PREREQUISITE_FAILED');
  const buckets = fallthrough.kind === 'split' || allocations.some((allocation) => allocation.everyone === undefined);

  const compiled: CompiledFlag = {
    key: flag.key,
    constant: undefined,
    type: flag.type,
    config: flag,
    on: flag.on === true,
    off,
    prerequisiteFailed,
    prerequisites,
    targets,
    allocations,
    evaluateAllocations: unreachable, // both replaced below, once the flag is complete
    evaluate: unreachable,
    fallthrough,
    missingBucketingValue: buckets ? missingBucketingValue(fallthrough, results) : NO_BUCKETING,
    readBucketingValue: flagBucketBy,
    broken: false,
    usesClock: allocations.some((allocation) => allocation.startAt !== undefined || allocation.endAt !== undefined),
  };
  if (!compiled.on) {
    compiled.constant = off;
  } else if (prerequisites.length === 0 && targets.length === 0 && !allocations.some((a) => a.enabled)) {
    // Nothing about the context matters: a fixed fallthrough is STATIC (OpenFeature's term).
    if (fallthrough.kind === 'fixed') compiled.constant = results.restate(fallthrough.result, 'STATIC');
    if (fallthrough.kind === 'none') compiled.constant = fallthrough.result;
  }
  compiled.evaluate = entryPoint(compiled);
  return compiled;
}

function unreachable(): never {
  throw new Error('a compiled flag was evaluated before it was complete');
}

/** Stands for "no rollout in this flag, so never served". */
const NO_BUCKETING: EvaluationResult = Object.freeze({ value: null, reason: 'ERROR', errorCode: 'GENERAL' });

function entryPoint(flag: CompiledFlag): CompiledFlag['evaluate'] {
  const constant = flag.constant;
  if (constant !== undefined) return () => constant;
  flag.evaluateAllocations = allocationsEvaluator(flag);
  if (flag.prerequisites.length > 0 || flag.targets.length > 0)
    return (context, scope) => evaluateFlag(flag, context, scope);
  return flag.evaluateAllocations;
}

/** A flag that cannot be evaluated (malformed, or on a prerequisite cycle): always this error. */
export function brokenFlag(
  flag: FlagConfig,
  errorCode: NonNullable<EvaluationResult['errorCode']>,
  errorMessage: string,
): CompiledFlag {
  const error = freeze<EvaluationResult>({
    value: undefined as unknown as FlagValue,
    reason: 'ERROR',
    errorCode,
    errorMessage,
  });
  const none = { kind: 'none', result: error } as const;
  return {
    key: flag.key,
    constant: error,
    type: flag.type,
    config: flag,
    on: false,
    off: error,
    prerequisiteFailed: error,
    prerequisites: [],
    targets: [],
    allocations: [],
    evaluateAllocations: () => error,
    evaluate: () => error,
    fallthrough: none,
    missingBucketingValue: error,
    readBucketingValue: () => undefined,
    broken: true,
    usesClock: false,
  };
}

/** A rollout that cannot bucket serves the fallthrough's fixed variation, flagged as an error. */
function missingBucketingValue(fallthrough: CompiledServe, results: ResultFactory): EvaluationResult {
  const message = 'the context has no value to bucket on';
  if (fallthrough.kind === 'fixed' && fallthrough.result.variation !== undefined) {
    return freeze({
      ...fallthrough.result,
      reason: 'ERROR',
      errorCode: 'TARGETING_KEY_MISSING',
      errorMessage: message,
    });
  }
  return results.error('TARGETING_KEY_MISSING', message);
}

function compileAllocation(
  flag: FlagConfig,
  allocation: Allocation,
  results: ResultFactory,
  flagBucketBy: (context: EvaluationContext) => string | undefined,
  options: CompileOptions,
): CompiledAllocation {
  if (typeof allocation.id !== 'string' || allocation.id === '') throw new ConfigError('is required', ['id']);
  const exposurePercent = allocation.exposure ?? 100;
  const problem = percentageProblem(exposurePercent);
  if (problem) throw new ConfigError(problem, ['exposure']);
  const exposure = percentToBuckets(exposurePercent);
  const track = allocation.track === true;
  const salt = allocation.salt ?? `${flag.key}.${allocation.id}`;
  const serve = locate(['serve'], () =>
    compileServe(allocation.serve, results, {
      salt,
      fixedReason: exposure < BUCKETS ? 'SPLIT' : 'TARGETING_MATCH',
      allocation: allocation.id,
      track,
    }),
  );
  const conditions = (allocation.conditions ?? []).map((clause, index) =>
    locate(['conditions', index], () => compileCondition(clause, options)),
  );
  return {
    id: allocation.id,
    name: allocation.name,
    enabled: allocation.enabled !== false,
    conditions,
    matches: allOf(conditions.map((condition) => condition.test)),
    everyone: exposure === BUCKETS && serve.kind === 'fixed' ? serve.result : undefined,
    startAt: instant('startAt', allocation.startAt),
    endAt: instant('endAt', allocation.endAt),
    exposure,
    exposureBucket: exposureBucketer(salt),
    readBucketingValue: allocation.bucketBy ? bucketingReader(allocation.bucketBy, ['bucketBy']) : flagBucketBy,
    serve,
    excluded: results.callerDefault('TRAFFIC_EXCLUDED', allocation.id),
  };
}

function instant(field: string, value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = parseInstant(value);
  if (parsed === undefined) throw new ConfigError('must be an ISO 8601 date or epoch milliseconds', [field]);
  return parsed;
}

function allOf(tests: ClauseTest[]): ClauseTest {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  return (context) => {
    for (let index = 0; index < tests.length; index++) if (!tests[index]!(context)) return false;
    return true;
  };
}

function compileCondition(clause: Clause, options: CompileOptions): CompiledCondition {
  if (typeof clause !== 'object' || clause === null) throw new ConfigError('must be a clause object');
  if ('segment' in clause) {
    const negate = clause.negate === true;
    const segment = options.segments.get(clause.segment);
    if (!segment) throw new ConfigError(`unknown segment "${clause.segment}"`, ['segment']);
    const test: ClauseTest = (context) => segment.contains(context) !== negate;
    return { clause, plan: { type: 'opaque', test }, test, inspect: (context) => segment.contains(context) };
  }
  const plan = planAttributeClause(clause);
  return { clause, plan, test: clauseClosure(plan), inspect: plan.read };
}

interface ServeOptions {
  salt: string;
  /** The reason of a fixed variation: TARGETING_MATCH, DEFAULT (fallthrough) or SPLIT (partial exposure). */
  fixedReason: Reason;
  allocation?: string;
  track?: boolean;
}

function compileServe(serve: Serve, results: ResultFactory, options: ServeOptions): CompiledServe {
  const { salt, allocation, track } = options;
  if (typeof serve !== 'object' || serve === null) throw new ConfigError('must serve a variation, a split or shards');
  if ('variation' in serve) {
    return { kind: 'fixed', result: results.variation(serve.variation, options.fixedReason, allocation, track) };
  }
  if ('split' in serve) {
    const [problem] = splitProblems(serve.split);
    if (problem) throw problem.under('split');
    const bounds = splitBounds(serve.split);
    const picks = serve.split.map((share, index) =>
      locate(['split', index, 'variation'], () => results.variation(share.variation, 'SPLIT', allocation, track)),
    );
    return {
      kind: 'split',
      bucket: splitBucketer(salt),
      at(bucket) {
        for (let index = 0; index < bounds.length - 1; index++) if (bucket < bounds[index]!) return picks[index]!;
        return picks[picks.length - 1]!;
      },
    };
  }
  if ('shards' in serve) {
    const { totalShards } = serve;
    if (!Number.isInteger(totalShards) || totalShards <= 0) {
      throw new ConfigError('must be a positive whole number', ['totalShards']);
    }
    const entries = serve.shards.map((entry, index) => ({
      shards: entry.shards,
      // A shard-less entry takes everyone: a plain targeting match, not a bucketing decision.
      result: locate(['shards', index, 'variation'], () =>
        results.variation(entry.variation, entry.shards.length > 0 ? 'SPLIT' : 'TARGETING_MATCH', allocation, track),
      ),
    }));
    return {
      kind: 'shards',
      pick(value) {
        for (const entry of entries) if (inShards(entry.shards, value, totalShards)) return entry.result;
        return undefined;
      },
    };
  }
  throw new ConfigError('must serve a variation, a split or shards');
}

type BucketingReader = (context: EvaluationContext) => string | undefined;

function bucketingReader(ref: AttributeRef | undefined, path: (string | number)[]): BucketingReader {
  if (ref === undefined) return USER_KEY;
  return readTextOf(locate(path, () => attributeReader(ref.contextKind, ref.attribute ?? 'key')));
}

function readTextOf(read: AttributeReader): BucketingReader {
  return (context) => {
    const text = textOf(read(context));
    return text === '' ? undefined : text;
  };
}

/** The default bucketing value: the user context's key. */
const USER_KEY = readTextOf(attributeReader(DEFAULT_KIND, 'key'));

/** Runs a compile step, placing any ConfigError it throws under `path`. */
function locate<T>(path: (string | number)[], step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ConfigError) throw error.under(...path);
    throw new ConfigError((error as Error).message, path);
  }
}
