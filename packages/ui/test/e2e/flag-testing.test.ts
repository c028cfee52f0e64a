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
 * The flag page's test panel answers what an SDK would: for contexts entered every way the panel
 * offers (attributes, JSON, several kinds, a known user), each environment's value and variation
 * equal what `POST /sdk/v1/evaluate` gives with a client key of that environment; and an unsaved
 * change shows its own answer before it is saved.
 */

const FLAG = 'checkout-redesign';
const ENVIRONMENTS = ['development', 'staging', 'production'] as const;

/** What one environment answers: the variation (null for the code's default) and its value. */
interface Answer {
  variation: string | null;
  value: unknown;
}

/** The pointer off whatever it last clicked: a hover colour is a moment, not the state to judge or picture. */
function pointerAway(page: Page): Promise<void> {
  return page.mouse.move(0, 0);
}

async function expectAccessible(page: Page): Promise<void> {
  await pointerAway(page);
  await expectNoSeriousA11yViolations(page);
}

describe('the test panel', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  const clientKeys = new Map<string, string>();

  beforeAll(async () => {
    console = await startConsole();
    const { api } = console.server;
    const segment = await api('POST', '/api/v1/projects/default/segments', {
      key: 'beta-testers',
      name: 'Beta testers',
      included: ['grace'],
      rules: [{ id: 'beta-mail', clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@beta.example'] }] }],
    });
    expect(segment.status).toBe(201);
    const flag = await api('POST', '/api/v1/projects/default/flags', {
      key: FLAG,
      name: 'Checkout redesign',
      type: 'string',
      clientSideAvailable: true,
      variations: [
        { key: 'classic', value: 'classic' },
        { key: 'redesign', value: 'redesign', name: 'Redesign' },
        { key: 'compact', value: 'compact' },
      ],
      environments: {
        development: {
          on: true,
          offVariation: 'classic',
          allocations: [
            {
              id: 'beta',
              name: 'Beta testers',
              conditions: [{ segment: 'beta-testers' }],
              serve: { variation: 'redesign' },
            },
          ],
          fallthrough: { variation: 'classic' },
        },
        staging: {
          on: true,
          offVariation: 'classic',
          allocations: [
            {
              id: 'benelux-pro',
              name: 'Benelux pro',
              conditions: [
                { attribute: 'country', operator: 'in', values: ['FR', 'BE', 'NL'] },
                { attribute: 'plan', operator: 'equals', values: ['pro'] },
              ],
              serve: { variation: 'compact' },
            },
            {
              id: 'half',
              name: 'Half and half',
              serve: {
                split: [
                  { variation: 'classic', weight: 50 },
                  { variation: 'redesign', weight: 50 },
                ],
              },
            },
          ],
          fallthrough: { variation: 'classic' },
        },
        production: {
          on: true,
          offVariation: 'classic',
          targets: [{ variation: 'redesign', values: ['ada'] }],
          allocations: [
            {
              id: 'beta',
              name: 'Beta rollout',
              conditions: [{ segment: 'beta-testers' }],
              exposure: 50,
              serve: { variation: 'redesign' },
            },
            {
              id: 'enterprise',
              name: 'Enterprise',
              conditions: [
                { contextKind: 'organization', attribute: 'tier', operator: 'equals', values: ['enterprise'] },
              ],
              serve: { variation: 'compact' },
            },
          ],
          fallthrough: {
            split: [
              { variation: 'classic', weight: 70 },
              { variation: 'redesign', weight: 30 },
            ],
          },
        },
      },
    });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);
    for (const environment of ENVIRONMENTS) {
      const key = await api('POST', `/api/v1/projects/default/environments/${environment}/sdk-keys`, {
        name: 'storefront',
        kind: 'client',
      });
      expect(key.status).toBe(201);
      clientKeys.set(environment, key.body.key as string);
    }
    // A user SDKs reported in development, to pick in the panel.
    const reported = await fetch(`${console.url}/sdk/v1/events`, {
      method: 'POST',
      headers: { authorization: clientKeys.get('development') as string, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          {
            kind: 'context',
            context: { key: 'dave-42', email: 'dave@beta.example', country: 'NL', plan: 'pro' },
            timestamp: Date.now(),
          },
        ],
      }),
    });
    expect(reported.status).toBe(202);

    page = await console.newPage();
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  /** What the SDK path answers, per environment: `/sdk/v1/evaluate` with that environment's client key. */
  async function sdkAnswers(context: unknown): Promise<Record<string, Answer>> {
    const answers: Record<string, Answer> = {};
    for (const environment of ENVIRONMENTS) {
      const response = await fetch(`${console.url}/sdk/v1/evaluate`, {
        method: 'POST',
        headers: { authorization: clientKeys.get(environment) as string, 'content-type': 'application/json' },
        body: JSON.stringify({ context }),
      });
      expect(response.status).toBe(200);
      const result = ((await response.json()) as { flags: Record<string, { variation?: string; value?: unknown }> })
        .flags[FLAG];
      answers[environment] = { variation: result?.variation ?? null, value: result?.value };
    }
    return answers;
  }

  const panel = () => page.getByRole('region', { name: 'Test', exact: true });

  /** The answers on screen once they are those of the context in the URL (and of the draft). */
  async function panelAnswers(which: 'saved' | 'draft' = 'saved'): Promise<Record<string, Answer>> {
    await panel().locator('[data-state="current"]').waitFor({ timeout: 20_000 });
    const answers: Record<string, Answer> = {};
    for (const environment of ENVIRONMENTS) {
      const row = panel().locator(`article[data-environment="${environment}"] [data-answer="${which}"]`);
      const variation = await row.getAttribute('data-variation');
      const value = JSON.parse((await row.getAttribute('data-value')) as string) as unknown;
      // The SDK leaves the value out when the caller's default applies; the panel says null.
      answers[environment] = { variation, value: variation === null ? undefined : value };
    }
    return answers;
  }

  /**
   * What the panel answers once it answers as the SDK does for `context`: the URL holds a new
   * context a moment before the panel renders for it, so its answers are polled, not read once.
   */
  async function answersAsSdk(context: unknown): Promise<Record<string, Answer>> {
    const expected = await sdkAnswers(context);
    await expect.poll(() => panelAnswers(), { timeout: 20_000 }).toEqual(expected);
    return expected;
  }

  /** The page of the flag, with no context yet: the form starts blank. */
  async function openFlag(environment = 'production'): Promise<Locator> {
    await page.goto(`/projects/default/flags/${FLAG}?env=${environment}`);
    await panel().waitFor();
    return panel();
  }

  /** The context the URL holds once it is `expected` (it is written a moment after typing stops). */
  async function contextInUrl(expected: unknown): Promise<unknown> {
    const wanted = JSON.stringify(expected);
    await page.waitForURL((url) => url.searchParams.get('context') === wanted).catch(() => undefined); // the assertion below shows what the URL held instead
    const param = new URL(page.url()).searchParams.get('context');
    return param === null ? undefined : (JSON.parse(param) as unknown);
  }

  it('answers a user entered as attributes as the SDK does, explaining the deciding step', async () => {
    const test = await openFlag();
    await pointerAway(page);
    await screenshot(page, 'flag-test-empty');
    await expectAccessible(page);

    await test.getByLabel('Key', { exact: true }).fill('ada');
    await test.getByLabel('Attribute 1 name').fill('email');
    await test.getByLabel('Attribute 1 value').fill('ada@example.com');
    const context = { key: 'ada', email: 'ada@example.com' };
    expect(await contextInUrl(context)).toEqual(context);
    await answersAsSdk(context);

    // Production's explanation is open (the selected environment): Ada is pinned to the redesign.
    const production = test.locator('article[data-environment="production"]');
    const deciding = production.locator('[data-deciding]');
    await expect(deciding.textContent()).resolves.toContain('Individual targets');
    await expect(deciding.textContent()).resolves.toContain('Among the users pinned to Redesign');
    // Staging's why, opened: the Benelux allocation failed on the missing country, the split decided.
    const staging = test.locator('article[data-environment="staging"]');
    await staging.getByRole('button', { name: 'Why?' }).click();
    await staging.getByText('country is one of FR, BE, NL').waitFor();
    await expect(staging.locator('[data-deciding]').textContent()).resolves.toContain('Half and half');
    await staging.locator('[data-deciding]').evaluate((step) => step.scrollIntoView({ block: 'center' }));
    await pointerAway(page);
    await screenshot(page, 'flag-test-attributes');
    await expectAccessible(page);
  });

  it('answers a context typed as JSON, and says what is wrong with one that is not', async () => {
    const test = await openFlag();
    await test
      .locator('label')
      .filter({ hasText: /^JSON$/ })
      .click();
    const json = test.getByLabel('Context (JSON)');
    await json.fill('{ "key": "grace", "country": ');
    await test.getByText(/^Not valid JSON/).waitFor();
    await pointerAway(page);
    await screenshot(page, 'flag-test-json-error');
    await expectAccessible(page);

    const context = { key: 'grace', country: 'FR', plan: 'pro' };
    await json.fill(JSON.stringify(context, null, 2));
    expect(await contextInUrl(context)).toEqual(context);
    await answersAsSdk(context);
    // Grace is included in the beta segment: development serves the redesign.
    expect((await panelAnswers()).development).toEqual({ variation: 'redesign', value: 'redesign' });
    await pointerAway(page);
    await screenshot(page, 'flag-test-json');
  });

  it('answers a context whose attributes match a segment rule and not the Benelux allocation', async () => {
    const test = await openFlag('staging');
    await test.getByLabel('Key', { exact: true }).fill('bob');
    for (const [index, [name, value]] of [
      ['email', 'bob@beta.example'],
      ['country', 'BE'],
      ['plan', 'free'],
    ].entries()) {
      await test.getByLabel(`Attribute ${index + 1} name`).fill(name as string);
      await test.getByLabel(`Attribute ${index + 1} value`).fill(value as string);
    }
    const context = { key: 'bob', email: 'bob@beta.example', country: 'BE', plan: 'free' };
    expect(await contextInUrl(context)).toEqual(context);
    await answersAsSdk(context);
  });

  it('answers a multi-kind context built from two kinds', async () => {
    const test = await openFlag();
    await test.getByLabel('Key', { exact: true }).fill('carol');
    await test.getByLabel('Attribute 1 name').fill('country');
    await test.getByLabel('Attribute 1 value').fill('DE');
    await test.getByRole('button', { name: 'Add a context kind' }).click();
    await test.getByLabel('Key (context 2)').fill('acme');
    await test.getByLabel('Attribute 1 name (context 2)').fill('tier');
    await test.getByLabel('Attribute 1 value (context 2)').fill('enterprise');
    const context = {
      kind: 'multi',
      user: { key: 'carol', country: 'DE' },
      organization: { key: 'acme', tier: 'enterprise' },
    };
    expect(await contextInUrl(context)).toEqual(context);
    const answers = await answersAsSdk(context);
    expect(answers.production).toEqual({ variation: 'compact', value: 'compact' });
    await pointerAway(page);
    await screenshot(page, 'flag-test-multi-kind');
    await expectAccessible(page);
  });

  it('answers a known user picked from those SDKs reported, and a link reproduces the context', async () => {
    const test = await openFlag('development');
    const picker = test.getByLabel('Known user', { exact: true });
    await picker.click();
    await picker.fill('dave');
    await page.getByRole('option', { name: /dave-42/ }).click();
    const context = { key: 'dave-42', email: 'dave@beta.example', country: 'NL', plan: 'pro' };
    expect(await contextInUrl(context)).toEqual(context);
    await answersAsSdk(context);
    // The form shows what was picked.
    await expect(test.getByLabel('Key', { exact: true }).inputValue()).resolves.toBe('dave-42');

    const link = page.url();
    const other = await console.newPage();
    // Under load the first page of a new browser context can take a while.
    await other.goto('/sign-in');
    await other.getByLabel('Email').waitFor({ timeout: 30_000 });
    await signIn(other, console.owner.email, console.owner.password);
    await other.goto(link);
    await other
      .getByRole('region', { name: 'Test', exact: true })
      .locator('[data-state="current"]')
      .waitFor({ timeout: 30_000 });
    await expect(
      other.getByRole('region', { name: 'Test', exact: true }).getByLabel('Key', { exact: true }).inputValue(),
    ).resolves.toBe('dave-42');
    await other.context().close();
  });

  it('shows the draft’s answer beside the saved one before anything is saved', async () => {
    const test = await openFlag();
    await test.getByLabel('Key', { exact: true }).fill('ada');
    await contextInUrl({ key: 'ada' });
    await expect
      .poll(async () => (await panelAnswers()).production, { timeout: 20_000 })
      .toEqual({ variation: 'redesign', value: 'redesign' });

    await page.getByLabel('Flag on in Production').click({ force: true });
    const production = test.locator('article[data-environment="production"]');
    await production.locator('[data-answer="draft"]').waitFor();
    const drafted = await panelAnswers('draft');
    expect(drafted.production).toEqual({ variation: 'classic', value: 'classic' });
    // Other environments are not drafted: their draft answer is the saved one.
    expect(drafted.development).toEqual((await panelAnswers()).development);
    await production.getByText('Draft changes this').waitFor();
    await expect(production.locator('[data-answer="draft"]').textContent()).resolves.toContain('Flag off');
    // Nothing is saved: the SDK still serves the redesign to Ada.
    expect((await sdkAnswers({ key: 'ada' })).production).toEqual({ variation: 'redesign', value: 'redesign' });

    await production
      .locator('label')
      .filter({ hasText: /^Draft$/ })
      .click();
    await expect(production.locator('[data-deciding]').textContent()).resolves.toContain('Kill switch');
    await production.locator('[data-deciding]').evaluate((step) => step.scrollIntoView({ block: 'center' }));
    await pointerAway(page);
    await screenshot(page, 'flag-test-draft');
    await expectAccessible(page);
  });
});
