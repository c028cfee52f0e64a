import { BUCKETS } from './bucketing.js';
import { codeGenerationAvailable, generatedAllocations, type AllocationsEvaluator } from './codegen.js';
import type { CompiledAllocation, CompiledFlag, CompiledServe } from './compile.js';
import type { Clause, EvaluationContext, EvaluationResult } from './model.js';

/** Where evaluation looks up other flags (prerequisites) and the time (allocation windows). */
export interface EvaluationScope {
  flag(key: string): CompiledFlag | undefined;
  now(): number;
}

/** One step of an explanation, in evaluation order. */
export type ExplainStep =
  | { step: 'switch'; on: boolean }
  | { step: 'prerequisite'; flag: string; expected: string[]; served?: string; on: boolean; passed: boolean }
  | { step: 'target'; contextKind: string; variation: string; matched: boolean }
  | AllocationStep
  | FallthroughStep;

export interface AllocationStep {
  step: 'allocation';
  id: string;
  name?: string;
  outcome: AllocationOutcome;
  /** The clauses checked, in order, up to the first that failed. */
  clauses: ClauseTrace[];
  /** The exposure bucket (0–9,999) and the number of exposed buckets, when exposure is partial. */
  exposure?: { bucket: number; exposed: number };
  /** The split bucket (0–9,999), when the allocation serves a split. */
  splitBucket?: number;
}

export interface FallthroughStep {
  step: 'fallthrough';
  splitBucket?: number;
}

export type AllocationOutcome =
  | 'disabled'
  | 'not-started'
  | 'ended'
  | 'conditions-failed'
  | 'missing-bucketing-value'
  | 'traffic-excluded'
  | 'not-in-shards'
  | 'matched';

/** A clause that was checked: whether it held, and what the context had (attribute value or segment membership). */
export interface ClauseTrace {
  clause: Clause;
  matched: boolean;
  actual: unknown;
}

/** Prerequisite chains deeper than this are treated as cycles (the validator rejects real ones). */
const MAX_PREREQUISITE_DEPTH = 64;

/**
 * Evaluates a compiled flag: kill switch, prerequisites, individual targets, the allocation
 * waterfall, then the fallthrough. With `trace`, records every step for `explain`: the waterfall
 * is then walked one clause at a time over the same compiled allocations that the fast path
 * (`flag.evaluateAllocations`) runs, and property tests hold the two paths equal.
 */
export function evaluateFlag(
  flag: CompiledFlag,
  context: EvaluationContext,
  scope: EvaluationScope,
  trace?: ExplainStep[],
  depth = 0,
): EvaluationResult {
  if (flag.constant !== undefined) {
    if (trace && !flag.broken)
      trace.push({ step: 'switch', on: flag.on }, ...(flag.on ? [{ step: 'fallthrough' } as const] : []));
    return flag.constant;
  }
  trace?.push({ step: 'switch', on: true });

  const prerequisites = flag.prerequisites;
  for (let index = 0; index < prerequisites.length; index++) {
    const prerequisite = prerequisites[index]!;
    const other = depth < MAX_PREREQUISITE_DEPTH ? scope.flag(prerequisite.flag) : undefined;
    const served = other ? evaluateFlag(other, context, scope, undefined, depth + 1).variation : undefined;
    const passed = other !== undefined && other.on && served !== undefined && prerequisite.variations.has(served);
    trace?.push({
      step: 'prerequisite',
      flag: prerequisite.flag,
      expected: [...prerequisite.variations],
      ...(served === undefined ? {} : { served }),
      on: other?.on ?? false,
      passed,
    });
    if (!passed) return flag.prerequisiteFailed;
  }

  const targets = flag.targets;
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    const key = target.readKind(context)?.key;
    const matched = typeof key === 'string' && target.keys.has(key);
    trace?.push({ step: 'target', contextKind: target.contextKind, variation: target.result.variation ?? '', matched });
    if (matched) return target.result;
  }

  if (trace === undefined) return flag.evaluateAllocations(context, scope);

  const now = flag.usesClock ? scope.now() : 0;

  for (const allocation of flag.allocations) {
    const step = allocationStep(trace, allocation);
    if (!allocation.enabled) step.outcome = 'disabled';
    else if (allocation.startAt !== undefined && now < allocation.startAt) step.outcome = 'not-started';
    else if (allocation.endAt !== undefined && now > allocation.endAt) step.outcome = 'ended';
    else if (traceConditions(allocation, context, step)) {
      const result = serveAllocation(flag, allocation, context, step);
      if (result !== undefined) return result;
    }
  }
  const step: FallthroughStep = { step: 'fallthrough' };
  trace.push(step);
  return serveFallthrough(flag, context, step);
}

/**
 * Allocations beyond which a flag keeps the closures: V8 takes longer to compile the generated
 * function than it saves (a 4,000-allocation flag took 250 ms at its first evaluation), and
 * does not optimise a function that large anyway.
 */
const MAX_GENERATED_ALLOCATIONS = 256;

/**
 * The allocation waterfall and the fallthrough, without tracing: one generated function where
 * the runtime allows it (see codegen.ts), else a loop over the compiled closures.
 */
export function allocationsEvaluator(flag: CompiledFlag): AllocationsEvaluator {
  const fallthrough = flag.fallthrough;
  const fixedFallthrough = fallthrough.kind === 'fixed' || fallthrough.kind === 'none' ? fallthrough.result : undefined;
  const serveFallthroughTo = (context: EvaluationContext) => serveFallthrough(flag, context, undefined);
  const allocations = flag.allocations;
  if (codeGenerationAvailable() && allocations.length <= MAX_GENERATED_ALLOCATIONS) {
    return generatedAllocations(
      allocations.map((allocation) => ({
        ...allocation,
        clauses: allocation.conditions.map((condition) => condition.plan),
        serve: (context: EvaluationContext) => serveAllocation(flag, allocation, context, undefined),
      })),
      fixedFallthrough ?? serveFallthroughTo,
    );
  }
  return (context, scope) => {
    const now = flag.usesClock ? scope.now() : 0;
    for (const allocation of allocations) {
      if (!allocation.enabled) continue;
      if (allocation.startAt !== undefined && now < allocation.startAt) continue;
      if (allocation.endAt !== undefined && now > allocation.endAt) continue;
      if (!allocation.matches(context)) continue;
      const result = serveAllocation(flag, allocation, context, undefined);
      if (result !== undefined) return result;
    }
    return fixedFallthrough ?? serveFallthroughTo(context);
  };
}

function serveFallthrough(
  flag: CompiledFlag,
  context: EvaluationContext,
  step: FallthroughStep | undefined,
): EvaluationResult {
  const fallthrough = flag.fallthrough;
  if (fallthrough.kind === 'fixed' || fallthrough.kind === 'none') return fallthrough.result;
  const value = flag.readBucketingValue(context);
  if (value === undefined) return flag.missingBucketingValue;
  return serveTo(fallthrough, value, step) ?? flag.missingBucketingValue;
}

/**
 * What an allocation whose conditions hold serves: its variation, its split's, the caller's
 * default outside its exposure, or undefined when Eppo shards place the context nowhere.
 */
function serveAllocation(
  flag: CompiledFlag,
  allocation: CompiledAllocation,
  context: EvaluationContext,
  step: AllocationStep | undefined,
): EvaluationResult | undefined {
  if (allocation.everyone !== undefined) return allocation.everyone;
  const value = allocation.readBucketingValue(context);
  if (value === undefined) {
    if (step) step.outcome = 'missing-bucketing-value';
    return flag.missingBucketingValue;
  }
  if (allocation.exposure < BUCKETS) {
    const bucket = allocation.exposureBucket(value);
    if (step) step.exposure = { bucket, exposed: allocation.exposure };
    if (bucket >= allocation.exposure) {
      if (step) step.outcome = 'traffic-excluded';
      return allocation.excluded;
    }
  }
  const result = serveTo(allocation.serve, value, step);
  if (result === undefined && step) step.outcome = 'not-in-shards';
  return result;
}

function allocationStep(trace: ExplainStep[], allocation: CompiledAllocation): AllocationStep {
  const step: AllocationStep = { step: 'allocation', id: allocation.id, outcome: 'matched', clauses: [] };
  if (allocation.name !== undefined) step.name = allocation.name;
  trace.push(step);
  return step;
}

/** `allocation.matches`, one clause at a time, recording each clause checked. */
function traceConditions(allocation: CompiledAllocation, context: EvaluationContext, step: AllocationStep): boolean {
  for (const condition of allocation.conditions) {
    const matched = condition.test(context);
    step.clauses.push({ clause: condition.clause, matched, actual: condition.inspect(context) });
    if (!matched) {
      step.outcome = 'conditions-failed';
      return false;
    }
  }
  return true;
}

function serveTo(
  serve: CompiledServe,
  value: string,
  step: { splitBucket?: number } | undefined,
): EvaluationResult | undefined {
  switch (serve.kind) {
    case 'fixed':
    case 'none':
      return serve.result;
    case 'split': {
      const bucket = serve.bucket(value);
      if (step) step.splitBucket = bucket;
      return serve.at(bucket);
    }
    case 'shards':
      return serve.pick(value);
  }
}
