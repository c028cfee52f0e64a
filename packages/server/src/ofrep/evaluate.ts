import { createHash } from 'node:crypto';
import type { EvaluationContext } from '@vexil/engine';
import type { ServerContext } from '../context.js';
import type { RulesetSnapshot } from '../rulesets/cache.js';
import type { SdkKey } from '../sdk/authenticate.js';
import { visibleFlagKeys } from '../sdk/evaluate.js';
import { environmentGone, snapshotFor } from '../sdk/snapshot.js';
import {
  flagNotFound,
  ofrepResult,
  ofrepResultJson,
  type OfrepFailure,
  type OfrepFlagNotFound,
  type OfrepSuccess,
} from './results.js';

/** `evaluateFlag`: 200 with the result, 400 with an evaluationFailure, 404 when the key may not see the flag. */
export function evaluateOne(
  snapshot: RulesetSnapshot,
  key: SdkKey,
  flagKey: string,
  context: EvaluationContext,
):
  | { status: 200; body: OfrepSuccess }
  | { status: 400; body: OfrepFailure }
  | { status: 404; body: OfrepFlagNotFound } {
  const config = snapshot.compiled.config(flagKey);
  if (config === undefined || (key.kind === 'client' && config.clientSideAvailable !== true))
    return { status: 404, body: flagNotFound(flagKey) };
  const result = ofrepResult(flagKey, snapshot.compiled.evaluate(flagKey, context), key.kind);
  return 'errorCode' in result ? { status: 400, body: result } : { status: 200, body: result };
}

/**
 * `evaluateFlagsBulk`'s answer as JSON text, with its ETag. The results depend on the context,
 * the key and the clock (allocation windows), not only on the revision, so the ETag is the
 * answer's own digest: it changes exactly when the answer does.
 */
export function evaluateBulk(
  snapshot: RulesetSnapshot,
  key: SdkKey,
  context: EvaluationContext,
  eventStreams: string,
): { json: string; etag: string; evaluated: number } {
  const flagKeys = visibleFlagKeys(snapshot, key);
  let json = '{"flags":[';
  for (let index = 0; index < flagKeys.length; index++) {
    const flagKey = flagKeys[index] as string;
    json += `${index === 0 ? '' : ','}${ofrepResultJson(flagKey, snapshot.compiled.evaluate(flagKey, context), key.kind)}`;
  }
  json += `],"eventStreams":${eventStreams}}`;
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  return { json, etag, evaluated: flagKeys.length };
}

/**
 * The snapshot for a bulk evaluation. A provider re-fetching after a change notification passes
 * the notification's etag (a revision) as `flagConfigEtag`; when this node has not reached that
 * revision yet (another node announced it first), the database is asked again. Only decimal
 * digits are a revision (`Number()` would read "0x3" as 3 and "" as 0); anything else is no hint.
 */
export async function bulkSnapshot(
  ctx: ServerContext,
  environmentId: string,
  flagConfigEtag: string | undefined,
): Promise<RulesetSnapshot> {
  const announced = flagConfigEtag !== undefined && /^\d{1,15}$/.test(flagConfigEtag) ? Number(flagConfigEtag) : 0;
  if (announced <= (ctx.rulesets.current(environmentId)?.revision ?? 0)) return snapshotFor(ctx, environmentId);
  const snapshot = await ctx.rulesets.get(environmentId, announced);
  if (!snapshot) throw environmentGone();
  return snapshot;
}
