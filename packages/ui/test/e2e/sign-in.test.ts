import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleUnderTest,
  expectNoSeriousA11yViolations,
  location,
  screenshot,
  signIn,
  startConsole,
} from './support/index.js';

/** The header's environment selector (its listbox, when open, has the same label). */
const environmentSelector = (page: Page) => page.locator('input[aria-label="Environment"]');

describe('signing in and out of the console', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  beforeAll(async () => {
    console = await startConsole();
  });
  afterAll(() => console?.close());

  const freshPage = async () => {
    await page?.context().close();
    page = await console.newPage();
    return page;
  };

  it('signs the seeded owner in and lands on the project’s flags, environment in the URL', async () => {
    await freshPage();
    await page.goto('/');
    await page.waitForURL(/\/sign-in$/);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'sign-in');

    await signIn(page, console.owner.email, console.owner.password);
    await page.waitForURL(/\/projects\/default\/flags\?env=development$/);
    await page.getByRole('heading', { name: 'Flags', level: 1 }).waitFor();
    await expect(environmentSelector(page).inputValue()).resolves.toBe('Development');
    await expect(page.getByTestId('member-roles').textContent()).resolves.toBe('Owner');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flags-development');
  });

  it('keeps the selected environment in the URL, marks critical ones, and remembers it', async () => {
    await environmentSelector(page).click();
    await page.getByRole('option', { name: /Production/ }).click();
    await page.waitForURL(/\?env=production$/);
    // The badge comes with the environment's page, a moment after the URL changes: wait for it.
    await page.getByText('Critical', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flags-production');

    await page.goto('/');
    await page.waitForURL(/\/projects\/default\/flags\?env=production$/);
  });

  it('brings a signed-out visitor back to the page they asked for after signing in', async () => {
    await freshPage();
    await page.goto('/projects/default/flags/new-checkout?env=staging');
    await page.waitForURL(/\/sign-in\?returnTo=/);
    await signIn(page, console.owner.email, console.owner.password);
    await page.waitForURL((url) => url.pathname === '/projects/default/flags/new-checkout');
    expect(location(page)).toBe('/projects/default/flags/new-checkout?env=staging');
    await page.getByRole('heading', { name: 'new-checkout', level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'flag-placeholder');
  });

  it('says so when the email or the password is wrong', async () => {
    await freshPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(console.owner.email);
    await page.getByLabel(/^Password/).fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('The email or the password is wrong.');
    expect(location(page)).toBe('/sign-in');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'sign-in-wrong-password');
  });

  it('serves the app for an unknown client route, which says the page does not exist', async () => {
    await freshPage();
    await signIn(page, console.owner.email, console.owner.password);
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'not-found');
  });

  it('shows a project that does not exist as an error with a way out', async () => {
    await page.goto('/projects/nope/flags');
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('There is no project "nope"');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'project-not-found');
  });

  it('accepts an invitation: field errors at the field, then signed in with the granted role', async () => {
    const invitation = await console.server.api('POST', '/api/v1/invitations', {
      email: 'qa@example.com',
      roles: [{ role: 'editor', project: 'default' }],
    });
    expect(invitation.status).toBe(201);
    const link = new URL(invitation.body.url as string);
    expect(link.pathname).toBe('/invitations/accept');

    await freshPage();
    await page.goto(`${link.pathname}${link.hash}`);
    await page.getByLabel('Your name').fill('Quinn QA');
    await page.getByLabel(/^Password/).fill('too short');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    const fieldError = page.getByText('Must have at least 12 characters');
    await fieldError.waitFor();
    // At the field: the input names the error among its descriptions.
    const describedBy = (await page.getByLabel(/^Password/).getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(descriptions).toContain('Must have at least 12 characters');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'invitation-field-error');

    await page.getByLabel(/^Password/).fill('a long enough password');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.waitForURL(/\/projects\/default\/flags\?env=/);
    await expect(page.getByTestId('member-roles').textContent()).resolves.toBe('Editor on default');
    await page.getByText('qa@example.com').waitFor();
    await screenshot(page, 'invitation-signed-in');
  });

  it('says an invitation link without its token is incomplete', async () => {
    await freshPage();
    await page.goto('/invitations/accept');
    await page.getByRole('heading', { name: 'This invitation link is incomplete' }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  it('changes the password (wrong current one named at its field), signs out, and signs in with the new one', async () => {
    await freshPage();
    await signIn(page, 'qa@example.com', 'a long enough password');
    await page.getByRole('link', { name: 'Account' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password').fill('an even longer password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Is not the current password').waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'account-wrong-current-password');

    await page.getByLabel('Current password').fill('a long enough password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    await page.locator('button[data-loading]').waitFor({ state: 'detached' });
    await screenshot(page, 'account-password-changed');

    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.goto('/account');
    await page.waitForURL(/\/sign-in\?returnTo=%2Faccount$/);

    await signIn(page, 'qa@example.com', 'an even longer password');
    await page.waitForURL('**/account');
  });

  it('signs out from the rail', async () => {
    await freshPage();
    await signIn(page, console.owner.email, console.owner.password);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    const session = await page.request.get('/api/v1/auth/session');
    expect(session.status()).toBe(401);
  });

  it('keeps the first load under 350 KB of gzipped JavaScript', async () => {
    const html = await (await fetch(`${console.url}/`)).text();
    const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
      (match) => match[1] as string,
    );
    expect(scripts.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const script of scripts) {
      const response = await fetch(`${console.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
      gzipped += gzipSync(Buffer.from(await response.arrayBuffer())).length;
    }
    expect(gzipped).toBeLessThan(350 * 1024);
  });
});

describe('signing in too often', () => {
  let console: ConsoleUnderTest;
  beforeAll(async () => {
    console = await startConsole({ loginAttemptsPerMinute: 1 });
  });
  afterAll(() => console?.close());

  it('says how long to wait, from the server’s Retry-After', async () => {
    const page = await console.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(console.owner.email);
    await page.getByLabel(/^Password/).fill('a wrong password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('The email or the password is wrong.').waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/^Too many attempts, try again in \d+ s\.$/).waitFor();
    await screenshot(page, 'sign-in-too-many-attempts');
  });
});
