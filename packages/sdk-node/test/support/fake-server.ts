import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A tiny HTTP server with a handler per test, counting requests, to play a misbehaving Vexil. */
export interface FakeServer {
  url: string;
  requests: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startFakeServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    requests.push({ method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers });
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that accepts connections and never says a word. */
export async function startSilentServer(): Promise<{ url: string; connections: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = createNetServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The boolean flag the fake servers serve: `on` decides whether it is switched on (then `on` for everyone). */
export function checkoutFlag(on: boolean) {
  return {
    key: 'checkout',
    type: 'boolean',
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    on,
    offVariation: 'off',
    fallthrough: { variation: 'on' },
  };
}

/**
 * Plays the SDK protocol's reading side: `/sdk/v1/config` answers `ruleset` (revision 1), and
 * `/sdk/v1/stream` opens and stays quiet. False for any other request, for the caller to answer.
 */
export function answerRuleset(request: IncomingMessage, response: ServerResponse, ruleset: object): boolean {
  if (request.url === '/sdk/v1/config') {
    response
      .writeHead(200, { 'content-type': 'application/json', etag: '"1"' })
      .end(JSON.stringify({ version: 1, flags: [], segments: [], ...ruleset }));
    return true;
  }
  if (request.url === '/sdk/v1/stream') {
    response.writeHead(200, { 'content-type': 'text/event-stream' }).write(': hi\n\n');
    return true;
  }
  return false;
}
