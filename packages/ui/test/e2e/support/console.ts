import type { Browser, Page } from 'playwright-core';
import type { ServerConfig } from '../../../../server/src/index.js';
import { startTestServer, type TestServer } from '../../../../server/test/support/server.js';
import { launchChromium } from './browser.js';

/** The screen size every test page and screenshot has. */
export const VIEWPORT = { width: 1280, height: 800 };

export interface ConsoleUnderTest {
  /** The real server: SQLite in a temporary directory, a random port, serving the built console (packages/ui/dist). */
  server: TestServer;
  /** `http://127.0.0.1:<port>`; pages resolve relative URLs against it (`page.goto('/sign-in')`). */
  url: string;
  /** The seeded owner, whose password the first start made up. */
  owner: { email: string; password: string };
  /** A page in a new browser context: no cookies, no storage, 1280×800. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A seeded server and a Chromium to drive its console; one per test file (`beforeAll`/`afterAll`). */
export async function startConsole(overrides: Partial<ServerConfig> = {}): Promise<ConsoleUnderTest> {
  const server = await startTestServer('sqlite', overrides);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    url: server.url,
    owner: { email: server.seeded.ownerEmail, password: server.seeded.ownerPassword },
    async newPage() {
      const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT });
      // Fail in seconds, not after the test's own timeout: every step here is local.
      context.setDefaultTimeout(10_000);
      return context.newPage();
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
