import type { EvaluationContext, EvaluationResult } from '@vexil/engine';
import type { RulesetSnapshot } from '../rulesets/cache.js';
import type { SdkKey } from './authenticate.js';

/** The answer of `POST /sdk/v1/evaluate`: values and reasons, never the rules behind them. */
export interface Evaluations {
  revision: number;
  flags: Record<string, EvaluatedFlag>;
}

/**
 * One flag's result as the engine gives it: `value` is absent when the caller's default applies
 * (no `variation`); `allocation` and `track` let an SDK report exposures for experiments.
 */
export type EvaluatedFlag = EvaluationResult;

/** The flags a key may see: every flag for a server key, client-side-available ones for a client key. */
export function visibleFlagKeys(snapshot: RulesetSnapshot, key: SdkKey): readonly string[] {
  return key.kind === 'server' ? snapshot.flagKeys : snapshot.clientFlagKeys;
}

export function evaluateFlags(snapshot: RulesetSnapshot, key: SdkKey, context: EvaluationContext): Evaluations {
  const flags: Record<string, EvaluatedFlag> = {};
  const compiled = snapshot.compiled;
  for (const flagKey of visibleFlagKeys(snapshot, key)) {
    const result = compiled.evaluate(flagKey, context);
    // An error message can quote a flag's configuration ("allocations[2]…"): not for public keys.
    flags[flagKey] = result.errorMessage !== undefined && key.kind === 'client' ? withoutMessage(result) : result;
  }
  return { revision: snapshot.revision, flags };
}

function withoutMessage(result: EvaluationResult): EvaluationResult {
  const { errorMessage: _hidden, ...rest } = result;
  return rest;
}
