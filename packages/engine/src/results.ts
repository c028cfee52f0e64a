import { ConfigError } from './config-error.js';
import type { EvaluationResult, FlagConfig, FlagValue, Reason } from './model.js';

/** Builds the frozen results of one flag, checking that each served variation exists and fits the type. */
export class ResultFactory {
  private readonly values = new Map<string, FlagValue>();

  constructor(private readonly flag: FlagConfig) {
    if (!Array.isArray(flag.variations)) throw new ConfigError('must be an array', ['variations']);
    for (const variation of flag.variations) this.values.set(variation.key, frozenCopy(variation.value));
  }

  variation(key: string, reason: Reason, allocation?: string, track?: boolean): EvaluationResult {
    // Reached only if the validator was bypassed (e.g. an imported configuration): an error when served.
    if (!this.values.has(key)) return this.error('PARSE_ERROR', `serves unknown variation "${key}"`, allocation);
    const value = this.values.get(key)!;
    const mismatch = typeMismatch(this.flag, value);
    if (mismatch) {
      return this.error('TYPE_MISMATCH', `variation "${key}" ${mismatch}`, allocation);
    }
    return freeze({
      value,
      variation: key,
      reason,
      ...(allocation ? { allocation } : {}),
      ...(track ? { track } : {}),
    });
  }

  /** A result whose value is the caller's default (filled in by the engine per call). */
  callerDefault(reason: Reason, allocation?: string): EvaluationResult {
    return freeze({ value: undefined as unknown as FlagValue, reason, ...(allocation ? { allocation } : {}) });
  }

  error(
    errorCode: NonNullable<EvaluationResult['errorCode']>,
    errorMessage: string,
    allocation?: string,
  ): EvaluationResult {
    return freeze({
      value: undefined as unknown as FlagValue,
      reason: 'ERROR',
      ...(allocation ? { allocation } : {}),
      errorCode,
      errorMessage,
    });
  }

  restate(result: EvaluationResult, reason: Reason): EvaluationResult {
    return result.reason === 'ERROR' ? result : freeze({ ...result, reason });
  }
}

/** Why a value cannot be served by this flag, or undefined when it can. */
export function typeMismatch(flag: Pick<FlagConfig, 'type' | 'integer'>, value: unknown): string | undefined {
  switch (flag.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'is not a boolean';
    case 'string':
      return typeof value === 'string' ? undefined : 'is not a string';
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a finite number';
      return flag.integer && !Number.isInteger(value) ? 'is not a whole number' : undefined;
    case 'json':
      return value === undefined ? 'has no value' : undefined;
    default:
      return `has unknown flag type "${String(flag.type)}"`;
  }
}

export function freeze<T extends object>(value: T): T {
  return Object.freeze(value);
}

/** A frozen copy, so one caller mutating a served JSON value cannot change what others get. */
function frozenCopy(value: FlagValue): FlagValue {
  if (typeof value !== 'object' || value === null) return value;
  return deepFreeze(JSON.parse(JSON.stringify(value)) as FlagValue);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
