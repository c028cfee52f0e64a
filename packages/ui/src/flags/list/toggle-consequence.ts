import type { FlagState, Variation } from '@vexil/engine';
import { sentenceText, serveSentence } from '../logic/sentences';

/**
 * What turning a flag on or off in an environment changes, in words, for the confirmation a
 * critical environment asks for (CONSOLE.md: "confirmation on critical environments with what will
 * change"): "Turn new-checkout ON in Production" — "Everyone will get the targeting rules instead
 * of off." The engine decides as docs/evaluation.md says: off serves `offVariation` (or the code's
 * default) and nothing else; on hands the decision to prerequisites, targets, allocations and the
 * fallthrough.
 */

export interface ToggleConsequence {
  title: string;
  consequence: string;
}

interface ToggledFlag {
  key: string;
  variations: readonly Variation[];
}

type ToggledState = Pick<FlagState, 'offVariation' | 'prerequisites' | 'targets' | 'allocations' | 'fallthrough'>;

export function toggleConsequence(
  flag: ToggledFlag,
  state: ToggledState,
  environmentName: string,
  turnOn: boolean,
): ToggleConsequence {
  const whenOn = onOutcome(flag, state);
  const whenOff = variationText(flag, state.offVariation);
  return {
    title: `Turn ${flag.key} ${turnOn ? 'ON' : 'OFF'} in ${environmentName}`,
    consequence: turnOn
      ? `Everyone will get ${whenOn} instead of ${whenOff}.`
      : `Everyone will get ${whenOff} instead of ${whenOn}.`,
  };
}

/** What an "on" flag serves: its targeting when it has some, else what its fallthrough serves. */
function onOutcome(flag: ToggledFlag, state: ToggledState): string {
  const targeted =
    (state.prerequisites?.length ?? 0) > 0 ||
    (state.targets ?? []).some((target) => target.values.length > 0) ||
    (state.allocations ?? []).some((allocation) => allocation.enabled !== false);
  if (targeted) return 'the targeting rules';
  if (state.fallthrough === undefined) return 'the code’s default';
  if ('variation' in state.fallthrough) return variationText(flag, state.fallthrough.variation);
  return `a ${sentenceText(serveSentence(state.fallthrough, { variations: flag.variations }))}`;
}

/** A variation as a person recognises it: `on (true)`, `Blue button`, `control`. */
function variationText(flag: ToggledFlag, key: string | undefined): string {
  if (key === undefined) return 'the code’s default';
  const variation = flag.variations.find((candidate) => candidate.key === key);
  if (!variation) return key;
  const label = variation.name || variation.key;
  const value = variation.value;
  const shown = typeof value === 'object' && value !== null ? undefined : JSON.stringify(value);
  return shown === undefined || shown === JSON.stringify(label) ? label : `${label} (${shown})`;
}
