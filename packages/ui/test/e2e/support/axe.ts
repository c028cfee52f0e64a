import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { settled } from './pages.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the settled page and fails on serious or critical violations, listing each with the
 * elements at fault. axe is evaluated through the DevTools protocol, which the console's
 * Content-Security-Policy (no inline or foreign script) does not apply to, so the page runs as served.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  await settled(page);
  // Once per document: parsing axe's half a megabyte again on each check took longer than some checks.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } };
    return axe.run(document, { resultTypes: ['violations'] });
  });
  const serious = results.violations.filter(
    (violation: Result) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (serious.length === 0) return;
  const report = serious.map(
    (violation) =>
      `${violation.impact}: ${violation.id} — ${violation.help}\n${violation.nodes
        .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ') ?? ''}`)
        .join('\n')}`,
  );
  throw new Error(`Accessibility violations on ${page.url()}:\n${report.join('\n')}`);
}

/** The same check with the pointer moved away first, so that no hover state (a tooltip) is judged. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await expectNoSeriousA11yViolations(page);
}
