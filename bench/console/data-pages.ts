/**
 * The console suite's users and audit log cases: the pages at the scale the console promises
 * (CONSOLE.md: 100,000 users, 100,000 audit entries), in Chromium against the real server.
 *
 *   npm run bench -- --suite console --console-cases users,audit [--console-users 100000] [--console-audit 100000]
 *
 * The rows go straight into the server's SQLite file (one transaction each, a second or two) while it
 * runs: SDK events or API writes would take minutes to make them and measure nothing of the pages.
 * Each run opens a fresh browser context (empty cache, new session) and measures in the page's own
 * clock:
 * - users: navigation → the list's first rows; a search keystroke → the list showing its answer
 *   (the first match and the count of matches, searched on the server among every user);
 * - audit log: navigation → the first page of entries; the same with an actor filter in the link
 *   (an actor with few entries, the oldest: the server reads the log back to them).
 * and the API's own answer times for the same requests (from Node, over loopback), for comparison.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { call, type ServerProcess } from '../server/server.js';
import { int, median, ms } from '../server/stats.js';

const SQLite = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');

const VIEWPORT = { width: 1280, height: 800 };
const STEP_TIMEOUT_MS = 20_000;

export const DATA_TARGETS = { userSearchMs: 200, auditFirstPageMs: 300 };

/** Users are spread over this many companies: a company's domain matches USERS / COMPANIES of them. */
const COMPANIES = 500;
/** The actor with the fewest entries, all among the oldest. */
const RARE_ACTOR = 'Rare bot';
const RARE_ENTRIES = 5;

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

// ── Seeding ──────────────────────────────────────────────────────────────────────────────────

const userKey = (n: number) => `user-${String(n).padStart(6, '0')}`;
const companyOf = (n: number) => `company-${n % COMPANIES}`;

/** `count` users in development, user n seen at base + n seconds (the newest last). */
export function seedUsers(dataDir: string, count: number): number {
  const started = performance.now();
  const db = new SQLite(join(dataDir, 'vexil.db'));
  try {
    db.pragma('busy_timeout = 10000');
    const { id } = db
      .prepare(
        `select e.id from environments e join projects p on p.id = e.project_id where p.key = 'default' and e.key = 'development'`,
      )
      .get() as { id: string };
    const insert = db.prepare(
      'insert into contexts (environment_id, kind, key, attributes, first_seen, last_seen) values (?, ?, ?, ?, ?, ?)',
    );
    const base = Date.now() - (count + 60) * 1000;
    db.transaction(() => {
      for (let n = 0; n < count; n++) {
        const seen = new Date(base + n * 1000).toISOString();
        const attributes = JSON.stringify({
          email: `${userKey(n)}@${companyOf(n)}.example`,
          plan: ['free', 'pro', 'team'][n % 3],
          country: ['FR', 'DE', 'NL', 'US', 'JP'][n % 5],
        });
        insert.run(id, 'user', userKey(n), attributes, seen, seen);
      }
    })();
  } finally {
    db.close();
  }
  return (performance.now() - started) / 1000;
}

/** `count` audit entries: flag state changes by 20 members, and RARE_ENTRIES by RARE_ACTOR among the oldest. */
export function seedAudit(dataDir: string, count: number): number {
  const started = performance.now();
  const db = new SQLite(join(dataDir, 'vexil.db'));
  try {
    db.pragma('busy_timeout = 10000');
    const { id } = db.prepare('select id from organizations limit 1').get() as { id: string };
    const insert = db.prepare(
      `insert into audit_log (organization_id, project_key, environment_key, actor_type, actor_id, actor_name,
         action, resource_type, resource_key, before, after, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const base = Date.now() - (count + 60) * 1000;
    db.transaction(() => {
      for (let n = 0; n < count; n++) {
        const rare = n < RARE_ENTRIES * 1000 && n % 1000 === 0;
        const member = n % 20;
        const state = (on: boolean) =>
          JSON.stringify({ on, offVariation: 'off', fallthrough: { variation: on ? 'on' : 'off' }, version: n });
        insert.run(
          id,
          'default',
          ['development', 'staging', 'production'][n % 3],
          'member',
          rare ? 'rare-bot' : `member-${member}`,
          rare ? RARE_ACTOR : `Member ${member}`,
          'flag.state.updated',
          'flag',
          `flag-${n % 5000}`,
          state(n % 2 === 0),
          state(n % 2 === 1),
          new Date(base + n * 1000).toISOString(),
        );
      }
    })();
  } finally {
    db.close();
  }
  return (performance.now() - started) / 1000;
}

// ── In the page ──────────────────────────────────────────────────────────────────────────────

declare global {
  interface Window {
    __vexilFirst?: number;
    __vexilUntil?: Promise<number>;
  }
}

/** Installed before the page's scripts: notes when `selector` is first in the page (ms since navigation start). */
function watchFirst(selector: string): void {
  const check = () => {
    if (window.__vexilFirst === undefined && document.querySelector(selector)) window.__vexilFirst = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
}

/** From the next keydown until the first row's text starts with `first` and the count reads `count`. */
function armSearch({ first, count, timeoutMs }: { first: string; count: string; timeoutMs: number }): void {
  window.__vexilUntil = new Promise<number>((resolvePromise, reject) => {
    let start: number | undefined;
    const done = () =>
      (document.querySelector('[data-testid="user-row"] a')?.textContent ?? '') === first &&
      (document.querySelector('[data-testid="user-count"]')?.textContent ?? '') === count;
    const observer = new MutationObserver(() => {
      if (start === undefined || !done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolvePromise(performance.now() - start);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the search for ${first} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    window.addEventListener('keydown', (event) => (start = event.timeStamp), { capture: true, once: true });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** From the next click until `selector` is in the page at `path`. */
function armAppear({ selector, path, timeoutMs }: { selector: string; path: string; timeoutMs: number }): void {
  window.__vexilUntil = new Promise<number>((resolvePromise, reject) => {
    let start: number | undefined;
    const done = () => window.location.pathname === path && document.querySelector(selector) !== null;
    const observer = new MutationObserver(() => {
      if (start === undefined || !done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolvePromise(performance.now() - start);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${selector} did not appear at ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    window.addEventListener('click', (event) => (start = event.timeStamp), { capture: true, once: true });
    observer.observe(document, { subtree: true, childList: true });
  });
}

/** Milliseconds from a click on the rail's `link` (on `from`) until `selector` is in the page at `path`. */
async function railClick(page: Page, from: string, link: string, path: string, selector: string): Promise<number> {
  await page.goto(from);
  const rail = page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: link, exact: true });
  await rail.waitFor();
  await page.evaluate(armAppear, { selector, path, timeoutMs: 10_000 });
  await rail.click();
  return page.evaluate(() => window.__vexilUntil as Promise<number>);
}

// ── Runs ─────────────────────────────────────────────────────────────────────────────────────

interface Owner {
  email: string;
  password: string;
}

async function signedInPage(browser: Browser, server: ServerProcess, owner: Owner): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const login = await context.request.post('/api/v1/auth/login', { data: owner });
  if (!login.ok()) throw new Error(`sign-in → ${login.status()}: ${await login.text()}`);
  const page = await context.newPage();
  // tsx compiles with esbuild's keepNames (`__name(…)`): functions handed to the page need the helper.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  return page;
}

/** Main-thread CPU of the page (Chromium's `ThreadTime`), in ms: its work, whatever else the machine runs. */
async function cpuClock(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? 0) * 1000;
  };
}

/** Milliseconds from navigation start until `selector` is in the page, and the main thread's CPU meanwhile. */
async function navigationUntil(page: Page, path: string, selector: string): Promise<{ ms: number; cpu: number }> {
  await page.addInitScript(watchFirst, selector);
  const cpu = await cpuClock(page);
  const before = await cpu();
  await page.goto(path, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__vexilFirst !== undefined, undefined, { polling: 50 });
  const after = await cpu();
  return { ms: await page.evaluate(() => window.__vexilFirst as number), cpu: after - before };
}

export interface UsersRun {
  /** From the rail's link on the flag list, the page's code and data loaded on the way. */
  railMs: number;
  listMs: number;
  listCpu: number;
  searchMs: number;
  searchCpu: number;
}

async function usersRun(
  browser: Browser,
  server: ServerProcess,
  owner: Owner,
  users: number,
  index: number,
): Promise<UsersRun> {
  const page = await signedInPage(browser, server, owner);
  try {
    const list = await navigationUntil(page, '/projects/default/users?env=development', '[data-testid="user-row"]');
    const count = await page.getByTestId('user-count').textContent();
    if (count !== `${int(users)} users`) throw new Error(`the users page says "${count}", not ${int(users)} users`);
    // Typed up to the last character ("company-34": 11 companies), a pause, then the keystroke
    // measured ("5": one company, every 500th user).
    const company = 100 + ((index * 37) % (COMPANIES - 100));
    const text = companyOf(company);
    const search = page.getByRole('searchbox', { name: 'Search users' });
    await search.click();
    await search.pressSequentially(text.slice(0, -1));
    await page.waitForURL((url) => url.searchParams.get('q') === text.slice(0, -1));
    await page.getByTestId('user-count').filter({ hasText: 'match' }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const matches = Math.floor((users - 1 - company) / COMPANIES) + 1;
    const newest = company + (matches - 1) * COMPANIES;
    await page.evaluate(armSearch, {
      first: userKey(newest),
      count: `${int(matches)} ${matches === 1 ? 'user' : 'users'} match`,
      timeoutMs: 10_000,
    });
    const cpu = await cpuClock(page);
    const before = await cpu();
    await page.keyboard.press(text.slice(-1));
    const searchMs = await page.evaluate(() => window.__vexilUntil as Promise<number>);
    const searchCpu = (await cpu()) - before;
    const railMs = await railClick(
      page,
      '/projects/default/flags?env=development',
      'Users',
      '/projects/default/users',
      '[data-testid="user-row"]',
    );
    return { railMs, listMs: list.ms, listCpu: list.cpu, searchMs, searchCpu };
  } finally {
    await page.context().close();
  }
}

export interface AuditRun {
  /** From the rail's link on the flag list, the page's code and data loaded on the way. */
  railMs: number;
  firstPageMs: number;
  firstPageCpu: number;
  actorMs: number;
}

async function auditRun(browser: Browser, server: ServerProcess, owner: Owner): Promise<AuditRun> {
  let page = await signedInPage(browser, server, owner);
  try {
    const firstPage = await navigationUntil(page, '/audit', 'article[data-entry]');
    await page.context().close();
    page = await signedInPage(browser, server, owner);
    const actor = await navigationUntil(page, `/audit?actor=${encodeURIComponent(RARE_ACTOR)}`, 'article[data-entry]');
    const shown = await page.locator('article[data-entry]').count();
    if (shown !== RARE_ENTRIES)
      throw new Error(`the audit log shows ${shown} entries by ${RARE_ACTOR}, not ${RARE_ENTRIES}`);
    const railMs = await railClick(
      page,
      '/projects/default/flags?env=development',
      'Audit log',
      '/audit',
      'article[data-entry]',
    );
    return { railMs, firstPageMs: firstPage.ms, firstPageCpu: firstPage.cpu, actorMs: actor.ms };
  } finally {
    await page.context().close();
  }
}

/** The API's answer time for a GET, median of `runs` (after one warm-up). */
async function apiMs(server: ServerProcess, path: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index <= runs; index++) {
    const started = performance.now();
    const answer = await call(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${server.secrets?.apiToken}` },
    });
    if (answer.status !== 200) throw new Error(`GET ${path} → ${answer.status}`);
    if (index > 0) times.push(performance.now() - started);
  }
  return median(times);
}

export interface DataPagesOptions {
  cases: ReadonlySet<string>;
  users: number;
  auditEntries: number;
  runs: number;
}

/** Seeds, runs the users and audit cases asked for, and returns their report (markdown). */
export async function runDataPages(
  browser: Browser,
  server: ServerProcess,
  owner: Owner,
  options: DataPagesOptions,
): Promise<string> {
  const lines: string[] = [];
  const row = (what: string, values: number[], target: number | undefined) => {
    const m = median(values);
    const verdict = target === undefined ? '' : m < target ? 'met' : 'missed';
    return `| ${what} | ${ms(m)} ms | ${values.map((v) => `${ms(v)}`).join(', ')} | ${target === undefined ? '—' : `< ${target} ms`} | ${verdict} |`;
  };
  if (options.cases.has('users')) {
    const seconds = seedUsers(server.dataDir, options.users);
    progress(`  ${int(options.users)} users seeded in ${seconds.toFixed(1)} s`);
    progress('  users: warm-up run');
    await usersRun(browser, server, owner, options.users, options.runs);
    const runs: UsersRun[] = [];
    for (let index = 0; index < options.runs; index++) {
      const result = await usersRun(browser, server, owner, options.users, index);
      runs.push(result);
      progress(
        `  users run ${index + 1}/${options.runs}: list ${ms(result.listMs)} ms, search ${ms(result.searchMs)} ms, rail ${ms(result.railMs)} ms`,
      );
    }
    const listApi = await apiMs(server, '/api/v1/projects/default/environments/development/users?limit=100', 5);
    const searchApi = await apiMs(
      server,
      `/api/v1/projects/default/environments/development/users?limit=100&q=${companyOf(123)}`,
      5,
    );
    lines.push(`### Users page, ${int(options.users)} known users`, '');
    lines.push('| Measure | Median | Runs (ms) | Target | |', '| --- | ---: | --- | ---: | --- |');
    lines.push(
      row(
        'Rail click (from the flag list) → the list’s first rows',
        runs.map((r) => r.railMs),
        undefined,
      ),
    );
    lines.push(
      row(
        'Navigation (cold: new context, the console loaded) → the list’s first rows',
        runs.map((r) => r.listMs),
        undefined,
      ),
    );
    lines.push(
      row(
        '… its main-thread CPU',
        runs.map((r) => r.listCpu),
        undefined,
      ),
    );
    lines.push(
      row(
        'Search keystroke → the matches and their count',
        runs.map((r) => r.searchMs),
        DATA_TARGETS.userSearchMs,
      ),
    );
    lines.push(
      row(
        '… its main-thread CPU',
        runs.map((r) => r.searchCpu),
        undefined,
      ),
    );
    lines.push('');
    lines.push(
      `The API alone (median of 5, from Node): the first page ${ms(listApi)} ms, a search ${ms(searchApi)} ms (each with the count of matches).`,
      '',
    );
  }
  if (options.cases.has('audit')) {
    const seconds = seedAudit(server.dataDir, options.auditEntries);
    progress(`  ${int(options.auditEntries)} audit entries seeded in ${seconds.toFixed(1)} s`);
    progress('  audit: warm-up run');
    await auditRun(browser, server, owner);
    const runs: AuditRun[] = [];
    for (let index = 0; index < options.runs; index++) {
      const result = await auditRun(browser, server, owner);
      runs.push(result);
      progress(
        `  audit run ${index + 1}/${options.runs}: first page ${ms(result.firstPageMs)} ms, rare actor ${ms(result.actorMs)} ms, rail ${ms(result.railMs)} ms`,
      );
    }
    const firstApi = await apiMs(server, '/api/v1/audit?limit=50', 5);
    const actorApi = await apiMs(server, `/api/v1/audit?limit=50&actor=${encodeURIComponent(RARE_ACTOR)}`, 5);
    lines.push(`### Audit log, ${int(options.auditEntries)} entries`, '');
    lines.push('| Measure | Median | Runs (ms) | Target | |', '| --- | ---: | --- | ---: | --- |');
    lines.push(
      row(
        'Rail click (from the flag list) → the first page of entries',
        runs.map((r) => r.railMs),
        DATA_TARGETS.auditFirstPageMs,
      ),
    );
    lines.push(
      row(
        'Navigation (cold: new context, the console loaded) → the first page of entries',
        runs.map((r) => r.firstPageMs),
        undefined,
      ),
    );
    lines.push(
      row(
        '… its main-thread CPU',
        runs.map((r) => r.firstPageCpu),
        undefined,
      ),
    );
    lines.push(
      row(
        `Navigation with an actor filter (${RARE_ENTRIES} entries, the oldest) → them`,
        runs.map((r) => r.actorMs),
        undefined,
      ),
    );
    lines.push('');
    lines.push(
      `The API alone (median of 5, from Node): the first page ${ms(firstApi)} ms, the rare actor's ${ms(actorApi)} ms.`,
      '',
    );
  }
  return lines.join('\n');
}
