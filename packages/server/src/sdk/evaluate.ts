import type { EvaluationContext, EvaluationResult } from '@vexil/engine';
import type { RulesetSnapshot } from '../rulesets/cache.js';
import type { SdkKey } from './authenticate.js';

/**
 * The answer of `POST /sdk/v1/evaluate`: values and reasons, never the rules behind them.
 * Each flag's result is the engine's: `value` is absent when the caller's default applies (no
 * `variation`); `allocation` and `track` let an SDK report exposures for experiments.
 */
export interface Evaluations {
  revision: number;
  flags: Record<string, EvaluationResult>;
}

/** The flags a key may see: every flag for a server key, client-side-available ones for a client key. */
export function visibleFlagKeys(snapshot: RulesetSnapshot, key: SdkKey): readonly string[] {
  return key.kind === 'server' ? snapshot.flagKeys : snapshot.clientFlagKeys;
}

/**
 * The engine hands out one frozen result object per flag and outcome, shared by every evaluation
 * that ends there. Rendering each one once as JSON text spares the hot path from serialising the
 * same objects on every request. `flagKey` is for renderings that name the flag: a result is
 * rendered again should another flag ever share it. Results with an error message are rendered
 * each time: they are rare, and what they may show depends on the key.
 */
export class RenderedResults {
  private readonly texts = new WeakMap<EvaluationResult, { flagKey: string; text: string }>();

  constructor(private readonly namesFlag: boolean) {}

  get(flagKey: string, result: EvaluationResult, render: (result: EvaluationResult) => string): string {
    if (result.errorMessage !== undefined) return render(result);
    const known = this.texts.get(result);
    if (known !== undefined && (!this.namesFlag || known.flagKey === flagKey)) return known.text;
    const text = render(result);
    this.texts.set(result, { flagKey, text });
    return text;
  }
}

const rendered = new RenderedResults(false);

/** `Evaluations` as JSON text, for the flags the key may see. */
export function evaluateFlags(
  snapshot: RulesetSnapshot,
  key: SdkKey,
  context: EvaluationContext,
): { json: string; evaluated: number } {
  const compiled = snapshot.compiled;
  const flagKeys = visibleFlagKeys(snapshot, key);
  // An error message can quote a flag's configuration ("allocations[2]…"): not for public keys.
  const render = key.kind === 'client' ? renderForClient : JSON.stringify;
  let json = `{"revision":${snapshot.revision},"flags":{`;
  for (let index = 0; index < flagKeys.length; index++) {
    const flagKey = flagKeys[index] as string;
    const result = compiled.evaluate(flagKey, context);
    const text = rendered.get(flagKey, result, render);
    json += `${index === 0 ? '' : ','}${JSON.stringify(flagKey)}:${text}`;
  }
  return { json: `${json}}}`, evaluated: flagKeys.length };
}

function renderForClient(result: EvaluationResult): string {
  const { errorMessage: _hidden, ...shown } = result;
  return JSON.stringify(shown);
}
