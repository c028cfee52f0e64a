#!/usr/bin/env node
// Builds the server (tsc -b) and the console (vite build) only when their sources changed since the
// last build, so `npm start` on a built checkout starts in about a second. A build's fingerprint — a
// hash of every input file's path and content — is written to a stamp file after the build succeeds;
// the next run rebuilds a target only if its fingerprint differs or its output is missing.
//
//   node scripts/build-if-changed.mjs            server and console
//   node scripts/build-if-changed.mjs console    only the console (what the browser tests need)
//   node scripts/build-if-changed.mjs --force    build even when nothing changed
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));

const targets = {
  server: {
    inputs: [
      'tsconfig.base.json',
      'packages/engine/package.json',
      'packages/engine/tsconfig.json',
      'packages/engine/src',
      'packages/stats/package.json',
      'packages/stats/tsconfig.json',
      'packages/stats/src',
      'packages/server/package.json',
      'packages/server/tsconfig.json',
      'packages/server/src',
    ],
    output: 'packages/server/dist/main.js',
    stamp: 'packages/server/dist/.build-stamp',
    build: () => run([require.resolve('typescript/bin/tsc'), '-b', 'packages/server'], root),
  },
  console: {
    // The lockfile stands for the versions of everything the bundle contains.
    inputs: [
      'package-lock.json',
      'packages/ui/package.json',
      'packages/ui/index.html',
      'packages/ui/vite.config.ts',
      'packages/ui/src',
      // The console asks the server's own role rules what a member may do (auth/permissions.ts),
      // and plans experiments with @vexil/stats' sample sizes.
      'packages/server/src/auth/roles.ts',
      'packages/stats/src',
    ],
    output: 'packages/ui/dist/index.html',
    stamp: 'packages/ui/dist/.build-stamp',
    build: () => {
      const ui = join(root, 'packages/ui');
      const vite = join(dirname(createRequire(join(ui, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
      // A production bundle even when called from the tests, where NODE_ENV is `test`.
      run([vite, 'build', '--logLevel', 'warn'], ui, { NODE_ENV: 'production' });
    },
  },
};

const args = process.argv.slice(2);
const force = args.includes('--force');
const names = args.filter((arg) => !arg.startsWith('--'));
for (const name of names.length > 0 ? names : Object.keys(targets)) {
  const target = targets[name];
  if (!target) {
    process.stderr.write(`build-if-changed: unknown target "${name}" (${Object.keys(targets).join(', ')})\n`);
    process.exit(2);
  }
  const fingerprint = fingerprintOf(target.inputs);
  const stamp = join(root, target.stamp);
  const upToDate =
    existsSync(join(root, target.output)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;
  if (upToDate && !force) continue;
  const started = performance.now();
  process.stdout.write(`Building the ${name}${force ? '' : ' (its sources changed since the last build)'}…\n`);
  target.build();
  writeFileSync(stamp, fingerprint);
  process.stdout.write(`Built the ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

function fingerprintOf(inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of filesUnder(join(root, input))) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

function run(command, cwd, env = {}) {
  const result = spawnSync(process.execPath, command, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stderr.write(
      `build-if-changed: \`${command.map((part) => relative(root, part) || part).join(' ')}\` failed\n`,
    );
    process.exit(result.status ?? 1);
  }
}
