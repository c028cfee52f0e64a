import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eppoConfiguration } from '../../../engine/test/support/eppo.js';
import { type ConsoleUnderTest, expectAccessible, screenshot, signIn, startConsole } from './support/index.js';
import { signInAsNewMember } from './support/members.js';

/**
 * The Eppo import page (`/projects/:project/import?env=`): a pasted UFC document imported into
 * staging, its summary linking the flags, which the flag list then shows and the API serves; Eppo's
 * own test configuration (`../shared/conformance/eppo/ufc/flags-v1.json`, with flags Vexil refuses)
 * chosen as a file and refused whole, each problem at its path under its flag; a critical
 * environment asking first; and members who may not import, who see no form.
 */

const PAGE = '/projects/default/import?env=staging';

/** One flag, as docs/api.md's example: on for North America, off for everyone else. */
const KILL_SWITCH = {
  format: 'SERVER',
  createdAt: '2026-11-20T10:00:00.000Z',
  environment: { name: 'Staging' },
  flags: {
    'kill-switch': {
      key: 'kill-switch',
      enabled: true,
      variationType: 'BOOLEAN',
      totalShards: 10000,
      variations: { on: { key: 'on', value: true }, off: { key: 'off', value: false } },
      allocations: [
        {
          key: 'on-for-NA',
          doLog: true,
          rules: [{ conditions: [{ attribute: 'country', operator: 'ONE_OF', value: ['US', 'Canada', 'Mexico'] }] }],
          splits: [{ variationKey: 'on', shards: [{ salt: 'some-salt', ranges: [{ start: 0, end: 10000 }] }] }],
        },
        { key: 'off-for-all', doLog: true, rules: [], splits: [{ variationKey: 'off', shards: [] }] },
      ],
    },
  },
};

describe('the Eppo import page', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  const flagKeys = async () =>
    ((await console.server.api('GET', '/api/v1/projects/default/flags?limit=100')).body.items as { key: string }[])
      .map((flag) => flag.key)
      .sort();

  beforeAll(async () => {
    console = await startConsole();
    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('imports a pasted document into the selected environment, and links the flags it created', async () => {
    // A retried attempt starts where the first began: without the flag it imported.
    if ((await flagKeys()).includes('kill-switch')) {
      await console.server.api('POST', '/api/v1/projects/default/flags/kill-switch/archive');
      await console.server.api('DELETE', '/api/v1/projects/default/flags/kill-switch');
    }
    await page.goto('/projects/default/flags?env=staging');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Import from Eppo' }).click();
    await page.getByRole('heading', { name: 'Import from Eppo', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/projects/default/import');
    expect(new URL(page.url()).searchParams.get('env')).toBe('staging');
    const importButton = page.getByRole('button', { name: 'Import into Staging' });
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await screenshot(page, 'import');
    await expectAccessible(page);

    const textarea = page.getByLabel('Or paste the document');
    await textarea.fill('{"format": "SERVER", "flags": ');
    await page
      .getByTestId('document-check')
      .getByText(/^This is not JSON/)
      .waitFor();
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await textarea.fill(JSON.stringify(KILL_SWITCH, null, 2));
    await page
      .getByTestId('document-check')
      .getByText('1 flag from Eppo’s Staging environment, to import into Staging.')
      .waitFor();
    await importButton.click();
    const summary = page.getByTestId('import-summary');
    await summary.getByText('1 flag created, 0 updated, 0 unchanged.').waitFor();
    await screenshot(page, 'import-summary');
    await expectAccessible(page);

    // Served in staging as Eppo would; off (its off variation) in the others.
    const flag = (await console.server.api('GET', '/api/v1/projects/default/flags/kill-switch')).body;
    expect(flag.environments.staging.on).toBe(true);
    expect(flag.environments.development.on).toBe(false);

    // The same document again writes nothing.
    await importButton.click();
    await summary.getByText('0 flags created, 0 updated, 1 unchanged.').waitFor();
    await page.getByTestId('import-unchanged').getByRole('link', { name: 'kill-switch' }).click();
    await page.waitForURL((url) => url.pathname === '/projects/default/flags/kill-switch');
    expect(new URL(page.url()).searchParams.get('env')).toBe('staging');
    await page.goto('/projects/default/flags?env=staging');
    await page.getByRole('link', { name: 'kill-switch' }).first().waitFor();
  });

  it('refuses Eppo’s test configuration whole, naming each problem at its path under its flag', async () => {
    const before = await flagKeys();
    const everything = eppoConfiguration();
    await page.goto(PAGE);
    // Mantine's FileInput is a button over a hidden file input: the file goes to the input, as the button's dialog would.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'flags-v1.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(everything)),
    });
    await page.getByTestId('chosen-file').getByText('flags-v1.json').waitFor();
    const count = Object.keys(everything.flags).length;
    await page.getByTestId('document-check').getByText(`${count} flags`, { exact: false }).waitFor();
    // The document is not drawn back into the page.
    await expect(page.getByLabel('Or paste the document').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Import into Staging' }).click();
    const problems = page.getByTestId('import-problems');
    await problems.getByText('Nothing was imported').waitFor();
    const empty = problems.locator('[data-testid="problem-group"][data-flag="empty_flag"]');
    await empty.waitFor();
    await expect(empty.locator('li').first().textContent()).resolves.toMatch(/^variations/);
    const groups = await problems
      .getByTestId('problem-group')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-flag')));
    expect(groups).toEqual(expect.arrayContaining(['empty_flag', 'invalid-value-flag']));
    await screenshot(page, 'import-refused');
    await expectAccessible(page);
    // All or nothing: not one of the document's valid flags was written.
    expect(await flagKeys()).toEqual(before);
  });

  it('asks before importing into a critical environment', async () => {
    await page.goto('/projects/default/import?env=production');
    await page.getByLabel('Or paste the document').fill(JSON.stringify(KILL_SWITCH));
    await page.getByRole('button', { name: 'Import into Production' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import into Production?' });
    await dialog.getByText('Production is critical').waitFor();
    await screenshot(page, 'import-confirm-critical');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const flag = async () => (await console.server.api('GET', '/api/v1/projects/default/flags/kill-switch')).body;
    expect((await flag()).environments.production.on).toBe(false);
    await page.getByRole('button', { name: 'Import into Production' }).click();
    await dialog.getByRole('button', { name: 'Import into Production' }).click();
    await page.getByTestId('import-summary').getByText('0 flags created, 1 updated, 0 unchanged.').waitFor();
    expect((await flag()).environments.production.on).toBe(true);
  });

  it('shows editors and viewers, who may not import, no form and no rail entry', async () => {
    const editor = await signInAsNewMember(console, 'Eddie Editor', [{ role: 'editor', project: 'default' }]);
    await editor.goto(PAGE);
    await editor.getByText('Owners and admins import flags into Staging').waitFor();
    await expect(editor.getByRole('main').getByRole('button').count()).resolves.toBe(0);
    await expect(editor.getByRole('main').getByRole('textbox').count()).resolves.toBe(0);
    await expect(
      editor.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Import from Eppo' }).count(),
    ).resolves.toBe(0);
    await screenshot(editor, 'import-not-allowed');
    await expectAccessible(editor);
    await editor.context().close();
  });
});
