import { init, type VexilClient } from '@vexil/node';
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

/**
 * The users pages: @vexil/node (events on, flushed) evaluates flags for Ada and tracks an event
 * with only her key; the users list finds her by an attribute as one types (the search in the
 * URL), among hundreds of others it loads a page at a time as it scrolls; her page shows every
 * flag's value and reason exactly as the SDK computed them, the attributes the evaluation reported
 * (the key-only track() erased none; the private one shown as hidden, its value never arrived),
 * and each answer's explanation.
 */

const LIST = '/projects/default/users?env=development';
/** Users reported besides Ada, straight into the database: more than one page of the list. */
const OTHERS = 260;

const ADA = {
  key: 'ada',
  email: 'ada@acme.com',
  plan: 'pro',
  country: 'FR',
  ssn: '123-45-6789',
  _meta: { privateAttributes: ['ssn'] },
};

async function expectAccessible(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page);
}

describe('the users pages', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  let sdk: VexilClient;
  /** What the SDK computed for Ada, per flag. */
  const computed = new Map<string, { value: unknown; variation: string | undefined; reason: string }>();

  beforeAll(async () => {
    console = await startConsole();
    const { api } = console.server;
    const flags = [
      {
        key: 'new-checkout',
        name: 'New checkout',
        environments: {
          development: {
            on: true,
            offVariation: 'off',
            allocations: [
              {
                id: 'acme-staff',
                name: 'Acme staff',
                conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }],
                serve: { variation: 'on' },
              },
            ],
            fallthrough: { variation: 'off' },
          },
        },
      },
      {
        key: 'banner-text',
        name: 'Banner text',
        type: 'string',
        variations: [
          { key: 'hello', value: 'Hello' },
          { key: 'welcome', value: 'Welcome back' },
        ],
        environments: { development: { on: false, offVariation: 'hello', fallthrough: { variation: 'welcome' } } },
      },
      {
        key: 'seat-limit',
        type: 'number',
        variations: [
          { key: 'small', value: 5 },
          { key: 'large', value: 50 },
        ],
        environments: {
          development: {
            on: true,
            offVariation: 'small',
            targets: [{ variation: 'large', values: ['ada'] }],
            fallthrough: { variation: 'small' },
          },
        },
      },
      {
        key: 'dark-mode',
        environments: {
          development: {
            on: true,
            offVariation: 'off',
            allocations: [
              {
                id: 'germany',
                conditions: [{ attribute: 'country', operator: 'equals', values: ['DE'] }],
                serve: { variation: 'on' },
              },
            ],
            fallthrough: { variation: 'off' },
          },
        },
      },
    ];
    for (const flag of flags) {
      const created = await api('POST', '/api/v1/projects/default/flags', flag);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }

    // Others seen earlier than Ada, so that she comes first, last seen first.
    const environment = await console.server.ctx.db
      .selectFrom('environments')
      .innerJoin('projects', 'projects.id', 'environments.projectId')
      .select('environments.id')
      .where('projects.key', '=', 'default')
      .where('environments.key', '=', 'development')
      .executeTakeFirstOrThrow();
    const seen = (index: number) => new Date(Date.now() - 3_600_000 - index * 60_000).toISOString();
    await console.server.ctx.db
      .insertInto('contexts')
      .values(
        Array.from({ length: OTHERS }, (_, index) => ({
          environmentId: environment.id,
          kind: 'user',
          key: `user-${String(index).padStart(3, '0')}`,
          attributes: JSON.stringify({ email: `user-${index}@example.com`, plan: index % 2 ? 'free' : 'pro' }),
          firstSeen: seen(index),
          lastSeen: seen(index),
        })),
      )
      .execute();

    sdk = init({ sdkKey: console.server.seeded.serverKey, baseUrl: console.url, flushIntervalMs: 60_000 });
    expect(await sdk.waitForInitialization(10_000)).toBe(true);
    // Evaluated one by one, as an application does, for the values and reasons the page must show.
    for (const [key, bootstrap] of Object.entries(sdk.allFlags(ADA))) {
      const detail = sdk.detail(key, ADA, bootstrap.value);
      computed.set(key, { value: detail.value, variation: detail.variation, reason: detail.reason });
    }
    expect([...computed.keys()].sort()).toEqual(['banner-text', 'dark-mode', 'new-checkout', 'seat-limit']);
    // A custom event later, with only her key: it must not erase what the evaluations reported.
    await new Promise((resolve) => setTimeout(resolve, 5));
    sdk.track('checkout-completed', { key: 'ada' });
    await sdk.flush();

    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(async () => {
    await sdk?.close();
    await console?.close();
  });

  it('lists the environment’s users, reached from the rail, and searches them on the server as one types', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    expect(location(page)).toBe(LIST);
    await expect(page.getByTestId('user-count').textContent()).resolves.toBe(`${OTHERS + 1} users`);
    // Ada first (last seen first), with her attributes; the private one by its name only.
    const first = page.getByTestId('user-row').first();
    await expect(first.textContent()).resolves.toMatch(/^ada\s*user.*country: FR · email: ada@acme.com · plan: pro/);
    await expect(first.getByTestId('private-attributes').textContent()).resolves.toBe('ssn — private, never stored');
    await expect(page.locator('body').textContent()).resolves.not.toContain(ADA.ssn);
    await screenshot(page, 'users-list');

    // `/` focuses the search; the search goes to the URL and to the server.
    await page.keyboard.press('/');
    await page.keyboard.type('ACME.c');
    await page.waitForURL((url) => url.searchParams.get('q') === 'ACME.c');
    await expect.poll(() => page.getByTestId('user-count').textContent()).toBe('1 user match');
    await expect(page.getByTestId('user-row').count()).resolves.toBe(1);
    await screenshot(page, 'users-search');
    await expectAccessible(page);

    // The link opens the same search.
    await page.goto(`${LIST}&q=example.com&kind=user`);
    await expect.poll(() => page.getByTestId('user-count').textContent()).toBe(`${OTHERS} users match`);
    await page.goto(`${LIST}&q=nobody-like-this`);
    await page.getByText('No user in Development matches this search.').waitFor();
  });

  it('renders only the rows on screen and loads further pages as the list scrolls', async () => {
    await page.goto(LIST);
    await page.getByTestId('user-row').first().waitFor();
    const rendered = await page.getByTestId('user-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    const list = page.getByTestId('virtual-list');
    // Scroll to the end, again as more loads, until the oldest user is on screen.
    const oldest = `user-${String(OTHERS - 1).padStart(3, '0')}`;
    await expect
      .poll(
        async () => {
          await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
          return page.getByRole('link', { name: oldest, exact: true }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await page.getByTestId('user-row').count()).toBeLessThan(40);
    await screenshot(page, 'users-scrolled');
  });

  it('shows what every flag serves a user and why, the same as the SDK computed', async () => {
    await page.goto(`${LIST}&q=ada`);
    await page.getByRole('link', { name: 'ada', exact: true }).click();
    await page.getByRole('heading', { name: 'ada', level: 1 }).waitFor();
    expect(location(page)).toBe('/projects/default/users/user/ada?env=development');

    // The attributes the evaluations reported: the later key-only track() erased none, nor the
    // private one's name, shown hidden, with why; its value is nowhere on the page.
    const attributes = page.getByRole('table', { name: 'Attributes' });
    await expect(attributes.getByRole('row').allTextContents()).resolves.toEqual([
      'countryFR',
      'emailada@acme.com',
      'planpro',
      'ssnhidden — private, never stored',
    ]);
    await expect(attributes.locator('[data-private-attribute="ssn"]').count()).resolves.toBe(1);
    await page.getByText(/Hidden ones were marked private by the SDK: only their names were kept/).waitFor();
    await expect(page.locator('body').textContent()).resolves.not.toContain(ADA.ssn);

    for (const [key, expected] of computed) {
      const answer = page.locator(`article[data-flag="${key}"]`);
      await expect(answer.getAttribute('data-reason')).resolves.toBe(expected.reason);
      await expect(answer.getAttribute('data-variation')).resolves.toBe(expected.variation ?? null);
      expect(JSON.parse((await answer.getAttribute('data-value')) as string)).toEqual(expected.value);
    }
    // The values the flags were set up to give her, so the comparison above is about something.
    expect(computed.get('new-checkout')).toEqual({ value: true, variation: 'on', reason: 'TARGETING_MATCH' });
    expect(computed.get('seat-limit')).toEqual({ value: 50, variation: 'large', reason: 'TARGETING_MATCH' });
    expect(computed.get('banner-text')).toMatchObject({ value: 'Hello', reason: 'DISABLED' });
    expect(computed.get('dark-mode')).toMatchObject({ value: false, reason: 'DEFAULT' });
    await expect(page.locator('article[data-flag="banner-text"] [data-testid="reason"]').textContent()).resolves.toBe(
      'Flag off',
    );

    // Why: the test panel's trace, the deciding step marked; the open explanation is in the URL.
    await page.getByRole('button', { name: 'Why ada gets this from new-checkout' }).click();
    await page.waitForURL((url) => url.searchParams.get('why') === 'new-checkout');
    const trace = page.getByLabel('Why Development serves ada this from new-checkout', { exact: true });
    await trace.waitFor();
    const deciding = trace.locator('[data-deciding]');
    await expect(deciding.textContent()).resolves.toMatch(/Acme staff/);
    await expect(deciding.textContent()).resolves.toMatch(/Decides/);
    await expect(trace.textContent()).resolves.toContain('ada@acme.com');
    await screenshot(page, 'user-page');
    await expectAccessible(page);

    // A link with the explanation open opens it; filtering the flags lives in the URL too.
    await page.goto('/projects/default/users/user/ada?env=development&why=seat-limit&flag=seat');
    await page.getByLabel('Why Development serves ada this from seat-limit', { exact: true }).waitFor();
    await expect(page.locator('article[data-flag]').count()).resolves.toBe(1);

    // Test opens the flag's test panel with Ada as the context.
    await page.getByRole('link', { name: 'Test seat-limit with ada' }).click();
    await page.waitForURL((url) => url.pathname === '/projects/default/flags/seat-limit');
    expect(JSON.parse(new URL(page.url()).searchParams.get('context') ?? '')).toEqual({
      country: 'FR',
      email: 'ada@acme.com',
      plan: 'pro',
      kind: 'user',
      key: 'ada',
    });
  });

  it('says so when a user was never reported in the selected environment', async () => {
    await page.goto('/projects/default/users/user/ada?env=production');
    await page
      .getByRole('alert')
      .getByText(/User "user\/ada" in environment "default\/production"/)
      .waitFor();
    await page.getByRole('link', { name: '← Users in Production' }).waitFor();
    await expectAccessible(page);
  });
});
