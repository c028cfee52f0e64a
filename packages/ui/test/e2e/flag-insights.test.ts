import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleUnderTest,
  expectNoSeriousA11yViolations,
  location,
  screenshot,
  signIn,
  startConsole,
} from './support/index.js';

/**
 * A flag's Insights tab: an SDK with a production server key reports how often it served each
 * variation (POST /sdk/v1/events, as @vexil/node does every few seconds); the tab charts them per
 * hour with the totals per variation, the range (24 hours, 7 days, 30 days) is in the URL, and an
 * environment with no evaluations says how to get some. The chart is drawn under the console's CSP.
 */

const FLAG = 'checkout-layout';
const HOUR = 3_600_000;

describe('the insights tab', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  const cspErrors: string[] = [];

  beforeAll(async () => {
    console = await startConsole();
    const { api } = console.server;
    const created = await api('POST', '/api/v1/projects/default/flags', {
      key: FLAG,
      name: 'Checkout layout',
      type: 'string',
      variations: [
        { key: 'classic', value: 'classic', name: 'Classic' },
        { key: 'compact', value: 'compact' },
        { key: 'wide', value: 'wide' },
      ],
      environments: { production: { on: true, fallthrough: { variation: 'classic' } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const key = await api('POST', '/api/v1/projects/default/environments/production/sdk-keys', {
      name: 'checkout service',
      kind: 'server',
    });
    expect(key.status).toBe(201);
    // What an SDK sends after evaluating: this hour, three hours ago, and two days ago.
    const now = Date.now();
    const summary = (startDate: number, counters: { variation?: string; count: number }[]) => ({
      kind: 'summary',
      startDate,
      endDate: startDate + 5_000,
      counters: counters.map((counter) => ({ flag: FLAG, ...counter })),
    });
    const reported = await fetch(`${console.url}/sdk/v1/events`, {
      method: 'POST',
      headers: { authorization: key.body.key, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          summary(now, [
            { variation: 'classic', count: 120 },
            { variation: 'compact', count: 45 },
          ]),
          summary(now - 3 * HOUR, [{ variation: 'compact', count: 30 }, { count: 5 }]),
          summary(now - 48 * HOUR, [{ variation: 'wide', count: 200 }]),
        ],
      }),
    });
    expect(reported.status).toBe(202);
    page = await console.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
  });
  afterAll(() => console?.close());

  const rowOf = (variation: string) => page.locator(`tr[data-variation="${variation}"]`);
  const pickRange = (label: string) => page.locator('label', { hasText: label }).click();
  /** The chart once it shows the range asked for (the last one stays on screen while the next loads). */
  const chartOf = (target: Page, buckets: number) =>
    target.locator(`[data-testid="insights-chart"][data-buckets="${buckets}"]`).waitFor();

  it('charts the last 24 hours per hour with each variation’s total', async () => {
    await signIn(page, console.owner.email, console.owner.password);
    await page.goto(`/projects/default/flags/${FLAG}?env=production`);
    await page.getByRole('tab', { name: 'Insights' }).click();
    expect(location(page)).toBe(`/projects/default/flags/${FLAG}?env=production&tab=insights`);
    await page.getByRole('heading', { name: 'Evaluations in Production' }).waitFor();
    await pickRange('Last 24 hours');
    await page.waitForURL((url) => url.searchParams.get('range') === '24h');

    await chartOf(page, 24);
    // Two hours with evaluations, each bar cut into the variations served then; the other 22 are gaps at zero.
    await page.locator('.insights-segment').first().waitFor();
    await expect(page.locator('.insights-segment').count()).resolves.toBe(4);
    await expect(page.getByTestId('insights-summary').textContent()).resolves.toBe(
      '200 evaluations in the last 24 hours · 22 of 24 hours without any (shown as zero)',
    );
    await expect(rowOf('classic').textContent()).resolves.toMatch(/Classic \(classic\).*120.*60 %/);
    await expect(rowOf('compact').textContent()).resolves.toMatch(/compact.*75.*37\.5 %/);
    await expect(rowOf('wide').textContent()).resolves.toMatch(/wide.*0.*0 %/);
    await expect(rowOf('').textContent()).resolves.toMatch(/Caller’s default.*5.*2\.5 %/);
    await page.mouse.move(0, 0);
    await screenshot(page, 'flag-insights-24h');
    await expectNoSeriousA11yViolations(page);
    await rowOf('').scrollIntoViewIfNeeded();
    await screenshot(page, 'flag-insights-totals');
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('keeps the range in the URL: 7 days by keyboard, 30 days in days, and a shared link opens the same', async () => {
    // The range is a radio group: arrows move along it, as anywhere else.
    await page.getByRole('radio', { name: 'Last 24 hours' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => !url.searchParams.has('range'));
    await chartOf(page, 168);
    await expect(page.getByTestId('insights-summary').textContent()).resolves.toMatch(
      /^400 evaluations in the last 7 days/,
    );
    await expect(rowOf('wide').textContent()).resolves.toMatch(/wide.*200.*50 %/);

    await pickRange('Last 30 days');
    await page.waitForURL((url) => url.searchParams.get('range') === '30d');
    await chartOf(page, 30);
    await page.getByText('Per variation, per day (UTC), as SDKs report them.').waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, 'flag-insights-30d');

    const shared = await console.newPage();
    await signIn(shared, console.owner.email, console.owner.password);
    await shared.goto(`/projects/default/flags/${FLAG}?env=production&tab=insights&range=30d`);
    await chartOf(shared, 30);
    await expect(shared.getByRole('radio', { name: 'Last 30 days' }).isChecked()).resolves.toBe(true);
    await shared.context().close();
  });

  it('teaches where evaluations come from in an environment that has none', async () => {
    await page
      .getByRole('navigation', { name: 'Evaluations in other environments' })
      .getByRole('link', { name: 'Development' })
      .click();
    await page.waitForURL((url) => url.searchParams.get('env') === 'development');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('insights');
    expect(new URL(page.url()).searchParams.get('range')).toBe('30d');
    await page.getByText('No evaluations in Development yet').waitFor();
    const link = page
      .getByRole('region', { name: 'Evaluations in Development' })
      .getByRole('link', { name: 'SDK keys' });
    await expect(link.getAttribute('href')).resolves.toBe('/projects/default/sdk-keys?env=development');
    await expect(page.getByTestId('insights-chart').count()).resolves.toBe(0);
    await page.mouse.move(0, 0);
    await screenshot(page, 'flag-insights-empty');
    await expectNoSeriousA11yViolations(page);
    expect(cspErrors).toEqual([]);
  });

  it('tells in the flag list when SDKs last evaluated it, overall and per environment', async () => {
    await page.goto(`/projects/default/flags?env=production&q=${FLAG}`);
    const status = page.locator(`tr[data-flag="${FLAG}"] [title^="Evaluated by an SDK"]`);
    await expect(status.textContent()).resolves.toBe('Active');
    const title = (await status.getAttribute('title')) ?? '';
    expect(title.split('\n')).toEqual([
      'Evaluated by an SDK in the last 7 days.',
      expect.stringMatching(/^Last evaluated \d+ \w+ \d{4}, \d\d:00:00/),
      '· development: never',
      '· staging: never',
      expect.stringMatching(/^· production: \d+ \w+ \d{4}, \d\d:00:00/),
    ]);
  });
});
