import { compile, type EvaluationContext, type FlagConfig, type Segment } from '@vexil/engine';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import { problems } from '../http/problems.js';
import { findProject } from '../projects/lookup.js';
import { segmentOf } from '../rulesets/load.js';
import { contextParts } from '../sdk/context.js';
import type { SegmentDefinitionInput } from './schemas.js';
import { checkedDefinition, findSegment } from './service.js';

/**
 * The console's segment test box: is this context in the segment, and why — as saved and, when the
 * editor sends one, as drafted. Nothing is written.
 */

export type MembershipReason = 'included' | 'excluded' | 'rule' | 'no-rule';

export interface Membership {
  contains: boolean;
  /** Included key, excluded key, a rule matched (`rule`: its index), or nothing matched. */
  reason: MembershipReason;
  /** The first rule that matched (from 0), when `reason` is `rule`. */
  rule?: number;
  ruleId?: string;
}

export async function evaluateSegment(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  input: { context: EvaluationContext; draft?: SegmentDefinitionInput | undefined },
): Promise<{ saved: Membership; draft?: Membership }> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'segment:read', { project: project.key });
  const contextErrors = contextParts(input.context, 'context', false).errors;
  if (contextErrors.length > 0) throw problems.validation(contextErrors);
  const saved = segmentOf(await findSegment(ctx.db, project, key));
  const draft = input.draft && { key, ...checkedDefinition(key, input.draft, 'draft') };
  return {
    saved: membership(saved, input.context),
    ...(draft ? { draft: membership(draft, input.context) } : {}),
  };
}

/**
 * Why the engine puts a context in a segment or not, asked of the engine itself: one flag whose
 * allocations, in the engine's order, each require a part of the segment — its included keys, its
 * excluded keys (as if included), then each rule alone. The first allocation that matches says why.
 */
export function membership(segment: Segment, context: EvaluationContext): Membership {
  const kind = segment.contextKind === undefined ? {} : { contextKind: segment.contextKind };
  const parts: Segment[] = [
    { key: 'included', ...kind, included: segment.included ?? [] },
    { key: 'excluded', ...kind, included: segment.excluded ?? [] },
    ...(segment.rules ?? []).map((rule, index) => ({ key: `rule-${index}`, ...kind, rules: [rule] })),
  ];
  const probe: FlagConfig = {
    key: 'membership',
    type: 'string',
    variations: [...parts.map((part) => ({ key: part.key, value: part.key })), { key: 'none', value: 'none' }],
    on: true,
    allocations: parts.map((part) => ({
      id: part.key,
      conditions: [{ segment: part.key }],
      serve: { variation: part.key },
    })),
    fallthrough: { variation: 'none' },
  };
  const result = compile({ flags: [probe], segments: parts }).evaluate('membership', context);
  if (result.reason === 'ERROR')
    throw new Error(`segment "${segment.key}" could not be evaluated: ${result.errorMessage}`);
  const decided = result.variation ?? 'none';
  if (decided === 'included') return { contains: true, reason: 'included' };
  if (decided === 'excluded') return { contains: false, reason: 'excluded' };
  if (decided === 'none') return { contains: false, reason: 'no-rule' };
  const rule = Number(decided.slice('rule-'.length));
  const id = segment.rules?.[rule]?.id;
  return { contains: true, reason: 'rule', rule, ...(id === undefined ? {} : { ruleId: id }) };
}
