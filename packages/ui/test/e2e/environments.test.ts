import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, expectAccessible, screenshot, signIn, startConsole } from './support/index.js';

/**
 * The environments page: the project's environments in order, created, renamed, marked critical,
 * reordered with the keyboard, deleted after a typed confirmation naming what goes with them —
 * each checked through the API — the server's refusal shown at its field, and no controls for viewers.
 */

const PAGE = '/projects/default/environments?env=development';

/** The pointer off whatever it last clicked: a hover colour is a moment, not the state to judge or picture. */

describe('the environments page', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  const environments = async () =>
    (await console.server.api('GET', '/api/v1/projects/default/environments')).body as {
      key: string;
      name: string;
      critical: boolean;
    }[];
  const shownKeys = () =>
    page.getByTestId('environment').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')));

  beforeAll(async () => {
    console = await startConsole();
    const flag = await console.server.api('POST', '/api/v1/projects/default/flags', { key: 'new-checkout' });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);
    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('lists the environments in order, each with its colour, key and critical mark, reached from the rail', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Environments' }).click();
    await page.getByRole('heading', { name: 'Environments', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/projects/default/environments');
    await expect(shownKeys()).resolves.toEqual(['development', 'staging', 'production']);
    const production = page.locator('[data-testid="environment"][data-key="production"]');
    await production.getByText('Critical').waitFor();
    await expect(
      page.locator('[data-testid="environment"][data-key="staging"]').getByText('Critical').count(),
    ).resolves.toBe(0);
    await screenshot(page, 'environments');
    await expectAccessible(page);
  });

  it('creates an environment, and shows the server’s refusal of a taken key at the key', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Create environment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an environment' });
    await dialog.getByLabel('Key').fill('qa');
    await dialog.getByLabel('Name').fill('QA');
    await dialog.getByRole('button', { name: 'Create environment' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="environment"][data-key="qa"]').waitFor();
    await expect(shownKeys()).resolves.toEqual(['development', 'staging', 'production', 'qa']);
    expect((await environments()).find((environment) => environment.key === 'qa')).toMatchObject({
      name: 'QA',
      critical: false,
    });

    await page.getByRole('button', { name: 'Create environment' }).click();
    await dialog.getByLabel('Key').fill('qa');
    await dialog.getByRole('button', { name: 'Create environment' }).click();
    const key = dialog.getByLabel('Key');
    await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('qa is taken in default: choose another key').waitFor();
    await dialog.getByLabel('Key').fill('q a');
    await dialog.getByRole('button', { name: 'Create environment' }).click();
    await dialog.getByText('Use 1–128 letters, digits, “-”, “_” or “.”').waitFor();
    await screenshot(page, 'environments-create-refused');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await environments()).map((environment) => environment.key)).toEqual([
      'development',
      'staging',
      'production',
      'qa',
    ]);
  });

  it('renames an environment and marks it critical', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Edit QA' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit QA' });
    await dialog.getByLabel('Name').fill('Quality assurance');
    await dialog.getByLabel('Critical').check();
    await screenshot(page, 'environments-edit');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="environment"][data-key="qa"]');
    await row.getByText('Quality assurance').waitFor();
    await row.getByText('Critical').waitFor();
    expect((await environments()).find((environment) => environment.key === 'qa')).toMatchObject({
      name: 'Quality assurance',
      critical: true,
    });
  });

  it('reorders with the keyboard: Space picks an environment up, arrows move it, Space drops it', async () => {
    await page.goto(PAGE);
    const handle = page.getByRole('button', { name: 'Reorder Quality assurance' });
    // Each key waits for what a screen reader hears next (dnd-kit's announcements), so none is pressed mid-move.
    const announced = (text: string | RegExp) =>
      page.locator('[role="status"]', { hasText: text }).waitFor({ state: 'attached' });
    await handle.focus();
    await page.keyboard.press('Space');
    // Picked up, and at once over its own place: the live region holds the last of the two.
    await announced(/Quality assurance.* position 4 of 4\./);
    await page.keyboard.press('ArrowUp');
    await announced('Quality assurance is over position 3 of 4.');
    await page.keyboard.press('ArrowUp');
    await announced('Quality assurance is over position 2 of 4.');
    await page.keyboard.press('Space');
    await announced('Quality assurance dropped at position 2 of 4.');
    await expect
      .poll(async () => (await environments()).map((environment) => environment.key))
      .toEqual(['development', 'qa', 'staging', 'production']);
    await expect.poll(shownKeys).toEqual(['development', 'qa', 'staging', 'production']);
    // The header's selector follows the new order.
    await page.getByRole('banner').getByLabel('Environment').click();
    const options = page.getByRole('listbox').getByRole('option');
    await options.first().waitFor();
    await expect(options.allTextContents()).resolves.toEqual([
      'Development',
      'Quality assurancecritical',
      'Staging',
      'Productioncritical',
    ]);
    await page.keyboard.press('Escape');
    await screenshot(page, 'environments-reordered');
    await expectAccessible(page);
  });

  it('deletes an environment only once its key is typed, naming what goes with it', async () => {
    const key = await console.server.api('POST', '/api/v1/projects/default/environments/qa/sdk-keys', {
      name: 'QA server',
      kind: 'server',
    });
    expect(key.status).toBe(201);
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Delete Quality assurance' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Quality assurance?' });
    const losses = dialog.getByTestId('deletion-losses');
    await losses.getByText('1 active SDK key of Quality assurance: applications using it').waitFor();
    await expect(losses.textContent()).resolves.toContain(
      'The on/off state and targeting of 1 flag in Quality assurance',
    );
    const remove = dialog.getByRole('button', { name: 'Delete Quality assurance' });
    await expect(remove.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(/to confirm/).fill('QA');
    await expect(remove.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(/to confirm/).fill('qa');
    await screenshot(page, 'environments-delete-confirm');
    await expectAccessible(page);
    await remove.click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(shownKeys).toEqual(['development', 'staging', 'production']);
    expect((await environments()).map((environment) => environment.key)).toEqual([
      'development',
      'staging',
      'production',
    ]);
    expect((await console.server.api('GET', '/api/v1/projects/default/environments/qa')).status).toBe(404);
    // Its SDK key went with it.
    const refused = await fetch(`${console.url}/ofrep/v1/evaluate/flags/new-checkout`, {
      method: 'POST',
      headers: { authorization: key.body.key, 'content-type': 'application/json' },
      body: JSON.stringify({ context: { targetingKey: 'ada' } }),
    });
    expect(refused.status).toBe(401);
  });

  it('shows viewers the environments with no controls', async () => {
    // A new address on each attempt: a retried test must not meet the account its first attempt made.
    const email = `viewer-${Date.now()}@example.com`;
    const invitation = await console.server.api('POST', '/api/v1/invitations', {
      email,
      roles: [{ role: 'viewer', project: 'default' }],
    });
    const accepted = await fetch(`${console.url}/api/v1/auth/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invitation.body.token, name: 'Vic Viewer', password: 'a long enough password' }),
    });
    expect(accepted.status).toBe(201);
    const viewer = await console.newPage();
    await viewer.goto('/sign-in');
    await viewer.getByLabel('Email').waitFor({ timeout: 30_000 });
    await signIn(viewer, email, 'a long enough password');
    await viewer.goto(PAGE);
    await viewer.getByRole('heading', { name: 'Environments', level: 1 }).waitFor();
    await expect(viewer.getByTestId('environment').count()).resolves.toBe(3);
    await expect(
      viewer
        .getByRole('main')
        .getByRole('button', { name: /Create|Edit|Delete|Reorder/ })
        .count(),
    ).resolves.toBe(0);
    await viewer.getByText('owners and admins create, change and delete them').waitFor();
    await viewer.mouse.move(0, 0);
    await screenshot(viewer, 'environments-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});
