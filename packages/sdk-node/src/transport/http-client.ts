import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip } from 'node:zlib';

/** What the SDK reads of an answer: the status, its headers, and the body as text or chunk by chunk. */
export interface HttpResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  /** The whole body as UTF-8 text. */
  text(): Promise<string>;
  /** The body as UTF-8 text, chunk by chunk as it arrives (a stream); throws when the connection breaks. */
  chunks(): AsyncIterable<string>;
  /** Drops the rest of the body, and the connection with it when the body was not read to its end. */
  discard(): void;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Aborts the request, or the reading of its body. */
  signal?: AbortSignal;
  /** The whole exchange, body included, fails after this long (none: a stream, ended by `signal`). */
  timeoutMs?: number;
  /** Ask for a Brotli- or gzip-compressed body (a ruleset), decompressed as it is read. */
  compressed?: boolean;
}

/** How long an idle connection is kept for the next request (the server's Keep-Alive hint, when shorter, wins). */
const IDLE_SOCKET_MS = 4000;

/**
 * The SDK's own HTTP connections to one server: a keep-alive agent of its own rather than the
 * process-wide pool behind `fetch`, so that `close()` can end every connection the client opened
 * (the stream, a poll, an idle keep-alive socket) and leave nothing behind that would keep the
 * server's `close()` or the process waiting. Idle connections do not keep the process alive and
 * go after 4 s.
 */
export class HttpClient {
  private readonly agent: HttpAgent;
  private readonly secure: boolean;
  private readonly sockets = new Set<Socket>();
  private closed = false;

  constructor(private readonly baseUrl: string) {
    this.secure = baseUrl.startsWith('https:');
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' } as const;
    this.agent = this.secure ? new HttpsAgent(options) : new HttpAgent(options);
  }

  request(path: string, init: HttpRequest): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      if (this.closed) return reject(new Error('the client is closed'));
      const { signal, timeoutMs } = init;
      if (signal?.aborted) return reject(abortReason(signal));
      const headers: Record<string, string | number> = { ...init.headers };
      if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
      if (init.compressed) headers['accept-encoding'] = 'br, gzip';
      const request = (this.secure ? httpsRequest : httpRequest)(`${this.baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers,
        agent: this.agent,
      });
      let answer: NodeResponse | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cancel = (reason: Error) => {
        answer?.cutOff(reason);
        request.destroy(reason);
      };
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => cancel(abortReason(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => cancel(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
        timer.unref?.();
      }
      request.on('socket', (socket: Socket) => {
        if (this.sockets.has(socket)) return;
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        // A request made while close() was ending the others: it must not outlive close().
        if (this.closed) socket.destroy();
      });
      request.on('error', (error) => {
        finish();
        reject(error);
      });
      request.on('response', (response) => {
        // Settles once the body is read to its end, dropped, or cut off.
        response.once('close', finish);
        answer = new NodeResponse(response, request);
        resolve(answer);
      });
      request.end(init.body);
    });
  }

  /** Ends every connection, in use or idle, and resolves when they are closed. No request can follow. */
  async close(): Promise<void> {
    this.closed = true;
    const closing = [...this.sockets].map(
      (socket) =>
        new Promise<void>((resolve) =>
          socket.destroyed && socket.closed ? resolve() : socket.once('close', () => resolve()),
        ),
    );
    this.agent.destroy();
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(closing);
  }
}

class NodeResponse implements HttpResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  private reason: Error | undefined;
  /** The body as text: the response itself, or what its decompressor makes of it. */
  private readonly body: Readable;

  constructor(
    private readonly response: IncomingMessage,
    private readonly request: ReturnType<typeof httpRequest>,
  ) {
    this.status = response.statusCode ?? 0;
    const coding = response.headers['content-encoding']?.trim().toLowerCase();
    const decompressor = coding === 'br' ? createBrotliDecompress() : coding === 'gzip' ? createGunzip() : undefined;
    // A failure on either side (a cut connection, a corrupt body) ends both, and the reader sees it.
    this.body = decompressor ? pipeline(response, decompressor, () => {}) : response;
    this.body.setEncoding('utf8');
    this.headers = {
      get: (name) => {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    let text = '';
    for await (const chunk of this.chunks()) text += chunk;
    return text;
  }

  /** Why the SDK cut the answer off (aborted, timed out): the error its reader sees. */
  cutOff(reason: Error): void {
    this.reason ??= reason;
  }

  async *chunks(): AsyncIterable<string> {
    try {
      for await (const chunk of this.body) yield chunk as string;
    } catch (error) {
      throw this.reason ?? error;
    }
    // A connection cut before the end of the body may end the iteration without an error.
    if (!this.response.complete) throw this.reason ?? new Error('the connection closed before the end of the answer');
  }

  discard(): void {
    // A complete body is drained, so that its connection serves the next request; else the connection goes.
    if (this.response.complete) this.response.resume();
    else this.request.destroy();
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
