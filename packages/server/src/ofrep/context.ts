import type { EvaluationContext } from '@vexil/engine';
import { contextParts } from '../sdk/context.js';
import { OfrepError } from './errors.js';

/**
 * OpenFeature's evaluation context (`targetingKey` plus attributes) as a Vexil context, following
 * the convention OpenFeature providers for LaunchDarkly use (docs/sdk-protocol.md):
 *
 * - no `kind` attribute: a `user` context; `targetingKey` is its key;
 * - `kind: "organization"` (any kind but "multi"): a context of that kind; `targetingKey` is its key;
 * - `kind: "multi"`: every other object-valued attribute is one kind's context, with its own `key`;
 *   `targetingKey` is not used (which kind would it belong to?).
 *
 * A `key` attribute stands in for a missing `targetingKey`. Flags that need a key they cannot find
 * (a rollout) answer TARGETING_KEY_MISSING; anything that cannot be a context is INVALID_CONTEXT.
 */
export function vexilContextOf(body: unknown): EvaluationContext {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OfrepError(400, 'PARSE_ERROR', 'The body must be a JSON object: {"context": {"targetingKey": "…", …}}');
  }
  const given = (body as { context?: unknown }).context;
  if (given === undefined) throw new OfrepError(400, 'INVALID_CONTEXT', 'context is required');
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new OfrepError(400, 'INVALID_CONTEXT', 'context must be an object');
  const { targetingKey, ...attributes } = given as Record<string, unknown>;
  if (targetingKey !== undefined && typeof targetingKey !== 'string')
    throw new OfrepError(400, 'INVALID_CONTEXT', 'context.targetingKey must be a string');

  let context: EvaluationContext;
  if (attributes.kind === 'multi') {
    // Attributes that are not objects (a stray `targetingKey` companion) cannot be kinds: left out.
    const kinds = Object.entries(attributes).filter(
      ([name, value]) => name !== 'kind' && typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    context = Object.fromEntries([['kind', 'multi'], ...kinds]) as EvaluationContext;
  } else {
    const key = targetingKey ?? attributes.key;
    context = key === undefined ? attributes : { ...attributes, key };
  }
  const { errors } = contextParts(context, 'context', false);
  const first = errors[0];
  if (first) throw new OfrepError(400, 'INVALID_CONTEXT', `${first.path} ${first.message}`);
  return context;
}
