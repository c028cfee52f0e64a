import type { Bootstrap, BootstrapDetail, ErrorCode, Evaluation, FlagDetail, FlagValue } from './types.js';

export type Evaluations = Record<string, Evaluation>;

interface OfrepFlag {
  key?: unknown;
  value?: FlagValue;
  variant?: unknown;
  reason?: unknown;
  errorCode?: unknown;
  metadata?: Record<string, unknown>;
}

/** The stream URL OFREP's bulk answer advertises (`eventStreams`), resolved against the base URL. */
function streamUrlOf(eventStreams: unknown, baseUrl: string): string | undefined {
  if (!Array.isArray(eventStreams)) return undefined;
  for (const stream of eventStreams as { type?: unknown; url?: unknown; endpoint?: { requestUri?: unknown } }[]) {
    if (stream?.type !== 'sse') continue;
    if (typeof stream.url === 'string') return stream.url;
    const uri = stream.endpoint?.requestUri;
    if (typeof uri === 'string') return /^https?:/.test(uri) ? uri : baseUrl + (uri[0] === '/' ? '' : '/') + uri;
  }
  return undefined;
}

/**
 * OFREP's `evaluateFlagsBulk` answer as Vexil results. Vexil's own reason travels in the metadata
 * (`vexilReason`) where OFREP has no word for it, with `allocation` and `track`.
 */
export function parseBulk(body: unknown, baseUrl: string): { flags: Evaluations; streamUrl: string | undefined } {
  const flags: Evaluations = {};
  const answer = body as { flags?: unknown; eventStreams?: unknown } | null;
  if (!answer || !Array.isArray(answer.flags)) throw new Error('the evaluation answer has no flags');
  for (const flag of answer.flags as OfrepFlag[]) {
    if (!flag || typeof flag.key !== 'string') continue;
    const metadata = flag.metadata ?? {};
    const result: Evaluation = { reason: 'ERROR' };
    if (typeof flag.errorCode === 'string') result.errorCode = flag.errorCode as ErrorCode;
    else {
      result.reason = String(metadata.vexilReason ?? flag.reason ?? 'UNKNOWN');
      if (typeof flag.variant === 'string' && 'value' in flag) {
        result.value = flag.value as FlagValue;
        result.variation = flag.variant;
      }
      if (typeof metadata.allocation === 'string') result.allocation = metadata.allocation;
      if (metadata.track === true) result.track = true;
    }
    flags[flag.key] = result;
  }
  return { flags, streamUrl: streamUrlOf(answer.eventStreams, baseUrl) };
}

/** Bootstrap entries as results: plain values are STATIC; details keep what they say. */
export function bootstrapEvaluations(bootstrap: Bootstrap): Evaluations {
  const flags: Evaluations = {};
  for (const key of Object.keys(bootstrap)) {
    const given = bootstrap[key] as FlagValue | BootstrapDetail;
    const detail =
      given !== null && typeof given === 'object' && !Array.isArray(given) && typeof given.reason === 'string'
        ? (given as BootstrapDetail)
        : undefined;
    if (!detail) flags[key] = { value: given as FlagValue, reason: 'STATIC' };
    else {
      const result: Evaluation = { reason: detail.reason };
      if (detail.variation !== undefined || detail.errorCode === undefined) result.value = detail.value;
      if (detail.variation !== undefined) result.variation = detail.variation;
      if (detail.allocation !== undefined) result.allocation = detail.allocation;
      if (detail.track === true) result.track = true;
      if (detail.errorCode !== undefined) result.errorCode = detail.errorCode as ErrorCode;
      if (detail.reason === 'TRAFFIC_EXCLUDED') delete result.value;
      flags[key] = result;
    }
  }
  return flags;
}

/** The value to give a caller asking for `key` with `defaultValue`, and why. Never throws. */
export function detailOf<T extends FlagValue>(result: Evaluation | undefined, defaultValue: T): FlagDetail<T> {
  if (!result) return { value: defaultValue, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' };
  if (result.errorCode !== undefined) return { value: defaultValue, reason: 'ERROR', errorCode: result.errorCode };
  if (result.value === undefined) return { value: defaultValue, reason: result.reason };
  const expected = typeof defaultValue;
  // A boolean, string or number default asks for that type; an object, array or null default takes any JSON.
  if ((expected === 'boolean' || expected === 'string' || expected === 'number') && typeof result.value !== expected)
    return { value: defaultValue, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' };
  const detail: FlagDetail<T> = { value: result.value as T, reason: result.reason };
  if (result.variation !== undefined) detail.variation = result.variation;
  if (result.allocation !== undefined) detail.allocation = result.allocation;
  return detail;
}

/** The keys whose result differs between two sets of results. */
export function changedKeys(before: Evaluations, after: Evaluations): string[] {
  const keys: string[] = [];
  for (const key of Object.keys(after)) if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) keys.push(key);
  for (const key of Object.keys(before)) if (!(key in after)) keys.push(key);
  return keys;
}
