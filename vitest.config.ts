import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so `npm test` needs no build step of its own.
export default defineConfig({
  resolve: {
    alias: {
      '@vexil/engine': fileURLToPath(new URL('./packages/engine/src/index.ts', import.meta.url)),
      '@vexil/server': fileURLToPath(new URL('./packages/server/src/index.ts', import.meta.url)),
      '@vexil/node': fileURLToPath(new URL('./packages/sdk-node/src/index.ts', import.meta.url)),
      '@vexil/stats': fileURLToPath(new URL('./packages/stats/src/index.ts', import.meta.url)),
      // The subpath first: an alias also matches the paths under it.
      '@vexil/web/openfeature': fileURLToPath(new URL('./packages/sdk-web/src/openfeature.ts', import.meta.url)),
      '@vexil/web': fileURLToPath(new URL('./packages/sdk-web/src/index.ts', import.meta.url)),
      '@vexil/react': fileURLToPath(new URL('./packages/react/src/index.ts', import.meta.url)),
    },
  },
  test: {
    // Server suites start real servers on SQLite and PostgreSQL; give slow machines room.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two files at a time, not Vitest's default of one per core but one (a single file on a 2-core
    // machine): most files wait on a browser, a server or PostgreSQL, and the run fits in 15 minutes.
    maxWorkers: 2,
    // Files share their worker's modules instead of importing the server afresh each (2–3 s a file;
    // 405 → 262 s for the packages project alone). No test mocks modules or stubs globals, and each
    // file starts and closes its own servers and browser.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'packages',
          include: ['packages/*/test/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', 'packages/ui/test/e2e/**'],
        },
      },
      {
        // The console in Chromium against a real server; the global setup builds the console when its sources changed.
        extends: true,
        test: {
          name: 'console-e2e',
          include: ['packages/ui/test/e2e/**/*.test.ts'],
          globalSetup: ['packages/ui/test/e2e/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A browser step waits at most 10 s; on a starved machine one can miss it. One retry of a failed
          // browser test only — a test that fails twice still fails the run.
          retry: 1,
        },
      },
    ],
  },
});
