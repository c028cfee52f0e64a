import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../../server/src/index.js';
import {
  type ConsoleUnderTest,
  expectNoSeriousA11yViolations,
  screenshot,
  signIn,
  startConsole,
} from './support/index.js';

const environmentSelector = (page: Page) => page.locator('input[aria-label="Environment"]');
/** The rail's organisation and project switchers: native selects, labelled. */
const organizationSelector = (page: Page) => page.getByLabel('Organisation', { exact: true });
const projectSelector = (page: Page) => page.getByLabel('Project', { exact: true });
/** The name a native select shows. */
const shown = (select: Locator) => select.locator('option:checked').textContent();

describe('navigation: organisations, and where the console starts', () => {
  let console: ConsoleUnderTest;
  beforeAll(async () => {
    console = await startConsole();
    // The seeded owner is also a viewer in a second organisation, with a project of its own.
    const beta = await createOrganization(console.server.ctx, {
      key: 'beta',
      name: 'Beta Corp',
      ownerEmail: 'owner@beta.test',
      project: 'beta-app',
    });
    const added = await console.server.api(
      'POST',
      '/api/v1/members',
      {
        email: console.owner.email,
        name: 'Owner at Beta',
        password: 'ignored: the account keeps its own',
        roles: [{ role: 'viewer' }],
      },
      beta.apiToken,
    );
    expect(added.status, JSON.stringify(added.body)).toBe(201);
  });
  afterAll(() => console?.close());

  it('starts where the member last worked, in another browser too (the server remembers)', async () => {
    const laptop = await console.newPage();
    await signIn(laptop, console.owner.email, console.owner.password);
    await laptop.waitForURL(/\/projects\/default\/flags\?env=development$/);
    const remembered = laptop.waitForResponse(
      (response) => response.url().endsWith('/api/v1/auth/preferences') && response.request().method() === 'PUT',
    );
    await environmentSelector(laptop).click();
    await laptop.getByRole('option', { name: /Staging/ }).click();
    await laptop.waitForURL(/\?env=staging$/);
    expect((await remembered).status()).toBe(200);

    // A new browser context has no local storage: only the server can know.
    const phone = await console.newPage();
    await signIn(phone, console.owner.email, console.owner.password);
    await phone.waitForURL(/\/projects\/default\/flags\?env=staging$/);
    await expect(environmentSelector(phone).inputValue()).resolves.toBe('Staging');
  });

  it('switches organisation: that membership’s roles and projects, nothing of the one left', async () => {
    const page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
    await page.getByRole('heading', { name: 'Flags', level: 1 }).waitFor();
    await expect(shown(organizationSelector(page))).resolves.toBe('My organisation');
    await expect(page.getByTestId('member-roles').textContent()).resolves.toBe('Owner');
    await expectNoSeriousA11yViolations(page);

    await organizationSelector(page).selectOption({ label: 'Beta Corp' });
    await page.waitForURL(/\/projects\/beta-app\/flags\?env=/);
    await expect(shown(organizationSelector(page))).resolves.toBe('Beta Corp');
    await expect(page.getByTestId('member-roles').textContent()).resolves.toBe('Viewer');
    const projects = await projectSelector(page).locator('option').allTextContents();
    expect(projects).toEqual(['Default project']); // beta-app's name; My organisation's project is not offered
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'organization-switched');

    // The default organisation's project is out of reach from here, as the API says.
    await page.goto('/projects/default/flags');
    await page.getByText('There is no project "default"').waitFor();

    // The next sign-in, anywhere, lands in the organisation used last.
    const elsewhere = await console.newPage();
    await signIn(elsewhere, console.owner.email, console.owner.password);
    await elsewhere.waitForURL(/\/projects\/beta-app\/flags/);
    await expect(shown(organizationSelector(elsewhere))).resolves.toBe('Beta Corp');
  });
});
