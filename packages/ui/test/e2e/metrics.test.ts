import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, expectAccessible, screenshot, startConsole } from './support/index.js';
import { signInAsNewMember } from './support/members.js';

/**
 * The metrics page (`/projects/:project/metrics`): an empty state that teaches, a numeric metric
 * created by an editor — the aggregation the server requires shown at its field, the fields shown
 * by kind — its window changed (an out-of-range one refused at the field), deleted after asking;
 * each checked through the API; and viewers, who see no controls.
 */

const PAGE = '/projects/default/metrics?env=development';

describe('the metrics page', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  const metric = async (key: string) => console.server.api('GET', `/api/v1/projects/default/metrics/${key}`);
  const row = (key: string) => page.locator(`[data-testid="metric-row"][data-key="${key}"]`);

  beforeAll(async () => {
    console = await startConsole();
    // An editor on the project: the people who run experiments define what they measure.
    page = await signInAsNewMember(console, 'Erin Editor', [{ role: 'editor', project: 'default' }]);
  });
  afterAll(() => console?.close());

  it('teaches what a metric is when there is none, reached from the rail after Segments', async () => {
    await page.goto('/projects/default/flags?env=development');
    const rail = page.getByRole('navigation', { name: 'Project' });
    // The project's links appear once the session and the projects are in.
    await rail.getByRole('link', { name: 'Metrics' }).waitFor();
    const links = await rail.getByRole('link').allTextContents();
    expect(links.indexOf('Metrics')).toBe(links.indexOf('Segments') + 1);
    await rail.getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('heading', { name: 'Metrics', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/projects/default/metrics');
    await page.getByRole('heading', { name: 'No metrics yet' }).waitFor();
    await page
      .getByRole('group', { name: 'Sending an event with the Node SDK' })
      .getByText(/vexil\.track/)
      .waitFor();
    await screenshot(page, 'metrics-empty');
    await expectAccessible(page);
  });

  it('creates a numeric metric, showing the required aggregation at its field', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Create metric' }).click();
    // The open form is in the URL.
    await page.waitForURL((url) => url.searchParams.get('edit') === '');
    const dialog = page.getByRole('dialog', { name: 'Create a metric' });
    await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill('revenue');
    await dialog.getByLabel('Name').fill('Revenue per user');
    await dialog.getByLabel('Event key').fill('checkout-completed');
    // A conversion has no aggregation and no cap.
    await expect(dialog.getByLabel('Aggregation').count()).resolves.toBe(0);
    await expect(dialog.getByLabel('Cap at percentile').count()).resolves.toBe(0);
    await dialog.getByText('Numeric: the values they sent').click();
    const aggregation = dialog.getByRole('combobox', { name: 'Aggregation' });
    await aggregation.waitFor();
    await dialog.getByLabel('Cap at percentile').fill('99');
    await dialog.getByRole('button', { name: 'Create metric' }).click();
    await dialog.getByText('Is required for a numeric metric: sum, mean or count').waitFor();
    await expect.poll(() => aggregation.getAttribute('aria-invalid')).toBe('true');
    expect((await metric('revenue')).status).toBe(404);
    await screenshot(page, 'metrics-aggregation-required');
    await expectAccessible(page);

    await aggregation.click();
    await page.getByRole('option', { name: /^Sum/ }).click();
    await dialog
      .getByTestId('metric-preview')
      .getByText(
        'Sum of checkout-completed values per subject any time after first exposure, capped at the 99th percentile; higher is better.',
      )
      .waitFor();
    await dialog.getByRole('button', { name: 'Create metric' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('revenue').getByText('Revenue per user').waitFor();
    const stored = await metric('revenue');
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      name: 'Revenue per user',
      eventKey: 'checkout-completed',
      kind: 'numeric',
      aggregation: 'sum',
      direction: 'higher',
      windowHours: null,
      capPercentile: 99,
    });
    expect(new URL(page.url()).searchParams.has('edit')).toBe(false);
    await screenshot(page, 'metrics');
    await expectAccessible(page);
  });

  it('changes the window, refusing one past a year at the field', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Edit Revenue per user' }).click();
    await page.waitForURL((url) => url.searchParams.get('edit') === 'revenue');
    const dialog = page.getByRole('dialog', { name: 'Edit Revenue per user' });
    const window = dialog.getByLabel('Window (hours)');
    await window.fill('9000');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText(/1 to 8,760 hours/).waitFor();
    await expect.poll(() => window.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'metrics-window-refused');
    await expectAccessible(page);
    await window.fill('168');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('revenue')
      .getByText(/within 168 hours \(7 days\) of first exposure/)
      .waitFor();
    expect((await metric('revenue')).body).toMatchObject({ windowHours: 168, capPercentile: 99, version: 2 });

    // A link to the open form opens it again.
    await page.goto(`${PAGE}&edit=revenue`);
    await page.getByRole('dialog', { name: 'Edit Revenue per user' }).getByLabel('Window (hours)').waitFor();
    await expect(
      page.getByRole('dialog', { name: 'Edit Revenue per user' }).getByLabel('Window (hours)').inputValue(),
    ).resolves.toBe('168');
  });

  it('deletes a metric after asking', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Delete Revenue per user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Revenue per user?' });
    await dialog.getByText('Experiments can no longer measure it.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await metric('revenue')).status).toBe(200);
    await page.getByRole('button', { name: 'Delete Revenue per user' }).click();
    await screenshot(page, 'metrics-delete-confirm');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Delete Revenue per user' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'No metrics yet' }).waitFor();
    expect((await metric('revenue')).status).toBe(404);
  });

  it('shows viewers the metrics with no controls', async () => {
    const created = await console.server.api('POST', '/api/v1/projects/default/metrics', {
      key: 'checkout',
      name: 'Checkout completed',
      eventKey: 'checkout-completed',
      kind: 'conversion',
      windowHours: 24,
    });
    // 409: made by a first attempt of this test.
    expect([201, 409]).toContain(created.status);
    const viewer = await signInAsNewMember(console, 'Vic Viewer', [{ role: 'viewer', project: 'default' }]);
    await viewer.goto(`${PAGE}&edit=checkout`);
    await viewer.locator('[data-testid="metric-row"][data-key="checkout"]').waitFor();
    await viewer
      .getByText(
        'Share of subjects who send checkout-completed within 24 hours (1 day) of first exposure; higher is better.',
      )
      .waitFor();
    await expect(
      viewer
        .getByRole('main')
        .getByRole('button', { name: /Create|Edit|Delete/ })
        .count(),
    ).resolves.toBe(0);
    // A link to a form opens nothing for them.
    await expect(viewer.getByRole('dialog').count()).resolves.toBe(0);
    await viewer.getByText('editors create and change them').waitFor();
    await screenshot(viewer, 'metrics-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});
