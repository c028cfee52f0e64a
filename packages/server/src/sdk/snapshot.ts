import type { ServerContext } from '../context.js';
import { problems } from '../http/problems.js';
import type { RulesetSnapshot } from '../rulesets/cache.js';

/** The key's environment's current ruleset: from memory on the hot path, built on a miss. */
export async function snapshotFor(ctx: ServerContext, environmentId: string): Promise<RulesetSnapshot> {
  const snapshot = ctx.rulesets.current(environmentId) ?? (await ctx.rulesets.get(environmentId));
  if (!snapshot) throw environmentGone();
  return snapshot;
}

/** A key that outlived its environment (deleted meanwhile) is as good as revoked. */
export function environmentGone() {
  return problems.unauthorized('The SDK key’s environment no longer exists.');
}
