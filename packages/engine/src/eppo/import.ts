import type {
  AttributeClause,
  Allocation,
  FlagConfig,
  FlagType,
  FlagValue,
  Ruleset,
  Segment,
  SingleKindContext,
} from '../model.js';
import { isValidSemver } from '../semver.js';

/**
 * Eppo's Universal Flag Configuration (UFC, `format: "SERVER"`), the subset that flag
 * assignment reads. Bandits and the obfuscated CLIENT format are not imported.
 */
export interface UfcConfiguration {
  createdAt?: string;
  format?: string;
  environment?: { name: string };
  flags: Record<string, UfcFlag>;
}

export interface UfcFlag {
  key: string;
  enabled: boolean;
  variationType: 'BOOLEAN' | 'INTEGER' | 'NUMERIC' | 'STRING' | 'JSON';
  variations: Record<string, { key: string; value: unknown }>;
  allocations: UfcAllocation[];
  totalShards: number;
}

export interface UfcAllocation {
  key: string;
  rules?: { conditions: UfcCondition[] }[];
  startAt?: string;
  endAt?: string;
  splits: { variationKey: string; shards: { salt: string; ranges: { start: number; end: number }[] }[] }[];
  doLog?: boolean;
}

export interface UfcCondition {
  attribute: string;
  operator: 'ONE_OF' | 'NOT_ONE_OF' | 'MATCHES' | 'NOT_MATCHES' | 'IS_NULL' | 'GT' | 'GTE' | 'LT' | 'LTE';
  value: unknown;
}

const TYPES: Record<UfcFlag['variationType'], { type: FlagType; integer?: true }> = {
  BOOLEAN: { type: 'boolean' },
  INTEGER: { type: 'number', integer: true },
  NUMERIC: { type: 'number' },
  STRING: { type: 'string' },
  JSON: { type: 'json' },
};

/**
 * Imports a UFC configuration into a Vexil ruleset that keeps Eppo's semantics:
 * - a disabled flag, or one where no allocation applies, serves the caller's default;
 * - allocations keep their MD5 shards and salts (`serve.shards`), and a context that matches an
 *   allocation's rules but falls in none of its shard ranges moves on to the next allocation;
 * - rules (an OR of condition groups) become a segment `eppo.<flag>.<allocation>` when there is
 *   more than one, and `id` defaults to the subject key (see `eppoContext`);
 * - GT/GTE/LT/LTE compare as semantic versions when the condition value is one, else as numbers;
 * - INTEGER flags become integer number flags, so a fractional variation is a TYPE_MISMATCH.
 */
export function importEppoConfiguration(ufc: UfcConfiguration): Ruleset {
  const flags: FlagConfig[] = [];
  const segments: Segment[] = [];
  for (const flag of Object.values(ufc.flags)) {
    const { type, integer } = TYPES[flag.variationType];
    flags.push({
      key: flag.key,
      type,
      ...(integer ? { integer } : {}),
      variations: Object.values(flag.variations).map((variation) => ({
        key: variation.key,
        value: type === 'json' ? parseJson(variation.value) : (variation.value as FlagValue),
      })),
      on: flag.enabled,
      allocations: flag.allocations.map((allocation) => importAllocation(flag, allocation, segments)),
    });
  }
  return { ...(ufc.createdAt ? { version: ufc.createdAt } : {}), flags, segments };
}

/** The Vexil context for an Eppo subject: a user keyed by the subject, with `id` defaulting to it. */
export function eppoContext(subjectKey: string, attributes: Record<string, unknown> = {}): SingleKindContext {
  return { id: subjectKey, ...attributes, kind: 'user', key: subjectKey };
}

function importAllocation(flag: UfcFlag, allocation: UfcAllocation, segments: Segment[]): Allocation {
  const rules = (allocation.rules ?? []).map((rule) => rule.conditions.map(importCondition));
  let conditions: Allocation['conditions'] = rules[0] ?? [];
  if (rules.length > 1) {
    const key = `eppo.${flag.key}.${allocation.key}`;
    segments.push({ key, rules: rules.map((clauses) => ({ clauses })) });
    conditions = [{ segment: key }];
  }
  const [only] = allocation.splits;
  const serve: Allocation['serve'] =
    allocation.splits.length === 1 && only!.shards.length === 0
      ? { variation: only!.variationKey }
      : {
          shards: allocation.splits.map((split) => ({ variation: split.variationKey, shards: split.shards })),
          totalShards: flag.totalShards,
        };
  return {
    id: allocation.key,
    conditions,
    ...(allocation.startAt ? { startAt: allocation.startAt } : {}),
    ...(allocation.endAt ? { endAt: allocation.endAt } : {}),
    serve,
    ...(allocation.doLog ? { track: true } : {}),
    // Eppo shards on the subject key with the shard's own salt; the Vexil salt is unused.
  };
}

function importCondition(condition: UfcCondition): AttributeClause {
  const { attribute, value } = condition;
  switch (condition.operator) {
    case 'ONE_OF':
      return { attribute, operator: 'in', values: strings(value) };
    case 'NOT_ONE_OF':
      return { attribute, operator: 'not_in', values: strings(value) };
    case 'MATCHES':
      return { attribute, operator: 'matches', values: [String(value)] };
    case 'NOT_MATCHES':
      return { attribute, operator: 'matches', values: [String(value)], negate: true };
    case 'IS_NULL':
      return { attribute, operator: value === true ? 'not_exists' : 'exists', values: [] };
    case 'GT':
    case 'GTE':
    case 'LT':
    case 'LTE': {
      const comparison = condition.operator.toLowerCase() as 'gt' | 'gte' | 'lt' | 'lte';
      if (typeof value === 'string' && isValidSemver(value)) {
        return { attribute, operator: `semver_${comparison}`, values: [value] };
      }
      // Eppo reads the condition's value with JavaScript's Number() ("0x50" is 80): converted here,
      // once, the imported clause keeps Eppo's meaning. Attributes are read as Vexil reads them.
      return { attribute, operator: comparison, values: [Number(value)] };
    }
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function parseJson(value: unknown): FlagValue {
  if (typeof value !== 'string') return value as FlagValue;
  try {
    return JSON.parse(value) as FlagValue;
  } catch {
    // Left as text: the variation is then a string that its json flag still serves as is.
    return value;
  }
}
