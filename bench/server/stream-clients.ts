/**
 * A process that holds many SDK streams (`GET /sdk/v1/stream`) open with as little state per
 * connection as it can: a raw TCP socket, a hand-written request, and a scan of what arrives for
 * `event: put` / `event: patch` lines. No EventSource, no HTTP parser, no buffering of bodies.
 *
 * Driven by its parent over IPC (see streams.ts): `open` N streams, time a `change` (the PATCH is
 * sent from here, so the clock that starts the timing is the one that stops it), `close`.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface StreamTarget {
  host: string;
  port: number;
  path: string;
  /** The `Authorization` header's value. */
  authorization: string;
}

export type Command =
  | { type: 'open'; target: StreamTarget; count: number; concurrency: number; timeoutMs: number }
  | {
      type: 'change';
      url: string;
      authorization: string;
      method: string;
      path: string;
      body: string;
      timeoutMs: number;
    }
  | { type: 'close' };

export type Reply =
  | { type: 'opened'; open: number; failed: number; firstFailure?: string; ms: number; rssBytes: number }
  | {
      type: 'changed';
      status: number;
      /** How long the management API took to answer the change. */
      responseMs: number;
      /** Per stream that received the change: ms from just before the request was sent to the `patch` event. */
      latenciesMs: number[];
      missed: number;
    }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/** What this process knows about one stream. */
interface Stream {
  socket: Socket;
  /** 0 waiting for the status line, 1 streaming, 2 failed or closed. */
  state: 0 | 1 | 2;
  puts: number;
  patches: number;
  /** The end of the previous chunk, so an event name split across two chunks is still seen. */
  tail: string;
}

const EVENT = /event: ?(put|patch)\b/g;
const TAIL = 16;

const streams: Stream[] = [];
/** Set while a change is being timed. */
let trial: { startedAt: number; receivedAt: Float64Array; remaining: number; done: () => void } | undefined;

function send(reply: Reply): void {
  process.send?.(reply);
}

function openOne(target: StreamTarget, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const stream: Stream = { socket, state: 0, puts: 0, patches: 0, tail: '' };
    const index = streams.push(stream) - 1;
    let settled = false;
    const settle = (failure: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(failure);
    };
    const timer = setTimeout(() => {
      stream.state = 2;
      socket.destroy();
      settle(`no put event within ${timeoutMs} ms`);
    }, timeoutMs);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      socket.write(
        `GET ${target.path} HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\nAuthorization: ${target.authorization}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      const now = performance.now();
      let text = chunk.toString('latin1');
      if (stream.state === 0) {
        if (!text.startsWith('HTTP/1.1 200')) {
          stream.state = 2;
          socket.destroy();
          settle(text.split('\r\n')[0] ?? 'no status line');
          return;
        }
        stream.state = 1;
      }
      const scanned = stream.tail + text;
      const offset = stream.tail.length;
      EVENT.lastIndex = 0;
      for (let match = EVENT.exec(scanned); match; match = EVENT.exec(scanned)) {
        // A match that ends inside the tail was counted with the previous chunk.
        if (match.index + match[0].length <= offset) continue;
        if (match[1] === 'put') {
          stream.puts++;
          settle(undefined);
        } else {
          stream.patches++;
          if (trial && stream.patches === 1) {
            trial.receivedAt[index] = now - trial.startedAt;
            if (--trial.remaining === 0) trial.done();
          }
        }
      }
      text = scanned.length > TAIL ? scanned.slice(-TAIL) : scanned;
      stream.tail = text;
    });
    socket.on('error', (error) => {
      settle(error.message);
    });
    socket.on('close', () => {
      if (stream.state === 1 && trial && stream.patches === 0) {
        // A stream that closes during a change will never see it.
        if (--trial.remaining === 0) trial.done();
      }
      stream.state = 2;
      settle('closed before a put event');
    });
  });
}

async function open(command: Extract<Command, { type: 'open' }>): Promise<void> {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  // A bounded number of connections in flight, so the server's accept backlog never overflows.
  const lanes = Array.from({ length: Math.min(command.concurrency, command.count) }, async () => {
    while (next < command.count) {
      next++;
      const failure = await openOne(command.target, command.timeoutMs);
      if (failure !== undefined) {
        failed++;
        firstFailure ??= failure;
      }
    }
  });
  await Promise.all(lanes);
  const reply: Reply = {
    type: 'opened',
    open: streams.filter((s) => s.state === 1).length,
    failed,
    ms: performance.now() - started,
    rssBytes: process.memoryUsage.rss(),
  };
  send(firstFailure === undefined ? reply : { ...reply, firstFailure });
}

async function change(command: Extract<Command, { type: 'change' }>): Promise<void> {
  const live = streams.filter((s) => s.state === 1);
  for (const stream of streams) stream.patches = 0;
  const receivedAt = new Float64Array(streams.length).fill(Number.NaN);
  let done!: () => void;
  const allReceived = new Promise<void>((resolve) => (done = resolve));
  const url = new URL(command.path, command.url);
  const startedAt = performance.now();
  trial = { startedAt, receivedAt, remaining: live.length, done };
  if (live.length === 0) done();
  const answered = new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: command.method,
        agent: false,
        headers: { authorization: command.authorization, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - startedAt }));
      },
    );
    req.on('error', reject);
    req.end(command.body);
  });
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, command.timeoutMs).unref());
  const [response] = await Promise.all([answered, Promise.race([allReceived, timeout])]);
  trial = undefined;
  const latenciesMs = [...receivedAt].filter((ms) => !Number.isNaN(ms));
  send({
    type: 'changed',
    status: response.status,
    responseMs: response.ms,
    latenciesMs,
    missed: live.length - latenciesMs.length,
  });
}

function close(): void {
  for (const stream of streams.splice(0)) stream.socket.destroy();
  send({ type: 'closed' });
}

process.on('message', (message: Command) => {
  const run = async () => {
    switch (message.type) {
      case 'open':
        return open(message);
      case 'change':
        return change(message);
      case 'close':
        return close();
    }
  };
  run().catch((error: unknown) =>
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
