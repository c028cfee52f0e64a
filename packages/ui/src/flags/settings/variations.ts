import type { FlagState, FlagType, FlagValue, Serve, Variation } from '@vexil/engine';
import { parseDecimal } from '../logic/operators';

/**
 * The settings tab's variations: where each is used (so removing one that is still served is
 * refused on the spot, saying where), and values typed per flag type.
 */

/** A place a state serves, targets or falls back to a variation, in words: "allocation “Beta” (split)". */
export interface VariationUse {
  environment: string;
  place: string;
}

/** Where `variation` is used in these states (environment key → state), in the states' order. */
export function variationUses(states: Readonly<Record<string, FlagState>>, variation: string): VariationUse[] {
  const uses: VariationUse[] = [];
  for (const [environment, state] of Object.entries(states)) {
    const at = (place: string) => uses.push({ environment, place });
    if (state.offVariation === variation) at('off variation');
    if (state.targets?.some((target) => target.variation === variation)) at('individual targets');
    state.allocations?.forEach((allocation, index) => {
      const name = allocation.name ? `allocation “${allocation.name}”` : `allocation ${index + 1}`;
      const how = serves(allocation.serve, variation);
      if (how) at(how === 'split' ? `${name} (split)` : name);
    });
    const fallthrough = state.fallthrough && serves(state.fallthrough, variation);
    if (fallthrough) at(fallthrough === 'split' ? 'fallthrough (split)' : 'fallthrough');
  }
  return uses;
}

function serves(serve: Serve, variation: string): 'variation' | 'split' | undefined {
  if ('variation' in serve) return serve.variation === variation ? 'variation' : undefined;
  if ('split' in serve) return serve.split.some((share) => share.variation === variation) ? 'split' : undefined;
  return serve.shards.some((shard) => shard.variation === variation) ? 'split' : undefined;
}

/**
 * Why a variation cannot be removed (or its key changed), or null when nothing uses it. The saved
 * states count too: the definition is saved before the states, so a use the draft removes still
 * stands when the variation would go.
 */
export function removalProblem(
  variation: string,
  draftStates: Readonly<Record<string, FlagState>>,
  savedStates: Readonly<Record<string, FlagState>>,
  environmentName: (key: string) => string = (key) => key,
): string | null {
  const drafted = variationUses(draftStates, variation);
  if (drafted.length > 0) {
    return `“${variation}” is still used — ${describe(drafted, environmentName)}. Serve another variation there first.`;
  }
  const saved = variationUses(savedStates, variation);
  if (saved.length > 0) {
    return `“${variation}” is still used as saved — ${describe(saved, environmentName)}. Save the targeting that stops using it first, then remove it.`;
  }
  return null;
}

/** "Production: off variation, fallthrough; Staging: allocation 1". */
function describe(uses: VariationUse[], environmentName: (key: string) => string): string {
  const byEnvironment = new Map<string, string[]>();
  for (const use of uses) {
    const places = byEnvironment.get(use.environment) ?? [];
    if (!places.includes(use.place)) places.push(use.place);
    byEnvironment.set(use.environment, places);
  }
  return [...byEnvironment]
    .map(([environment, places]) => `${environmentName(environment)}: ${places.join(', ')}`)
    .join('; ');
}

// ── Values ──────────────────────────────────────────────────────────────────────────────────

export type ParsedVariationValue = { ok: true; value: FlagValue } | { ok: false; message: string };

/** Reads a variation's value as typed, by the flag's type (`integer` for whole-number flags). */
export function parseVariationValue(type: FlagType, text: string, integer = false): ParsedVariationValue {
  switch (type) {
    case 'boolean':
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, message: 'Must be true or false' };
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      const number = parseDecimal(text);
      if (number === undefined) return { ok: false, message: 'Must be a number, like 42 or 3.5' };
      if (integer && !Number.isInteger(number)) return { ok: false, message: 'Must be a whole number' };
      return { ok: true, value: number };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as FlagValue };
      } catch (error) {
        return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
      }
  }
}

/** A value as its input shows it: strings as they are, JSON indented. */
export function variationValueText(type: FlagType, value: FlagValue): string {
  if (type === 'string' && typeof value === 'string') return value;
  if (type === 'json') return JSON.stringify(value, null, 2);
  return JSON.stringify(value);
}

const KEY_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** Why a variation key is not acceptable among the others, or null. */
export function variationKeyProblem(key: string, others: readonly string[]): string | null {
  if (key === '') return 'Needs a key';
  if (!KEY_PATTERN.test(key)) return 'Letters, digits, "-", "_" or "." only; at most 128 characters';
  if (others.includes(key)) return `Another variation is “${key}” already`;
  return null;
}

/** A new variation: a key no other has, and a value of the flag's type. */
export function newVariation(type: FlagType, variations: readonly Variation[]): Variation {
  const taken = new Set(variations.map((variation) => variation.key));
  let number = variations.length + 1;
  while (taken.has(`variation-${number}`)) number++;
  const value: FlagValue = type === 'number' ? 0 : type === 'json' ? {} : type === 'boolean' ? false : '';
  return { key: `variation-${number}`, value };
}
