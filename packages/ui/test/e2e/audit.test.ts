import type { Page } from 'playwright-core';
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
 * The audit log: a bot's changes (an API token) among hundreds of others are found by filtering on
 * the actor (typed, or from a link: the filters live in the URL), each read as a sentence with its
 * fields before → after and the JSON on demand, linking to the flag; the log loads further pages as
 * it scrolls; a date range that ends before it starts is refused at the field.
 */

const BOT = 'Release bot';
/** Entries written straight into the database by another actor: several pages of the log. */
const OTHERS = 180;

describe('the audit log', () => {
  let console: ConsoleUnderTest;
  let page: Page;

  beforeAll(async () => {
    console = await startConsole();
    const { api } = console.server;
    const flag = await api('POST', '/api/v1/projects/default/flags', { key: 'new-checkout', name: 'New checkout' });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);

    // Older entries by someone else, so that the bot's are found by the filter, not by being first.
    const organization = await console.server.ctx.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const long = Date.now() - 86_400_000;
    await console.server.ctx.db
      .insertInto('auditLog')
      .values(
        Array.from({ length: OTHERS }, (_, index) => ({
          organizationId: organization.id,
          projectKey: 'default',
          environmentKey: null,
          actorType: 'member',
          actorId: 'importer',
          actorName: 'Importer',
          action: 'segment.updated',
          resourceType: 'segment',
          resourceKey: `segment-${index}`,
          before: JSON.stringify({ key: `segment-${index}`, included: ['ada'], version: 1 }),
          after: JSON.stringify({ key: `segment-${index}`, included: ['ada', 'grace'], version: 2 }),
          createdAt: new Date(long + index * 1000).toISOString(),
        })),
      )
      .execute();

    const bot = await api('POST', '/api/v1/api-tokens', { name: BOT, roles: [{ role: 'editor' }] });
    expect(bot.status, JSON.stringify(bot.body)).toBe(201);
    const state = await api(
      'PATCH',
      '/api/v1/projects/default/flags/new-checkout/environments/staging',
      { on: true },
      bot.body.token,
    );
    expect(state.status, JSON.stringify(state.body)).toBe(200);
    const renamed = await api(
      'PATCH',
      '/api/v1/projects/default/flags/new-checkout',
      { name: 'Checkout redesign' },
      bot.body.token,
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);

    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  const entries = () => page.locator('article[data-entry]');

  it('finds a change by its actor, the filter in the URL, and reads it as words, then as JSON', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    expect(location(page)).toBe('/audit?project=default');

    await page.getByLabel('Actor').fill(BOT);
    await page.waitForURL((url) => url.searchParams.get('actor') === BOT);
    await expect
      .poll(async () => entries().locator('[data-testid="entry-sentence"]').allTextContents())
      .toEqual([`${BOT} changed flag new-checkout`, `${BOT} changed the targeting of flag new-checkout in staging`]);

    // The state change in the flag page's words, and a link to the flag in that environment.
    const state = entries().nth(1);
    await expect(state.getByTestId('change').allTextContents()).resolves.toEqual(['changedon/offwas off → now on']);
    await expect(state.getByRole('link', { name: 'new-checkout' }).getAttribute('href')).resolves.toBe(
      '/projects/default/flags/new-checkout?env=staging',
    );
    const rename = entries().nth(0);
    await expect(rename.getByTestId('change').allTextContents()).resolves.toEqual([
      expect.stringMatching(/name.*New checkout.*Checkout redesign/),
    ]);

    // The documents for engineers.
    await rename.getByRole('button', { name: /^View JSON of change/ }).click();
    const after = rename.getByLabel(/^After change/);
    expect(JSON.parse((await after.textContent()) as string)).toMatchObject({ name: 'Checkout redesign' });
    expect(JSON.parse((await rename.getByLabel(/^Before change/).textContent()) as string)).toMatchObject({
      name: 'New checkout',
    });
    await screenshot(page, 'audit-actor');
    await expectAccessible(page);

    // The link opens the same entries; the actor is shown in the field.
    await page.goto(`/audit?actor=${encodeURIComponent(BOT)}&action=flag.state.updated`);
    await expect.poll(() => entries().count()).toBe(1);
    await expect(page.getByLabel('Actor').inputValue()).resolves.toBe(BOT);
    await page.getByRole('link', { name: 'new-checkout' }).click();
    await page.waitForURL('**/projects/default/flags/new-checkout?env=staging');
  });

  it('words other resources’ changes field by field and loads older entries as it scrolls', async () => {
    await page.goto('/audit?actor=Importer');
    await entries().first().waitFor();
    const first = entries().first();
    await expect(first.getByTestId('entry-sentence').textContent()).resolves.toBe(
      `Importer changed segment segment-${OTHERS - 1}`,
    );
    await expect(first.getByTestId('change').allTextContents()).resolves.toEqual(['addedincluded › #2: grace']);
    const rendered = await entries().count();
    expect(rendered).toBeLessThan(30);
    const list = page.getByTestId('virtual-list');
    await expect
      .poll(
        async () => {
          await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
          return page.locator('[data-testid="entry-sentence"]', { hasText: /segment-0$/ }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await entries().count()).toBeLessThan(30);
    await screenshot(page, 'audit-scrolled');
  });

  it('refuses a date range that ends before it starts, at the field', async () => {
    await page.goto('/audit?from=2026-11-20&to=2026-11-19');
    await page.getByText('Must not be before the first day').waitFor();
    expect(await entries().count()).toBe(0);
    // A day range that holds the bot's changes finds them; the next day's does not.
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`/audit?actor=${encodeURIComponent(BOT)}&from=${today}&to=${today}`);
    await expect.poll(() => entries().count()).toBe(2);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/audit?actor=${encodeURIComponent(BOT)}&from=${tomorrow}`);
    await page.getByText('No change matches these filters.').waitFor();
    await expectAccessible(page);
  });
});
