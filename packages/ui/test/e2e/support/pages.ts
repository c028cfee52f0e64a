import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { VIEWPORT } from './console.js';

/** Where screenshots go (git-ignored): look at them after a run. */
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

/**
 * Signs in through the sign-in page, as a person would, and waits until the console has left it. A
 * fresh page's first load may take longer than a step's 10 s on a busy machine: it gets 30.
 */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('Email').waitFor({ timeout: 30_000 });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Waits until no page is loading (`PageLoading` shown while a lazy page or its data arrives). */
export async function settled(page: Page): Promise<void> {
  await page.locator('[data-page-loading]').first().waitFor({ state: 'detached' });
  // Transitions still running (a dialog fading out, a badge fading in) would be judged half-drawn.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** A 1280×800 PNG of the page once it has settled, at packages/ui/test/e2e/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await settled(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}${name}.png`;
  await page.setViewportSize(VIEWPORT);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** The path and query of the page's URL: `/projects/default/flags?env=development`. */
export function location(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}
