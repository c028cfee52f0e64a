import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleUnderTest,
  expectNoSeriousA11yViolations,
  screenshot,
  signIn,
  startConsole,
} from './support/index.js';

/**
 * A flag's Settings tab and "where this flag is used": settings edits go into the draft and are
 * saved by the draft bar; a variation still served cannot be removed, and says where; values are
 * checked by the flag's type; archiving a flag another flag requires is refused with the server's
 * message; viewers see the settings with no controls.
 */

const THEME = 'theme';
const LAYOUT = 'layout';

/** The pointer off whatever it last clicked: a hover colour is a moment, not the state to judge or picture. */
function pointerAway(page: Page): Promise<void> {
  return page.mouse.move(0, 0);
}

async function expectAccessible(page: Page): Promise<void> {
  await pointerAway(page);
  await expectNoSeriousA11yViolations(page);
}

describe('the settings tab', () => {
  let console: ConsoleUnderTest;
  let page: Page;

  beforeAll(async () => {
    console = await startConsole();
    const { api } = console.server;
    const theme = await api('POST', '/api/v1/projects/default/flags', {
      key: THEME,
      name: 'Theme',
      type: 'string',
      tags: ['ui'],
      variations: [
        { key: 'light', value: 'light' },
        { key: 'dark', value: 'dark', name: 'Dark' },
        { key: 'contrast', value: 'high-contrast' },
      ],
      environments: { production: { on: true, offVariation: 'light', fallthrough: { variation: 'dark' } } },
    });
    expect(theme.status, JSON.stringify(theme.body)).toBe(201);
    const banner = await api('POST', '/api/v1/projects/default/flags', {
      key: 'theme-banner',
      name: 'Theme banner',
      environments: { production: { on: true, prerequisites: [{ flag: THEME, variations: ['dark'] }] } },
    });
    expect(banner.status, JSON.stringify(banner.body)).toBe(201);
    const layout = await api('POST', '/api/v1/projects/default/flags', {
      key: LAYOUT,
      name: 'Layout',
      type: 'json',
      temporary: false,
      variations: [
        { key: 'two', value: { columns: 2 } },
        { key: 'three', value: { columns: 3 } },
      ],
    });
    expect(layout.status, JSON.stringify(layout.body)).toBe(201);
    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  const openSettings = async (flag: string) => {
    await page.goto(`/projects/default/flags/${flag}?env=production&tab=settings`);
    await page.getByRole('heading', { name: 'General' }).waitFor();
  };
  const definition = async (flag: string) =>
    (await console.server.api('GET', `/api/v1/projects/default/flags/${flag}`)).body as {
      name: string;
      tags: string[];
      variations: { key: string; value: unknown }[];
      archived: boolean;
    };

  it('edits the settings into the draft, saved by the draft bar', async () => {
    await openSettings(THEME);
    await expect(page.getByRole('region', { name: 'Where this flag is used' }).textContent()).resolves.toContain(
      'Theme banner',
    );
    await page.getByLabel('Name', { exact: true }).fill('Site theme');
    const tags = page.getByLabel('Tags', { exact: true }).and(page.locator('input'));
    await tags.fill('appearance');
    await tags.press('Enter');
    await page
      .getByRole('region', { name: 'Unsaved changes' })
      .getByText(/^2 unsaved changes/)
      .waitFor();
    await pointerAway(page);
    await screenshot(page, 'flag-settings');
    await expectAccessible(page);
    // Nothing is saved until the draft bar saves it.
    expect((await definition(THEME)).name).toBe('Theme');

    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Save' }).click();
    const confirm = page.getByRole('dialog');
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: /Save/ }).click();
    await expect.poll(async () => (await definition(THEME)).name, { timeout: 10_000 }).toBe('Site theme');
    expect((await definition(THEME)).tags).toEqual(['ui', 'appearance']);
  });

  it('shows the server’s refusal of a setting at its field', async () => {
    await openSettings(THEME);
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('x'.repeat(201));
    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Save' }).click();
    const confirm = page.getByRole('dialog');
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: /Save/ }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Must have at most 200 characters').first().waitFor();
    await pointerAway(page);
    await screenshot(page, 'flag-settings-field-error');
    await expectAccessible(page);
    expect((await definition(THEME)).name).toBe('Site theme');
    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click();
    // Discarding always asks first; waiting for the question (not peeking) holds on a loaded machine.
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Discard \d/ })
      .click();
    await expect(name.inputValue()).resolves.toBe('Site theme');
  });

  it('refuses removing a variation still served, saying where, and removes one nothing uses', async () => {
    await openSettings(THEME);
    await page.getByRole('button', { name: 'Remove variation dark' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Not removed' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('“dark” is still used — Production: fallthrough');
    await pointerAway(page);
    await screenshot(page, 'flag-settings-variation-in-use');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Remove variation contrast' }).click();
    await expect(page.locator('tr[data-variation="contrast"]').count()).resolves.toBe(0);
    await page
      .getByRole('region', { name: 'Unsaved changes' })
      .getByText(/^1 unsaved change/)
      .waitFor();
    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click();
    // Discarding always asks first; waiting for the question (not peeking) holds on a loaded machine.
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Discard \d/ })
      .click();
    await page.locator('tr[data-variation="contrast"]').waitFor();
  });

  it('checks JSON values as they are typed, keeping the last valid one in the draft', async () => {
    await openSettings(LAYOUT);
    const value = page.getByLabel('Value of variation three');
    await value.fill('{ "columns": ');
    await page.getByText(/^Not valid JSON/).waitFor();
    await pointerAway(page);
    await screenshot(page, 'flag-settings-json-value');
    await expectAccessible(page);
    await value.fill('{ "columns": 4 }');
    await expect(page.getByText(/^Not valid JSON/).count()).resolves.toBe(0);
    await page
      .getByRole('region', { name: 'Unsaved changes' })
      .getByText(/^1 unsaved change/)
      .waitFor();
  });

  it('shows the server’s refusal to archive a flag another flag requires', async () => {
    await openSettings(THEME);
    await page.getByRole('button', { name: 'Archive flag…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('Theme banner');
    await dialog.getByRole('button', { name: 'Archive flag' }).click();
    const refused = dialog.getByRole('alert');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('theme-banner');
    await pointerAway(page);
    await screenshot(page, 'flag-settings-archive-refused');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await definition(THEME)).archived).toBe(false);
  });

  it('archives and restores a flag nothing requires, and says nothing depends on it', async () => {
    await openSettings(LAYOUT);
    // The usage arrives after the tab: wait for it rather than read the region at once.
    await page.getByRole('region', { name: 'Where this flag is used' }).getByText('Nothing depends on it').waitFor();
    await page.getByRole('button', { name: 'Archive flag…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive flag' }).click();
    await page.getByRole('button', { name: 'Restore flag…' }).waitFor();
    expect((await definition(LAYOUT)).archived).toBe(true);
    await pointerAway(page);
    await screenshot(page, 'flag-settings-archived');
    await page.getByRole('button', { name: 'Restore flag…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore flag' }).click();
    await page.getByRole('button', { name: 'Archive flag…' }).waitFor();
    expect((await definition(LAYOUT)).archived).toBe(false);
  });

  it('shows viewers the settings with no controls', async () => {
    const invitation = await console.server.api('POST', '/api/v1/invitations', {
      email: 'viewer@example.com',
      roles: [{ role: 'viewer', project: 'default' }],
    });
    const accepted = await fetch(`${console.url}/api/v1/auth/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invitation.body.token, name: 'Vic Viewer', password: 'a long enough password' }),
    });
    expect(accepted.status).toBe(201);
    const viewer = await console.newPage();
    // Under load the first page of a new browser context can take a while.
    await viewer.goto('/sign-in');
    await viewer.getByLabel('Email').waitFor({ timeout: 30_000 });
    await signIn(viewer, 'viewer@example.com', 'a long enough password');
    await viewer.goto(`/projects/default/flags/${THEME}?env=production&tab=settings`);
    await viewer.getByRole('heading', { name: 'General' }).waitFor();
    await viewer.getByText('Site theme').first().waitFor();
    await expect(viewer.getByRole('tabpanel').getByRole('textbox').count()).resolves.toBe(0);
    await expect(viewer.getByRole('button', { name: /Archive|Remove|Add a variation/ }).count()).resolves.toBe(0);
    await pointerAway(viewer);
    await screenshot(viewer, 'flag-settings-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});
