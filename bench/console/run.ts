/**
 * Console benchmark: the web console as a person meets it, in Chromium, against the real server
 * (`node packages/server/dist/main.js`, a fresh SQLite data directory) holding 10,000 flags in 3
 * environments.
 *
 *   npm run bench -- --suite console [--quick] [--console-flags 10000] [--console-runs 7]
 *
 * Each run opens a fresh browser context (empty cache, new session) and measures, in the page's own
 * clock (`performance.now()` and event timestamps, so the driver's round trips are not counted):
 * 1. navigation → an interactive flag list: from the navigation's start until rows are in the page
 *    and the search box is there to type in;
 * 2. a search keystroke → the updated list: from the key's event until the list shows the new
 *    matches (first row and count);
 * 3. a toggle round trip: from the click on a development switch until the server confirmed it and
 *    the switch shows it (checked, no longer pending), checked through the API too;
 * 4. opening a flag page: from the click on a flag in the list until its page's header (an `h1`
 *    naming the flag) is in the page;
 * and the initial JavaScript: the gzip size of every script the first navigation loaded.
 * `--console-cases flags,users,audit` picks cases (default all): the steps above are `flags`; the users
 * page with 100,000 users and the audit log with 100,000 entries are in data-pages.ts.
 * Markdown report on stdout (medians against the targets), progress on stderr. Exits
 * non-zero when a step fails or the server's state is not what the page showed; timings never fail it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../packages/ui/test/e2e/support/browser.js';
import { call, newDataDir, removeDataDirs, ROOT, type ServerProcess, startServer } from '../server/server.js';
import { calibrate, int, kib, median, ms } from '../server/stats.js';
import { runDataPages } from './data-pages.js';
import { AREAS, FEATURES, flagKeys, matching, ufcDocument } from './fixture.js';
import { insightsReport, runInsightsBench } from './insights.js';
import { type ArmArgs, arm, watchListInteractive } from './in-page.js';
import { type Options, parseOptions } from './options.js';

const VIEWPORT = { width: 1280, height: 800 };
const LIST_PATH = '/projects/default/flags?env=development';
/** No step of a run may take longer than this: a step that never finishes is a failure, not a slow number. */
const STEP_TIMEOUT_MS = 20_000;

const TARGETS = {
  listInteractiveMs: 1000,
  searchMs: 100,
  flagPageMs: 300,
  initialJsBytes: 350 * 1024,
};

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

interface Run {
  listInteractiveMs: number;
  searchMs: number;
  toggleMs: number;
  flagPageMs: number;
  /**
   * CPU time of the page's main thread for each step (Chromium's `ThreadTime`): what the step costs
   * the browser whatever else the machine runs, where the times above include waiting for a core.
   */
  cpu: { list: number; search: number; toggle: number; flagPage: number };
  /** Of the navigation's main-thread CPU: JavaScript, style recalculation, layout. */
  listCpuSplit: { script: number; style: number; layout: number };
  /** gzip bytes of the scripts the first navigation loaded. */
  initialJsBytes: number;
  scripts: number;
  /** Flag list requests made by the first navigation, and the rows they brought. */
  listRequests: number;
  rowsLoaded: number;
  /** The flag page was still the placeholder (no real page yet). */
  flagPagePlaceholder: boolean;
}

interface Setup {
  server: ServerProcess;
  owner: { email: string; password: string };
  keys: string[];
  importSeconds: number;
}

// ── Setup ────────────────────────────────────────────────────────────────────────────────────

/** The console as the server serves it, built when its sources changed (a no-op after `npm test`). */
function buildConsole(): void {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-changed.mjs'), 'console'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0) throw new Error('building the console failed (see above)');
  progress(`  console build checked in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function setUp(options: Options): Promise<Setup> {
  const server = await startServer({ dataDir: newDataDir() });
  const token = server.secrets?.apiToken;
  if (!token) throw new Error(`no owner API token after the first start:\n${server.output()}`);
  const seeded = JSON.parse(readFileSync(join(server.dataDir, 'first-start-secrets.json'), 'utf8')) as {
    ownerEmail: string;
    ownerPassword: string;
  };
  const keys = options.cases.has('flags') ? flagKeys(options.flags) : [];
  if (keys.length === 0)
    return { server, owner: { email: seeded.ownerEmail, password: seeded.ownerPassword }, keys, importSeconds: 0 };
  const started = performance.now();
  const answer = await call(`${server.url}/api/v1/projects/default/environments/development/import/eppo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(ufcDocument(keys)),
    timeoutMs: 180_000,
  });
  if (answer.status !== 200) throw new Error(`import → ${answer.status}: ${answer.body.toString().slice(0, 500)}`);
  const importSeconds = (performance.now() - started) / 1000;
  const created = (JSON.parse(answer.body.toString()) as { created: string[] }).created.length;
  if (created !== keys.length) throw new Error(`the import created ${created} flags, not ${keys.length}`);
  progress(`  ${int(created)} flags × 3 environments imported in ${importSeconds.toFixed(1)} s`);
  return { server, owner: { email: seeded.ownerEmail, password: seeded.ownerPassword }, keys, importSeconds };
}

type Metrics = Record<string, number>;

/** The page's performance counters, durations in CPU time of its main thread (seconds). */
async function metricsOf(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

/** Milliseconds of main-thread CPU between two readings. */
const cpuMs = (before: Metrics, after: Metrics, name = 'ThreadTime') =>
  ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;

async function measured(
  page: Page,
  cdp: CDPSession,
  args: ArmArgs,
  act: () => Promise<void>,
): Promise<{ ms: number; cpu: number }> {
  await page.evaluate(arm, args);
  const before = await metricsOf(cdp);
  await act();
  const ms = await page.evaluate(() => window.__vexilMeasure as Promise<number>);
  return { ms, cpu: cpuMs(before, await metricsOf(cdp)) };
}

// ── One run ──────────────────────────────────────────────────────────────────────────────────

const gzipSizes = new Map<string, number>();

/** The bytes a gzip-accepting browser is sent for a script (the server's precompressed copy). */
async function gzipBytes(url: string): Promise<number> {
  const known = gzipSizes.get(url);
  if (known !== undefined) return known;
  const answer = await call(url, { headers: { 'accept-encoding': 'gzip' } });
  if (answer.status !== 200) throw new Error(`GET ${url} → ${answer.status}`);
  const size = answer.headers['content-encoding'] === 'gzip' ? answer.body.length : gzipSync(answer.body).length;
  gzipSizes.set(url, size);
  return size;
}

async function signedInContext(browser: Browser, setup: Setup): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: setup.server.url, viewport: VIEWPORT });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const login = await context.request.post('/api/v1/auth/login', { data: setup.owner });
  if (!login.ok()) throw new Error(`sign-in → ${login.status()}: ${await login.text()}`);
  return context;
}

async function flagOn(setup: Setup, key: string): Promise<boolean> {
  const answer = await call(`${setup.server.url}/api/v1/projects/default/flags/${key}`, {
    headers: { authorization: `Bearer ${setup.server.secrets?.apiToken}` },
  });
  if (answer.status !== 200) throw new Error(`GET flag ${key} → ${answer.status}`);
  return (JSON.parse(answer.body.toString()) as { environments: Record<string, { on: boolean }> }).environments
    .development?.on as boolean;
}

/** Where a failed run leaves a screenshot of its page, to see what it was waiting for. */
const FAILURE_SCREENSHOT = join(tmpdir(), 'vexil-console-bench-failure.png');

async function run(browser: Browser, setup: Setup, index: number): Promise<Run> {
  const context = await signedInContext(browser, setup);
  const page = await context.newPage();
  try {
    // tsx compiles this suite with esbuild's keepNames, which wraps inner functions in `__name(…)`:
    // the functions handed to the page need that helper there too.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.addInitScript(watchListInteractive);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const blank = await metricsOf(cdp);
    let listRequests = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/projects/default/flags') listRequests++;
    });

    // 1. Navigation → interactive list.
    await page.goto(LIST_PATH, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__vexilBench?.listInteractive !== undefined, undefined, {
      polling: 50,
    });
    const listInteractiveMs = await page.evaluate(() => window.__vexilBench?.listInteractive as number);
    const interactive = await metricsOf(cdp);
    const listCpu = cpuMs(blank, interactive);
    const listCpuSplit = {
      script: cpuMs(blank, interactive, 'ScriptDuration'),
      style: cpuMs(blank, interactive, 'RecalcStyleDuration'),
      layout: cpuMs(blank, interactive, 'LayoutDuration'),
    };
    // The scripts asked for before the list was interactive (later ones, such as the dialogs fetched
    // once the list is on screen, are not part of the first load).
    const firstScripts = await page.evaluate(
      (until) =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('.js') && entry.startTime <= until)
          .map((entry) => entry.name),
      listInteractiveMs,
    );
    const firstListRequests = listRequests;
    const rowsLoaded = await page.evaluate(() => {
      const count = document.querySelector('[data-testid="flag-count"]')?.textContent ?? '';
      return { count, rendered: document.querySelectorAll('tr[data-flag]').length };
    });
    if (!rowsLoaded.count.startsWith(`${int(setup.keys.length)} flags`))
      throw new Error(`the list says "${rowsLoaded.count}", not ${int(setup.keys.length)} flags`);
    let initialJsBytes = 0;
    for (const url of firstScripts) initialJsBytes += await gzipBytes(url);

    // 2. A search keystroke → the updated list. A different part of the project each run.
    const area = AREAS[index % AREAS.length] as string;
    const feature = FEATURES[(index * 3) % FEATURES.length] as string;
    const prefix = `${area}-${feature}-`;
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.click();
    await search.pressSequentially(prefix);
    const before = matching(setup.keys, prefix);
    await page.waitForFunction(
      ([q, first, count]) =>
        new URLSearchParams(window.location.search).get('q') === q &&
        document.querySelector('tr[data-flag]')?.getAttribute('data-flag') === first &&
        (document.querySelector('[data-testid="flag-count"]')?.textContent ?? '').startsWith(`${count} `),
      [prefix, before[0], before.length] as const,
    );
    const query = `${prefix}3`;
    const after = matching(setup.keys, query);
    const searchStep = await measured(
      page,
      cdp,
      { trigger: 'keydown', kind: 'search', key: after[0] as string, expectedCount: after.length, timeoutMs: 10_000 },
      () => page.keyboard.press('3'),
    );

    // 3. A toggle round trip in development (not critical: applies at once).
    const toggled = after[0] as string;
    const wasOn = await flagOn(setup, toggled);
    const toggle = page
      .locator(`tr[data-flag="${toggled}"]`)
      .getByRole('switch', { name: `${toggled} in Development` });
    const toggleStep = await measured(
      page,
      cdp,
      { trigger: 'click', kind: 'toggle', key: toggled, want: !wasOn, timeoutMs: 10_000 },
      () => toggle.click({ force: true }),
    );
    if ((await flagOn(setup, toggled)) === wasOn)
      throw new Error(`the server did not turn ${toggled} ${wasOn ? 'off' : 'on'}`);

    // 4. Opening a flag page from the list.
    const opened = after[1] as string;
    const flagPage = await measured(
      page,
      cdp,
      { trigger: 'click', kind: 'flag-page', key: opened, timeoutMs: 10_000 },
      () => page.locator(`tr[data-flag="${opened}"] a`).first().click(),
    );
    const flagPagePlaceholder = await page.evaluate(() =>
      (document.body.textContent ?? '').includes('will be shown here'),
    );

    return {
      listInteractiveMs,
      searchMs: searchStep.ms,
      toggleMs: toggleStep.ms,
      flagPageMs: flagPage.ms,
      cpu: { list: listCpu, search: searchStep.cpu, toggle: toggleStep.cpu, flagPage: flagPage.cpu },
      listCpuSplit,
      initialJsBytes,
      scripts: firstScripts.length,
      listRequests: firstListRequests,
      rowsLoaded: rowsLoaded.rendered,
      flagPagePlaceholder,
    };
  } catch (error) {
    await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (page ${page.url()}; screenshot: ${FAILURE_SCREENSHOT})`,
    );
  } finally {
    await context.close();
  }
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────

function report(options: Options, setup: Setup, runs: Run[], load: number[], calibrationUs: number): string {
  const lines: string[] = [];
  const cpu0 = cpus();
  const mode = options.quick ? ' — quick pass (few runs: timings are indicative only)' : '';
  lines.push(`# Vexil console${mode}`);
  lines.push('');
  lines.push(
    `Node ${process.version} (${process.platform}/${process.arch}) · CPU: ${cpu0[0]?.model.trim() ?? 'unknown'} × ${cpu0.length} · ${new Date().toISOString()} · Chromium (headless, playwright-core)`,
  );
  lines.push('');
  const first = runs[0];
  lines.push(
    `The server runs as its own process on a fresh SQLite data directory with ${int(setup.keys.length)} flags × 3 environments (imported in ${setup.importSeconds.toFixed(1)} s), serving the built console over loopback; the browser window is ${VIEWPORT.width}×${VIEWPORT.height}. Each of ${runs.length} runs (after one warm-up run) uses a fresh browser context: empty cache, new session. Times are taken in the page's own clock.`,
  );
  lines.push('');
  const row = (what: string, values: number[], format: (n: number) => string, target: number | undefined) => {
    const m = median(values);
    const goal = target === undefined ? '—' : `< ${format(target)}`;
    const verdict = target === undefined ? '' : m < target ? 'met' : 'missed';
    return `| ${what} | ${format(m)} | ${values.map(format).join(', ')} | ${goal} | ${verdict} |`;
  };
  const msUnit = (n: number) => `${ms(n)} ms`;
  const kb = (n: number) => `${kib(n)} KB`;
  lines.push('| Measure | Median | Runs | Target | |');
  lines.push('| --- | ---: | --- | ---: | --- |');
  lines.push(
    row(
      'Navigation → interactive flag list (rows and search box)',
      runs.map((r) => r.listInteractiveMs),
      msUnit,
      TARGETS.listInteractiveMs,
    ),
  );
  lines.push(
    row(
      'Search keystroke → updated list',
      runs.map((r) => r.searchMs),
      msUnit,
      TARGETS.searchMs,
    ),
  );
  const placeholder = runs.some((r) => r.flagPagePlaceholder);
  lines.push(
    row(
      placeholder ? 'Open a flag page → its header (placeholder page)' : 'Open a flag page → its header',
      runs.map((r) => r.flagPageMs),
      msUnit,
      TARGETS.flagPageMs,
    ),
  );
  lines.push(
    row(
      'Toggle round trip (click → server → switch)',
      runs.map((r) => r.toggleMs),
      msUnit,
      undefined,
    ),
  );
  lines.push(
    row(
      'Initial JavaScript (gzip)',
      runs.map((r) => r.initialJsBytes),
      kb,
      TARGETS.initialJsBytes,
    ),
  );
  lines.push('');
  const cpu = (pick: (run: Run) => number) => `${ms(median(runs.map(pick)))} ms`;
  lines.push(
    'The same steps in CPU time of the page’s main thread (Chromium’s `ThreadTime`, median): the work the browser did, whatever else the machine was running. On a busy machine the times above also include waiting for a core; these do not (nor the server’s time).',
  );
  lines.push('');
  lines.push('| Step | Main-thread CPU |');
  lines.push('| --- | ---: |');
  lines.push(
    `| Navigation → interactive flag list | ${cpu((r) => r.cpu.list)} (JavaScript ${cpu((r) => r.listCpuSplit.script)}, style ${cpu((r) => r.listCpuSplit.style)}, layout ${cpu((r) => r.listCpuSplit.layout)}) |`,
  );
  lines.push(`| Search keystroke → updated list | ${cpu((r) => r.cpu.search)} |`);
  lines.push(`| Open a flag page → its header | ${cpu((r) => r.cpu.flagPage)} |`);
  lines.push(`| Toggle round trip | ${cpu((r) => r.cpu.toggle)} |`);
  lines.push('');
  if (first)
    lines.push(
      `The first navigation loaded ${first.scripts} scripts and made ${first.listRequests} flag list request${first.listRequests === 1 ? '' : 's'} (a page of 100 flags); ${first.rowsLoaded} rows were in the page (the list is virtualised). Initial JavaScript counts every script of the first navigation, the flag list's own chunk included.`,
    );
  if (placeholder)
    lines.push('The flag page was still a placeholder: its figure is the route’s first render, not the real page.');
  lines.push(
    `Machine: load average ${load.map((n) => n.toFixed(1)).join(' / ')} (1/5/15 min) when the suite started; calibration ${calibrationUs.toFixed(1)} µs (bench/README.md, "Is the machine quiet?").`,
  );
  return lines.join('\n');
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

export async function runConsoleBench(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const load = loadavg();
  const calibrationUs = calibrate(ufcDocument(flagKeys(30)));
  buildConsole();
  let setup: Setup | undefined;
  let browser: Browser | undefined;
  try {
    setup = await setUp(options);
    browser = await launchChromium();
    if (options.cases.has('flags')) {
      progress('  warm-up run');
      await run(browser, setup, options.runs);
      const runs: Run[] = [];
      for (let index = 0; index < options.runs; index++) {
        const result = await run(browser, setup, index);
        runs.push(result);
        progress(
          `  run ${index + 1}/${options.runs}: list ${ms(result.listInteractiveMs)} ms (CPU ${ms(result.cpu.list)}), search ${ms(result.searchMs)} ms (${ms(result.cpu.search)}), toggle ${ms(result.toggleMs)} ms (${ms(result.cpu.toggle)}), flag page ${ms(result.flagPageMs)} ms (${ms(result.cpu.flagPage)}), JS ${kib(result.initialJsBytes)} KB`,
        );
      }
      console.log(report(options, setup, runs, load, calibrationUs));
    }
    if (options.cases.has('users') || options.cases.has('audit')) {
      // The users and audit log pages at 100,000 rows each (data-pages.ts).
      const section = await runDataPages(browser, setup.server, setup.owner, {
        cases: options.cases,
        users: options.users,
        auditEntries: options.auditEntries,
        runs: options.runs,
      });
      console.log(
        `\n## Users and audit log pages\n\nEach run (after one warm-up) in a fresh browser context; times in the page's own clock. Machine: load average ${load.map((n) => n.toFixed(1)).join(' / ')} when the suite started.\n\n${section}`,
      );
    }
    if (options.cases.has('insights')) {
      // The flag page's Insights chart over 30 days × 20 variations (insights.ts).
      const token = setup.server.secrets?.apiToken as string;
      const runs = await runInsightsBench(browser, { server: setup.server, owner: setup.owner, token }, options.runs);
      console.log(`\n## Insights chart\n${insightsReport(runs)}`);
    }
    return 0;
  } catch (error) {
    progress(`  FAILED — ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await browser?.close();
    await setup?.server.stop();
    removeDataDirs();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runConsoleBench(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
