import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleUnderTest,
  expectNoSeriousA11yViolations,
  location,
  screenshot,
  signIn,
  startConsole,
} from './support/index.js';

const LIST = '/projects/default/flags';

interface FlagView {
  key: string;
  type: string;
  name?: string;
  tags?: string[];
  temporary?: boolean;
  clientSideAvailable?: boolean;
  archived: boolean;
  variations: { key: string; value: unknown; name?: string }[];
  environments: Record<string, { on: boolean; version: number }>;
}

describe('the flag list', () => {
  let console: ConsoleUnderTest;
  let page: Page;

  const getFlag = async (key: string): Promise<FlagView> => {
    const answer = await console.server.api('GET', `/api/v1/projects/default/flags/${key}`);
    expect(answer.status).toBe(200);
    return answer.body as FlagView;
  };
  const createFlag = async (flag: Record<string, unknown>) => {
    const answer = await console.server.api('POST', '/api/v1/projects/default/flags', flag);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  };
  /** The list's row for a flag (rendered only while it is on screen: the list is virtualised). */
  const row = (key: string): Locator => page.locator(`tr[data-flag="${key}"]`);
  const switchOf = (key: string, environment: string): Locator =>
    row(key).getByRole('switch', { name: `${key} in ${environment}` });
  const shownKeys = () =>
    page.locator('tr[data-flag]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-flag')));
  const dialog = () => page.getByRole('dialog');
  /** The create dialog's own key field (the variations have "Key of variation N"). */
  const flagKeyInput = () => dialog().getByRole('textbox', { name: /^Key(?! of)/ });

  beforeAll(async () => {
    console = await startConsole();
    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('teaches a project without flags: what a flag is for, a create button, and the SDK snippet for this environment', async () => {
    await page.goto(`${LIST}?env=development`);
    const empty = page.getByTestId('no-flags');
    await empty.waitFor();
    await empty.getByRole('heading', { name: 'No flags in default yet' }).waitFor();
    await empty.getByRole('button', { name: 'Create your first flag' }).waitFor();
    const node = await empty.locator('pre').textContent();
    expect(node).toContain("import { init } from '@vexil/node'");
    expect(node).toContain(`baseUrl: '${console.url}'`);
    // The development server key's hint, from the seeded keys: the secret itself is never shown.
    expect(node).toMatch(/development's server SDK key, vx_server_/);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-list-empty');

    await empty.getByRole('tab', { name: 'OFREP (curl)' }).click();
    const curl = await empty.locator('pre').textContent();
    expect(curl).toContain(`curl -s ${console.url}/ofrep/v1/evaluate/flags/new-checkout`);
    await screenshot(page, 'flag-list-empty-ofrep');
  });

  it('creates a boolean flag: the key follows the name, tags and lifetime as chosen', async () => {
    await page.getByRole('button', { name: 'Create your first flag' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('New checkout');
    await expect(flagKeyInput().inputValue()).resolves.toBe('new-checkout');
    await dialog().getByLabel('Description').fill('The one-page checkout');
    await dialog().getByLabel('Tags').pressSequentially('checkout');
    await page.keyboard.press('Enter');
    await dialog().getByLabel('Tags').pressSequentially('team-payments');
    await page.keyboard.press('Enter');
    await dialog().getByLabel('Available to client-side SDKs').check();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-create-boolean');
    await dialog().getByRole('button', { name: 'Create flag' }).click();
    await dialog().waitFor({ state: 'detached' });
    await row('new-checkout').waitFor();
    await page.getByText('Created new-checkout.').waitFor();

    const flag = await getFlag('new-checkout');
    expect(flag).toMatchObject({
      name: 'New checkout',
      type: 'boolean',
      tags: ['checkout', 'team-payments'],
      temporary: true,
      clientSideAvailable: true,
    });
    expect(flag.variations.map((variation) => variation.value)).toEqual([true, false]);
    await screenshot(page, 'flag-list-one-flag');
  });

  it('creates a string flag: values typed per variation, variations added, renamed and removed', async () => {
    await page.getByRole('main').getByRole('button', { name: 'Create flag' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('Checkout button colour');
    await flagKeyInput().fill('checkout-button');
    await dialog().getByLabel('Name', { exact: true }).fill('Checkout button color');
    // Edited by hand, the key no longer follows the name.
    await expect(flagKeyInput().inputValue()).resolves.toBe('checkout-button');
    await chooseSegment('String');
    await dialog().getByLabel('Key of variation 1').fill('blue');
    await dialog().getByLabel('Value of variation 1').fill('#1c7ed6');
    await dialog().getByLabel('Name of variation 1').fill('Blue');
    await dialog().getByLabel('Key of variation 2').fill('green');
    await dialog().getByLabel('Value of variation 2').fill('#37b24d');
    await dialog().getByRole('button', { name: 'Add a variation' }).click();
    await dialog().getByLabel('Key of variation 3').fill('red');
    await dialog().getByLabel('Value of variation 3').fill('#f03e3e');
    await dialog().getByRole('button', { name: 'Add a variation' }).click();
    await dialog()
      .getByRole('button', { name: /^Remove variation 4/ })
      .click();
    await expect(dialog().getByLabel('Key of variation 4').count()).resolves.toBe(0);
    await chooseSegment('Permanent');
    await screenshot(page, 'flag-create-string');
    await dialog().getByRole('button', { name: 'Create flag' }).click();
    await dialog().waitFor({ state: 'detached' });
    await row('checkout-button').waitFor();

    const flag = await getFlag('checkout-button');
    expect(flag).toMatchObject({ name: 'Checkout button color', type: 'string', temporary: false });
    expect(flag.variations).toEqual([
      { key: 'blue', value: '#1c7ed6', name: 'Blue' },
      { key: 'green', value: '#37b24d' },
      { key: 'red', value: '#f03e3e' },
    ]);
  });

  it('creates a number flag, saying at the field that a value is not a number', async () => {
    await page.getByRole('main').getByRole('button', { name: 'Create flag' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('Search page size');
    await chooseSegment('Number');
    await dialog().getByLabel('Value of variation 1').fill('20');
    await dialog().getByLabel('Value of variation 2').fill('fifty');
    await dialog().getByRole('button', { name: 'Create flag' }).click();
    await expectFieldError(dialog().getByLabel('Value of variation 2'), 'Must be a number, like 42 or 3.5');
    await dialog().getByLabel('Value of variation 2').fill('50');
    await dialog().getByRole('button', { name: 'Create flag' }).click();
    await dialog().waitFor({ state: 'detached' });
    const flag = await getFlag('search-page-size');
    expect(flag.variations.map((variation) => variation.value)).toEqual([20, 50]);
  });

  it('creates a JSON flag in the code editor: an invalid value is named at its field until fixed', async () => {
    await page.getByRole('main').getByRole('button', { name: 'Create flag' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('Pricing config');
    await chooseSegment('JSON');
    const editor = dialog().getByRole('textbox', { name: 'Value of variation 2' });
    // The editor is a chunk of its own, loaded when the dialog opens.
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('{"plans": ["free", "pro"');
    await dialog().getByRole('button', { name: 'Create flag' }).click();
    const error = dialog().getByText(/^Not valid JSON/);
    await error.waitFor();
    await expect(editor.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await editor.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toMatch(/^Not valid JSON/);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-create-json-invalid');

    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('{"plans": ["free", "pro"], "trialDays": 14}');
    await screenshot(page, 'flag-create-json-fixed');
    await dialog().getByRole('button', { name: 'Create flag' }).click();
    await dialog().waitFor({ state: 'detached' });
    const flag = await getFlag('pricing-config');
    expect(flag.type).toBe('json');
    expect(flag.variations.map((variation) => variation.value)).toEqual([
      {},
      { plans: ['free', 'pro'], trialDays: 14 },
    ]);
  });

  it('shows the server’s field errors at the field: a key already taken', async () => {
    await page.getByRole('main').getByRole('button', { name: 'Create flag' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('New checkout');
    await dialog().getByRole('button', { name: 'Create flag' }).click();
    await expectFieldError(flagKeyInput(), 'new-checkout is taken in default: choose another key');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-create-key-taken');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  describe('with 244 flags', () => {
    beforeAll(async () => {
      // Enough for three pages of the list (100 each); every other one tagged growth, every third permanent.
      for (let index = 0; index < 240; index++) {
        const number = String(index).padStart(3, '0');
        await createFlag({
          key: `feature-${number}`,
          name: `Feature ${number}`,
          tags: [index % 2 === 0 ? 'growth' : 'infra'],
          temporary: index % 3 !== 0,
        });
      }
    });

    it('searches key, name, description and tags as one types, with the search in the URL', async () => {
      await page.goto(`${LIST}?env=development`);
      await row('checkout-button').waitFor();
      await expect(page.getByTestId('flag-count').textContent()).resolves.toBe('244 flags');
      // `/` focuses the search from anywhere on the page.
      await page.locator('body').click({ position: { x: 5, y: 400 } });
      await page.keyboard.press('/');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe('search');
      await page.keyboard.type('checkout');
      await page.waitForURL(/[?&]q=checkout(&|$)/);
      await expect.poll(shownKeys).toEqual(['checkout-button', 'new-checkout']);
      await expect(page.getByTestId('flag-count').textContent()).resolves.toBe('2 flags matching “checkout”');
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'flag-list-search');

      // The description counts too.
      await page.getByRole('searchbox', { name: 'Search' }).fill('one-page');
      await expect.poll(shownKeys).toEqual(['new-checkout']);
      await page.getByRole('button', { name: 'Clear the search' }).click();
      await expect.poll(() => location(page)).toBe(`${LIST}?env=development`);
    });

    it('filters by tag, type, lifetime and status, each kept in the URL', async () => {
      await page.getByRole('combobox', { name: 'Tag' }).fill('growth');
      await page.keyboard.press('Enter');
      await page.waitForURL(/[?&]tag=growth(&|$)/);
      await expect.poll(() => page.getByTestId('flag-count').textContent()).toBe('120 flags');
      await page.getByRole('combobox', { name: 'Tag' }).fill('');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('flag-count').textContent()).toBe('244 flags');

      await pick('Type', 'JSON');
      await page.waitForURL(/[?&]type=json(&|$)/);
      await expect.poll(shownKeys).toEqual(['pricing-config']);
      await pick('Type', 'String');
      await expect.poll(shownKeys).toEqual(['checkout-button']);
      await pick('Type', 'Any type');
      await expect.poll(() => location(page)).toBe(`${LIST}?env=development`);

      await pick('Lifetime', 'Permanent');
      await page.waitForURL(/[?&]lifetime=permanent(&|$)/);
      // checkout-button, and feature-000, -003, … -237 (80 of them).
      await expect.poll(() => page.getByTestId('flag-count').textContent()).toBe('81 flags');
      await pick('Lifetime', 'Any lifetime');
      await expect.poll(() => location(page)).toBe(`${LIST}?env=development`);

      await pick('Status', 'New');
      await page.waitForURL(/[?&]status=new(&|$)/);
      await expect.poll(() => page.getByTestId('flag-count').textContent()).toBe('244 flags');
      await pick('Status', 'Inactive');
      await page.waitForURL(/[?&]status=inactive(&|$)/);
      await page.getByTestId('no-matches').waitFor();
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'flag-list-no-matches');
      await page.getByRole('button', { name: 'Clear the search and filters' }).click();
      await expect.poll(() => location(page)).toBe(`${LIST}?env=development`);
    });

    it('restores search and filters from a pasted URL', async () => {
      const fresh = await console.newPage();
      await signIn(fresh, console.owner.email, console.owner.password);
      await fresh.goto(`${LIST}?env=staging&q=feature-01&tag=growth&lifetime=temporary`);
      await fresh.locator('tr[data-flag]').first().waitFor();
      await expect(fresh.getByRole('searchbox', { name: 'Search' }).inputValue()).resolves.toBe('feature-01');
      await expect(fresh.getByRole('combobox', { name: 'Tag' }).inputValue()).resolves.toBe('growth');
      await expect(fresh.getByRole('combobox', { name: 'Lifetime' }).inputValue()).resolves.toBe('temporary');
      // feature-010 … -019, growth (even) and temporary (not a multiple of 3): 010, 014, 016.
      await expect
        .poll(() => fresh.locator('tr[data-flag]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-flag'))))
        .toEqual(['feature-010', 'feature-014', 'feature-016']);
      await screenshot(fresh, 'flag-list-pasted-url');
      await fresh.context().close();
    });

    it('fetches pages as the list scrolls, never everything at once, rendering only the rows on screen', async () => {
      const pages: string[] = [];
      const record = (request: { url(): string; method(): string }) => {
        const url = new URL(request.url());
        if (request.method() === 'GET' && url.pathname === '/api/v1/projects/default/flags') pages.push(url.search);
      };
      page.on('request', record);
      await page.goto(`${LIST}?env=development`);
      await row('checkout-button').waitFor();
      expect(pages).toHaveLength(1);
      expect(pages[0]).toContain('limit=100');
      expect(pages[0]).not.toContain('cursor');
      expect(await page.locator('tr[data-flag]').count()).toBeLessThan(40);
      await screenshot(page, 'flag-list');

      const scroller = page.getByRole('grid', { name: 'Flags' }).locator('..');
      await expect
        .poll(
          async () => {
            await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
            return page.locator('tr[data-flag="search-page-size"]').count();
          },
          { timeout: 15_000 },
        )
        .toBe(1);
      page.off('request', record);
      expect(pages).toHaveLength(3);
      expect(pages.slice(1).every((search) => search.includes('cursor='))).toBe(true);
      expect(await page.locator('tr[data-flag]').count()).toBeLessThan(40);
      await screenshot(page, 'flag-list-scrolled-to-the-end');
    });

    it('turns a flag on in development at once, with the version it showed', async () => {
      await page.goto(`${LIST}?env=development&q=new-checkout`);
      await switchOf('new-checkout', 'Development').waitFor();
      expect((await getFlag('new-checkout')).environments.development?.on).toBe(false);
      await switchOf('new-checkout', 'Development').click({ force: true });
      await expect.poll(async () => (await getFlag('new-checkout')).environments.development?.on).toBe(true);
      await expect(switchOf('new-checkout', 'Development').isChecked()).resolves.toBe(true);
      await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    });

    it('asks before changing production, says what will change; cancel changes nothing, confirm changes it', async () => {
      await switchOf('new-checkout', 'Production').click({ force: true });
      await dialog().getByRole('heading', { name: 'Turn new-checkout ON in Production?' }).waitFor();
      await expect(dialog().getByTestId('toggle-consequence').textContent()).resolves.toBe(
        'Turn new-checkout ON in Production: Everyone will get on (true) instead of off (false).',
      );
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'flag-list-confirm-production');
      await dialog().getByRole('button', { name: 'Cancel' }).click();
      await dialog().waitFor({ state: 'detached' });
      expect((await getFlag('new-checkout')).environments.production?.on).toBe(false);
      await expect(switchOf('new-checkout', 'Production').isChecked()).resolves.toBe(false);

      // With targeting, the words say so.
      const answer = await console.server.api(
        'PATCH',
        '/api/v1/projects/default/flags/new-checkout/environments/production',
        {
          allocations: [
            {
              id: 'staff',
              conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
              serve: { variation: 'on' },
            },
          ],
        },
      );
      expect(answer.status).toBe(200);
      await switchOf('new-checkout', 'Production').click({ force: true });
      await expect
        .poll(() => dialog().getByTestId('toggle-consequence').textContent())
        .toBe('Turn new-checkout ON in Production: Everyone will get the targeting rules instead of off (false).');
      await dialog().getByRole('button', { name: 'Turn on in Production' }).click();
      await dialog().waitFor({ state: 'detached' });
      expect((await getFlag('new-checkout')).environments.production?.on).toBe(true);
      await expect(switchOf('new-checkout', 'Production').isChecked()).resolves.toBe(true);
    });

    it('refuses to overwrite a change made meanwhile: the list is refreshed and says so', async () => {
      // Someone else turns it off in development after the list was loaded.
      const answer = await console.server.api(
        'PATCH',
        '/api/v1/projects/default/flags/new-checkout/environments/development',
        { on: false },
      );
      expect(answer.status).toBe(200);
      await expect(switchOf('new-checkout', 'Development').isChecked()).resolves.toBe(true);
      await switchOf('new-checkout', 'Development').click({ force: true });
      await page.getByText(/^Someone changed new-checkout in Development since this list was loaded/).waitFor();
      await expect.poll(() => switchOf('new-checkout', 'Development').isChecked()).toBe(false);
      expect((await getFlag('new-checkout')).environments.development?.version).toBe(3);
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'flag-list-conflict');
    });

    it('is usable from the keyboard: rows reachable with the arrows, Space selects, Enter opens the flag', async () => {
      await page.goto(`${LIST}?env=staging&tag=growth`);
      await row('feature-000').waitFor();
      await row('feature-000').focus();
      await page.keyboard.press('ArrowDown');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-flag'))).resolves.toBe('feature-002');
      await page.keyboard.press('Space');
      await expect(row('feature-002').getByRole('checkbox').isChecked()).resolves.toBe(true);
      await page.keyboard.press('End');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-flag')))
        .toBe('feature-198');
      await page.keyboard.press('Home');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-flag')))
        .toBe('feature-000');
      await page.getByTestId('bulk-actions').waitFor();
      await screenshot(page, 'flag-list-keyboard');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/projects/default/flags/feature-002');
      expect(location(page)).toBe('/projects/default/flags/feature-002?env=staging');
    });

    it('archives the selected flags after naming them', async () => {
      await page.goto(`${LIST}?env=development&q=feature-00`);
      await row('feature-001').waitFor();
      await row('feature-001').getByRole('checkbox').check();
      await row('feature-002').getByRole('checkbox').check();
      await row('feature-003').focus();
      await page.keyboard.press('Space');
      await page.getByTestId('bulk-actions').getByRole('button', { name: 'Archive…' }).click();
      await dialog().getByRole('heading', { name: 'Archive 3 flags?' }).waitFor();
      await expect(dialog().getByTestId('archive-list').textContent()).resolves.toBe(
        'feature-001feature-002feature-003',
      );
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, 'flag-list-archive-confirm');
      await dialog().getByRole('button', { name: 'Archive 3 flags' }).click();
      await dialog().waitFor({ state: 'detached' });
      await page.getByText('Archived 3 flags.').waitFor();
      await expect.poll(shownKeys).not.toContain('feature-001');
      for (const key of ['feature-001', 'feature-002', 'feature-003']) expect((await getFlag(key)).archived).toBe(true);
      expect((await getFlag('feature-004')).archived).toBe(false);

      await page.getByRole('link', { name: 'See archived flags' }).click();
      await page.waitForURL(/[?&]status=archived(&|$)/);
      await expect.poll(shownKeys).toEqual(['feature-001', 'feature-002', 'feature-003']);
      // Archived flags are not selectable for archiving again.
      await expect(page.getByRole('checkbox').count()).resolves.toBe(0);
      await screenshot(page, 'flag-list-archived');
    });

    it('shows a viewer the state of every flag, read-only: no switch, no create, no archive', async () => {
      const member = await console.server.api('POST', '/api/v1/members', {
        email: 'viewer@example.com',
        name: 'Vic Viewer',
        password: 'a long enough password',
        roles: [{ role: 'viewer' }],
      });
      expect(member.status, JSON.stringify(member.body)).toBe(201);
      const viewer = await console.newPage();
      await signIn(viewer, 'viewer@example.com', 'a long enough password');
      await viewer.goto(`${LIST}?env=production&q=checkout`);
      await viewer.locator('tr[data-flag="new-checkout"]').waitFor();
      await expect(viewer.getByRole('switch').count()).resolves.toBe(0);
      await expect(viewer.getByRole('checkbox').count()).resolves.toBe(0);
      await expect(viewer.getByRole('button', { name: 'Create flag' }).count()).resolves.toBe(0);
      const states = viewer.locator('tr[data-flag="new-checkout"]').getByTestId('read-only-state');
      await expect(states.allTextContents()).resolves.toEqual(['Off', 'Off', 'On']);
      await expectNoSeriousA11yViolations(viewer);
      await screenshot(viewer, 'flag-list-viewer');
      await viewer.context().close();
    });
  });

  /** Picks an option of one of the list's filters (a select named by its label). */
  async function pick(filter: string, option: string) {
    await page.getByRole('combobox', { name: filter, exact: true }).selectOption({ label: option });
  }

  /** Picks an option of a segmented control (type, lifetime) as a person does: by its label. */
  async function chooseSegment(label: string) {
    await dialog().locator('label').getByText(label, { exact: true }).click();
  }

  /** The message `text` is the input's own error: shown and named by `aria-describedby`. */
  async function expectFieldError(input: Locator, text: string) {
    await dialog().getByText(text, { exact: true }).waitFor();
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(descriptions).toContain(text);
  }
});
