import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { RulesetChange } from '../changes/hub.js';
import type { ServerContext } from '../context.js';
import type { StreamProtocol } from '../metrics.js';
import type { SdkKey } from './authenticate.js';

/** One Server-Sent Events frame. `data` must be one line (JSON text is). */
export function sseFrame(fields: { event?: string; id?: number | string; retry?: number; data: string }): string {
  let frame = '';
  if (fields.event !== undefined) frame += `event: ${fields.event}\n`;
  if (fields.id !== undefined) frame += `id: ${fields.id}\n`;
  if (fields.retry !== undefined) frame += `retry: ${fields.retry}\n`;
  return `${frame}data: ${fields.data}\n\n`;
}

/** What a kind of stream (SDK, OFREP) tells its clients about changes. */
export interface StreamChannel {
  readonly protocol: StreamProtocol;
  /** The frame announcing a change, written as is to every stream of the change's environment. */
  frame(change: RulesetChange): string;
  /**
   * Whether a burst of changes published together is announced once, with the latest revision
   * (OFREP's "refetch" needs no more), instead of once per change (SDK patches).
   */
  readonly coalesce: boolean;
}

/**
 * A client's open stream. Kept small on purpose, since a node holds tens of thousands: the socket,
 * where the client is, and nothing per connection that ticks (the heartbeat is shared).
 */
export interface Stream {
  readonly response: ServerResponse;
  readonly environmentId: string;
  readonly keyHash: string;
  /** The latest revision the client has: changes up to it are not sent (again). */
  revision: number;
  /** Frames announced while the opening frames were being read; sent right after them. */
  held: HeldFrame[] | undefined;
}

interface HeldFrame {
  revision: number;
  frame: string;
}

/** A client this far behind is cut off rather than buffered for: it resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const HEARTBEAT = ': heartbeat\n\n';

/**
 * Every open stream of one channel on this node, by environment. A change's frame is built once
 * and the same string is written to each stream of its environment; one interval sends heartbeats
 * to all of them; on shutdown each stream hears `goodbye` with a jittered reconnect delay, so a
 * fleet restart does not bring every client back in the same second.
 */
export class StreamRegistry {
  private readonly byEnvironment = new Map<string, Set<Stream>>();
  private size = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private closing = false;
  /** Coalescing channels: the latest change per environment, announced on the next turn. */
  private readonly unannounced = new Map<string, RulesetChange>();

  constructor(
    private readonly channel: StreamChannel,
    private readonly ctx: Pick<ServerContext, 'hub' | 'metrics' | 'config' | 'onClose' | 'sdkKeys'>,
  ) {
    ctx.hub.subscribe((change) => this.changed(change));
    ctx.hub.onKeyRevoked((keyHash) => this.revoked(keyHash));
    ctx.onClose(() => this.goodbye());
  }

  get open(): number {
    return this.size;
  }

  /**
   * Registers a stream before its opening frames are read (ruleset, replay), so a change
   * published meanwhile is held and sent after them instead of being lost.
   */
  register(reply: FastifyReply, key: SdkKey): Stream {
    const stream: Stream = {
      response: reply.raw,
      environmentId: key.environmentId,
      keyHash: key.keyHash,
      revision: 0,
      held: [],
    };
    let streams = this.byEnvironment.get(key.environmentId);
    if (!streams) this.byEnvironment.set(key.environmentId, (streams = new Set()));
    streams.add(stream);
    this.size++;
    this.ctx.metrics.openStreams.inc({ protocol: this.channel.protocol });
    reply.raw.once('close', () => this.remove(stream));
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.beat(), this.ctx.config.heartbeatSeconds * 1000);
      this.heartbeat.unref();
    }
    return stream;
  }

  /**
   * Takes the response over from Fastify, sends the head and the opening frames, which bring the
   * client to `revision`, then anything held. During shutdown the client only hears goodbye.
   */
  start(stream: Stream, reply: FastifyReply, opening: string, revision: number): void {
    reply.hijack();
    const response = stream.response;
    if (response.destroyed) return;
    const socket = response.socket;
    // The stream is idle between changes: no timeout may close it; keepalive finds dead peers.
    socket?.setTimeout(0);
    socket?.setNoDelay(true);
    socket?.setKeepAlive(true, 60_000);
    response.writeHead(200, {
      ...definedHeaders(reply.getHeaders()), // CORS, set by its hook on the reply
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store', // rules and keys are private: no cache keeps them
      'x-accel-buffering': 'no', // nginx: pass frames through as they come
    });
    if (this.closing) {
      this.sayGoodbye(stream);
      return;
    }
    let text = opening;
    let latest = revision;
    for (const held of stream.held ?? []) {
      if (held.revision > latest) {
        text += held.frame;
        latest = held.revision;
      }
    }
    stream.held = undefined;
    stream.revision = latest;
    // With nothing to say yet (an up-to-date client), the head must still go out now.
    if (text === '') response.flushHeaders();
    else response.write(text);
  }

  /** Forgets a registered stream whose opening could not be read (the request fails instead). */
  abandon(stream: Stream): void {
    this.remove(stream);
  }

  private changed(change: RulesetChange): void {
    const streams = this.byEnvironment.get(change.environmentId);
    if (!streams) return;
    if (!this.channel.coalesce) {
      this.deliver(streams, change.revision, this.channel.frame(change));
      return;
    }
    if (this.unannounced.size === 0) setImmediate(() => this.announce());
    this.unannounced.set(change.environmentId, change);
  }

  private announce(): void {
    for (const [environmentId, change] of this.unannounced) {
      const streams = this.byEnvironment.get(environmentId);
      if (streams) this.deliver(streams, change.revision, this.channel.frame(change));
    }
    this.unannounced.clear();
  }

  private deliver(streams: Set<Stream>, revision: number, frame: string): void {
    for (const stream of streams) {
      if (stream.held) {
        stream.held.push({ revision, frame });
      } else if (revision > stream.revision) {
        stream.revision = revision;
        this.write(stream, frame);
      }
    }
  }

  private write(stream: Stream, text: string): void {
    if (stream.response.writableLength > MAX_BUFFERED_BYTES) {
      stream.response.destroy();
      return;
    }
    stream.response.write(text);
  }

  private beat(): void {
    const keyHashes = new Set<string>();
    for (const streams of this.byEnvironment.values()) {
      for (const stream of streams) {
        if (stream.held) continue;
        this.write(stream, HEARTBEAT);
        keyHashes.add(stream.keyHash);
      }
    }
    void this.sweep(keyHashes);
  }

  /**
   * Ends the streams of keys that stopped working without an announcement: a rotated key past its
   * grace period. (Revocations are announced and end streams at once.)
   */
  private async sweep(keyHashes: Set<string>): Promise<void> {
    for (const keyHash of keyHashes) {
      // A database that does not answer is no reason to drop clients: they stay until it does.
      const key = await this.ctx.sdkKeys.resolveHash(keyHash).catch(() => null);
      if (key === undefined) this.revoked(keyHash);
    }
  }

  /** A revoked key's streams end at once; the client's reconnect then gets 401. */
  private revoked(keyHash: string): void {
    for (const streams of this.byEnvironment.values()) {
      for (const stream of streams) if (stream.keyHash === keyHash) stream.response.end();
    }
  }

  private goodbye(): void {
    this.closing = true;
    for (const streams of [...this.byEnvironment.values()]) {
      for (const stream of [...streams]) {
        if (stream.held) continue; // its start() says goodbye
        this.sayGoodbye(stream);
      }
    }
  }

  private sayGoodbye(stream: Stream): void {
    const reconnectAfterMs = 1000 + Math.floor(Math.random() * 4000);
    stream.response.end(
      sseFrame({ event: 'goodbye', retry: reconnectAfterMs, data: JSON.stringify({ reconnectAfterMs }) }),
    );
  }

  private remove(stream: Stream): void {
    const streams = this.byEnvironment.get(stream.environmentId);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) this.byEnvironment.delete(stream.environmentId);
    this.size--;
    this.ctx.metrics.openStreams.dec({ protocol: this.channel.protocol });
    if (this.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }
}

function definedHeaders(headers: Record<string, string | number | string[] | undefined>): OutgoingHttpHeaders {
  const defined: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) defined[name] = value;
  return defined;
}
