import { BUCKETS } from './bucketing.js';
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
 * waterfall, then the fallthrough. With `trace`, records every step for `explain`; evaluation and
 * explanation share this one function so they cannot disagree.
 */
export function evaluateFlag(
  flag: CompiledFlag,
  context: EvaluationContext,
  scope: EvaluationScope,
  trace?: ExplainStep[],
  depth = 0,
): EvaluationResult {
  if (flag.constant !== undefined) {
    if (trace && !flag.broken) trace.push({ step: 'switch', on: flag.on }, ...(flag.on ? [{ step: 'fallthrough' } as const] : []));
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

  const now = flag.usesClock ? scope.now() : 0;
  const allocations = flag.allocations;
  for (let index = 0; index < allocations.length; index++) {
    const allocation = allocations[index]!;
    const step = trace === undefined ? undefined : allocationStep(trace, allocation);
    if (!allocation.enabled) {
      if (step) step.outcome = 'disabled';
      continue;
    }
    if (allocation.startAt !== undefined && now < allocation.startAt) {
      if (step) step.outcome = 'not-started';
      continue;
    }
    if (allocation.endAt !== undefined && now > allocation.endAt) {
      if (step) step.outcome = 'ended';
      continue;
    }
    if (step === undefined ? !allocation.matches(context) : !traceConditions(allocation, context, step)) continue;
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
    if (result !== undefined) return result;
    if (step) step.outcome = 'not-in-shards';
  }

  const fallthrough = flag.fallthrough;
  if (fallthrough.kind === 'fixed' || fallthrough.kind === 'none') {
    trace?.push({ step: 'fallthrough' });
    return fallthrough.result;
  }
  const value = flag.readBucketingValue(context);
  const step: FallthroughStep | undefined = trace && { step: 'fallthrough' };
  if (step) trace!.push(step);
  if (value === undefined) return flag.missingBucketingValue;
  return serveTo(fallthrough, value, step) ?? flag.missingBucketingValue;
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
