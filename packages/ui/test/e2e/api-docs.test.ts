import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, signIn, startConsole } from './support/index.js';

/**
 * The server's API docs (Swagger UI at /api/docs) in Chromium, as someone signed in to the console
 * uses them: the session cookie authenticates "Try it out", and changes carry the session's CSRF
 * token — under the docs' Content-Security-Policy, which allows no inline script (issue 12, item 12).
 */
describe('the API docs at /api/docs, with the console’s session', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  /** What the docs page's Content-Security-Policy refused, and its uncaught errors. */
  const refused: string[] = [];
  const watch = (watched: Page) => {
    watched.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    watched.on('pageerror', (error) => refused.push(error.message));
  };

  /** Opens the docs and one operation in them, as a reader would: by its summary. */
  const openOperation = async (id: string) => {
    await page.goto('/api/docs');
    const operation = page.locator(`#${id}`);
    // Swagger UI reads and renders the whole document first: seconds on a busy machine.
    await operation.waitFor({ timeout: 30_000 });
    await operation.locator('.opblock-summary-control').click();
    return operation;
  };

  beforeAll(async () => {
    console = await startConsole();
    page = await console.newPage();
    watch(page);
  });
  afterAll(() => console?.close());

  it('tries out a change with the session cookie and its CSRF token, the form filled from the example', async () => {
    await signIn(page, console.owner.email, console.owner.password);
    const operation = await openOperation('operations-organization-patch_api_v1_organization');
    await operation.getByRole('button', { name: 'Try it out' }).click();
    const body = operation.locator('textarea.body-param__text');
    expect(JSON.parse(await body.inputValue())).toEqual({ name: 'Acme Corporation' });

    const sent = page.waitForRequest(
      (request) => request.method() === 'PATCH' && new URL(request.url()).pathname === '/api/v1/organization',
    );
    await operation.getByRole('button', { name: 'Execute' }).click();
    const csrfCookie = (await page.context().cookies()).find((cookie) => cookie.name === 'vexil_csrf');
    expect((await sent).headers()['x-csrf-token']).toBe(csrfCookie?.value);
    const status = operation.locator('.live-responses-table .response .response-col_status');
    await status.waitFor();
    await expect(status.textContent()).resolves.toContain('200');

    const organization = await console.server.api('GET', '/api/v1/organization');
    expect(organization.body.name).toBe('Acme Corporation');
    expect(refused).toEqual([]);
  });

  it('shows the SDK and OFREP routes, with an example body for remote evaluation', async () => {
    const operation = await openOperation('operations-ofrep-post_ofrep_v1_evaluate_flags__key_');
    await operation.getByRole('button', { name: 'Try it out' }).click();
    expect(JSON.parse(await operation.locator('textarea.body-param__text').inputValue())).toEqual({
      context: { targetingKey: 'ada', email: 'ada@example.com', plan: 'pro', country: 'CA' },
    });
    await expect(page.locator('#operations-tag-sdk').count()).resolves.toBe(1);
    expect(refused).toEqual([]);
  });
});
