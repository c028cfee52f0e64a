import type { ContentCoding } from '../rulesets/cache.js';

/**
 * Whether `If-None-Match` names `etag` (RFC 9110 §13.1.2: weak comparison, a list, or `*`).
 * `etag` is given with its quotes: `"42"`.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch === etag) return true;
  for (const raw of ifNoneMatch.split(',')) {
    const tag = raw.trim();
    if (tag === '*' || tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}

const codings = new Map<string, ContentCoding>();
const MAX_REMEMBERED = 256;

/**
 * The best coding the client accepts, Brotli first (smallest), then gzip, else identity. SDKs send
 * the same few header values over and over, so each answer is remembered.
 */
export function preferredCoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  let coding = codings.get(acceptEncoding);
  if (coding === undefined) {
    coding = negotiate(acceptEncoding);
    if (codings.size >= MAX_REMEMBERED) codings.clear();
    codings.set(acceptEncoding, coding);
  }
  return coding;
}

function negotiate(acceptEncoding: string): ContentCoding {
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...parameters] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  if (weightOf('br') > 0 && weightOf('br') >= weightOf('gzip')) return 'br';
  if (weightOf('gzip') > 0) return 'gzip';
  return 'identity';
}
