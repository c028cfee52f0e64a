import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../ui/test/e2e/support/browser.js';
import { createFlag, patchFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { eventually, openStreams, storedContexts, storedEvents } from './support/setup.js';

const ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const GUIDE = fileURLToPath(new URL('../../../docs/sdk-web.md', import.meta.url));

/** The code block that follows the line naming `file` in docs/sdk-web.md's quickstart. */
function quickstartFile(file: string): string {
  const text = readFileSync(GUIDE, 'utf8');
  const at = text.indexOf(`\`${file}\`:`);
  const block = /```\w*\n([\s\S]*?)```/.exec(text.slice(at));
  if (at < 0 || !block?.[1]) throw new Error(`docs/sdk-web.md has no ${file} in its quickstart`);
  return block[1];
}

/** The page a front-end team would write: values on first paint, re-rendered on change, a purchase tracked. */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>shop</title></head>
<body>
<p id="banner"></p><p id="status"></p>
<script type="module">
import { createClient } from '/vexil-web.js';
const params = new URLSearchParams(location.search);
const client = createClient({
  clientKey: params.get('key'),
  baseUrl: params.get('server'),
  context: { key: 'ada', email: 'ada@example.com' },
  flushIntervalMs: 60000,
});
const render = () => {
  document.getElementById('banner').textContent = client.string('banner-text', 'default');
  document.getElementById('status').textContent = client.status;
};
render();
client.on('change', render);
client.on('ready', render);
window.vexil = client;
</script>
</body></html>`;

/** A static server on another port of 127.0.0.1: the page's origin is not the Vexil server's (CORS applies). */
async function servePage(
  bundle: string,
  page = PAGE,
  script = '/vexil-web.js',
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.url?.startsWith(script)) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('@vexil/web in Chromium, on a page of another origin', () => {
  let vexil: TestServer;
  let site: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  /** Every answer of the Vexil server the page read, except the event stream (it never ends). */
  const answers: { url: string; body: string }[] = [];

  beforeAll(async () => {
    vexil = await startTestServer('sqlite');
    await createFlag(
      vexil,
      {
        key: 'banner-text',
        type: 'string',
        clientSideAvailable: true,
        variations: [
          { key: 'hello', value: 'Hello' },
          { key: 'bye', value: 'Bye' },
        ],
      },
      {
        on: true,
        allocations: [
          {
            id: 'vip',
            conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@vip.example'] }],
            serve: { variation: 'bye' },
          },
        ],
        fallthrough: { variation: 'hello' },
      },
    );
    await createFlag(vexil, { key: 'internal-tool' }, { on: true, fallthrough: { variation: 'on' } });
    const bundled = await build({
      entryPoints: [ENTRY],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      write: false,
    });
    site = await servePage(bundled.outputFiles[0]?.text ?? '');
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    page.on('response', (response) => {
      if (!response.url().startsWith(vexil.url) || response.url().includes('/ofrep/v1/stream')) return;
      if (response.request().method() === 'OPTIONS') return;
      void response
        .text()
        .then((body) => answers.push({ url: response.url(), body }))
        .catch(() => {});
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await vexil?.close();
  });

  const open = (server: string) =>
    page.goto(`${site.url}/?key=${encodeURIComponent(vexil.seeded.clientKey)}&server=${encodeURIComponent(server)}`);
  const banner = () => page.textContent('#banner');

  it('shows the values, then a change made through the management API without a reload', async () => {
    await open(vexil.url);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    expect(await banner()).toBe('Hello');
    await eventually(async () => (await openStreams(vexil.url)) > 0, 10_000, 'the page’s event stream to open');
    // Each change timed from just before the PATCH to the page's change listener (same machine clock).
    await page.evaluate(() => {
      const w = window as unknown as { changedAt: number[]; vexil: { on(e: string, l: () => void): void } };
      w.changedAt = [];
      w.vexil.on('change', () => w.changedAt.push(Date.now()));
    });
    const latencies: number[] = [];
    for (const [round, variation] of ['bye', 'hello', 'bye'].entries()) {
      const started = Date.now();
      await patchFlag(vexil, 'banner-text', { fallthrough: { variation } });
      await page.waitForFunction((n) => (window as unknown as { changedAt: number[] }).changedAt.length > n, round);
      const changedAt = await page.evaluate(() => (window as unknown as { changedAt: number[] }).changedAt);
      latencies.push((changedAt[round] as number) - started);
    }
    expect(await banner()).toBe('Bye');
    console.log(`Chromium: change → page's change listener (PATCH included): ${latencies.join(', ')} ms`);
  }, 60_000);

  it('sends track() events queued when the page goes away (pagehide, keepalive fetch)', async () => {
    await page.evaluate(() =>
      (window as unknown as { vexil: { track(k: string, v?: number): void } }).vexil.track('purchase', 9.5),
    );
    await page.goto('about:blank');
    await eventually(
      async () => (await storedEvents(vexil)).some((event) => event.eventKey === 'purchase'),
      10_000,
      'the purchase to be stored',
    );
    expect((await storedEvents(vexil)).find((event) => event.eventKey === 'purchase')).toMatchObject({
      type: 'custom',
      value: 9.5,
      contextKind: 'user',
      contextKey: 'ada',
    });
    expect((await storedContexts(vexil)).map((context) => context.key)).toContain('ada');
  }, 60_000);

  it('shows the cached values on the first paint when the server cannot be reached', async () => {
    await open('http://127.0.0.1:9');
    expect(await banner()).toBe('Bye');
    expect(await page.textContent('#status')).toBe('loading');
  }, 60_000);

  it('never received rules, segments, other flags or other users', () => {
    expect(answers.length).toBeGreaterThan(0);
    for (const { url, body } of answers) {
      for (const secret of [
        'vip.example',
        'ends_with',
        'conditions',
        'allocations',
        'segments',
        'internal-tool',
        'fallthrough',
      ])
        expect(body, url).not.toContain(secret);
    }
  });
});

describe('docs/sdk-web.md’s quickstart, as written, in Chromium', () => {
  let vexil: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    vexil = await startTestServer('sqlite');
    // The flag of the README's "Your first flag, with curl": client-side available, on for @example.com.
    await createFlag(
      vexil,
      { key: 'new-checkout', name: 'New checkout', clientSideAvailable: true },
      {
        on: true,
        allocations: [
          {
            id: 'staff',
            conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
            serve: { variation: 'on' },
          },
        ],
        fallthrough: { variation: 'off' },
      },
    );
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await vexil?.close();
  });

  it('shows the new checkout to Ada, and her purchase reaches the server when the page closes', async () => {
    // The reader pastes their client key; the page's server is this test's.
    const app = quickstartFile('app.js')
      .replace("'vx_client_…'", JSON.stringify(vexil.seeded.clientKey))
      .replace("'http://localhost:4000'", JSON.stringify(vexil.url));
    const bundled = await build({
      stdin: { contents: app, resolveDir: fileURLToPath(new URL('.', import.meta.url)), sourcefile: 'app.js' },
      alias: { '@vexil/web': ENTRY },
      bundle: true,
      format: 'esm',
      write: false,
    });
    const site = await servePage(bundled.outputFiles[0]?.text ?? '', quickstartFile('www/index.html'), '/app.js');
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(site.url);
      await page.waitForFunction(() => document.getElementById('checkout')?.textContent === 'the new checkout');
      await page.click('#buy');
      await page.close({ runBeforeUnload: true });
      await eventually(
        async () => (await storedEvents(vexil)).some((event) => event.eventKey === 'checkout-completed'),
        10_000,
        'the purchase to be stored',
      );
      expect((await storedEvents(vexil)).find((event) => event.eventKey === 'checkout-completed')).toMatchObject({
        value: 42.5,
        contextKey: 'ada',
      });
    } finally {
      await site.close();
    }
  }, 60_000);
});
