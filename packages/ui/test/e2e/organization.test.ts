import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, expectAccessible, screenshot, signIn, startConsole } from './support/index.js';

/**
 * The organisation page: renamed by an owner (the API and the rail follow), the server's refusal of
 * a name at the field, read-only for a viewer; and whether single sign-on is configured, with the
 * provider's name, on a server without it and on one with it.
 */

const PAGE = '/settings/organization';
const PASSWORD = 'a long enough password';
/** Unique per run: a retried test must not find the member its first attempt made. */
const VIEWER = `vic-${Date.now()}@example.com`;

describe('the organisation page', () => {
  let console: ConsoleUnderTest;
  let page: Page;

  beforeAll(async () => {
    console = await startConsole();
    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('renames the organisation; the API and the rail follow', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(PAGE);
    const name = page.getByLabel('Organisation name');
    await expect(name.inputValue()).resolves.toBe('My organisation');
    await expect(page.getByRole('button', { name: 'Rename' }).isDisabled()).resolves.toBe(true);
    await name.fill('Acme Corporation');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('status').getByText('Renamed to Acme Corporation.').waitFor();
    expect((await console.server.api('GET', '/api/v1/organization')).body).toMatchObject({
      key: 'default',
      name: 'Acme Corporation',
    });
    await page.getByRole('navigation', { name: 'Console' }).getByText('Acme Corporation').waitFor();
    const audit = await console.server.api('GET', '/api/v1/audit?action=organization.updated');
    expect(JSON.stringify(audit.body)).toContain('Acme Corporation');
    await screenshot(page, 'organization');
    await expectAccessible(page);
  });

  it('shows the server’s refusal of a name at the name', async () => {
    await page.goto(PAGE);
    await page.getByLabel('Organisation name').fill('x'.repeat(201));
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => page.getByLabel('Organisation name').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Must have at most 200 characters').waitFor();
    await expectAccessible(page);
    expect((await console.server.api('GET', '/api/v1/organization')).body.name).toBe('Acme Corporation');
  });

  it('says single sign-on is not configured here, and how it would be', async () => {
    await page.goto(PAGE);
    const status = page.getByTestId('sso-status');
    await expect(status.getAttribute('data-configured')).resolves.toBe('false');
    await expect(status.textContent()).resolves.toMatch(/^Not configuredMembers sign in with their email and password/);
  });

  it('shows a viewer the name without a rename control', async () => {
    const created = await console.server.api('POST', '/api/v1/members', {
      email: VIEWER,
      name: 'Vic Viewer',
      password: PASSWORD,
      roles: [{ role: 'viewer' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const viewer = await console.newPage();
    await signIn(viewer, VIEWER, PASSWORD);
    await viewer.goto(PAGE);
    await expect(viewer.getByTestId('organization-name').textContent()).resolves.toBe('Acme Corporation');
    await expect(viewer.getByRole('button', { name: 'Rename' }).count()).resolves.toBe(0);
    await expect(viewer.getByRole('textbox').count()).resolves.toBe(0);
    await screenshot(viewer, 'organization-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});

describe('the organisation page on a server with single sign-on', () => {
  let console: ConsoleUnderTest;

  beforeAll(async () => {
    // The provider's discovery is read on the first sign-in with it, not at start: none happens here.
    console = await startConsole({
      oidc: { issuer: 'https://idp.example.com', clientId: 'vexil', clientSecret: 'a client secret', name: 'Okta' },
    });
  });
  afterAll(() => console?.close());

  it('says it is configured, with the provider’s name', async () => {
    const page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
    await page.goto(PAGE);
    const status = page.getByTestId('sso-status');
    await expect(status.getAttribute('data-configured')).resolves.toBe('true');
    await expect(status.textContent()).resolves.toMatch(/^ConfiguredOktaThe sign-in page offers “Sign in with Okta”/);
    await screenshot(page, 'organization-sso');
    await expectAccessible(page);
  });
});
