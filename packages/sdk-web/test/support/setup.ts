import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  type CacheStore,
  type EventSourceConstructor,
  type VexilWebClient,
  type WebClientOptions,
} from '@vexil/web';
import { EventSource } from 'eventsource';
import type { TestServer } from '../../../server/test/support/server.js';

export { eventually, startRestartableServer, type RestartableServer } from '../../../sdk-node/test/support/server.js';

/** A store like localStorage, in memory, that tests can look into. */
export function memoryStore(): CacheStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: (key) => entries.get(key),
    set: (key, value) => void entries.set(key, value),
    remove: (key) => void entries.delete(key),
  };
}

/** One request the client made, as sent and as answered. */
export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  responseBody: string;
}

/** The real fetch, recording each exchange (the answer is read from a clone). */
export function recordingFetch(): { fetch: typeof fetch; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const exchange: Exchange = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : undefined,
      status: response.status,
      responseBody: '',
    };
    exchanges.push(exchange);
    exchange.responseBody = await response.clone().text();
    return response;
  };
  return { fetch: recording, exchanges };
}

/** Clients made through `clients.create`, closed together after each test. */
export function clientFactory(
  defaults: () => Partial<WebClientOptions> & Pick<WebClientOptions, 'clientKey' | 'baseUrl'>,
) {
  const created: VexilWebClient[] = [];
  return {
    create(options: Partial<WebClientOptions> = {}): VexilWebClient {
      const client = createClient({
        context: { key: 'ada', email: 'ada@example.com' },
        cache: memoryStore(),
        events: false,
        EventSource: EventSource as unknown as EventSourceConstructor,
        ...defaults(),
        ...options,
      });
      created.push(client);
      return client;
    },
    async closeAll(): Promise<void> {
      await Promise.all(created.splice(0).map((client) => client.close()));
    },
  };
}

/** Open OFREP event streams, from the server's own gauge. */
export async function openStreams(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((entry) => entry.startsWith('vexil_sse_streams_open{protocol="ofrep"}'));
  return Number(line?.split(' ')[1] ?? 0);
}

/** The exposures and custom events stored for the development environment. */
export async function storedEvents(server: TestServer) {
  return server.ctx.db
    .selectFrom('events')
    .select(['type', 'flagKey', 'variationKey', 'allocationId', 'eventKey', 'value', 'contextKind', 'contextKey'])
    .orderBy('id')
    .execute();
}

/** The users list as a read of it sees it: the reports ingestion appended, merged first. */
export async function storedContexts(server: TestServer) {
  await server.ctx.events.flushContexts();
  return server.ctx.db.selectFrom('contexts').select(['kind', 'key', 'attributes']).execute();
}

/**
 * A forwarding proxy in front of the server that answers every event-stream request with 502,
 * as corporate proxies that cut long-lived responses do. Everything else passes through.
 */
export async function streamBlockingProxy(
  target: () => string,
): Promise<{ url: string; refused: number; close(): Promise<void> }> {
  const state = { refused: 0 };
  const server: Server = createServer((incoming, outgoing) => {
    if (incoming.url?.startsWith('/ofrep/v1/stream')) {
      state.refused++;
      outgoing.writeHead(502).end('streams are not allowed here');
      return;
    }
    const upstream = httpRequest(
      `${target()}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers, agent: false },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
