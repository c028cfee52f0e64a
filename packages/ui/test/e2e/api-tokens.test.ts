import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, expectAccessible, screenshot, signIn, startConsole } from './support/index.js';

/**
 * The API tokens page: a personal token created with narrower grants and an expiry, its secret shown
 * once and copied, working within its grants and refused (401) once revoked after a confirmation
 * naming it; owners' service tokens on their own tab (`?tab=service`); the server's refusals at the
 * field; a member who is not an owner sees only their own personal tokens.
 */

const PAGE = '/settings/api-tokens';
const PASSWORD = 'a long enough password';
/** Unique per run: a retried test must not find the member its first attempt made. */
const EDITOR = `eddie-${Date.now()}@example.com`;

describe('the API tokens page', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  let secret = '';
  const row = (name: string): Locator => page.locator(`[data-testid="api-token"][data-name="${name}"]`);
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${console.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    console = await startConsole();
    page = await console.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: console.url });
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('is reached from the rail, and teaches what a personal token is for when there is none', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(PAGE);
    await page.getByText('You have no personal tokens.').waitFor();
    await page.getByRole('tab', { name: 'Your personal tokens', selected: true }).waitFor();
    await expectAccessible(page);
  });

  it('creates a personal token with narrower grants and an expiry: shown once, copied, working within its grants', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Create personal token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a personal token' });
    // It starts from the member's own grants.
    await expect(dialog.getByRole('combobox', { name: 'Role of grant 1' }).inputValue()).resolves.toBe('owner');
    await dialog.getByLabel('Name').fill('Release script');
    await dialog.getByRole('combobox', { name: 'Role of grant 1' }).selectOption('editor');
    await dialog.getByRole('combobox', { name: 'Project of grant 1' }).selectOption('default');
    await dialog.getByRole('combobox', { name: 'Expires' }).selectOption('30');
    await screenshot(page, 'api-tokens-create');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const shown = page.getByRole('dialog', { name: 'Release script is created' });
    await shown.waitFor();
    secret = (await shown.getByTestId('new-token').locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^vx_pat_/);
    await shown.getByRole('button', { name: 'Copy the new token' }).click();
    await shown.getByRole('button', { name: 'Copied the new token' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);
    await screenshot(page, 'api-tokens-created');
    await expectAccessible(page);
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });

    await expect(row('Release script').textContent()).resolves.toMatch(
      /Editor · project default.*NeverActiveexpires in (29|30) days/,
    );
    const [listed] = (await console.server.api('GET', '/api/v1/api-tokens')).body.filter(
      (token: { name: string }) => token.name === 'Release script',
    );
    expect(listed).toMatchObject({ kind: 'personal', roles: [{ role: 'editor', project: 'default' }] });
    expect(Date.parse(listed.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    // Within its grants it works; beyond them (an owner's action) it is refused.
    expect((await call('GET', '/api/v1/projects/default/flags', secret)).status).toBe(200);
    expect(
      (await call('POST', '/api/v1/projects/default/environments', secret, { key: 'qa', name: 'QA' })).status,
    ).toBe(403);
    // Its last use shows after a reload: created and last used are both "just now".
    await page.reload();
    await row('Release script').waitFor();
    await expect.poll(() => row('Release script').getByText('just now').count()).toBe(2);
  });

  it('revokes it after a confirmation naming it; the token is refused from then on', async () => {
    await page.goto(PAGE);
    await row('Release script')
      .getByRole('button', { name: /^Revoke Release script/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Revoke Release script?' });
    await dialog.getByText('scripts and tools using “Release script” stop working').waitFor();
    await screenshot(page, 'api-tokens-revoke');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="api-token"][data-name="Release script"][data-status="revoked"]').waitFor();
    await expect(
      row('Release script')
        .getByRole('button', { name: /^Revoke/ })
        .count(),
    ).resolves.toBe(0);
    expect((await call('GET', '/api/v1/projects/default/flags', secret)).status).toBe(401);
  });

  it('shows the server’s refusal of a name at the name', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Create personal token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a personal token' });
    await dialog.getByLabel('Name').fill('x'.repeat(201));
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => dialog.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('Must have at most 200 characters').waitFor();
    await screenshot(page, 'api-tokens-field-error');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('lists and creates service tokens on their own tab, kept in the URL', async () => {
    await page.goto(PAGE);
    await page.getByRole('tab', { name: 'Service tokens' }).click();
    await page.waitForURL((url) => url.search === '?tab=service');
    // The first start's owner token is one.
    await row('first-start owner token').waitFor();
    await page.getByRole('button', { name: 'Create service token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a service token' });
    await dialog.getByLabel('Name').fill('CI deploys');
    await dialog.getByRole('combobox', { name: 'Role of grant 1' }).selectOption('editor');
    await dialog.getByRole('combobox', { name: 'Expires' }).selectOption('never');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'CI deploys is created' });
    const token = (await shown.getByTestId('new-token').locator('code').textContent()) ?? '';
    expect(token).toMatch(/^vx_svc_/);
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(row('CI deploys').textContent()).resolves.toMatch(/Editor · organisation.*NeverActivenever expires/);
    expect((await call('GET', '/api/v1/projects/default/flags', token)).status).toBe(200);
    // A pasted link opens the same tab.
    await page.goto(`${PAGE}?tab=service`);
    await page.getByRole('tab', { name: 'Service tokens', selected: true }).waitFor();
    await row('CI deploys').waitFor();
    await expect(page.getByTestId('api-token').count()).resolves.toBe(2);
    await screenshot(page, 'api-tokens-service');
    await expectAccessible(page);
  });

  it('shows a member who is not an owner only their own personal tokens, and refuses grants beyond theirs', async () => {
    const created = await console.server.api('POST', '/api/v1/members', {
      email: EDITOR,
      name: 'Eddie Editor',
      password: PASSWORD,
      roles: [{ role: 'editor', project: 'default' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const editor = await console.newPage();
    await signIn(editor, EDITOR, PASSWORD);
    await editor.goto(`${PAGE}?tab=service`);
    await editor.getByRole('heading', { name: 'Your personal tokens' }).waitFor();
    await expect(editor.getByRole('tab').count()).resolves.toBe(0);
    await expect(editor.getByRole('button', { name: 'Create service token' }).count()).resolves.toBe(0);
    await editor.getByText('You have no personal tokens.').waitFor();

    await editor.getByRole('button', { name: 'Create personal token' }).click();
    const dialog = editor.getByRole('dialog', { name: 'Create a personal token' });
    await dialog.getByLabel('Name').fill('Reports');
    await dialog.getByRole('combobox', { name: 'Role of grant 1' }).selectOption('owner');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await dialog.getByRole('alert').getByText('may not grant roles[0]').waitFor();
    await dialog.getByRole('combobox', { name: 'Role of grant 1' }).selectOption('viewer');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await editor.getByRole('dialog', { name: 'Reports is created' }).getByRole('button', { name: 'Done' }).click();
    await editor.locator('[data-testid="api-token"][data-name="Reports"]').waitFor();
    await expect(editor.getByTestId('api-token').count()).resolves.toBe(1);
    await screenshot(editor, 'api-tokens-editor');
    await expectAccessible(editor);
    await editor.context().close();
  });
});
