import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, expectAccessible, screenshot, signIn, startConsole } from './support/index.js';
import { signInAsNewMember } from './support/members.js';

/**
 * The projects page (`/settings/projects`): the organisation's projects with their environments,
 * a project created (the switcher picks it up), renamed and described, and deleted after a typed
 * confirmation that counts what goes with it — each checked through the API — the server's
 * refusals at the key, and controls only for those allowed: admins edit, viewers see none.
 */

const PAGE = '/settings/projects';

describe('the projects page', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  const projects = async () =>
    (await console.server.api('GET', '/api/v1/projects')).body as { key: string; name: string; description: string }[];
  const row = (key: string) => page.locator(`[data-testid="project"][data-key="${key}"]`);
  const switcherOptions = () =>
    page.getByRole('navigation', { name: 'Console' }).getByLabel('Project').locator('option').allTextContents();

  beforeAll(async () => {
    console = await startConsole();
    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('lists the projects with their key and environments, reached from the rail’s Settings group', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(PAGE);
    const defaultRow = row('default');
    await defaultRow.getByRole('group', { name: /Environments of/ }).waitFor();
    await expect(
      defaultRow
        .getByRole('group', { name: /Environments of/ })
        .locator('.mantine-Badge-label')
        .allTextContents(),
    ).resolves.toEqual(['Development', 'Staging', 'Production · critical']);
    await screenshot(page, 'projects');
    await expectAccessible(page);
  });

  it('creates a project, which the project switcher offers at once, and shows a taken key at the key', async () => {
    await page.goto(PAGE);
    await expect(switcherOptions()).resolves.not.toContain('Mobile app');
    await page.getByRole('button', { name: 'Create project' }).click();
    expect(new URL(page.url()).searchParams.has('create')).toBe(true);
    const dialog = page.getByRole('dialog', { name: 'Create a project' });
    await dialog.getByLabel('Key').fill('mobile app');
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await dialog.getByText('Use 1–128 letters, digits, “-”, “_” or “.”').waitFor();
    await expect.poll(() => dialog.getByLabel('Key').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Key').fill('mobile-app');
    await dialog.getByLabel('Name').fill('Mobile app');
    await dialog.getByLabel('Description').fill('Flags of the iOS and Android apps');
    await screenshot(page, 'projects-create');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('mobile-app').getByText('Flags of the iOS and Android apps').waitFor();
    expect((await projects()).find((project) => project.key === 'mobile-app')).toMatchObject({
      name: 'Mobile app',
      description: 'Flags of the iOS and Android apps',
    });
    await expect.poll(switcherOptions).toContain('Mobile app');

    await page.getByRole('button', { name: 'Create project' }).click();
    await dialog.getByLabel('Key').fill('mobile-app');
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await dialog.getByText('mobile-app is taken in this organisation: choose another key').waitFor();
    await expect.poll(() => dialog.getByLabel('Key').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await projects()).map((project) => project.key).sort()).toEqual(['default', 'mobile-app']);
  });

  it('renames and describes a project', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Edit Mobile app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Mobile app' });
    await dialog.getByLabel('Name').fill('Mobile apps');
    await dialog.getByLabel('Description').fill('iOS, Android and their backend');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('mobile-app').getByText('iOS, Android and their backend').waitFor();
    expect((await projects()).find((project) => project.key === 'mobile-app')).toMatchObject({
      name: 'Mobile apps',
      description: 'iOS, Android and their backend',
    });
    await expect.poll(switcherOptions).toContain('Mobile apps');
  });

  it('deletes a project once its key is typed, counting what goes with it', async () => {
    const base = '/api/v1/projects/mobile-app';
    for (const key of ['dark-mode', 'new-checkout'])
      expect((await console.server.api('POST', `${base}/flags`, { key })).status).toBe(201);
    expect((await console.server.api('POST', `${base}/segments`, { key: 'beta-testers' })).status).toBe(201);
    const sdkKey = await console.server.api('POST', `${base}/environments/production/sdk-keys`, {
      name: 'iOS',
      kind: 'client',
    });
    expect(sdkKey.status).toBe(201);

    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Delete Mobile apps' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Mobile apps?' });
    const losses = dialog.getByTestId('deletion-losses');
    await losses.getByText('2 flags, with their targeting and history').waitFor();
    await expect(losses.locator('li').allTextContents()).resolves.toEqual([
      '2 flags, with their targeting and history',
      '1 segment and 0 metrics',
      '3 environments, with the users and events SDKs reported there',
      '1 active SDK key: applications using it are refused at once',
    ]);
    const remove = dialog.getByRole('button', { name: 'Delete Mobile apps' });
    await expect(remove.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(/to confirm/).fill('Mobile apps');
    await expect(remove.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(/to confirm/).fill('mobile-app');
    await screenshot(page, 'projects-delete-confirm');
    await expectAccessible(page);
    await remove.click();
    await dialog.waitFor({ state: 'detached' });
    await row('mobile-app').waitFor({ state: 'detached' });
    expect((await projects()).map((project) => project.key)).toEqual(['default']);
    expect((await console.server.api('GET', base)).status).toBe(404);
    await expect.poll(switcherOptions).not.toContain('Mobile apps');
    // Its SDK key went with it.
    const refused = await fetch(`${console.url}/sdk/v1/evaluate`, {
      method: 'POST',
      headers: { authorization: sdkKey.body.key, 'content-type': 'application/json' },
      body: JSON.stringify({ context: { key: 'ada' } }),
    });
    expect(refused.status).toBe(401);
  });

  it('gives admins the edit button only, and viewers no controls at all', async () => {
    const admin = await signInAsNewMember(console, 'Ada Admin', [{ role: 'admin' }]);
    await admin.goto(PAGE);
    await admin.locator('[data-testid="project"][data-key="default"]').waitFor();
    await admin.getByRole('button', { name: /^Edit / }).waitFor();
    await expect(
      admin
        .getByRole('main')
        .getByRole('button', { name: /Create|Delete/ })
        .count(),
    ).resolves.toBe(0);
    await admin.context().close();

    const viewer = await signInAsNewMember(console, 'Vic Viewer', [{ role: 'viewer', project: 'default' }]);
    await viewer.goto(PAGE);
    await viewer.locator('[data-testid="project"][data-key="default"]').waitFor();
    await expect(
      viewer
        .getByRole('main')
        .getByRole('button', { name: /Create|Edit|Delete/ })
        .count(),
    ).resolves.toBe(0);
    await viewer.getByText('owners create and delete projects').waitFor();
    // A link to the create dialog opens nothing for them.
    await viewer.goto(`${PAGE}?create`);
    await viewer.locator('[data-testid="project"][data-key="default"]').waitFor();
    await expect(viewer.getByRole('dialog').count()).resolves.toBe(0);
    await screenshot(viewer, 'projects-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});
