import type { ServerResponse } from 'node:http';
import { init } from '@vexil/node';
import { afterEach, describe, expect, it } from 'vitest';
import { Synchronizer } from '../src/data-sources/synchronizer.js';
import { settingsOf } from '../src/options.js';
import { RulesetStore } from '../src/store/ruleset-store.js';
import { HttpClient } from '../src/transport/http-client.js';
import { checkoutFlag, startFakeServer } from './support/fake-server.js';
import { eventually, recordingLogger } from './support/server.js';

/**
 * The stream's liveness and reconnection, in real time over real sockets, with the timings shrunk
 * through the client's options (90 s of silence, 1 s → 30 s delays, reset after a minute, by default).
 * Timing assertions are lower bounds, or upper bounds with seconds to spare, for slow machines.
 */
const ada = { key: 'ada' };
/** Revision 5 (checkout off): what `/sdk/v1/config` serves throughout, so later changes can only come over the stream. */
function answerConfig(response: ServerResponse, ifNoneMatch: string | undefined): void {
  if (ifNoneMatch === '"5"') response.writeHead(304).end();
  else
    response
      .writeHead(200, { 'content-type': 'application/json', etag: '"5"' })
      .end(JSON.stringify({ version: 5, flags: [checkoutFlag(false)], segments: [] }));
}
const openStream = (response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.flushHeaders();
};
const heartbeats = (response: ServerResponse, everyMs: number) => {
  const timer = setInterval(() => response.write(': heartbeat\n\n'), everyMs);
  response.on('close', () => clearInterval(timer));
};

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a silent stream', () => {
  it('is dropped after streamSilenceTimeoutMs and reconnected; the client serves its flags meanwhile and gets the change it missed', async () => {
    const streams: {
      openedAt: number;
      closedAt?: number;
      lastEventId?: string;
      servedWhileDown?: boolean;
      statusWhileDown?: string;
    }[] = [];
    const fake = await startFakeServer((request, response) => {
      if (request.url === '/sdk/v1/config') return answerConfig(response, request.headers['if-none-match']);
      if (request.url !== '/sdk/v1/stream') return void response.writeHead(404).end();
      const stream: (typeof streams)[number] = {
        openedAt: Date.now(),
        lastEventId: request.headers['last-event-id'] as string | undefined,
      };
      streams.push(stream);
      openStream(response);
      response.on('close', () => {
        stream.closedAt = Date.now();
        // The client dropped this stream and has not reconnected yet: it still serves revision 5.
        stream.servedWhileDown = sdk.boolean('checkout', ada, true);
        stream.statusWhileDown = sdk.status;
      });
      // The first stream says nothing at all (a peer gone without closing the socket); the next one
      // brings the change made meanwhile, then stays alive with heartbeats.
      if (streams.length > 1) {
        response.write(
          `event: patch\nid: 6\ndata: ${JSON.stringify({ revision: 6, kind: 'flag', key: 'checkout', flag: checkoutFlag(true) })}\n\n`,
        );
        heartbeats(response, 100);
      }
    });
    cleanups.push(() => fake.close());
    const sdk = init({
      sdkKey: 'vx_server_fake',
      baseUrl: fake.url,
      events: false,
      logger: recordingLogger(),
      streamSilenceTimeoutMs: 500,
      reconnect: { initialDelayMs: 100 },
    });
    cleanups.push(() => sdk.close());
    const changes: number[] = [];
    sdk.on('change', (change) => changes.push(change.revision));
    expect(await sdk.waitForInitialization()).toBe(true);

    await eventually(() => streams[0]?.closedAt !== undefined, 10_000, 'the silent stream to be dropped');
    const silent = streams[0]!;
    expect(silent.closedAt! - silent.openedAt).toBeGreaterThanOrEqual(490);
    expect(silent.servedWhileDown).toBe(false);
    expect(silent.statusWhileDown).toBe('ready');

    await eventually(() => sdk.revision === 6, 10_000, 'the change over the new stream');
    expect(streams[1]?.lastEventId).toBe('5');
    expect(sdk.boolean('checkout', ada, false)).toBe(true);
    expect(changes).toEqual([6]);
    expect(sdk.status).toBe('ready');
  });

  it('is not dropped while heartbeats keep coming, however long it lasts', async () => {
    const streams: { closed: boolean }[] = [];
    const fake = await startFakeServer((request, response) => {
      if (request.url === '/sdk/v1/config') return answerConfig(response, request.headers['if-none-match']);
      if (request.url !== '/sdk/v1/stream') return void response.writeHead(404).end();
      const stream = { closed: false };
      streams.push(stream);
      openStream(response);
      response.on('close', () => (stream.closed = true));
      heartbeats(response, 100);
    });
    cleanups.push(() => fake.close());
    const sdk = init({
      sdkKey: 'vx_server_fake',
      baseUrl: fake.url,
      events: false,
      logger: recordingLogger(),
      streamSilenceTimeoutMs: 2000,
    });
    cleanups.push(() => sdk.close());
    expect(await sdk.waitForInitialization()).toBe(true);
    await eventually(() => streams.length === 1, 10_000, 'the stream');

    // Twice the silence timeout, in which the stream is never silent for long.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(streams).toEqual([{ closed: false }]);
  });

  it('is kept through gaps between heartbeats longer than the 4 s after which the SDK drops an idle connection', async () => {
    const streams: { closed: boolean }[] = [];
    const fake = await startFakeServer((request, response) => {
      if (request.url === '/sdk/v1/config') return answerConfig(response, request.headers['if-none-match']);
      if (request.url !== '/sdk/v1/stream') return void response.writeHead(404).end();
      const stream = { closed: false };
      streams.push(stream);
      openStream(response);
      response.on('close', () => (stream.closed = true));
      heartbeats(response, 5000);
    });
    cleanups.push(() => fake.close());
    const sdk = init({ sdkKey: 'vx_server_fake', baseUrl: fake.url, events: false, logger: recordingLogger() });
    cleanups.push(() => sdk.close());
    expect(await sdk.waitForInitialization()).toBe(true);
    await eventually(() => streams.length === 1, 10_000, 'the stream');
    await new Promise((resolve) => setTimeout(resolve, 5500));
    expect(streams).toEqual([{ closed: false }]);
    expect(sdk.status).toBe('ready');
  });
});

describe('reconnection delays', () => {
  /**
   * A Synchronizer (the client's data source) against a fake server that answers each stream
   * request as the test's script says; `delays` are the waits it chose, `draws` its jitter.
   */
  async function synchronizerAgainst(
    script: ((response: ServerResponse) => void)[],
    reconnect: { initialDelayMs: number; maxDelayMs: number; resetAfterMs: number },
  ) {
    const attempts: { at: number; answeredAt?: number }[] = [];
    const fake = await startFakeServer((request, response) => {
      if (request.url === '/sdk/v1/config') return answerConfig(response, request.headers['if-none-match']);
      if (request.url !== '/sdk/v1/stream') return void response.writeHead(404).end();
      const attempt: (typeof attempts)[number] = { at: Date.now() };
      attempts.push(attempt);
      response.on('finish', () => (attempt.answeredAt = Date.now()));
      const answer = script[attempts.length - 1];
      if (answer) answer(response);
      else openStream(response); // the script is over: a healthy, quiet stream
    });
    cleanups.push(() => fake.close());
    const logger = recordingLogger();
    const draws: number[] = [];
    const random = () => {
      const draw = Math.random();
      draws.push(draw);
      return draw;
    };
    const settings = settingsOf({ sdkKey: 'vx_server_fake', baseUrl: fake.url, events: false, logger, reconnect });
    const http = new HttpClient(settings.baseUrl);
    const synchronizer = new Synchronizer(
      settings,
      http,
      new RulesetStore(() => {}),
      { connection: () => {}, fatal: () => {} },
      random,
    );
    cleanups.push(async () => {
      await synchronizer.stop();
      await http.close();
    });
    synchronizer.start();
    return {
      attempts,
      draws,
      delays: () =>
        logger.lines.flatMap((line) => /reconnecting in (\d+) ms/.exec(line.message)?.[1] ?? []).map(Number),
    };
  }
  const refuse = (response: ServerResponse) => void response.writeHead(503).end();
  const endAtOnce = (response: ServerResponse) =>
    void response.writeHead(200, { 'content-type': 'text/event-stream' }).end(': bye\n\n');
  const endAfter = (ms: number) => (response: ServerResponse) => {
    openStream(response);
    heartbeats(response, 100);
    setTimeout(() => response.end(), ms).unref();
  };

  it('waits a random share of a ceiling that doubles from initialDelayMs up to maxDelayMs', async () => {
    const initialDelayMs = 100;
    const maxDelayMs = 800;
    const sync = await synchronizerAgainst(Array(7).fill(refuse), { initialDelayMs, maxDelayMs, resetAfterMs: 60_000 });
    await eventually(() => sync.attempts.length === 8, 30_000, 'eight stream attempts');

    const ceilings = [100, 200, 400, 800, 800, 800, 800];
    expect(sync.draws).toHaveLength(7);
    expect(sync.delays()).toEqual(sync.draws.map((draw, attempt) => Math.round(draw * ceilings[attempt]!)));
    // The client really waited that long before trying again (the server's clock: lower bounds hold on any machine).
    for (let attempt = 0; attempt < 7; attempt++) {
      const waited = sync.attempts[attempt + 1]!.at - sync.attempts[attempt]!.answeredAt!;
      expect(waited, `after attempt ${attempt}`).toBeGreaterThanOrEqual(sync.delays()[attempt]! - 2);
    }
  }, 40_000);

  it('starts again from initialDelayMs after a connection that stayed up resetAfterMs, not after a shorter one', async () => {
    const resetAfterMs = 1500;
    // Three refusals (ceilings 100, 200, 400), a connection ended at once (no reset: 800), one that
    // lasts past resetAfterMs (reset: 100), then a refusal (200).
    const sync = await synchronizerAgainst([refuse, refuse, refuse, endAtOnce, endAfter(resetAfterMs + 1000), refuse], {
      initialDelayMs: 100,
      maxDelayMs: 3200,
      resetAfterMs,
    });
    await eventually(() => sync.attempts.length === 7, 30_000, 'seven stream attempts');

    const ceilings = [100, 200, 400, 800, 100, 200];
    expect(sync.delays()).toEqual(sync.draws.map((draw, attempt) => Math.round(draw * ceilings[attempt]!)));
  }, 40_000);
});
