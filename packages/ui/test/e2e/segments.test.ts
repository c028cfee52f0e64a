import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleUnderTest,
  expectAccessible,
  location,
  screenshot,
  signIn,
  startConsole,
} from './support/index.js';

/**
 * The segment pages: a segment built from 5,000 pasted keys and a rule, searched in, saved; the
 * test box saying why a context is in or out; the segment used in a flag's allocation through the
 * console, checked with an SDK evaluation; a save made on an outdated version shown, not
 * overwriting; the server's refusals at their field and of deleting a used segment, naming the
 * flag; and viewers, who see no edit controls.
 */

const FLAG = 'new-onboarding';
const SEGMENT = 'early-access';
const PAGE = `/projects/default/segments/${SEGMENT}?env=development`;
const KEYS = Array.from({ length: 5_000 }, (_, index) => `user-${index + 1}`);

async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The pointer off whatever it last clicked: a hover colour is a moment, not the state to judge or picture. */

describe('the segment pages', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  let clientKey: string;
  const stored = async () => (await console.server.api('GET', `/api/v1/projects/default/segments/${SEGMENT}`)).body;
  const evaluate = async (context: Record<string, unknown>) => {
    const response = await fetch(`${console.url}/sdk/v1/evaluate`, {
      method: 'POST',
      headers: { authorization: clientKey, 'content-type': 'application/json' },
      body: JSON.stringify({ context }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { flags: Record<string, { variation?: string; reason: string }> }).flags[FLAG];
  };
  const testBox = () => page.getByRole('region', { name: 'Test a context' });

  beforeAll(async () => {
    console = await startConsole();
    const flag = await console.server.api('POST', '/api/v1/projects/default/flags', {
      key: FLAG,
      name: 'New onboarding',
      type: 'string',
      variations: [
        { key: 'classic', value: 'classic', name: 'Classic' },
        { key: 'guided', value: 'guided', name: 'Guided' },
      ],
      clientSideAvailable: true,
    });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);
    const key = await console.server.api('POST', '/api/v1/projects/default/environments/development/sdk-keys', {
      name: 'Browser tests',
      kind: 'client',
    });
    expect(key.status).toBe(201);
    clientKey = key.body.key;
    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('is reached from the rail, and teaches when there are no segments', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    expect(location(page)).toBe('/projects/default/segments?env=development');
    await page.getByText('No segments yet').waitFor();
    await screenshot(page, 'segments-empty');
    await expectAccessible(page);
  });

  it('builds a segment from 5,000 pasted keys and a rule, searched, trimmed, reviewed and saved', {
    timeout: 60_000,
  }, async () => {
    await page.goto('/projects/default/segments?env=development');
    await page.getByRole('button', { name: 'Create segment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a segment' });
    await dialog.getByLabel('Key').fill('early access');
    await dialog.getByRole('button', { name: 'Create segment' }).click();
    await dialog.getByText('Use 1–128 letters, digits, “-”, “_” or “.”').waitFor();
    await dialog.getByLabel('Key').fill(SEGMENT);
    await dialog.getByLabel('Name').fill('Early access');
    await dialog.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: 'Early access', level: 1 }).waitFor();
    expect(location(page)).toBe(PAGE);

    // 5,000 keys, one mistake and ten duplicates, pasted as lines and commas.
    const pasted = `${KEYS.slice(0, 2_500).join('\n')}\nmistake\n${KEYS.slice(2_500).join(', ')}\n${KEYS.slice(0, 10).join(' ')}`;
    // Pasted as a person pastes (the clipboard, Ctrl+V): typing 5,000 lines would take minutes.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await page.getByLabel('Add included keys').focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect.poll(() => page.getByLabel('Add included keys').inputValue()).toBe(pasted);
    await page.getByRole('button', { name: 'Add keys' }).click();
    await expect(page.getByTestId('keys-added').textContent()).resolves.toBe('Added 5,001 keys; 10 were duplicates.');
    await expect.poll(() => page.getByTestId('key-count').textContent()).toBe('5,001 keys');
    // Only the rows on screen are in the page.
    expect(await page.getByTestId('segment-key').count()).toBeLessThan(40);

    // Searched (the search is in the URL), and the mistake removed.
    await page.getByLabel('Search included keys').fill('mistake');
    await expect.poll(() => page.getByTestId('key-count').textContent()).toBe('1 of 5,001 keys match');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('mistake');
    await page.getByRole('button', { name: 'Remove mistake' }).click();
    await expect.poll(() => page.getByTestId('key-count').textContent()).toBe('0 of 5,000 keys match');
    await page.getByLabel('Search included keys').fill('');

    // The list scrolls with the keyboard to its last key.
    const list = page.getByRole('region', { name: 'Included keys (5,000)' });
    await list.focus();
    await page.keyboard.press('End');
    await list.getByText('user-5000', { exact: true }).waitFor();

    // A rule: anyone at Acme.
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByTestId('segment-rule').nth(0);
    await rule.getByLabel('Rule 1, condition 1: attribute').fill('email');
    await choose(page, rule.getByRole('combobox', { name: 'Rule 1, condition 1: operator' }), 'ends with');
    const values = rule.getByRole('combobox', { name: 'Rule 1, condition 1: values' });
    await values.fill('@acme.com');
    await values.press('Enter');
    await expect(rule.textContent()).resolves.toContain('Users whose email ends with @acme.com');
    // Segments cannot name segments: the rule's conditions offer none.
    expect(await rule.getByRole('button', { name: 'Add segment' }).count()).toBe(0);

    const bar = page.getByRole('region', { name: 'Unsaved changes' });
    await expect(bar.textContent()).resolves.toContain('2 unsaved changes');
    await bar.getByRole('button', { name: 'Review' }).click();
    await expect(bar.getByTestId('draft-changes').textContent()).resolves.toContain('Included keys: 5,000 keys added');
    await screenshot(page, 'segment-editor');
    await expectAccessible(page);
    await bar.getByRole('button', { name: 'Save', exact: true }).click();
    await bar.waitFor({ state: 'detached' });
    const saved = await stored();
    expect(saved.included).toEqual(KEYS);
    expect(saved.rules).toEqual([{ clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }] }]);

    // A link with the search opens the list searched.
    await page.goto(`${PAGE}&q=user-42`);
    const matching = KEYS.filter((key) => key.includes('user-42')).length;
    await expect.poll(() => page.getByTestId('key-count').textContent()).toBe(`${matching} of 5,000 keys match`);
  });

  it('says whether a context is in the segment, and why', async () => {
    await page.goto(PAGE);
    const box = testBox();
    await box.getByLabel('Key', { exact: true }).fill('user-1234');
    const answer = box.getByTestId('membership');
    await expect.poll(() => answer.textContent()).toContain('In — this user’s key is in the included list');
    await box.getByLabel('Key', { exact: true }).fill('zoe');
    await expect.poll(() => answer.textContent()).toContain('Out — the key is in neither list and no rule matched');
    await box.getByLabel('Attribute 1 name').fill('email');
    await box.getByLabel('Attribute 1 value').fill('zoe@acme.com');
    await expect.poll(() => answer.textContent()).toContain('In — rule 1 matched');
    // The context is in the URL: the link reproduces the answer.
    await expect.poll(() => new URL(page.url()).searchParams.get('context')).toContain('zoe@acme.com');
    const link = page.url();
    await page.goto(link);
    await expect.poll(() => testBox().getByTestId('membership').textContent()).toContain('In — rule 1 matched');

    // Unsaved edits are tested beside the saved segment.
    await page.getByRole('tab', { name: /Excluded/ }).click();
    await page.getByLabel('Add excluded keys').fill('zoe');
    await page.getByRole('button', { name: 'Add keys' }).click();
    const draftAnswer = testBox().getByTestId('membership').nth(1);
    await expect.poll(() => draftAnswer.textContent()).toContain('With your changes');
    await expect.poll(() => draftAnswer.textContent()).toContain('Out — this user’s key is in the excluded list');
    await screenshot(page, 'segment-test-box');
    await expectAccessible(page);
    // Leaving with unsaved changes asks first.
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Segments' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(leave.textContent()).resolves.toContain('Your change to Early access will be lost.');
    await leave.getByRole('button', { name: 'Stay' }).click();
    await leave.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/projects/default/segments/${SEGMENT}`);
    await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('region', { name: 'Unsaved changes' }).waitFor({ state: 'detached' });
  });

  it('shows the server’s refusal at the field, and someone else’s save instead of overwriting it', async () => {
    await page.goto(PAGE);
    await page.getByLabel('Name', { exact: true }).fill('x'.repeat(201));
    const bar = page.getByRole('region', { name: 'Unsaved changes' });
    await bar.getByRole('button', { name: 'Save', exact: true }).click();
    const name = page.getByLabel('Name', { exact: true });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Must have at most 200 characters').waitFor();
    await page.getByText('Not saved: fix the name (marked below).').waitFor();
    // The field at fault, below the fold, is brought to and focused.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await expect.poll(() => name.evaluate((input) => input === document.activeElement)).toBe(true);
    await screenshot(page, 'segment-field-error');
    await expectAccessible(page);

    // The engine's refusal of a rule, at the condition it names.
    await name.fill('Early access programme');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const second = page.getByTestId('segment-rule').nth(1);
    const attribute = second.getByLabel('Rule 2, condition 1: attribute');
    await attribute.fill('/address//city');
    await choose(page, second.getByRole('combobox', { name: 'Rule 2, condition 1: operator' }), 'is set');
    await bar.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => attribute.getAttribute('aria-invalid')).toBe('true');
    await second.getByText('Must be an attribute name or a path like /address/city').waitFor();
    await page.getByText('Not saved: fix the rules (marked below).').waitFor();
    await second.getByRole('button', { name: 'Remove rule 2', exact: true }).click();

    // Meanwhile, someone else describes the segment.
    const other = await console.server.api('PATCH', `/api/v1/projects/default/segments/${SEGMENT}`, {
      description: 'People who asked for new features first',
    });
    expect(other.status).toBe(200);
    await bar.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved this segment meanwhile' });
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain(
      'Description: (none) → People who asked for new features first',
    );
    expect((await stored()).name).toBe('Early access');
    await screenshot(page, 'segment-conflict');
    await expectAccessible(page);
    await conflict.getByRole('button', { name: 'Reapply my changes on theirs' }).click();
    await bar.getByRole('button', { name: 'Save', exact: true }).click();
    await bar.waitFor({ state: 'detached' });
    expect(await stored()).toMatchObject({
      name: 'Early access programme',
      description: 'People who asked for new features first',
    });
    expect((await stored()).included).toHaveLength(5_000);
  });

  it('is used in a flag’s allocation through the console, and SDKs serve its members the allocation’s variation', {
    timeout: 60_000,
  }, async () => {
    await page.goto(`/projects/default/flags/${FLAG}?env=development`);
    await page.getByRole('heading', { name: 'Allocations' }).waitFor();
    await page.getByRole('button', { name: 'Add allocation' }).click();
    const allocation = page.getByTestId('allocation').nth(0);
    await allocation.getByLabel('Name').fill('Early access');
    await allocation.getByRole('button', { name: 'Add segment' }).click();
    // The only segment is picked first; its option also reads its key and size.
    await expect(allocation.getByRole('combobox', { name: /condition 1: segment/ }).inputValue()).resolves.toBe(
      'Early access programme',
    );
    await choose(page, allocation.getByRole('combobox', { name: /serves: variation/ }), 'Guided');
    await page.getByRole('switch', { name: 'Flag on in Development' }).check({ force: true });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved').waitFor();

    // What the SDK serves: members (by key or by rule) get Guided, others the fallthrough.
    await expect(evaluate({ key: 'user-4321' })).resolves.toMatchObject({ variation: 'guided' });
    await expect(evaluate({ key: 'zoe', email: 'zoe@acme.com' })).resolves.toMatchObject({ variation: 'guided' });
    const outsider = await evaluate({ key: 'zoe', email: 'zoe@example.com' });
    expect(outsider?.variation).not.toBe('guided');

    // The allocation's sentence links to the segment, whose page lists the flag.
    await page.getByRole('button', { name: 'Close Allocation “Early access”' }).click();
    await allocation.getByRole('link', { name: 'Early access programme' }).click();
    await page.getByRole('heading', { name: 'Early access programme', level: 1 }).waitFor();
    expect(location(page)).toBe(PAGE);
    const usedBy = page.getByTestId('segment-used-by');
    await expect(usedBy.textContent()).resolves.toContain('New onboarding');
    await expect(usedBy.textContent()).resolves.toContain('in Development');

    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Segments' }).click();
    const row = page.locator(`[data-testid="segment-row"][data-key="${SEGMENT}"]`);
    await expect(row.textContent()).resolves.toContain('5,000 keys · 1 rule');
    await expect(row.textContent()).resolves.toContain('New onboarding');
    await screenshot(page, 'segments-list');
    await expectAccessible(page);
    await page.getByLabel('Search segments').fill('nothing like it');
    await page.getByText('No segment matches “nothing like it”.').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('nothing like it');
  });

  it('refuses to delete the segment while the flag uses it, listing the flag with a link', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Delete segment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Early access programme?' });
    await dialog.getByRole('button', { name: 'Delete Early access programme' }).click();
    await dialog.getByText('Not deleted: flags use this segment').waitFor();
    await expect(dialog.textContent()).resolves.toContain(`"${FLAG}" (development)`);
    const link = dialog.getByTestId('segment-users').getByRole('link', { name: 'New onboarding' });
    expect(await link.getAttribute('href')).toBe(`/projects/default/flags/${FLAG}?env=development`);
    await screenshot(page, 'segment-delete-refused');
    await expectAccessible(page);
    expect((await console.server.api('GET', `/api/v1/projects/default/segments/${SEGMENT}`)).status).toBe(200);
    await link.click();
    await page.getByRole('heading', { name: 'New onboarding', level: 1 }).waitFor();
  });

  it('deletes a segment no flag uses', async () => {
    const created = await console.server.api('POST', '/api/v1/projects/default/segments', { key: 'unused' });
    expect(created.status).toBe(201);
    await page.goto('/projects/default/segments/unused?env=development');
    await page.getByRole('button', { name: 'Delete segment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete unused?' });
    await dialog.getByText('No flag uses it.').waitFor();
    await dialog.getByRole('button', { name: 'Delete unused' }).click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    expect((await console.server.api('GET', '/api/v1/projects/default/segments/unused')).status).toBe(404);
  });

  it('shows viewers the segments and the test box, with no edit controls', async () => {
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
    await viewer.goto('/projects/default/segments?env=development');
    await viewer.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Create segment' }).count()).toBe(0);

    await viewer.goto(PAGE);
    await viewer.getByRole('heading', { name: 'Early access programme', level: 1 }).waitFor();
    await viewer.getByText('You can read this segment and test it').waitFor();
    const main = viewer.getByRole('main');
    await expect(main.getByTestId('key-count').textContent()).resolves.toBe('5,000 keys');
    // Every button outside the test box: none edits.
    const buttons = await main
      .locator('button')
      .evaluateAll((found) =>
        found
          .filter((button) => !button.closest('[aria-labelledby="segment-test-title"]'))
          .map((button) => button.getAttribute('aria-label') ?? button.textContent ?? ''),
      );
    expect(buttons.filter((name) => /Add|Remove|Delete|Save|Discard|Create/.test(name))).toEqual([]);
    expect(await main.getByRole('textbox', { name: /Add included keys|Name|Description/ }).count()).toBe(0);
    await expect(main.getByTestId('segment-rule').textContent()).resolves.toContain(
      'Users whose email ends with @acme.com',
    );
    // Testing changes nothing, so viewers may.
    await viewer.getByRole('region', { name: 'Test a context' }).getByLabel('Key', { exact: true }).fill('user-7');
    await expect
      .poll(() => viewer.getByRole('region', { name: 'Test a context' }).getByTestId('membership').textContent())
      .toContain('In — this user’s key is in the included list');
    await viewer.mouse.move(0, 0);
    await screenshot(viewer, 'segment-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});
