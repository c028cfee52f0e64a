import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SdkKey, SdkKeyResolver } from '../sdk/authenticate.js';
import { sseFrame, type StreamChannel } from '../sdk/streams.js';

/**
 * OFREP's change notifications (event-streams.yaml): one `refetchEvaluation` message per burst of
 * changes, whose `etag` is the revision the environment reached (a provider passes it back as
 * `flagConfigEtag`). The event id is that revision too, for Last-Event-ID.
 */
export const ofrepChannel: StreamChannel = {
  protocol: 'ofrep',
  coalesce: true,
  frame: (change) => refetchFrame(change.revision),
};

/** The header of a bulk answer that names the revision it was evaluated at, as the stream's `etag` would. */
export const REVISION_HEADER = 'vexil-revision';

export function refetchFrame(revision: number): string {
  return sseFrame({ id: revision, data: JSON.stringify({ type: 'refetchEvaluation', etag: String(revision) }) });
}

/**
 * Browsers' EventSource cannot send headers, so the stream's URL carries what authenticates it.
 * Not the SDK key: a server key is a secret and URLs end up in logs. Instead a token that names
 * the key and proves the server issued it: `<key id>.<HMAC-SHA256 of the id, keyed by the key's
 * stored hash>`. Every node can check it (the hash is in the database), nothing new is stored,
 * and revoking the key revokes the token. It grants one thing: hearing that flags changed.
 */
export function streamToken(key: SdkKey): string {
  return `${key.id}.${signature(key)}`;
}

/** The key a stream token stands for, if the token is genuine and the key still works. */
export async function keyOfStreamToken(resolver: SdkKeyResolver, token: string): Promise<SdkKey | undefined> {
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  const key = await resolver.resolveId(token.slice(0, dot));
  if (!key) return undefined;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(key));
  return given.length === expected.length && timingSafeEqual(given, expected) ? key : undefined;
}

function signature(key: SdkKey): string {
  return createHmac('sha256', key.keyHash).update(`vexil-ofrep-stream:${key.id}`).digest('base64url');
}

export const STREAM_PATH = '/ofrep/v1/stream';

/**
 * The `eventStreams` a key's bulk answers advertise, as JSON text (the same for every answer, so
 * built once per key): the public URL when one is configured, else a path that providers resolve
 * against the OFREP base URL they were given, so a proxy in front needs no configuration.
 */
export class EventStreams {
  private readonly texts = new Map<string, string>();

  constructor(private readonly publicUrl: string | undefined) {}

  of(key: SdkKey): string {
    let text = this.texts.get(key.id);
    if (text === undefined) {
      if (this.texts.size >= 10_000) this.texts.clear();
      const requestUri = `${STREAM_PATH}?token=${encodeURIComponent(streamToken(key))}`;
      text = JSON.stringify([
        this.publicUrl
          ? { type: 'sse', url: `${this.publicUrl}${requestUri}` }
          : { type: 'sse', endpoint: { requestUri } },
      ]);
      this.texts.set(key.id, text);
    }
    return text;
  }
}
