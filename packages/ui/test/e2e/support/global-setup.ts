import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The browser tests need the built console: build it once, before them, when its sources changed. */
export default function buildConsole(): void {
  const script = fileURLToPath(new URL('../../../../../scripts/build-if-changed.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, 'console'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the console failed (see above); the browser tests need it');
}
