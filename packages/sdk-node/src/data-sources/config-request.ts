import type { Ruleset } from '@vexil/engine';
import type { Settings } from '../options.js';
import { parseJson, parseRuleset } from '../store/parse.js';
import type { HttpClient } from '../transport/http-client.js';
import { HttpError, httpError, USER_AGENT } from '../transport/requests.js';

export type ConfigResponse = { modified: true; ruleset: Ruleset; etag: string | undefined } | { modified: false };

const REQUEST_TIMEOUT_MS = 10_000;

/** `GET /sdk/v1/config`, conditional on the ETag the SDK has. */
export async function requestConfig(
  settings: Settings,
  http: HttpClient,
  etag: string | undefined,
  signal: AbortSignal,
): Promise<ConfigResponse> {
  const headers: Record<string, string> = {
    authorization: settings.sdkKey,
    accept: 'application/json',
    'user-agent': USER_AGENT,
  };
  if (etag !== undefined) headers['if-none-match'] = etag;
  const response = await http.request('/sdk/v1/config', {
    headers,
    signal,
    timeoutMs: REQUEST_TIMEOUT_MS,
    compressed: true,
  });
  if (response.status === 304) {
    response.discard();
    return { modified: false };
  }
  if (!response.ok) throw await httpError(response, 'GET /sdk/v1/config');
  const ruleset = parseRuleset(parseJson(await response.text()));
  if (!ruleset) throw new HttpError(response.status, 'GET /sdk/v1/config: the answer is not a ruleset', undefined);
  return { modified: true, ruleset, etag: response.headers.get('etag') ?? undefined };
}
