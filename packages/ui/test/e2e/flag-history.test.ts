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
 * A flag's History tab: changes made through the API read as words, newest first; reverting the
 * first of two changes from the tab puts it back for SDKs (OFREP follows) and keeps the second;
 * reverting it again is refused and explained; viewers read the history with no revert.
 */

const FLAG = 'banner-text';
const STATE = `/api/v1/projects/default/flags/${FLAG}/environments/production`;

/** The pointer off whatever it last clicked: a hover colour is a moment, not the state to judge or picture. */
function pointerAway(page: Page): Promise<void> {
  return page.mouse.move(0, 0);
}

async function expectAccessible(page: Page): Promise<void> {
  await pointerAway(page);
  await expectNoSeriousA11yViolations(page);
}

describe('the history tab', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  let clientKey: string;
  let firstChange: number;
  let secondChange: number;

  beforeAll(async () => {
    console = await startConsole();
    const { api } = console.server;
    const created = await api('POST', '/api/v1/projects/default/flags', {
      key: FLAG,
      name: 'Banner text',
      type: 'string',
      clientSideAvailable: true,
      variations: [
        { key: 'hello', value: 'Hello' },
        { key: 'welcome', value: 'Welcome back', name: 'Welcome' },
        { key: 'hi', value: 'Hi there' },
      ],
      environments: { production: { on: true, offVariation: 'hello', fallthrough: { variation: 'hello' } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await api('PATCH', STATE, { fallthrough: { variation: 'welcome' } })).status).toBe(200);
    expect((await api('PATCH', STATE, { targets: [{ variation: 'hi', values: ['ada'] }] })).status).toBe(200);
    const history = await api('GET', `/api/v1/projects/default/flags/${FLAG}/history?environment=production`);
    [secondChange, firstChange] = (history.body.entries as { id: number }[]).map((entry) => entry.id) as [
      number,
      number,
    ];

    const key = await api('POST', '/api/v1/projects/default/environments/production/sdk-keys', {
      name: 'site',
      kind: 'client',
    });
    clientKey = key.body.key as string;
    page = await console.newPage();
  });
  afterAll(() => console?.close());

  /** What OFREP serves a user in production. */
  async function served(targetingKey: string): Promise<unknown> {
    const response = await fetch(`${console.url}/ofrep/v1/evaluate/flags/${FLAG}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ context: { targetingKey } }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { value: unknown }).value;
  }

  const entry = (id: number) => page.locator(`li[data-entry="${id}"]`);

  it('shows each change in words, newest first, with the JSON a click away', async () => {
    expect(await served('bob')).toBe('Welcome back');
    await signIn(page, console.owner.email, console.owner.password);
    await page.goto(`/projects/default/flags/${FLAG}?env=production&tab=history`);
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await entry(firstChange).waitFor();

    const ids = await page
      .locator('li[data-entry]')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-entry'))));
    expect(ids.slice(0, 2)).toEqual([secondChange, firstChange]);
    await expect(entry(firstChange).textContent()).resolves.toContain('changed Production');
    await expect(entry(firstChange).getByTestId('change').textContent()).resolves.toMatch(
      /fallthrough.*hello.*Welcome/s,
    );
    await expect(entry(secondChange).getByTestId('change').textContent()).resolves.toContain('ada');
    await expect(entry(firstChange).locator('time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-/);

    await entry(firstChange).getByRole('button', { name: 'View JSON' }).click();
    await expect(entry(firstChange).getByLabel(`JSON diff of change #${firstChange}`).textContent()).resolves.toContain(
      '"path": "/fallthrough/variation"',
    );
    await pointerAway(page);
    await screenshot(page, 'flag-history');
    await expectAccessible(page);
  });

  it('reverts the first change from the tab: SDKs serve what it replaced, the later change stays', async () => {
    await entry(firstChange).getByRole('button', { name: 'Revert' }).click();
    const dialog = page.getByRole('dialog', { name: `Revert change #${firstChange}?` });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('critical environment');
    await pointerAway(page);
    await screenshot(page, 'flag-history-revert-confirm');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: `Revert change #${firstChange}` }).click();

    await page
      .getByRole('status')
      .filter({ hasText: `Change #${firstChange} is reverted` })
      .waitFor();
    expect(await served('bob')).toBe('Hello');
    expect(await served('ada')).toBe('Hi there');
    // The revert is the newest entry of the history, saying what it undid.
    await page
      .locator('li[data-entry]')
      .first()
      .filter({ hasText: `reverted change #${firstChange}` })
      .waitFor();
    await pointerAway(page);
    await screenshot(page, 'flag-history-reverted');
  });

  it('explains plainly why a change that moved on since cannot be reverted', async () => {
    await entry(firstChange).getByRole('button', { name: 'Revert' }).click();
    const dialog = page.getByRole('dialog', { name: `Revert change #${firstChange}?` });
    await dialog.getByRole('button', { name: `Revert change #${firstChange}` }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(
      `Change #${firstChange} cannot be reverted: fallthrough changed since`,
    );
    await pointerAway(page);
    await screenshot(page, 'flag-history-revert-conflict');
    await expectAccessible(page);
    await dialog.locator('button', { hasText: 'Close' }).click();
    expect(await served('bob')).toBe('Hello');
  });

  it('filters by environment, in the URL', async () => {
    const staging = await console.server.api('PATCH', `/api/v1/projects/default/flags/${FLAG}/environments/staging`, {
      on: true,
    });
    expect(staging.status).toBe(200);
    await page.reload();
    await page.locator('li[data-entry]').filter({ hasText: 'changed Staging' }).waitFor();
    await page.getByLabel('Changes to', { exact: true }).and(page.locator('input')).click();
    await page.getByRole('option', { name: 'Settings and Production' }).click();
    await page.waitForURL(/history-env=production/);
    await entry(firstChange).waitFor();
    await expect(page.locator('li[data-entry]').filter({ hasText: 'changed Staging' }).count()).resolves.toBe(0);
    await pointerAway(page);
    await screenshot(page, 'flag-history-filtered');
  });

  it('shows viewers the history with no revert', async () => {
    const invitation = await console.server.api('POST', '/api/v1/invitations', {
      email: 'viewer@example.com',
      roles: [{ role: 'viewer', project: 'default' }],
    });
    expect(invitation.status).toBe(201);
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
    await viewer.goto(`/projects/default/flags/${FLAG}?env=production&tab=history`);
    await viewer.locator(`li[data-entry="${firstChange}"]`).waitFor();
    await expect(viewer.locator('li[data-entry]').count()).resolves.toBeGreaterThan(3);
    await expect(viewer.getByRole('button', { name: 'Revert' }).count()).resolves.toBe(0);
    await viewer.getByRole('button', { name: 'View JSON' }).first().waitFor();
    await pointerAway(viewer);
    await screenshot(viewer, 'flag-history-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});
