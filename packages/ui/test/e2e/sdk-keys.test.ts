import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, expectAccessible, screenshot, signIn, startConsole } from './support/index.js';

/**
 * The SDK keys page of an environment: a client key created in the console, its secret shown once
 * and copied, then used as the page shows it against OFREP; rotated with a grace period (both keys
 * work meanwhile, and the old one's expiry is shown); revoked (the server refuses it); the server's
 * refusal of a name at its field; viewers see no controls.
 */

const FLAG = 'new-checkout';
const PAGE = '/projects/default/sdk-keys?env=development';

describe('the SDK keys page', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  /** The key created in the first test, and the one that replaced it in the rotation. */
  let created = '';
  let rotated = '';

  /** An OFREP evaluation of the flag with a key, as an SDK would make it. */
  const evaluate = (key: string) =>
    fetch(`${console.url}/ofrep/v1/evaluate/flags/${FLAG}`, {
      method: 'POST',
      headers: { authorization: key, 'content-type': 'application/json' },
      body: JSON.stringify({ context: { targetingKey: 'ada' } }),
    });
  const keys = async () =>
    (await console.server.api('GET', '/api/v1/projects/default/environments/development/sdk-keys')).body as {
      id: string;
      name: string;
      kind: string;
      status: string;
      expiresAt: string | null;
    }[];

  beforeAll(async () => {
    console = await startConsole();
    const flag = await console.server.api('POST', '/api/v1/projects/default/flags', {
      key: FLAG,
      clientSideAvailable: true,
      environments: { development: { on: true } },
    });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);
    page = await console.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: console.url });
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('lists the environment’s keys, reached from the rail with the selected environment', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'SDK keys' }).click();
    await page.getByRole('heading', { name: 'SDK keys', level: 1 }).waitFor();
    expect(new URL(page.url()).search).toBe('?env=development');
    const rows = page.getByTestId('sdk-key');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.allTextContents()).resolves.toEqual([
      // The server's order: oldest first, then by name. A client key (public) has Copy beside its hint.
      expect.stringMatching(/^development client keyClientvx_client_…[\w-]+Copy.*Active/),
      expect.stringMatching(/^development server keyServervx_server_…[\w-]+.*Active/),
    ]);
    await screenshot(page, 'sdk-keys');
    await expectAccessible(page);
  });

  it('creates a client key: shown once, copied, and working against OFREP as the snippets use it', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Create SDK key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an SDK key in Development' });
    await dialog.getByLabel('Name').fill('Web app');
    await dialog.getByText('Client', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: 'Web app is created' });
    await shown.waitFor();
    created = (await shown.getByTestId('new-key').locator('code').textContent()) ?? '';
    expect(created).toMatch(/^vx_client_/);
    await shown.getByRole('button', { name: 'Copy the new key' }).click();
    await shown.getByRole('button', { name: 'Copied the new key' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(created);

    // The snippets carry this server's address and the key.
    await shown.getByRole('tab', { name: 'React' }).click();
    const react = (await shown.getByRole('group', { name: 'React code' }).textContent()) ?? '';
    expect(react).toContain(`baseUrl: '${console.url}'`);
    expect(react).toContain(`clientKey: '${created}'`);
    expect(react).toContain('<VexilProvider options={options}>');
    await shown.getByRole('tab', { name: 'OpenFeature (web)' }).click();
    await expect(shown.getByRole('group', { name: 'OpenFeature (web) code' }).textContent()).resolves.toContain(
      `headers: [['Authorization', '${created}']]`,
    );
    await screenshot(page, 'sdk-keys-created');
    await expectAccessible(page);

    const answer = await evaluate(created);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ key: FLAG, value: true });
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    await page.getByTestId('sdk-key').filter({ hasText: 'Web app' }).waitFor();
  });

  it('rotates a key with a grace period: the new key is shown, and both work until the old one expires', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Rotate Web app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate Web app?' });
    await dialog.getByLabel('1 hour').check();
    await expect(dialog.getByTestId('old-key-expiry').textContent()).resolves.toMatch(
      /^The old key keeps working until about \d+ \w+ \d{4}, \d\d:\d\d:\d\d/,
    );
    await screenshot(page, 'sdk-keys-rotate');
    await expectAccessible(page);
    const before = Date.now();
    await dialog.getByRole('button', { name: 'Rotate key' }).click();

    const shown = page.getByRole('dialog', { name: 'Web app: the new key' });
    await shown.waitFor();
    rotated = (await shown.getByTestId('new-key').locator('code').textContent()) ?? '';
    expect(rotated).toMatch(/^vx_client_/);
    expect(rotated).not.toBe(created);
    await expect(shown.getByTestId('previous-key').textContent()).resolves.toMatch(/keeps working until \d+ \w+ \d{4}/);
    const old = (await keys()).find((key) => key.name === 'Web app' && key.status === 'expiring');
    expect(old).toBeDefined();
    const graceMs = Date.parse(old?.expiresAt ?? '') - before;
    expect(graceMs).toBeGreaterThan(59 * 60_000);
    expect(graceMs).toBeLessThanOrEqual(61 * 60_000);
    await shown.getByRole('button', { name: 'Done' }).click();

    const expiring = page.locator('[data-testid="sdk-key"][data-status="expiring"]');
    await expiring.waitFor();
    await expect(expiring.textContent()).resolves.toMatch(/expires in 5\d min/);
    expect((await evaluate(created)).status).toBe(200);
    expect((await evaluate(rotated)).status).toBe(200);
    await screenshot(page, 'sdk-keys-rotated');
    await expectAccessible(page);
  });

  it('revokes a key after a confirmation, and the server refuses it from then on', async () => {
    await page.goto(PAGE);
    const expiring = page.locator('[data-testid="sdk-key"][data-status="expiring"]');
    await expiring.getByRole('button', { name: /^Revoke Web app/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke Web app?' });
    await dialog.getByText('stop getting Development’s flags at once').waitFor();
    await screenshot(page, 'sdk-keys-revoke');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="sdk-key"][data-status="revoked"]').waitFor();
    expect((await evaluate(created)).status).toBe(401);
    expect((await evaluate(rotated)).status).toBe(200);
  });

  it('shows the server’s refusal of a name at the name', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Create SDK key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an SDK key in Development' });
    await dialog.getByLabel('Name').fill('x'.repeat(201));
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => dialog.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('Must have at most 200 characters').waitFor();
    await screenshot(page, 'sdk-keys-field-error');
    await expectAccessible(page);
    expect((await keys()).length).toBe(4);
  });

  it('shows viewers no keys and no controls, only where a key goes', async () => {
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
    await viewer.getByRole('heading', { name: 'SDK keys', level: 1 }).waitFor();
    await viewer.getByText('Owners and admins manage the SDK keys of Development').waitFor();
    await expect(viewer.getByTestId('sdk-key').count()).resolves.toBe(0);
    await expect(
      viewer
        .getByRole('main')
        .getByRole('button', { name: /Create|Rotate|Revoke/ })
        .count(),
    ).resolves.toBe(0);
    await viewer.mouse.move(0, 0);
    await screenshot(viewer, 'sdk-keys-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});
