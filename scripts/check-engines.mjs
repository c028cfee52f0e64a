#!/usr/bin/env node
// Checks that every installed package runs on every Node.js line we support. It walks
// package-lock.json's packages and tests each one's `engines.node` against the oldest release of
// each supported line:
//
//   - production dependencies (what `npm start` and the published packages run on) against the
//     lines the root package.json's `engines.node` promises, from their first release (20.0.0,
//     22.0.0, 24.0.0 for ">=20");
//   - development dependencies (tests, build, benchmarks) against the releases contributors need,
//     DEVELOPMENT_FLOORS: Vite and Rolldown need 20.19 or 22.12.
//
// A package listed in ALLOWED is reported but does not fail the check; each entry says why.
//
//   node scripts/check-engines.mjs                  checks ./package-lock.json; exit 1 on a conflict
//   node scripts/check-engines.mjs --lock <path>    checks another lockfile (the test's fixtures)
//   node scripts/check-engines.mjs --json           the result as JSON, for tests and tooling
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const semver = createRequire(join(root, 'package.json'))('semver');

/** The Node.js lines we support; the engines range decides from which release of each. */
const SUPPORTED_MAJORS = [20, 22, 24];

/** What a contributor's Node must be at least, per line, to install, build and test (Vite 8, Rolldown). */
const DEVELOPMENT_FLOORS = ['20.19.0', '22.12.0', '24.0.0'];

/** Development-only packages that may exclude a supported release, and why. Production ones never may. */
const ALLOWED = {
  '@rolldown/binding-wasm32-wasi':
    'Rolldown’s WebAssembly fallback (cpu wasm32), installed only where no native binding exists; on the 22 line it needs 22.13',
};

/** The first release of each supported line that `range` admits (`>=20` → 20.0.0, 22.0.0, 24.0.0). */
export function promisedReleases(range) {
  return SUPPORTED_MAJORS.map((major) =>
    semver.minVersion(new semver.Range(`>=${major}.0.0 <${major + 1}.0.0-0 ${range}`)),
  ).flatMap((version) => (version ? [version.version] : []));
}

/**
 * Every package of the lockfile whose `engines.node` excludes a release it must run on:
 * `{ path, name, version, engines, dev, excludes: [releases], allowed: reason | null }`.
 */
export function engineConflicts(lock) {
  const promise = lock.packages['']?.engines?.node;
  if (!promise) throw new Error('the root package.json declares no engines.node');
  const production = promisedReleases(promise);
  const conflicts = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = entry.engines?.node;
    if (path === '' || entry.link || typeof range !== 'string') continue;
    const dev = entry.dev === true;
    const releases = dev ? DEVELOPMENT_FLOORS : production;
    const excludes = releases.filter((release) => !semver.satisfies(release, range, { includePrerelease: true }));
    if (excludes.length === 0) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const allowed = dev ? (ALLOWED[name] ?? null) : null;
    conflicts.push({ path, name, version: entry.version, engines: range, dev, excludes, allowed });
  }
  return { promise, production, development: DEVELOPMENT_FLOORS, conflicts };
}

function main(args) {
  const lockIndex = args.indexOf('--lock');
  const lockPath = lockIndex === -1 ? join(root, 'package-lock.json') : resolve(args[lockIndex + 1]);
  const result = engineConflicts(JSON.parse(readFileSync(lockPath, 'utf8')));
  const failing = result.conflicts.filter((conflict) => conflict.allowed === null);
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.log(
      `engines.node "${result.promise}": production packages on ${result.production.join(', ')}; ` +
        `development packages on ${result.development.join(', ')} (${dirname(lockPath)})`,
    );
    for (const conflict of result.conflicts) {
      const kind = conflict.dev ? 'dev' : 'production';
      const verdict = conflict.allowed === null ? 'FAILS' : `allowed: ${conflict.allowed}`;
      console.log(
        `  ${conflict.name}@${conflict.version} (${kind}, ${conflict.path}) needs node ${conflict.engines}, ` +
          `excludes ${conflict.excludes.join(', ')} — ${verdict}`,
      );
    }
    if (failing.length === 0) console.log('Every package runs on every supported Node.js release.');
  }
  process.exitCode = failing.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
