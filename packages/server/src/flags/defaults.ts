import type { FlagState, Variation } from '@vexil/engine';
import type { FlagDefinition } from '../rulesets/load.js';

/** A boolean flag created without variations: `on` serves true, `off` serves false. */
export const BOOLEAN_VARIATIONS: Variation[] = [
  { key: 'on', value: true },
  { key: 'off', value: false },
];

/**
 * A new flag starts off in every environment, as in LaunchDarkly: off serves the "off" value
 * (`false` for booleans, else the first variation); once turned on, everyone gets the "on"
 * value (`true` for booleans, else the first variation) until targeting is added.
 */
export function defaultState(definition: Pick<FlagDefinition, 'type' | 'variations'>): FlagState {
  const variations = definition.variations;
  const first = variations[0]?.key ?? '';
  const byValue = (value: boolean) =>
    definition.type === 'boolean' ? variations.find((variation) => variation.value === value)?.key : undefined;
  return { on: false, offVariation: byValue(false) ?? first, fallthrough: { variation: byValue(true) ?? first } };
}
