import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { TestServer } from './server.js';

/** One Server-Sent Event as a client sees it (`event` defaults to "message", as in browsers). */
export interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
  retry: number | undefined;
}

/**
 * A minimal SSE client over node:http, enough to watch what a server sends: events in order,
 * comments (heartbeats) counted, and the end of the stream. Each client has its own connection,
 * closed for good by close() (fetch() would keep reconnecting its pool behind our back).
 */
export class SseClient {
  private readonly events: SseEvent[] = [];
  private waiting: (() => void) | undefined;
  private buffer = '';
  comments = 0;
  ended = false;

  private constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    private readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
    response.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        url,
        { headers: { accept: 'text/event-stream', ...headers }, agent: false },
        (response) => resolve(new SseClient(response.statusCode ?? 0, response.headers, response)),
      );
      request.on('error', reject);
      request.end();
    });
  }

  /** The next event, failing after `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = this.events.shift();
      if (event) return event;
      if (this.ended) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits `ms` and returns whatever arrived meanwhile (to prove silence). */
  async quiet(ms: number): Promise<SseEvent[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.events.splice(0);
  }

  /** Waits until the server ends the stream. */
  async end(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error(`the stream did not end within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.response.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.parse(block);
    }
  }

  private parse(block: string): void {
    const event: SseEvent = { event: 'message', id: undefined, data: '', retry: undefined };
    let hasData = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
      else if (field === 'retry') event.retry = Number(value);
      else if (field === 'data') {
        event.data = hasData ? `${event.data}\n${value}` : value;
        hasData = true;
      }
    }
    if (!hasData) return;
    this.events.push(event);
    this.waiting?.();
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose body arrives as sent: fetch() would decompress it. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A JSON request to an SDK endpoint with an SDK key (`Authorization: <key>` unless told otherwise). */
export async function sdkCall(
  server: TestServer,
  method: string,
  path: string,
  options: { key?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.authorization = options.key;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as any, headers: response.headers };
}

/** A flag's state that splits allocation `experiment` 50/50 between variations `off` and `on`. */
export const EXPERIMENT_SPLIT = {
  on: true,
  allocations: [
    {
      id: 'experiment',
      serve: {
        split: [
          { variation: 'off', weight: 50 },
          { variation: 'on', weight: 50 },
        ],
      },
    },
  ],
  fallthrough: { variation: 'off' },
};

/** Creates a flag through the management API, with its state in `development`. */
export async function createFlag(
  server: TestServer,
  flag: Record<string, unknown>,
  development: Record<string, unknown> = { on: true },
): Promise<void> {
  const created = await server.api('POST', '/api/v1/projects/default/flags', {
    ...flag,
    environments: { development },
  });
  if (created.status !== 201)
    throw new Error(`creating flag ${String(flag.key)}: ${created.status} ${JSON.stringify(created.body)}`);
}

/** Changes a flag's state in `development` through the management API. */
export async function patchFlag(server: TestServer, key: string, patch: Record<string, unknown>): Promise<void> {
  const changed = await server.api('PATCH', `/api/v1/projects/default/flags/${key}/environments/development`, patch);
  if (changed.status !== 200)
    throw new Error(`changing flag ${key}: ${changed.status} ${JSON.stringify(changed.body)}`);
}

/** The development environment's row, straight from the database. */
async function development(server: TestServer): Promise<{ id: string; revision: number }> {
  return server.ctx.db
    .selectFrom('environments')
    .innerJoin('projects', 'projects.id', 'environments.projectId')
    .select(['environments.id', 'environments.revision'])
    .where('projects.key', '=', 'default')
    .where('environments.key', '=', 'development')
    .executeTakeFirstOrThrow();
}

/** The development environment's current revision. */
export async function developmentRevision(server: TestServer): Promise<number> {
  return (await development(server)).revision;
}

export async function developmentId(server: TestServer): Promise<string> {
  return (await development(server)).id;
}
