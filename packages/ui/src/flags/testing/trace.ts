import type { AllocationStep, ClauseTrace, ExplainStep, FlagValue, Variation } from '@vexil/engine';
import { clauseSentence, kindNoun, type Sentence, type SentencePart, type Vocabulary } from '../logic/sentences';
import { formatWeight } from '../logic/splits';

/**
 * The engine's explain trace in words, for the test panel: one line per step in evaluation order
 * (kill switch → prerequisites → individual targets → allocations → fallthrough), each with what
 * happened, and the step that decided the answer marked. Evaluation stops at the step that decides
 * (docs/evaluation.md), so the deciding step is the last one the engine recorded.
 */

/**
 * `passed`: checked and went on; `skipped`: not applicable (disabled, outside its time window, not
 * targeted); `failed`: did not match, went on; `decided`: this step gave the answer.
 */
export type StepOutcome = 'passed' | 'skipped' | 'failed' | 'decided';

export interface ClauseLine {
  sentence: Sentence;
  matched: boolean;
  /** What the context had: its value ("ada@acme.com"), or "not set", "in the segment". */
  actual: string;
  /** Whether `actual` is the attribute's value (else it is words). */
  actualIsValue: boolean;
}

export interface TraceLine {
  /** What the step is: "Kill switch", "Allocation “Beta”", "Fallthrough". */
  title: string;
  /** What happened at it, in words. */
  sentence: Sentence;
  outcome: StepOutcome;
  /** For allocations: the clauses checked, up to the first that failed. */
  clauses: ClauseLine[];
}

/** The result beside the trace: what was served, and the allocation that decided (its id). */
export interface TracedResult {
  variation: string | null;
  allocation?: string | undefined;
}

const BUCKETS = 10_000;

/** The trace as lines; the last one is the deciding step. */
export function traceLines(
  trace: readonly ExplainStep[],
  result: TracedResult,
  vocabulary: Vocabulary = {},
): TraceLine[] {
  let allocationNumber = 0;
  return trace.map((step, index) => {
    const deciding = index === trace.length - 1;
    if (step.step === 'allocation') allocationNumber++;
    const line = stepLine(step, result, vocabulary, deciding, allocationNumber);
    return deciding ? { ...line, outcome: 'decided' } : line;
  });
}

function stepLine(
  step: ExplainStep,
  result: TracedResult,
  vocabulary: Vocabulary,
  deciding: boolean,
  allocationNumber: number,
): TraceLine {
  const served = servedParts(result, vocabulary);
  switch (step.step) {
    case 'switch':
      return step.on
        ? line('Kill switch', [words('On — the targeting below decides')], 'passed')
        : line('Kill switch', [words('Off — '), ...served], 'decided');
    case 'prerequisite': {
      const flag: SentencePart = { text: vocabulary.flagName?.(step.flag) || step.flag, role: 'flag', key: step.flag };
      const expected = step.expected.map((key) => variation(key, undefined));
      const was =
        !step.on && step.served === undefined
          ? [words('it is off or does not exist')]
          : step.served === undefined
            ? [words('it serves no variation')]
            : [words(step.on ? 'it serves ' : 'it is off, serving '), variation(step.served, undefined)];
      return line(
        'Prerequisite',
        step.passed
          ? [flag, words(' must be '), ...joined(expected, ' or '), words(': '), ...was]
          : [flag, words(' must be '), ...joined(expected, ' or '), words(', but '), ...was, words(' — '), ...served],
        step.passed ? 'passed' : 'decided',
      );
    }
    case 'target': {
      const kinds = kindNoun(step.contextKind, true).toLowerCase();
      const pinned = variation(step.variation, vocabulary);
      return step.matched
        ? line(
            'Individual targets',
            [words(`Among the ${kinds} pinned to `), pinned, words(' — '), ...served],
            'decided',
          )
        : line('Individual targets', [words(`Not among the ${kinds} pinned to `), pinned], 'skipped');
    }
    case 'allocation':
      return allocationLine(step, result, vocabulary, deciding, allocationNumber);
    case 'fallthrough':
      return line(
        'Fallthrough',
        [
          words('No allocation matched — '),
          ...(step.splitBucket === undefined ? [] : [words(`${bucketText(step.splitBucket)} of the split: `)]),
          ...served,
        ],
        'decided',
      );
  }
}

function allocationLine(
  step: AllocationStep,
  result: TracedResult,
  vocabulary: Vocabulary,
  deciding: boolean,
  number: number,
): TraceLine {
  const title = step.name ? `Allocation “${step.name}”` : `Allocation ${number}`;
  const clauses = step.clauses.map((clause) => clauseLine(clause, vocabulary));
  const exposure = step.exposure;
  const outcome = (sentence: Sentence, stepOutcome: StepOutcome): TraceLine => ({
    ...line(title, sentence, stepOutcome),
    clauses,
  });
  switch (step.outcome) {
    case 'disabled':
      return outcome([words('Skipped: disabled')], 'skipped');
    case 'not-started':
      return outcome([words('Skipped: not started yet')], 'skipped');
    case 'ended':
      return outcome([words('Skipped: ended')], 'skipped');
    case 'conditions-failed':
      return outcome([words('Conditions not met — goes on')], 'failed');
    case 'missing-bucketing-value':
      return outcome(
        [words('Matched, but the context has no value to bucket on — '), ...servedParts(result, vocabulary)],
        'decided',
      );
    case 'traffic-excluded':
      return outcome(
        [
          words('Matched, but outside its '),
          { text: `${formatWeight(((exposure?.exposed ?? 0) * 100) / BUCKETS)} %`, role: 'percentage' },
          words(' exposure'),
          ...(exposure ? [words(` (${bucketText(exposure.bucket)})`)] : []),
          words(' — not exposed: the code’s default'),
        ],
        'decided',
      );
    case 'not-in-shards':
      return outcome([words('Matched, but in none of its shards — goes on')], deciding ? 'decided' : 'failed');
    case 'matched':
      return outcome(
        [
          words(step.clauses.length === 0 ? 'Everyone matches' : 'Matched'),
          ...(exposure ? [words(`, inside its ${formatWeight((exposure.exposed * 100) / BUCKETS)} % exposure`)] : []),
          ...(step.splitBucket === undefined ? [] : [words(`, ${bucketText(step.splitBucket)} of the split`)]),
          words(' — '),
          ...servedParts(result, vocabulary),
        ],
        'decided',
      );
  }
}

function clauseLine(trace: ClauseTrace, vocabulary: Vocabulary): ClauseLine {
  const sentence = clauseSentence(trace.clause, vocabulary);
  if ('segment' in trace.clause)
    return {
      sentence,
      matched: trace.matched,
      actual: trace.actual === true ? 'in the segment' : 'not in the segment',
      actualIsValue: false,
    };
  if (trace.actual === undefined) return { sentence, matched: trace.matched, actual: 'not set', actualIsValue: false };
  return { sentence, matched: trace.matched, actual: actualText(trace.actual), actualIsValue: true };
}

/** An attribute's value as the context had it. */
export function actualText(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  return JSON.stringify(value);
}

/** "bucket 42.17 %": where the context falls among the 10,000 buckets, as a percentage. */
function bucketText(bucket: number): string {
  return `at ${formatWeight((bucket * 100) / BUCKETS)} %`;
}

/** "serves new", or "serves the code’s default" when no variation is served. */
function servedParts(result: TracedResult, vocabulary: Vocabulary): Sentence {
  return result.variation === null
    ? [words('serves the code’s default')]
    : [words('serves '), variation(result.variation, vocabulary)];
}

// ── Values and reasons ──────────────────────────────────────────────────────────────────────

/** A served value as code would see it: `true`, `"blue"`, `42`, `{"a":1}`; no value is the code's default. */
export function valueText(value: unknown, variation: string | null): string {
  if (variation === null) return 'the code’s default';
  return JSON.stringify(value as FlagValue) ?? 'null';
}

/** The OpenFeature reason, said plainly. */
export function reasonText(reason: string, errorCode?: string): string {
  switch (reason) {
    case 'DISABLED':
      return 'Flag off';
    case 'TARGETING_MATCH':
      return 'Targeting match';
    case 'SPLIT':
      return 'Split';
    case 'DEFAULT':
      return 'Fallthrough';
    case 'STATIC':
      return 'Same for everyone';
    case 'PREREQUISITE_FAILED':
      return 'Prerequisite failed';
    case 'TRAFFIC_EXCLUDED':
      return 'Not exposed';
    case 'ERROR':
      return errorCode ? `Error: ${errorCode}` : 'Error';
    default:
      return reason;
  }
}

/** Whether the draft answers differently from the saved flag (value, variation or reason). */
export function answersDiffer(
  saved: { value: unknown; variation: string | null; reason: string },
  draft: { value: unknown; variation: string | null; reason: string },
): boolean {
  return (
    saved.variation !== draft.variation ||
    saved.reason !== draft.reason ||
    JSON.stringify(saved.value) !== JSON.stringify(draft.value)
  );
}

// ── Parts ───────────────────────────────────────────────────────────────────────────────────

function line(title: string, sentence: Sentence, outcome: StepOutcome): TraceLine {
  return { title, sentence, outcome, clauses: [] };
}

function words(text: string): SentencePart {
  return { text };
}

function variation(key: string, vocabulary: Vocabulary | undefined): SentencePart {
  const name = vocabulary?.variations?.find((candidate: Variation) => candidate.key === key)?.name;
  return { text: name || key, role: 'variation', key };
}

function joined(parts: SentencePart[], separator: string): Sentence {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [words(separator), part]));
}
