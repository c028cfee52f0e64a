import type { FlagConfig, Ruleset, Segment } from '@vexil/engine';
import type { RulesetUpdate } from './ruleset-store.js';

/** Parse, don't validate: what the server sends becomes a Ruleset or an update, or nothing. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isKeyed = (value: unknown): boolean => isObject(value) && typeof value.key === 'string';

/** A ruleset as `/sdk/v1/config` and the stream's `put` send it (and as exported). */
export function parseRuleset(value: unknown): Ruleset | undefined {
  if (!isObject(value) || !Array.isArray(value.flags) || !value.flags.every(isKeyed)) return undefined;
  if (value.segments !== undefined && (!Array.isArray(value.segments) || !value.segments.every(isKeyed)))
    return undefined;
  if (value.version !== undefined && typeof value.version !== 'number' && typeof value.version !== 'string')
    return undefined;
  return value as unknown as Ruleset;
}

/** The data of a `patch` or `delete` event. */
export function parseUpdate(event: 'patch' | 'delete', value: unknown): RulesetUpdate | undefined {
  if (!isObject(value) || !Number.isInteger(value.revision) || typeof value.key !== 'string') return undefined;
  const revision = value.revision as number;
  const key = value.key;
  if (value.kind === 'flag') {
    if (event === 'delete') return { revision, kind: 'flag', key };
    return isKeyed(value.flag) && (value.flag as { key: string }).key === key
      ? { revision, kind: 'flag', key, flag: value.flag as unknown as FlagConfig }
      : undefined;
  }
  if (value.kind === 'segment') {
    if (event === 'delete') return { revision, kind: 'segment', key };
    return isKeyed(value.segment) && (value.segment as { key: string }).key === key
      ? { revision, kind: 'segment', key, segment: value.segment as unknown as Segment }
      : undefined;
  }
  return undefined;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
