import type { Settings } from '../options.js';
import type { HttpClient } from '../transport/http-client.js';
import { httpError, USER_AGENT } from '../transport/requests.js';
import { SseParser, type SseEvent } from '../transport/sse.js';

const CONNECT_TIMEOUT_MS = 10_000;

export interface StreamEnd {
  /** From a `goodbye` event: when the server wants us back. */
  reconnectAfterMs?: number;
}

/**
 * One connection to `GET /sdk/v1/stream`: calls `onOpen` once the server accepted it, `onEvent`
 * for every event, and settles when the stream ends — resolving when the server ended it, rejecting
 * (HttpError for a refusal) when it failed.
 */
export async function followStream(
  settings: Settings,
  http: HttpClient,
  lastEventId: string | undefined,
  signal: AbortSignal,
  handlers: { onOpen(): void; onEvent(event: SseEvent): void },
): Promise<StreamEnd> {
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', abort, { once: true });
  let silence = setTimeout(() => controller.abort(new Error('no answer from the stream')), CONNECT_TIMEOUT_MS);
  silence.unref?.();
  try {
    const headers: Record<string, string> = {
      authorization: settings.sdkKey,
      accept: 'text/event-stream',
      'user-agent': USER_AGENT,
    };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const response = await http.request('/sdk/v1/stream', { headers, signal: controller.signal });
    if (!response.ok) throw await httpError(response, 'GET /sdk/v1/stream');
    handlers.onOpen();
    const end: StreamEnd = {};
    const parser = new SseParser((event) => {
      if (event.event === 'goodbye') {
        const hint = event.retry ?? goodbyeDelay(event.data);
        if (typeof hint === 'number' && Number.isFinite(hint) && hint >= 0) end.reconnectAfterMs = hint;
      }
      handlers.onEvent(event);
    });
    // Heartbeats keep a live stream talking; silence this long means a dead connection (a peer
    // gone without a FIN, a proxy holding the socket) that would otherwise never end.
    const silenceMs = settings.streamSilenceTimeoutMs;
    const listen = () => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(new Error(`the stream was silent for ${silenceMs} ms`)), silenceMs);
      silence.unref?.();
    };
    listen();
    for await (const chunk of response.chunks()) {
      parser.feed(chunk);
      listen();
    }
    return end;
  } finally {
    clearTimeout(silence);
    signal.removeEventListener('abort', abort);
    controller.abort();
  }
}

function goodbyeDelay(data: string): unknown {
  try {
    return (JSON.parse(data) as { reconnectAfterMs?: unknown }).reconnectAfterMs;
  } catch {
    return undefined;
  }
}
