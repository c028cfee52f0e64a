import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so `npm test` needs no build step of its own.
export default defineConfig({
  resolve: {
    alias: {
      '@vexil/engine': fileURLToPath(new URL('./packages/engine/src/index.ts', import.meta.url)),
      '@vexil/server': fileURLToPath(new URL('./packages/server/src/index.ts', import.meta.url)),
      '@vexil/node': fileURLToPath(new URL('./packages/sdk-node/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Server suites start real servers on SQLite and PostgreSQL; give slow machines room.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
