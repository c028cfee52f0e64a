import type { ErrorCode, EvaluationResult, FlagValue, Reason } from '@vexil/engine';
import { RenderedResults } from '../sdk/evaluate.js';
import type { SdkKeyKind } from '../sdk-keys/keys.js';
import type { OfrepErrorCode } from './errors.js';

/** OFREP 0.3.0's reasons (`evaluationSuccess.reason`). */
export type OfrepReason = 'STATIC' | 'TARGETING_MATCH' | 'SPLIT' | 'DISABLED' | 'UNKNOWN';

export type OfrepMetadata = Record<string, string | number | boolean>;

/** `evaluationSuccess`: without `value` it is the `codeDefaultFlag` shape (use the code's default). */
export interface OfrepSuccess {
  key: string;
  reason: OfrepReason;
  variant?: string;
  value?: FlagValue;
  metadata?: OfrepMetadata;
}

export interface OfrepFailure {
  key: string;
  errorCode: OfrepErrorCode;
  errorDetails: string;
}

export interface OfrepFlagNotFound {
  key: string;
  errorCode: 'FLAG_NOT_FOUND';
  errorDetails: string;
}

/**
 * Vexil's reasons in OFREP's narrower list. What OFREP has no word for is UNKNOWN (or DISABLED for
 * a failed prerequisite, which serves the off variation), and the metadata keeps Vexil's own reason
 * as `vexilReason`, so nothing is lost to a caller who looks.
 */
const REASONS: Record<Exclude<Reason, 'ERROR'>, OfrepReason> = {
  STATIC: 'STATIC',
  TARGETING_MATCH: 'TARGETING_MATCH',
  SPLIT: 'SPLIT',
  DISABLED: 'DISABLED',
  DEFAULT: 'UNKNOWN',
  PREREQUISITE_FAILED: 'DISABLED',
  TRAFFIC_EXCLUDED: 'UNKNOWN',
};

/** A variation whose value does not fit the flag's type is a malformed configuration. */
const ERROR_CODES: Record<Exclude<ErrorCode, 'FLAG_NOT_FOUND'>, OfrepErrorCode> = {
  PARSE_ERROR: 'PARSE_ERROR',
  TYPE_MISMATCH: 'PARSE_ERROR',
  TARGETING_KEY_MISSING: 'TARGETING_KEY_MISSING',
  GENERAL: 'GENERAL',
};

const PUBLIC_ERROR_DETAILS: Record<OfrepErrorCode, string> = {
  PARSE_ERROR: 'The flag’s configuration cannot be evaluated.',
  TARGETING_KEY_MISSING:
    'The flag needs a targeting key (or the attribute it buckets by) that the context does not have.',
  INVALID_CONTEXT: 'The context is invalid.',
  GENERAL: 'The flag could not be evaluated.',
};

/**
 * One evaluation as OFREP reports it. Errors are `evaluationFailure`s; a client key gets generic
 * details, since the engine's message can quote the flag's configuration.
 */
export function ofrepResult(key: string, result: EvaluationResult, keyKind: SdkKeyKind): OfrepSuccess | OfrepFailure {
  if (result.reason === 'ERROR') {
    const errorCode = ERROR_CODES[(result.errorCode ?? 'GENERAL') as keyof typeof ERROR_CODES] ?? 'GENERAL';
    const errorDetails =
      keyKind === 'server' && result.errorMessage ? result.errorMessage : PUBLIC_ERROR_DETAILS[errorCode];
    return { key, errorCode, errorDetails };
  }
  const reason = REASONS[result.reason];
  const metadata: OfrepMetadata = {};
  if (result.allocation !== undefined) metadata.allocation = result.allocation;
  if (reason !== result.reason) metadata.vexilReason = result.reason;
  // A tracked allocation: the caller should send an exposure when it uses the value (@vexil/web does).
  if (result.track === true) metadata.track = true;
  return {
    key,
    ...(result.variation === undefined ? {} : { value: result.value, variant: result.variation }),
    reason,
    ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
  };
}

const rendered = new RenderedResults(true);

/** `ofrepResult` as JSON text, rendered once per engine result (see RenderedResults). */
export function ofrepResultJson(key: string, result: EvaluationResult, keyKind: SdkKeyKind): string {
  return rendered.get(key, result, (shown) => JSON.stringify(ofrepResult(key, shown, keyKind)));
}

export function flagNotFound(key: string): OfrepFlagNotFound {
  return { key, errorCode: 'FLAG_NOT_FOUND', errorDetails: `Flag "${key}" was not found` };
}
