/**
 * @vexil/react on a page built with Vite, in Chromium, against a real Vexil server on 127.0.0.1: first paint
 * (server-rendered with bootstrap values, or from the cache with the server down), live changes without a reload,
 * re-renders only of the components whose flag changed, track() on pagehide, the stock OFREP web provider on the
 * same flags, and that no answer the browser received holds rules, segments, other flags or other users.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { init, type VexilClient } from '@vexil/node';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlag, patchFlag } from '../../server/test/support/sdk.js';
import type { TestServer } from '../../server/test/support/server.js';
import {
  eventually,
  openStreams,
  type RestartableServer,
  startRestartableServer,
  storedEvents,
} from '../../sdk-web/test/support/setup.js';
import { launchChromium } from '../../ui/test/e2e/support/browser.js';
import { Shop } from './page/App.js';

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Recorded from the first parsed node on: what #banner and #checkout said at each DOM mutation and at DOMContentLoaded. */
const FRAMES = `
window.frames_ = [];
const record = () => {
  const banner = document.getElementById('banner');
  const checkout = document.getElementById('checkout');
  if (banner || checkout) window.frames_.push([banner && banner.textContent, checkout && checkout.textContent]);
};
new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
document.addEventListener('DOMContentLoaded', record);
`;
type Frame = [string | null, string | null];

/** Words of the rules, the other flag and the other user: none may reach the browser. */
const SECRETS = [
  'vip.example',
  'ends_with',
  'conditions',
  'allocations',
  'segments',
  'fallthrough',
  'internal-tool',
  'mallory',
];

describe('@vexil/react on a Vite-built page in Chromium', () => {
  let vexil: RestartableServer;
  let server: TestServer;
  let node: VexilClient;
  let outDir: string;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  /** Every answer the browser got, except scripts (the bundle) and the event stream (it never ends). */
  const answers: { url: string; body: string }[] = [];

  /** The server-rendered page: the Shop's HTML for the context, with its bootstrap values, as a server would send. */
  function serverRendered(html: string): string {
    const context = { key: 'ada', email: 'ada@example.com' };
    // Only the flags the page may see: allFlags with a server key evaluates every flag.
    const bootstrap = Object.fromEntries(
      Object.entries(node.allFlags(context)).filter(([key]) => node.flagMetadata(key)?.clientSideAvailable),
    );
    const options = { clientKey: server.seeded.clientKey, baseUrl: server.url, context, bootstrap };
    const markup = renderToString(createElement(Shop, { options }));
    const data = JSON.stringify({ context, bootstrap }).replace(/</g, '\\u003c');
    return html
      .replace('<div id="root"></div>', `<div id="root">${markup}</div>`)
      .replace('</head>', `<script>window.vexilPage = ${data};</script></head>`);
  }

  beforeAll(async () => {
    vexil = await startRestartableServer();
    server = vexil.server;
    await createFlag(
      server,
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
    await createFlag(
      server,
      { key: 'new-checkout', clientSideAvailable: true },
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
    await createFlag(server, { key: 'internal-tool' }, { on: true, fallthrough: { variation: 'on' } });

    // The server side: @vexil/node with the server key; another user is known to the server.
    node = init({ sdkKey: server.seeded.serverKey, baseUrl: server.url });
    expect(await node.waitForInitialization(10_000)).toBe(true);
    node.track('signup', { key: 'mallory', email: 'mallory@elsewhere.org' });
    await node.flush();

    outDir = mkdtempSync(join(tmpdir(), 'vexil-react-page-'));
    await build({
      root: PAGE_DIR,
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      resolve: {
        alias: {
          '@vexil/react': source('../src/index.ts'),
          '@vexil/web': source('../../sdk-web/src/index.ts'),
        },
      },
      build: { outDir, emptyOutDir: true },
    });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    // Another origin than the Vexil server's: CORS applies, as for a real site.
    site = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://page').pathname;
      if (path.startsWith('/assets/')) {
        const type = extname(path) === '.js' ? 'text/javascript' : 'text/css';
        response.writeHead(200, { 'content-type': type }).end(readFileSync(join(outDir, path)));
        return;
      }
      const body = path === '/ssr' ? serverRendered(html) : html;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    site?.closeAllConnections();
    await new Promise((resolve) => site?.close(resolve));
    await node?.close();
    await vexil?.destroy();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  /** A fresh browser profile part (its own localStorage), recording the first frames and every answer. */
  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext();
    await context.addInitScript(FRAMES);
    context.on('response', (response) => {
      const url = response.url();
      if (response.request().method() === 'OPTIONS' || url.includes('/ofrep/v1/stream')) return;
      if (url.startsWith(siteUrl) && url.includes('/assets/')) return;
      void response
        .text()
        .then((body) => answers.push({ url, body }))
        .catch(() => {});
    });
    return context;
  }
  const query = (mode?: string) =>
    `?key=${encodeURIComponent(server.seeded.clientKey)}&server=${encodeURIComponent(server.url)}${mode ? `&mode=${mode}` : ''}`;
  const frames = (page: Page) => page.evaluate(() => (window as unknown as { frames_: Frame[] }).frames_);
  const renders = (page: Page) =>
    page.evaluate(() => ({ ...(globalThis as unknown as { renders: Record<string, number> }).renders }));
  const text = (page: Page, id: string) => page.textContent(`#${id}`);

  it('server-rendered with bootstrap values: the first frame already shows the right variations, hydration keeps them', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(`${siteUrl}/ssr${query()}`);
    // The HTML itself, before any script: the variations for Ada.
    const html = (await response?.text()) ?? '';
    expect(html).toContain('<p id="banner">Hello</p>');
    expect(html).toContain('<p id="checkout">the new checkout</p>');
    await page.waitForFunction(() => (globalThis as { mounted?: boolean }).mounted === true);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const seen = await frames(page);
    expect(seen.length).toBeGreaterThan(0);
    // Every frame, from the first parsed one, shows them: no flash of defaults, before or after hydration.
    for (const frame of seen) expect(frame).toEqual(['Hello', 'the new checkout']);
    expect(await page.evaluate(() => (window as unknown as { hydrationErrors: string[] }).hydrationErrors)).toEqual([]);
    expect(errors.filter((error) => /hydrat|did not match/i.test(error))).toEqual([]);
    // Hydration rendered each component once (no second, client-only pass with other values).
    expect(await renders(page)).toEqual({ app: 1, banner: 1, checkout: 1 });

    // Without bootstrap nor cache (a fresh profile), the same page first shows the defaults: what the check above catches.
    const bare = await (await newContext()).newPage();
    await bare.goto(`${siteUrl}/${query()}`);
    await bare.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    expect((await frames(bare))[0]).toEqual(['default', 'the old checkout']);
    expect(await text(bare, 'banner')).toBe('Hello');
    await bare.context().close();
    await context.close();
  }, 60_000);

  let shared: BrowserContext;
  let page: Page;

  it('a change through the management API shows without a reload, re-rendering only the component that reads it', async () => {
    shared = await newContext();
    page = await shared.newPage();
    await page.goto(`${siteUrl}/${query()}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    expect([await text(page, 'banner'), await text(page, 'checkout')]).toEqual(['Hello', 'the new checkout']);
    await eventually(async () => (await openStreams(server.url)) > 0, 10_000, 'the page’s event stream to open');
    // The time each #banner or #checkout text changed, by the page's clock (the test's: same machine).
    await page.evaluate(() => {
      const w = window as unknown as { changed: number[] };
      w.changed = [];
      const observer = new MutationObserver(() => w.changed.push(Date.now()));
      for (const id of ['banner', 'checkout'])
        observer.observe(document.getElementById(id) as HTMLElement, {
          subtree: true,
          childList: true,
          characterData: true,
        });
    });
    const changes = () => page.evaluate(() => (window as unknown as { changed: number[] }).changed.length);

    const before = await renders(page);
    await patchFlag(server, 'banner-text', { fallthrough: { variation: 'bye' } });
    await page.waitForFunction(() => document.getElementById('banner')?.textContent === 'Bye');
    const afterBanner = await renders(page);
    expect(afterBanner).toEqual({ ...before, banner: (before.banner ?? 0) + 1 });

    await patchFlag(server, 'new-checkout', { on: false });
    await page.waitForFunction(() => document.getElementById('checkout')?.textContent === 'the old checkout');
    expect(await renders(page)).toEqual({ ...afterBanner, checkout: (afterBanner.checkout ?? 0) + 1 });

    // Latency: from just before the PATCH to the DOM's change.
    const latencies: number[] = [];
    for (const variation of ['hello', 'bye', 'hello', 'bye']) {
      const count = await changes();
      const started = Date.now();
      await patchFlag(server, 'banner-text', { fallthrough: { variation } });
      await page.waitForFunction((n) => (window as unknown as { changed: number[] }).changed.length > n, count, {
        timeout: 10_000,
      });
      const at = await page.evaluate((n) => (window as unknown as { changed: number[] }).changed[n] as number, count);
      latencies.push(at - started);
    }
    expect(await text(page, 'banner')).toBe('Bye');
    console.log(`@vexil/react in Chromium: PATCH → page's DOM changed: ${latencies.join(', ')} ms`);
  }, 60_000);

  it('sends track() events queued when the page goes away (pagehide)', async () => {
    await page.click('#buy');
    await page.goto('about:blank');
    await eventually(
      async () => (await storedEvents(server)).some((event) => event.eventKey === 'purchase'),
      10_000,
      'the purchase to be stored',
    );
    expect((await storedEvents(server)).find((event) => event.eventKey === 'purchase')).toMatchObject({
      type: 'custom',
      value: 9.5,
      contextKind: 'user',
      contextKey: 'ada',
    });
  }, 60_000);

  it('shows the cached values at first paint on a reload with the server stopped', async () => {
    await vexil.stop();
    try {
      await page.goto(`${siteUrl}/${query()}`);
      await page.waitForFunction(() => (globalThis as { mounted?: boolean }).mounted === true);
      // The values of the last visit (after the changes above), not the defaults, from the first frame on.
      const seen = await frames(page);
      expect(seen[0]).toEqual(['Bye', 'the old checkout']);
      for (const frame of seen) expect(frame).toEqual(['Bye', 'the old checkout']);
      expect(await text(page, 'status')).toBe('loading');
    } finally {
      await vexil.start();
    }
    await shared.close();
  }, 60_000);

  it('the same page through the stock OFREP web provider: the values, then a live change', async () => {
    const context = await newContext();
    const ofrep = await context.newPage();
    await ofrep.goto(`${siteUrl}/${query('ofrep')}`);
    await ofrep.waitForFunction(() => document.getElementById('banner')?.textContent === 'Bye');
    expect(await text(ofrep, 'checkout')).toBe('the old checkout');
    await eventually(async () => (await openStreams(server.url)) > 0, 10_000, 'the provider’s event stream to open');
    const started = Date.now();
    await patchFlag(server, 'new-checkout', { on: true });
    await ofrep.waitForFunction(() => document.getElementById('checkout')?.textContent === 'the new checkout', null, {
      timeout: 10_000,
    });
    console.log(`OFREP web provider in Chromium: PATCH → page's DOM changed: ~${Date.now() - started} ms`);
    await context.close();
  }, 60_000);

  it('never received rules, segments, other flags or other users', () => {
    expect(answers.some(({ url }) => url.includes('/ofrep/v1/evaluate/flags'))).toBe(true);
    expect(answers.some(({ url }) => url.includes('/ssr'))).toBe(true);
    for (const { url, body } of answers) for (const secret of SECRETS) expect(body, url).not.toContain(secret);
  });
});
