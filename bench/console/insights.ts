/**
 * Console benchmark, the Insights tab (issue 14): a flag with 20 variations evaluated every hour of
 * the last 30 days in production (14,400 hourly counts, seeded straight into the server's SQLite
 * database, as SDK reports would have left them) and its chart over 30 days — 30 daily buckets × 20
 * variations, 600 bar segments in 30 stacked bars — against the issue's target of 300 ms. Each run, in a fresh
 * browser context, times in the page's own clock:
 * 1. the range switch: from the click on "Last 30 days" (the tab open on 24 hours) until the 600
 *    bars are in the page and a frame has been drawn — the request, the server's sums and the render;
 * 2. opening the tab: from the click on "Insights" (`range=30d` in the URL) until the same, which
 *    also loads the tab's chunk (the chart library) the first time.
 *
 * Run alone (its own server, no flag import):
 *   node --import tsx bench/console/insights.ts [--console-runs 7]
 * and by the console suite (run.ts) after its own runs, on its server.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../packages/ui/test/e2e/support/browser.js';
import { call, newDataDir, removeDataDirs, type ServerProcess, startServer } from '../server/server.js';
import { median, ms } from '../server/stats.js';
import { parseOptions } from './options.js';

const VIEWPORT = { width: 1280, height: 800 };
const FLAG = 'insights-bench';
const VARIATIONS = 20;
const DAYS = 30;
const TARGET_MS = 300;
const STEP_TIMEOUT_MS = 20_000;
const FAILURE_SCREENSHOT = join(tmpdir(), 'vexil-insights-bench-failure.png');

export interface InsightsRun {
  rangeSwitchMs: number;
  openTabMs: number;
  /** CPU time of the page's main thread for each (Chromium's `ThreadTime`): what it costs whatever else runs. */
  rangeSwitchCpuMs: number;
  openTabCpuMs: number;
}

export interface InsightsSetup {
  server: ServerProcess;
  owner: { email: string; password: string };
  token: string;
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** The flag, and an hourly count per variation for every hour of the last 30 days in production. */
export async function seedInsights(setup: InsightsSetup): Promise<number> {
  const answer = await call(`${setup.server.url}/api/v1/projects/default/flags`, {
    method: 'POST',
    headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      key: FLAG,
      name: 'Insights benchmark',
      type: 'string',
      variations: Array.from({ length: VARIATIONS }, (_, index) => ({ key: `v${index + 1}`, value: `v${index + 1}` })),
    }),
  });
  if (answer.status !== 201) throw new Error(`creating ${FLAG} → ${answer.status}: ${answer.body.toString()}`);
  const db = new Database(join(setup.server.dataDir, 'vexil.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const environment = db
      .prepare(
        `select environments.id from environments join projects on projects.id = environments.project_id
         where projects.key = 'default' and environments.key = 'production'`,
      )
      .get() as { id: string } | undefined;
    if (!environment) throw new Error('no production environment in project default');
    const insert = db.prepare(
      'insert into evaluation_counts (environment_id, flag_key, variation_key, hour, count) values (?, ?, ?, ?, ?)',
    );
    const now = Date.now();
    let rows = 0;
    db.transaction(() => {
      for (let hour = 0; hour < DAYS * 24; hour++) {
        const at = new Date(now - hour * 3_600_000).toISOString().slice(0, 13);
        for (let variation = 1; variation <= VARIATIONS; variation++) {
          insert.run(environment.id, FLAG, `v${variation}`, at, 50 + ((hour * 7 + variation * 13) % 400));
          rows++;
        }
      }
    })();
    return rows;
  } finally {
    db.close();
  }
}

/** In the page: from the next click until the 30-day chart holds `bars` bars, plus the frame that draws them. */
function armChart(bars: number): void {
  const win = window as unknown as { __vexilInsights?: Promise<number> };
  win.__vexilInsights = new Promise<number>((resolvePromise, reject) => {
    let start: number | undefined;
    const drawn = () =>
      document.querySelector('[data-testid="insights-chart"][data-buckets="30"]') !== null &&
      document.querySelectorAll('[data-testid="insights-chart"] .insights-segment').length >= bars;
    const observer = new MutationObserver(() => {
      if (start === undefined || !drawn()) return;
      observer.disconnect();
      clearTimeout(timer);
      const begun = start;
      requestAnimationFrame(() => requestAnimationFrame(() => resolvePromise(performance.now() - begun)));
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the 30-day chart did not show ${bars} bars within 15 s`));
    }, 15_000);
    window.addEventListener('click', (event) => (start = event.timeStamp), { capture: true, once: true });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
}

async function threadTime(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? 0) * 1000;
}

async function measure(page: Page, cdp: CDPSession, act: () => Promise<void>): Promise<{ ms: number; cpu: number }> {
  await page.evaluate(armChart, DAYS * VARIATIONS);
  const before = await threadTime(cdp);
  await act();
  const elapsed = await page.evaluate(
    () => (window as unknown as { __vexilInsights: Promise<number> }).__vexilInsights,
  );
  return { ms: elapsed, cpu: (await threadTime(cdp)) - before };
}

async function run(browser: Browser, setup: InsightsSetup): Promise<InsightsRun> {
  const context = await browser.newContext({ baseURL: setup.server.url, viewport: VIEWPORT });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  let page: Page | undefined;
  try {
    const login = await context.request.post('/api/v1/auth/login', { data: setup.owner });
    if (!login.ok()) throw new Error(`sign-in → ${login.status()}: ${await login.text()}`);
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(…)`.
    await page.addInitScript('globalThis.__name = (fn) => fn;');

    // 1. The tab open on 24 hours, then 30 days.
    await page.goto(`/projects/default/flags/${FLAG}?env=production&tab=insights&range=24h`);
    await page.locator('[data-testid="insights-chart"][data-buckets="24"] .insights-segment').first().waitFor();
    const shown = page;
    const rangeSwitch = await measure(shown, cdp, () => shown.locator('label', { hasText: 'Last 30 days' }).click());

    // 2. The flag page on Targeting, then the Insights tab with the range of the URL.
    await page.goto(`/projects/default/flags/${FLAG}?env=production&range=30d`);
    await page.getByRole('tab', { name: 'Insights' }).waitFor();
    const openTab = await measure(shown, cdp, () => shown.getByRole('tab', { name: 'Insights' }).click());
    return {
      rangeSwitchMs: rangeSwitch.ms,
      openTabMs: openTab.ms,
      rangeSwitchCpuMs: rangeSwitch.cpu,
      openTabCpuMs: openTab.cpu,
    };
  } catch (error) {
    await page?.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (page ${page?.url()}; screenshot: ${FAILURE_SCREENSHOT})`,
    );
  } finally {
    await context.close();
  }
}

/** The warm-up run and `runs` measured ones, each in a fresh browser context. */
export async function runInsightsBench(browser: Browser, setup: InsightsSetup, runs: number): Promise<InsightsRun[]> {
  const rows = await seedInsights(setup);
  progress(`  insights: ${rows} hourly counts seeded (${DAYS} days × 24 hours × ${VARIATIONS} variations)`);
  await run(browser, setup);
  const results: InsightsRun[] = [];
  for (let index = 0; index < runs; index++) {
    const result = await run(browser, setup);
    results.push(result);
    progress(
      `  insights run ${index + 1}/${runs}: range switch ${ms(result.rangeSwitchMs)} ms (CPU ${ms(result.rangeSwitchCpuMs)}), open tab ${ms(result.openTabMs)} ms (CPU ${ms(result.openTabCpuMs)})`,
    );
  }
  return results;
}

export function insightsReport(runs: InsightsRun[]): string {
  const row = (what: string, values: number[], target?: number) => {
    const m = median(values);
    const verdict = target === undefined ? '' : m < target ? 'met' : 'missed';
    return `| ${what} | ${ms(m)} ms | ${values.map((value) => `${ms(value)} ms`).join(', ')} | ${target === undefined ? '—' : `< ${target} ms`} | ${verdict} |`;
  };
  return [
    '',
    `Insights chart, ${DAYS} days × ${VARIATIONS} variations (${DAYS * VARIATIONS} bar segments in ${DAYS} stacked bars, from ${DAYS * 24 * VARIATIONS} hourly counts):`,
    '',
    '| Measure | Median | Runs | Target | |',
    '| --- | ---: | --- | ---: | --- |',
    row(
      'Range switch to 30 days → chart drawn (request, sums, render)',
      runs.map((r) => r.rangeSwitchMs),
      TARGET_MS,
    ),
    row(
      'Open the Insights tab (30 days) → chart drawn, its chunk loaded',
      runs.map((r) => r.openTabMs),
    ),
    row(
      'Range switch, main-thread CPU',
      runs.map((r) => r.rangeSwitchCpuMs),
    ),
    row(
      'Open the tab, main-thread CPU',
      runs.map((r) => r.openTabCpuMs),
    ),
  ].join('\n');
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const server = await startServer({ dataDir: newDataDir() });
  let browser: Browser | undefined;
  try {
    const token = server.secrets?.apiToken;
    if (!token) throw new Error(`no owner API token after the first start:\n${server.output()}`);
    const owner = JSON.parse(readFileSync(join(server.dataDir, 'first-start-secrets.json'), 'utf8')) as {
      ownerEmail: string;
      ownerPassword: string;
    };
    browser = await launchChromium();
    const runs = await runInsightsBench(
      browser,
      { server, token, owner: { email: owner.ownerEmail, password: owner.ownerPassword } },
      options.runs,
    );
    console.log(insightsReport(runs));
    return 0;
  } catch (error) {
    progress(`  FAILED — ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await browser?.close();
    await server.stop();
    removeDataDirs();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
