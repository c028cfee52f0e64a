import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleUnderTest,
  expectNoSeriousA11yViolations,
  screenshot,
  signIn,
  startConsole,
} from './support/index.js';

/**
 * The flag page: its targeting editor, and the draft → review → save path, against a real server
 * in Chromium. What the editor saves is checked where it matters: what SDKs (and OFREP) serve.
 */

const FLAG = 'checkout-copy';
const VARIATIONS = [
  { key: 'control', value: 'Buy now', name: 'Control' },
  { key: 'friendly', value: 'Get it today', name: 'Friendly' },
  { key: 'bold', value: 'BUY!', name: 'Bold' },
];
/** Members of the "Beta testers" segment: enough that a 30 % exposure leaves some in and some out. */
const BETA_TESTERS = Array.from({ length: 40 }, (_, index) => `beta-${index + 1}`);

describe('the flag page: targeting, review and save', () => {
  let console: ConsoleUnderTest;
  let clientKey: string;
  const pages: Page[] = [];

  beforeAll(async () => {
    console = await startConsole();
    const flag = await console.server.api('POST', '/api/v1/projects/default/flags', {
      key: FLAG,
      name: 'Checkout copy',
      description: 'The words on the checkout button.',
      type: 'string',
      tags: ['checkout', 'copy'],
      variations: VARIATIONS,
      clientSideAvailable: true,
    });
    expect(flag.status).toBe(201);
    const segment = await console.server.api('POST', '/api/v1/projects/default/segments', {
      key: 'beta-testers',
      name: 'Beta testers',
      included: BETA_TESTERS,
    });
    expect(segment.status).toBe(201);
    const key = await console.server.api('POST', '/api/v1/projects/default/environments/production/sdk-keys', {
      name: 'Browser tests',
      kind: 'client',
    });
    expect(key.status).toBe(201);
    clientKey = key.body.key;
  });
  afterAll(() => console?.close());

  const newPage = async (email = console.owner.email, password = console.owner.password) => {
    const page = await console.newPage();
    pages.push(page);
    await signIn(page, email, password);
    return page;
  };

  const openFlag = async (page: Page, environment: string, flag = FLAG) => {
    await page.goto(`/projects/default/flags/${flag}?env=${environment}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Allocations' }).waitFor();
  };

  it('targets a segment at 30 % and France and Germany, reordered by keyboard, reviewed, saved, turned on — and SDKs agree', {
    timeout: 120_000,
  }, async () => {
    const page = await newPage();
    await openFlag(page, 'production');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Checkout copy');
    await expect(page.getByTestId('selected-environment-state').textContent()).resolves.toContain('Off in Production');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-page');

    // A first allocation: the beta testers segment, 30 % exposure, serving Friendly.
    await page.getByRole('button', { name: 'Add allocation' }).click();
    const first = page.getByTestId('allocation').nth(0);
    await first.getByLabel('Name').fill('Beta rollout');
    await first.getByRole('button', { name: 'Add segment' }).click();
    await expect(first.getByRole('combobox', { name: /condition 1: segment/ }).inputValue()).resolves.toBe(
      'Beta testers',
    );
    await first.getByRole('textbox', { name: 'Exposure' }).fill('30');
    await choose(page, first.getByRole('combobox', { name: /serves: variation/ }), 'Friendly');

    // A second: country is one of FR, DE, serving Bold; the value is checked as it is typed.
    await page.getByRole('button', { name: 'Add allocation' }).click();
    const second = page.getByTestId('allocation').nth(1);
    await second.getByLabel('Name').fill('France and Germany');
    await second.getByRole('button', { name: 'Add condition' }).click();
    await second.getByLabel(/condition 1: attribute/).fill('country');
    await choose(page, second.getByRole('combobox', { name: /condition 1: operator/ }), 'is one of');
    const values = second.getByRole('combobox', { name: /condition 1: values/ });
    await values.fill('FR');
    await values.press('Enter');
    await values.fill('DE');
    await values.press('Enter');
    await choose(page, second.getByRole('combobox', { name: /serves: variation/ }), 'Bold');
    await expect(second.textContent()).resolves.toContain('Users whose country is one of FR, DE get Bold');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-allocations-expanded');

    // Closed, each card is its sentence.
    await page.getByRole('button', { name: 'Close Allocation “Beta rollout”' }).click();
    await page.getByRole('button', { name: 'Close Allocation “France and Germany”' }).click();
    await expect(first.textContent()).resolves.toContain(
      'Everyone in Beta testers (40 keys) — 30 % get Friendly, the other 70 % are not exposed',
    );
    await expect(page.getByRole('region', { name: 'Unsaved changes' }).textContent()).resolves.toContain(
      '2 unsaved changes',
    );
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-allocations-collapsed');

    // Reordered with the keyboard: France and Germany goes first.
    const handle = page.getByRole('button', { name: 'Reorder Allocation “France and Germany”' });
    await handle.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(150);
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.getByTestId('allocation').nth(0).getAttribute('aria-label'))
      .toBe('Allocation “France and Germany”');

    // Review: the changes in words.
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    const review = page.getByRole('dialog', { name: 'Review your changes' });
    await review.waitFor();
    const reviewed = (await review.textContent()) ?? '';
    expect(reviewed).toContain('Production');
    expect(reviewed).toContain('Users whose country is one of FR, DE: Bold');
    expect(reviewed).toContain('Everyone in Beta testers: Friendly');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-review');

    // Production is critical: saving asks first, showing what changes there.
    await review.getByRole('button', { name: 'Save…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Save changes to Production?' });
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain('critical environment');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-confirm-critical');
    await confirm.getByRole('button', { name: 'Save to Production' }).click();
    await page.getByText('All changes saved').waitFor();

    // Turned on, through the same confirmation.
    await page.getByRole('switch', { name: 'Flag on in Production' }).check({ force: true });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain('on/off');
    await confirm.getByRole('button', { name: 'Save to Production' }).click();
    await page.getByText('All changes saved').waitFor();
    await expect(page.getByTestId('selected-environment-state').textContent()).resolves.toContain('On in Production');
    await screenshot(page, 'flag-on-in-production');

    // What the editor shows is what SDKs serve.
    const evaluate = async (context: Record<string, unknown>) => {
      const response = await fetch(`${console.url}/sdk/v1/evaluate`, {
        method: 'POST',
        headers: { authorization: clientKey, 'content-type': 'application/json' },
        body: JSON.stringify({ context }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { flags: Record<string, { variation?: string; reason: string }> }).flags[FLAG];
    };
    const ofrep = async (context: Record<string, unknown>) => {
      const response = await fetch(`${console.url}/ofrep/v1/evaluate/flags/${FLAG}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ context }),
      });
      return { status: response.status, body: (await response.json()) as { value?: unknown; variant?: string } };
    };

    const french = await evaluate({ key: 'marie', country: 'FR' });
    expect(french).toMatchObject({ variation: 'bold', reason: 'TARGETING_MATCH' });
    await expect(ofrep({ targetingKey: 'marie', country: 'FR' })).resolves.toMatchObject({
      status: 200,
      body: { value: 'BUY!', variant: 'bold' },
    });
    // A French beta tester: the country allocation comes first now.
    await expect(evaluate({ key: 'beta-1', country: 'FR' })).resolves.toMatchObject({ variation: 'bold' });

    const someoneElse = await evaluate({ key: 'sam', country: 'US' });
    expect(someoneElse).toMatchObject({ variation: 'control' });
    await expect(ofrep({ targetingKey: 'sam', country: 'US' })).resolves.toMatchObject({
      body: { value: 'Buy now', variant: 'control' },
    });

    const testers = await Promise.all(BETA_TESTERS.map((key) => evaluate({ key, country: 'US' })));
    const exposed = BETA_TESTERS.filter((_, index) => testers[index]?.variation === 'friendly');
    for (const result of testers) {
      expect(result?.variation === 'friendly' || result?.reason === 'TRAFFIC_EXCLUDED').toBe(true);
    }
    // 30 % of 40: some in, most out (bucketing is a hash, so not exactly 12).
    expect(exposed.length).toBeGreaterThan(2);
    expect(exposed.length).toBeLessThan(25);
    await expect(ofrep({ targetingKey: exposed[0], country: 'US' })).resolves.toMatchObject({
      body: { value: 'Get it today', variant: 'friendly' },
    });
  });

  it('shows a second editor the first one’s save, and keeps both changes when it reapplies its own', {
    timeout: 120_000,
  }, async () => {
    const alice = await newPage();
    const bob = await newPage();
    await openFlag(alice, 'development');
    await openFlag(bob, 'development');

    // Alice serves Friendly to everyone else and saves.
    await choose(alice, alice.getByRole('combobox', { name: 'Fallthrough: variation' }), 'Friendly');
    await alice.getByRole('button', { name: 'Save', exact: true }).click();
    await alice.getByText('All changes saved').waitFor();

    // Bob, still on the version he opened, pins a QA account to Bold and saves.
    // Several keys pasted at once become one each.
    const bold = bob.getByRole('combobox', { name: 'Users who get Bold' });
    await bold.evaluate((input) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'qa-bob\nqa-carol, qa-bob');
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await bob.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = bob.getByRole('dialog', { name: 'Someone else saved this flag' });
    await conflict.waitFor();
    const theirs = conflict.getByRole('region', { name: 'Their changes' });
    await expect(theirs.textContent()).resolves.toContain('fallthrough');
    await expect(theirs.textContent()).resolves.toContain('Friendly');
    await expect(conflict.getByRole('region', { name: 'Your unsaved changes' }).textContent()).resolves.toContain(
      'added qa-bob, qa-carol',
    );
    await expectNoSeriousA11yViolations(bob);
    await screenshot(bob, 'flag-conflict');

    // Nothing of Alice's was overwritten.
    const between = await console.server.api('GET', `/api/v1/projects/default/flags/${FLAG}`);
    expect(between.body.environments.development.fallthrough).toEqual({ variation: 'friendly' });
    expect(between.body.environments.development.targets).toBeUndefined();

    await conflict.getByRole('button', { name: 'Reapply my changes' }).click();
    await bob.getByText('Your changes are reapplied on the latest version').waitFor();
    await expectNoSeriousA11yViolations(bob);
    await screenshot(bob, 'flag-rebased');
    await bob.getByRole('button', { name: 'Save', exact: true }).click();
    await bob.getByText('All changes saved').waitFor();

    const after = await console.server.api('GET', `/api/v1/projects/default/flags/${FLAG}`);
    expect(after.body.environments.development.fallthrough).toEqual({ variation: 'friendly' });
    expect(after.body.environments.development.targets).toEqual([
      { variation: 'bold', values: ['qa-bob', 'qa-carol'] },
    ]);
  });

  it('shows the server’s message at the split’s weights when they do not add up to 100 %', async () => {
    const page = await newPage();
    await openFlag(page, 'staging');
    await page.getByRole('button', { name: 'Add allocation' }).click();
    const card = page.getByTestId('allocation').nth(0);
    await card.locator('label', { hasText: 'A split' }).click();
    await card.getByLabel('Weight of Control').fill('60');
    await card.getByLabel('Weight of Friendly').fill('30');
    await card.getByLabel('Weight of Bold').fill('0');
    await card.getByText('Total 90 % · 10 % left').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // The server refuses it; its message is at the weights, and the bar says nothing was saved.
    const split = card.getByRole('group', { name: /split/ });
    const message = card.getByText('Weights must sum to 100, not 90');
    await message.waitFor();
    const describedBy = (await split.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe('Weights must sum to 100, not 90');
    await expect(page.getByRole('region', { name: 'Unsaved changes' }).textContent()).resolves.toContain('Not saved');
    await expectNoSeriousA11yViolations(page);
    await split.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'flag-split-error');
    const stored = await console.server.api('GET', `/api/v1/projects/default/flags/${FLAG}`);
    expect(stored.body.environments.staging.allocations).toBeUndefined();

    // Fixed, the message goes at once, and the save goes through.
    await card.getByLabel('Weight of Bold').fill('10');
    await message.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved').waitFor();
  });

  it('warns before leaving with unsaved changes', async () => {
    const page = await newPage();
    await openFlag(page, 'development');
    await page.getByRole('switch', { name: 'Flag on in Development' }).check({ force: true });
    await page.getByRole('link', { name: '← Flags' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Stay', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/projects/default/flags/${FLAG}`);
    // Tabs and environments are the same page: the draft stays.
    await page.getByRole('tab', { name: 'History' }).click();
    await page.waitForURL(/tab=history/);
    await page.getByRole('tab', { name: 'Targeting' }).click();
    await expect(page.getByRole('region', { name: 'Unsaved changes' }).textContent()).resolves.toContain(
      '1 unsaved change',
    );
  });

  it('shows a viewer the targeting in words, with no controls and no draft bar', async () => {
    const invitation = await console.server.api('POST', '/api/v1/invitations', {
      email: 'viewer@example.com',
      roles: [{ role: 'viewer', project: 'default' }],
    });
    expect(invitation.status).toBe(201);
    const accepted = await fetch(`${console.url}/api/v1/auth/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invitation.body.token, name: 'Vera Viewer', password: 'a long enough password' }),
    });
    expect(accepted.status).toBeLessThan(300);

    const page = await newPage('viewer@example.com', 'a long enough password');
    await openFlag(page, 'production');
    const main = page.getByRole('main');
    await expect(main.textContent()).resolves.toContain('Users whose country is one of FR, DE get Bold');
    await expect(main.textContent()).resolves.toContain('changing it needs an editor role');
    for (const name of ['Add allocation', 'Add prerequisite', 'Save', 'Review']) {
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
    }
    await expect(page.getByRole('switch').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Reorder / }).count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Unsaved changes' }).count()).resolves.toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-viewer');
  });
});

/** Picks an option of a select (Mantine's combobox), by its label. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
