import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it when missing. No tool downloads a browser of its own. */
export const CHROMIUM = process.env.VEXIL_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless Chromium. Playwright starts it with a fresh temporary profile (`--user-data-dir` in the
 * system's temp directory, removed on close), so no state leaks between runs.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set VEXIL_CHROMIUM)`,
    );
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}
