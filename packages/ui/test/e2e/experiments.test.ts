import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_SPLIT, sdkCall } from '../../../server/test/support/sdk.js';
import { type ConsoleUnderTest, expectAccessible, screenshot, startConsole } from './support/index.js';
import { signInAsNewMember } from './support/members.js';

/**
 * The experiment pages (issue 15): the list's empty state pointing at metrics, an experiment set up
 * through the form on a flag whose allocation splits 50/50 (a bad key refused at its field), started
 * in the console, synthetic traffic with a known lift sent through POST /sdk/v1/events, the results
 * read in the table, a viewer who sees no controls, and a stop that ships a variation — the
 * allocation then serving it, checked through the API. In a critical environment starting and
 * stopping ask first; a draft can be deleted from its page.
 */

const v1 = '/api/v1/projects/default';
const LIST = '/projects/default/experiments?env=development';
const RESULTS = '/projects/default/experiments/checkout?env=development';
/** Subjects per variation, and their conversions: 10 % on control, 15 % on treatment (+50 %). */
const PER_VARIATION = 2_000;
const CONVERSIONS = { off: 200, on: 300 };

describe('the experiment pages', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  const experiment = async () => console.server.api('GET', `${v1}/experiments/checkout`);
  /** A draft through the API, on a flag of its own whose allocation splits 50/50 in `environment`. */
  const draft = async (key: string, name: string, environment: string) => {
    const flag = await console.server.api('POST', `${v1}/flags`, {
      key: `${key}-flow`,
      environments: { [environment]: EXPERIMENT_SPLIT },
    });
    // 409: made by the first attempt of a retried test.
    expect([201, 409], JSON.stringify(flag.body)).toContain(flag.status);
    const created = await console.server.api('POST', `${v1}/experiments`, {
      key,
      name,
      flag: `${key}-flow`,
      environment,
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'purchase',
    });
    expect([201, 409], JSON.stringify(created.body)).toContain(created.status);
  };
  /** Presses Tab until `name`'s button has the focus (a bounded number of times): it is reachable by keyboard. */
  const tabTo = async (target: Page, name: string) => {
    for (let i = 0; i < 8; i++) {
      await target.keyboard.press('Tab');
      if ((await target.evaluate(() => document.activeElement?.textContent)) === name) return;
    }
    throw new Error(`Tab never reached the button ${name}`);
  };

  beforeAll(async () => {
    console = await startConsole();
    const flag = await console.server.api('POST', `${v1}/flags`, {
      key: 'checkout-flow',
      name: 'Checkout flow',
      variations: [
        { key: 'off', value: false, name: 'Old checkout' },
        { key: 'on', value: true, name: 'One-page checkout' },
      ],
      environments: { development: EXPERIMENT_SPLIT },
    });
    if (flag.status !== 201) throw new Error(`creating the flag: ${JSON.stringify(flag.body)}`);
    page = await signInAsNewMember(console, 'Erin Editor', [{ role: 'editor', project: 'default' }]);
  });
  afterAll(() => console?.close());

  it('teaches what an experiment needs when there is none, from the rail', async () => {
    await page.goto('/projects/default/flags?env=development');
    const rail = page.getByRole('navigation', { name: 'Project' });
    await rail.getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('heading', { name: 'Experiments', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/projects/default/experiments');
    await page.getByRole('heading', { name: 'No experiments yet' }).waitFor();
    // No metric yet: the way to the metrics page.
    const link = page.getByRole('main').getByRole('link', { name: 'create one on the metrics page' });
    expect(await link.getAttribute('href')).toBe('/projects/default/metrics?env=development');
    await screenshot(page, 'experiments-empty');
    await expectAccessible(page);
  });

  it('sets up an experiment through the form, refusing a bad key at its field', async () => {
    const metric = await console.server.api('POST', `${v1}/metrics`, {
      key: 'purchase',
      name: 'Purchase',
      eventKey: 'purchase',
      kind: 'conversion',
    });
    expect([201, 409]).toContain(metric.status);
    await page.goto(LIST);
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.waitForURL((url) => url.searchParams.get('edit') === '');
    const dialog = page.getByRole('dialog', { name: 'Set up an experiment' });
    await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill('Not a key!');
    await dialog.getByLabel('Name', { exact: true }).fill('One-page checkout');
    // The flag is searched on the server.
    const flag = dialog.getByRole('combobox', { name: 'Flag' });
    await flag.click();
    await flag.fill('checkout');
    await page.getByRole('option', { name: 'Checkout flow (checkout-flow)' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Environment' }).inputValue()).resolves.toBe('Development');
    const allocation = dialog.getByRole('checkbox', { name: 'experiment' });
    await allocation.waitFor();
    await dialog.getByText(/split 50 % Old checkout \/ 50 % One-page checkout/).waitFor();
    await allocation.check();
    await dialog.getByRole('combobox', { name: 'Control' }).click();
    await page.getByRole('option', { name: 'Old checkout' }).click();
    await dialog.getByRole('combobox', { name: 'Primary metric' }).click();
    await page.getByRole('option', { name: 'Purchase (purchase)' }).click();
    await dialog.getByLabel('Hypothesis').fill('The one-page checkout lifts purchases');
    await dialog.getByLabel('Minimum detectable effect (%)').fill('10');
    await screenshot(page, 'experiments-setup');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Create experiment' }).click();
    const key = dialog.getByRole('textbox', { name: 'Key', exact: true });
    await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('Use lower-case letters, digits, dots, dashes and underscores', { exact: false }).waitFor();
    await key.scrollIntoViewIfNeeded();
    await screenshot(page, 'experiments-setup-bad-key');
    expect((await console.server.api('GET', `${v1}/experiments`)).body).toEqual([]);

    await key.fill('checkout');
    await dialog.getByRole('button', { name: 'Create experiment' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.pathname === '/projects/default/experiments/checkout');
    await page.getByRole('heading', { name: 'One-page checkout', level: 1 }).waitFor();
    const stored = await experiment();
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      flag: 'checkout-flow',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'purchase',
      hypothesis: 'The one-page checkout lifts purchases',
      minimumDetectableEffect: 0.1,
      status: 'draft',
    });
    await page
      .getByTestId('diagnosis')
      .getByText(/start it to turn on exposure tracking/)
      .waitFor();
    await screenshot(page, 'experiment-draft');
    await expectAccessible(page);

    // A draft's setup can change: the form opens from the URL with what is stored.
    await page.getByRole('button', { name: 'Edit setup' }).click();
    await page.waitForURL((url) => url.searchParams.get('edit') === '');
    const edit = page.getByRole('dialog', { name: 'Edit One-page checkout' });
    const effect = edit.getByLabel('Minimum detectable effect (%)');
    await expect(effect.inputValue()).resolves.toBe('10');
    await effect.fill('8');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(async () => (await experiment()).body.minimumDetectableEffect).toBe(0.08);
    await page.getByText('Planned to detect +8.0 %', { exact: false }).waitFor();
    await page.goto(`${RESULTS}&edit=`);
    await expect(edit.getByLabel('Minimum detectable effect (%)').inputValue()).resolves.toBe('8');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'detached' });
  });

  it('starts it in the console: the allocation tracks exposures', async () => {
    await page.goto(RESULTS);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => (await page.getByTestId('experiment-status').textContent()) ?? '').toBe('running');
    expect((await experiment()).body).toMatchObject({ status: 'running', startedAt: expect.any(String) });
    const state = await console.server.api('GET', `${v1}/flags/checkout-flow/environments/development`);
    expect(state.body.allocations[0].track).toBe(true);
    await page.getByTestId('diagnosis').waitFor();
    await expect(page.getByRole('button', { name: 'Start' }).count()).resolves.toBe(0);
    // Development is not critical: one click, no question.
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
  });

  it('asks before starting in a critical environment: cancelling keeps the draft, confirming starts it', async () => {
    await draft('pricing', 'Annual pricing', 'production');
    const stored = async () => (await console.server.api('GET', `${v1}/experiments/pricing`)).body;
    const tracking = async () =>
      (await console.server.api('GET', `${v1}/flags/pricing-flow/environments/production`)).body.allocations[0].track;
    await page.goto('/projects/default/experiments/pricing?env=production');
    await page.getByRole('heading', { name: 'Annual pricing', level: 1 }).waitFor();
    // The environment is marked critical in the page, not only in the header.
    await page.getByRole('main').getByText('Critical', { exact: true }).waitFor();
    await screenshot(page, 'experiment-draft-critical');
    // By keyboard: from Edit setup, Tab reaches Start (its ellipsis says it asks first).
    await page.getByRole('button', { name: 'Edit setup' }).focus();
    await tabTo(page, 'Start…');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Start Annual pricing in Production?' });
    await dialog
      .getByText(
        'Production is a critical environment. Starting turns exposure tracking on for the allocation “experiment” of pricing-flow in Production: a flag change its SDKs receive at once.',
        { exact: false },
      )
      .waitFor();
    await screenshot(page, 'experiment-start-critical');
    await expectAccessible(page);

    // Escape cancels: nothing changed, and the focus is back on Start.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Start…');
    await expect(page.getByTestId('experiment-status').textContent()).resolves.toBe('draft');
    expect(await stored()).toMatchObject({ status: 'draft', startedAt: null });
    expect(await tracking()).not.toBe(true);

    // Cancel by its button, then confirm by keyboard.
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await stored()).status).toBe('draft');
    await page.getByRole('button', { name: 'Start…' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, 'Start in Production');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.getByTestId('experiment-status').textContent()) ?? '').toBe('running');
    expect(await stored()).toMatchObject({ status: 'running', startedAt: expect.any(String) });
    expect(await tracking()).toBe(true);

    // Stopping there names the critical environment too; cancelled, it keeps running.
    await page.getByRole('button', { name: 'Stop' }).click();
    const stop = page.getByRole('dialog', { name: 'Stop Annual pricing in Production?' });
    await stop.getByText('Production is a critical environment: its SDKs receive this flag change at once.').waitFor();
    await screenshot(page, 'experiment-stop-critical');
    await stop.getByRole('button', { name: 'Cancel' }).click();
    await stop.waitFor({ state: 'detached' });
    expect((await stored()).status).toBe('running');
  });

  it('shows the lift of synthetic traffic in the results table', async () => {
    // 4,000 subjects alternating between the variations; purchases 5 minutes after exposure.
    const now = Date.now() - 3_600_000;
    const events: Record<string, unknown>[] = [];
    for (let i = 0; i < 2 * PER_VARIATION; i++) {
      const variation = i % 2 === 0 ? 'off' : 'on';
      const index = Math.floor(i / 2);
      const subject = `u-${i}`;
      const at = now + i * 100;
      events.push({
        kind: 'exposure',
        flag: 'checkout-flow',
        variation,
        allocation: 'experiment',
        context: { key: subject },
        timestamp: at,
      });
      if (index < CONVERSIONS[variation])
        events.push({ kind: 'custom', key: 'purchase', context: { key: subject }, timestamp: at + 300_000 });
    }
    for (let start = 0; start < events.length; start += 1000) {
      const answer = await sdkCall(console.server, 'POST', '/sdk/v1/events', {
        key: console.server.seeded.serverKey,
        body: { events: events.slice(start, start + 1000) },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    }

    await page.goto(RESULTS);
    const table = page.getByRole('table', { name: 'Results: Purchase' });
    const cell = (variation: string, column: string) =>
      table.locator(`tr[data-variation="${variation}"] [data-column="${column}"]`);
    await cell('on', 'subjects').waitFor();
    await expect(cell('off', 'subjects').textContent()).resolves.toBe('2,000');
    await expect(cell('on', 'subjects').textContent()).resolves.toBe('2,000');
    await expect(cell('off', 'value').textContent()).resolves.toBe('10.0 % (200)');
    await expect(cell('on', 'value').textContent()).resolves.toBe('15.0 % (300)');
    await expect(cell('off', 'lift').textContent()).resolves.toBe('control');
    await expect(cell('on', 'lift').textContent()).resolves.toBe('+50.0 %');
    // 10 % vs 15 % on 2,000 each: clearly above zero on both intervals.
    const interval = (await cell('on', 'interval').textContent()) ?? '';
    expect(interval).toMatch(/^\+\d+\.\d % to \+\d+\.\d %$/);
    await expect(cell('on', 'p-value').textContent()).resolves.toBe('< 0.001');
    await page.getByTestId('forest-plot').locator('[data-variation="on"]').waitFor();
    await page.getByTestId('over-time-chart').waitFor();
    await page.getByText('4,000 subjects counted', { exact: false }).waitFor();
    await expect(page.getByTestId('srm-banner').count()).resolves.toBe(0);
    await expect(page.getByTestId('detectability').textContent()).resolves.toMatch(
      /until \+8\.0 % would be detectable/,
    );
    await screenshot(page, 'experiment-results');
    await expectAccessible(page);
    await page.getByTestId('over-time-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'experiment-results-over-time');

    // The setup tab is in the URL.
    await page.getByRole('tab', { name: 'Setup' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'setup');
    await page.getByRole('table', { name: 'Setup' }).getByText('The one-page checkout lifts purchases').waitFor();
    await page.goto(`${RESULTS}&tab=setup`);
    await page.getByRole('table', { name: 'Setup' }).waitFor();
    await screenshot(page, 'experiment-setup-tab');
  });

  it('shows viewers the results with no controls', async () => {
    const viewer = await signInAsNewMember(console, 'Vic Viewer', [{ role: 'viewer', project: 'default' }]);
    await viewer.goto(RESULTS);
    await viewer.getByRole('table', { name: 'Results: Purchase' }).waitFor();
    await expect(
      viewer
        .getByRole('main')
        .getByRole('button', { name: /Start|Stop|Edit/ })
        .count(),
    ).resolves.toBe(0);
    await viewer.getByText('start and stop it', { exact: false }).waitFor();
    await screenshot(viewer, 'experiment-viewer');
    await expectAccessible(viewer);
    await viewer.goto(`${LIST}&edit=`);
    await viewer.locator('[data-testid="experiment-row"][data-key="checkout"]').waitFor();
    await expect(viewer.getByRole('button', { name: 'Create experiment' }).count()).resolves.toBe(0);
    await expect(viewer.getByRole('dialog').count()).resolves.toBe(0);
    await viewer.context().close();
  });

  it('flags a sample-ratio mismatch and says why a metric has no data', async () => {
    const flag = await console.server.api('POST', `${v1}/flags`, {
      key: 'skewed-flow',
      environments: { development: EXPERIMENT_SPLIT },
    });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);
    const created = await console.server.api('POST', `${v1}/experiments`, {
      key: 'skewed',
      flag: 'skewed-flow',
      environment: 'development',
      allocations: ['experiment'],
      controlVariation: 'off',
      primaryMetric: 'purchase',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await console.server.api('POST', `${v1}/experiments/skewed/start`)).status).toBe(200);
    // 1,000 against 1,200 at 50/50: χ² ≈ 18, p ≈ 0.00002; and no purchase from any of them.
    const at = Date.now() - 60_000;
    const events = Array.from({ length: 2_200 }, (_, i) => ({
      kind: 'exposure',
      flag: 'skewed-flow',
      variation: i < 1_000 ? 'off' : 'on',
      allocation: 'experiment',
      context: { key: `s-${i}` },
      timestamp: at + i,
    }));
    for (let start = 0; start < events.length; start += 1000) {
      const answer = await sdkCall(console.server, 'POST', '/sdk/v1/events', {
        key: console.server.seeded.serverKey,
        body: { events: events.slice(start, start + 1000) },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    }
    await page.goto('/projects/default/experiments/skewed?env=development');
    const banner = page.getByTestId('srm-banner');
    await banner
      .getByText('off: 1,000 subjects where 1,100 were expected (50.0 % of traffic)', { exact: false })
      .waitFor();
    await banner.getByText('less than 1 in 1,000', { exact: false }).waitFor();
    await page
      .getByTestId('diagnosis')
      .getByText(/^Purchase: /)
      .waitFor();
    await screenshot(page, 'experiment-srm');
    await expectAccessible(page);
  });

  it('stops and ships a variation after saying what the allocation will serve', async () => {
    await page.goto(RESULTS);
    await page.getByRole('button', { name: 'Stop' }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop One-page checkout?' });
    await dialog.getByRole('radio', { name: 'Ship One-page checkout' }).check();
    await dialog
      .getByTestId('stop-consequence')
      .getByText('The allocation “experiment” in Development will serve One-page checkout to everyone it reaches', {
        exact: false,
      })
      .waitFor();
    await screenshot(page, 'experiment-stop-ship');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Stop and ship One-page checkout' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.getByTestId('experiment-status').textContent()) ?? '').toBe('stopped');
    expect((await experiment()).body).toMatchObject({ status: 'stopped', shippedVariation: 'on' });
    const state = await console.server.api('GET', `${v1}/flags/checkout-flow/environments/development`);
    expect(state.body.allocations[0]).toMatchObject({ id: 'experiment', serve: { variation: 'on' } });
    expect(state.body.allocations[0].track).not.toBe(true);
    // The list says so too.
    await page.goto(LIST);
    const row = page.locator('[data-testid="experiment-row"][data-key="checkout"]');
    await row.getByText('shipped on').waitFor();
    await screenshot(page, 'experiments-list');
    await expectAccessible(page);
  });

  it('deletes a draft from its page after naming it, and the list no longer has it', async () => {
    await draft('banner', 'Banner colour', 'development');
    const path = '/projects/default/experiments/banner?env=development';
    // Viewers get no delete control.
    const viewer = await signInAsNewMember(console, 'Val Viewer', [{ role: 'viewer', project: 'default' }]);
    await viewer.goto(path);
    await viewer.getByRole('heading', { name: 'Banner colour', level: 1 }).waitFor();
    await expect(viewer.getByRole('button', { name: 'Delete draft' }).count()).resolves.toBe(0);
    await viewer.context().close();

    await page.goto(path);
    await page.getByRole('heading', { name: 'Banner colour', level: 1 }).waitFor();
    // By keyboard: Delete draft comes just before Edit setup.
    await page.getByRole('button', { name: 'Edit setup' }).focus();
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Delete draft');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete Banner colour?' });
    await dialog.getByText('The draft banner and its setup are lost.', { exact: false }).waitFor();
    await screenshot(page, 'experiment-delete-draft');
    await expectAccessible(page);
    await tabTo(page, 'Delete draft');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/projects/default/experiments');
    await page.locator('[data-testid="experiment-row"][data-key="checkout"]').waitFor();
    await expect(page.locator('[data-testid="experiment-row"][data-key="banner"]').count()).resolves.toBe(0);
    expect((await console.server.api('GET', `${v1}/experiments/banner`)).status).toBe(404);
    // It left without a flash of the deleted draft's 404.
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
  });

  it('shows the server’s refusal in the dialog when the draft was started meanwhile', async () => {
    await draft('raced', 'Raced draft', 'development');
    await page.goto('/projects/default/experiments/raced?env=development');
    await page.getByRole('button', { name: 'Delete draft' }).waitFor();
    // Someone else starts it after the page loaded.
    expect((await console.server.api('POST', `${v1}/experiments/raced/start`)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete draft' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Raced draft?' });
    await dialog.getByRole('button', { name: 'Delete draft' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByText('Not deleted').waitFor();
    await refusal.getByText('Experiment "raced" is running: only a draft experiment can be deleted').waitFor();
    // Trying again cannot help: only closing is left.
    await expect(dialog.getByRole('button', { name: 'Delete draft' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'experiment-delete-refused');
    await expectAccessible(page);
    expect(new URL(page.url()).pathname).toBe('/projects/default/experiments/raced');
    expect((await console.server.api('GET', `${v1}/experiments/raced`)).body.status).toBe('running');
    // Closed, the page shows it as it now is: running, with no draft actions.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.getByTestId('experiment-status').textContent()) ?? '').toBe('running');
    await expect(page.getByRole('button', { name: 'Delete draft' }).count()).resolves.toBe(0);
  });
});
