import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip as gzipCompress } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The server under `npm start`; `npm run dev -w @vexil/ui` proxies the API to it. */
const server = process.env.VEXIL_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser the console supports preloads modules natively.
    modulePreload: { polyfill: false },
    // No inline scripts or styles: the server's Content-Security-Policy would refuse them.
    assetsInlineLimit: 0,
    // The first load's budget (350 KB of gzipped JavaScript) is checked by the browser tests, not by this warning.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/sdk', '/ofrep'].map((path) => [path, { target: server }])),
  },
});

/**
 * Brotli and gzip copies beside each script and style sheet, made once at build time: the server
 * sends them to browsers that accept them (and the plain file to those that do not).
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzip = promisify(gzipCompress);
  return {
    name: 'vexil:precompress',
    apply: 'build',
    async writeBundle(options) {
      const dir = join(options.dir ?? 'dist', 'assets');
      const files = (await readdir(dir)).filter((name) => /\.(js|css|svg)$/.test(name));
      // zlib works on its thread pool: the files compress in parallel.
      await Promise.all(
        files.map(async (name) => {
          const content = await readFile(join(dir, name));
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 10 } }),
            gzip(content, { level: 9 }),
          ]);
          await Promise.all([writeFile(join(dir, `${name}.br`), br), writeFile(join(dir, `${name}.gz`), gz)]);
        }),
      );
    },
  };
}
