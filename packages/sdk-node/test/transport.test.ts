import { brotliCompressSync, gzipSync } from 'node:zlib';
import { init } from '@vexil/node';
import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/data-sources/backoff.js';
import { retryAfterMs } from '../src/transport/requests.js';
import { SseParser, type SseEvent } from '../src/transport/sse.js';
import { checkoutFlag, startFakeServer } from './support/fake-server.js';
import { recordingLogger } from './support/server.js';

const parse = (...chunks: string[]): SseEvent[] => {
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  for (const chunk of chunks) parser.feed(chunk);
  return events;
};

describe('the SSE parser', () => {
  it('reads events with their event name, id and data, ignoring comments', () => {
    expect(parse(': heartbeat\n\nevent: put\nid: 42\ndata: {"version":42}\n\n')).toEqual([
      { event: 'put', id: '42', data: '{"version":42}', retry: undefined },
    ]);
  });

  it('puts an event together from chunks split anywhere, even inside a CRLF', () => {
    const text = 'event: patch\r\nid: 43\r\ndata: {"a":1}\r\n\r\nevent: goodbye\r\nretry: 3120\r\ndata: {}\r\n\r\n';
    const whole = parse(text);
    for (let cut = 1; cut < text.length; cut++) expect(parse(text.slice(0, cut), text.slice(cut))).toEqual(whole);
    expect(whole).toEqual([
      { event: 'patch', id: '43', data: '{"a":1}', retry: undefined },
      { event: 'goodbye', id: '43', data: '{}', retry: 3120 },
    ]);
  });

  it('joins multi-line data, accepts CR line ends, defaults the event to "message", and ignores events without data', () => {
    expect(parse('data: a\rdata: b\r\revent: empty\n\ndata\n\n')).toEqual([
      { event: 'message', id: undefined, data: 'a\nb', retry: undefined },
      { event: 'message', id: undefined, data: '', retry: undefined },
    ]);
  });
});

describe('reconnection delays', () => {
  it('draws a full-jitter delay under a ceiling that doubles from 1 s up to 30 s', () => {
    const ceilings = new Backoff(1000, 30_000, 60_000, () => 0.999999);
    expect(Array.from({ length: 7 }, () => ceilings.next(0))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    const low = new Backoff(1000, 30_000, 60_000, () => 0);
    expect(low.next(0)).toBe(0);
  });

  it('starts again from 1 s after a connection that stayed healthy for a minute, not after a short one', () => {
    const backoff = new Backoff(1000, 30_000, 60_000, () => 0.999999);
    backoff.next(0);
    backoff.next(0);
    backoff.connected(1000);
    expect(backoff.next(30_000)).toBe(4000);
    backoff.connected(30_000);
    expect(backoff.next(90_000)).toBe(1000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(new Date(61_000).toUTCString(), 1000)).toBe(60_000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('the ruleset request', () => {
  it('asks for a compressed ruleset and reads Brotli, gzip and plain answers alike', async () => {
    const body = JSON.stringify({ version: 3, flags: [checkoutFlag(true)], segments: [] });
    for (const coding of ['br', 'gzip', 'identity'] as const) {
      const fake = await startFakeServer((request, response) => {
        if (request.url !== '/sdk/v1/config') return void response.writeHead(404).end();
        const encoded =
          coding === 'br' ? brotliCompressSync(body) : coding === 'gzip' ? gzipSync(body) : Buffer.from(body);
        response
          .writeHead(200, {
            'content-type': 'application/json',
            etag: '"3"',
            ...(coding === 'identity' ? {} : { 'content-encoding': coding }),
          })
          .end(encoded);
      });
      const sdk = init({
        sdkKey: 'vx_server_fake',
        baseUrl: fake.url,
        stream: false,
        events: false,
        logger: recordingLogger(),
      });
      try {
        expect(await sdk.waitForInitialization(), coding).toBe(true);
        expect(sdk.revision).toBe(3);
        expect(sdk.boolean('checkout', { key: 'ada' }, false)).toBe(true);
        expect(fake.requests[0]?.headers['accept-encoding']).toBe('br, gzip');
      } finally {
        await sdk.close();
        await fake.close();
      }
    }
  });
});
