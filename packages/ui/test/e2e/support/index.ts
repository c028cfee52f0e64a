/** The browser test harness: a real server with the built console, Chromium, and helpers for pages. */
export { expectAccessible, expectNoSeriousA11yViolations } from './axe.js';
export { type ConsoleUnderTest, startConsole, VIEWPORT } from './console.js';
export { location, SCREENSHOTS, screenshot, settled, signIn } from './pages.js';
