/**
 * The SDK packages as their users get them: `npm pack` from a clean checkout (the package's own `prepack`
 * builds `dist`), installed offline from the tarballs alone into an empty project outside the monorepo, then
 * imported (ESM and CommonJS), type-checked and run with plain `node` against a real Vexil server. The package
 * READMEs' examples and docs/sdk-node.md's quickstart run here as written.
 *
 * To add a package: add its directory to PACKAGES, after the packages it depends on (as 'packages/sdk-web' comes
 * before 'packages/react'). Every check that needs no knowledge of the package then covers
 * it: `npm pack` from a clean copy (its `prepack` must build `dist`; the copy holds the PACKAGES directories, without
 * dist, test and build info, and tsconfig.base.json — a build that needs more files must say so here); README,
 * MIT LICENSE and every `exports` target in the tarball; an offline install beside the other tarballs and its
 * peers (packed with their own dependencies from this repository's node_modules) with a consistent tree
 * (`npm ls --all`); every `exports` entry loaded by plain `node` with `import` (and `require` where it has a
 * "require" condition; so a browser package must import in Node.js without touching `window` at load) and
 * type-checked by `tsc` (add 'DOM' to CONSUMER_LIB if its types need the DOM's). To evaluate against the server
 * too, add consumer scripts to SCENARIOS (each prints one JSON line, compared with `expected`), and typed uses
 * with `@ts-expect-error` lines to TYPED_USES. A README's first `js` block runs as written when it names its
 * file in its first line (`// example.mjs`); add what it must print to the README test.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlag, patchFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { eventually } from './support/server.js';

/** The packages packed and installed, in dependency order; each a directory of this repository. */
const PACKAGES = ['packages/engine', 'packages/sdk-node', 'packages/sdk-web', 'packages/react'];

/** The consumer's TypeScript `lib`: a package whose types need the DOM's (a browser SDK) adds 'DOM' here. */
const CONSUMER_LIB = ['ES2022', 'DOM'];

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
/** On Node.js versions with require(esm), turn it off: a CommonJS consumer must get a real CommonJS build. */
const NO_REQUIRE_ESM = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
  ? ['--no-experimental-require-module']
  : [];

interface PackageJson {
  name: string;
  version: string;
  license?: string;
  files?: string[];
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface Packed {
  dir: string;
  manifest: PackageJson;
  tarball: string;
}

/** A consumer script run with `node` in the consumer project; it prints one JSON line. */
interface Scenario {
  file: string;
  code: string;
  expected: unknown;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const tarballName = (manifest: PackageJson) =>
  `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;

/** The environment of every child process: none of the outer npm's `npm_*` settings, npm kept off the network. */
function childEnv(cache: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'warn',
    ...extra,
  };
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** Runs a consumer script and parses the JSON line it printed last. */
async function runScript(cwd: string, file: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  const args = file.endsWith('.cjs') ? [...NO_REQUIRE_ESM, file] : [file];
  const { stdout } = await run(process.execPath, args, cwd, env);
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '');
}

/** The string leaves of an `exports` map: every file it can resolve to. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

/** Whether an `exports` entry has a "require" condition (at any depth). */
function hasRequire(value: unknown): boolean {
  return (
    !!value && typeof value === 'object' && Object.entries(value).some(([k, v]) => k === 'require' || hasRequire(v))
  );
}

/**
 * A copy of what a fresh clone holds for the packages — sources and configuration, no `dist`, no build info —
 * with a node_modules of links to this repository's (its @vexil entries point at the copies). Packing there
 * proves `prepack` builds from nothing, and leaves this checkout's `dist` alone.
 */
function cleanCheckout(into: string): void {
  mkdirSync(join(into, 'packages'), { recursive: true });
  cpSync(join(ROOT, 'tsconfig.base.json'), join(into, 'tsconfig.base.json'));
  const ours = new Map(PACKAGES.map((dir) => [readJson<PackageJson>(join(ROOT, dir, 'package.json')).name, dir]));
  for (const dir of PACKAGES) {
    const from = join(ROOT, dir);
    cpSync(from, join(into, dir), {
      recursive: true,
      filter: (path) => {
        const rel = relative(from, path);
        return !/^(dist|test|node_modules)(\/|$)/.test(rel) && !rel.endsWith('.tsbuildinfo');
      },
    });
    if (existsSync(join(from, 'node_modules')))
      symlinkSync(join(from, 'node_modules'), join(into, dir, 'node_modules'));
  }
  const modules = join(into, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '@vexil') continue;
    if (!entry.startsWith('@')) {
      symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
      continue;
    }
    mkdirSync(join(modules, entry));
    for (const name of readdirSync(join(ROOT, 'node_modules', entry)))
      symlinkSync(join(ROOT, 'node_modules', entry, name), join(modules, entry, name));
  }
  mkdirSync(join(modules, '@vexil'));
  for (const [name, dir] of ours) symlinkSync(join(into, dir), join(modules, name));
}

/** Where this repository installed a third-party package: hoisted to the root, or in one of PACKAGES. */
function installedDir(name: string): string {
  const candidates = ['', ...PACKAGES].map((dir) => join(ROOT, dir, 'node_modules', name));
  const found = candidates.find((dir) => existsSync(join(dir, 'package.json')));
  if (!found) throw new Error(`${name} is not installed in this repository`);
  return found;
}

/** Packs third-party packages (peers, and what they need) from this repository's node_modules, offline. */
async function packFromNodeModules(names: string[], destination: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...names];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = readJson<PackageJson>(join(installedDir(name), 'package.json'));
    queue.push(...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {}));
  }
  const dirs = [...seen].map(installedDir);
  await run('npm', ['pack', '--ignore-scripts', '--pack-destination', destination, ...dirs], destination, env);
  return dirs.map((dir) => join(destination, tarballName(readJson<PackageJson>(join(dir, 'package.json')))));
}

/** The flag the README's curl walk-through creates: client-side available, on for `@example.com` addresses in development. */
const NEW_CHECKOUT = {
  on: true,
  offVariation: 'off',
  allocations: [
    {
      id: 'staff',
      conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
      serve: { variation: 'on' },
    },
  ],
  fallthrough: { variation: 'off' },
};
const ada = { key: 'ada', email: 'ada@example.com' };
const bob = { key: 'bob', email: 'bob@example.org' };

/** A script body in both module systems: ESM with top-level await, CommonJS wrapped in an async function. */
function bothModuleSystems(
  stem: string,
  imports: { esm: string; cjs: string },
  body: (kind: 'esm' | 'cjs') => string,
  expected: (kind: 'esm' | 'cjs') => unknown,
): Scenario[] {
  return [
    { file: `${stem}-esm.mjs`, code: `${imports.esm}\n${body('esm')}\n`, expected: expected('esm') },
    {
      file: `${stem}-cjs.cjs`,
      code: `${imports.cjs}\n(async () => {\n${body('cjs')}\n})().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`,
      expected: expected('cjs'),
    },
  ];
}

/** Consumer scripts that evaluate against the server (VEXIL_URL, VEXIL_SERVER_KEY), by package name. */
const SCENARIOS: Record<string, Scenario[]> = {
  '@vexil/engine': bothModuleSystems(
    'engine',
    { esm: "import { compile } from '@vexil/engine';", cjs: "const { compile } = require('@vexil/engine');" },
    () => `
const response = await fetch(process.env.VEXIL_URL + '/sdk/v1/config', { headers: { authorization: process.env.VEXIL_SERVER_KEY } });
const ruleset = compile(await response.json());
console.log(JSON.stringify({
  ada: ruleset.evaluate('new-checkout', ${JSON.stringify(ada)}, false),
  bob: ruleset.evaluate('new-checkout', ${JSON.stringify(bob)}, false),
}));`,
    () => ({
      ada: { value: true, variation: 'on', reason: 'TARGETING_MATCH', allocation: 'staff' },
      bob: { value: false, variation: 'off', reason: 'DEFAULT' },
    }),
  ),
  '@vexil/node': [
    ...bothModuleSystems(
      'node',
      { esm: "import { init } from '@vexil/node';", cjs: "const { init } = require('@vexil/node');" },
      (kind) => `
const vexil = init({ sdkKey: process.env.VEXIL_SERVER_KEY, baseUrl: process.env.VEXIL_URL });
const ready = await vexil.waitForInitialization(10000);
const result = {
  ready,
  status: vexil.status,
  ada: vexil.boolean('new-checkout', ${JSON.stringify(ada)}, false),
  bob: vexil.boolean('new-checkout', ${JSON.stringify(bob)}, true),
  detail: vexil.detail('new-checkout', ${JSON.stringify(ada)}, false),
  missing: vexil.string('no-such-flag', ${JSON.stringify(ada)}, 'fallback'),
};
vexil.track('packaged-${kind}', ${JSON.stringify(ada)}, 1);
await vexil.close();
console.log(JSON.stringify({ ...result, closed: vexil.status }));`,
      () => ({
        ready: true,
        status: 'ready',
        ada: true,
        bob: false,
        detail: { value: true, variation: 'on', reason: 'TARGETING_MATCH', allocation: 'staff' },
        missing: 'fallback',
        closed: 'closed',
      }),
    ),
    ...bothModuleSystems(
      'openfeature',
      {
        esm: "import { OpenFeature } from '@openfeature/server-sdk';\nimport { VexilProvider } from '@vexil/node/openfeature';",
        cjs: "const { OpenFeature } = require('@openfeature/server-sdk');\nconst { VexilProvider } = require('@vexil/node/openfeature');",
      },
      (kind) => `
await OpenFeature.setProviderAndWait(new VexilProvider({ sdkKey: process.env.VEXIL_SERVER_KEY, baseUrl: process.env.VEXIL_URL }));
const flags = OpenFeature.getClient();
const ada = await flags.getBooleanDetails('new-checkout', false, { targetingKey: 'ada', email: 'ada@example.com' });
const bob = await flags.getBooleanValue('new-checkout', true, { targetingKey: 'bob' });
flags.track('openfeature-${kind}', { targetingKey: 'ada' }, { value: 2 });
await OpenFeature.close();
console.log(JSON.stringify({ value: ada.value, variant: ada.variant, reason: ada.reason, bob }));`,
      () => ({ value: true, variant: 'on', reason: 'TARGETING_MATCH', bob: false }),
    ),
  ],
  '@vexil/web': [
    {
      // In Node.js (20 has fetch, no EventSource: the client polls), against the server, with the client key.
      file: 'web.mjs',
      code: `import { createClient } from '@vexil/web';
const client = createClient({ clientKey: process.env.VEXIL_CLIENT_KEY, baseUrl: process.env.VEXIL_URL, context: ${JSON.stringify(ada)}, cache: false });
const ready = await client.ready();
const result = { ready, status: client.status, ada: client.boolean('new-checkout', false), detail: client.detail('new-checkout', false), all: client.allFlags() };
client.track('packaged-web', 3);
await client.close();
console.log(JSON.stringify({ ...result, closed: client.status }));
`,
      expected: {
        ready: true,
        status: 'ready',
        ada: true,
        detail: { value: true, variation: 'on', reason: 'TARGETING_MATCH', allocation: 'staff' },
        all: { 'new-checkout': true },
        closed: 'closed',
      },
    },
  ],
  '@vexil/react': [
    {
      // Server-side rendering as docs/sdk-react.md shows it: @vexil/node evaluates, @vexil/react renders the bootstrap.
      file: 'react-ssr.mjs',
      code: `import { init } from '@vexil/node';
import { useFlag, useFlagDetail, useVexilStatus, VexilProvider } from '@vexil/react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
const vexil = init({ sdkKey: process.env.VEXIL_SERVER_KEY, baseUrl: process.env.VEXIL_URL });
await vexil.waitForInitialization(10000);
function Checkout() {
  const fresh = useFlag('new-checkout', false);
  const detail = useFlagDetail('new-checkout', false);
  return createElement('p', null, (fresh ? 'the new checkout' : 'the old checkout') + ' ' + detail.reason + ' ' + useVexilStatus());
}
const render = (context) => {
  const bootstrap = Object.fromEntries(Object.entries(vexil.allFlags(context)).filter(([key]) => vexil.flagMetadata(key)?.clientSideAvailable));
  const options = { clientKey: process.env.VEXIL_CLIENT_KEY, baseUrl: process.env.VEXIL_URL, context, bootstrap };
  return renderToString(createElement(VexilProvider, { options }, createElement(Checkout)));
};
const result = { ada: render(${JSON.stringify(ada)}), bob: render(${JSON.stringify(bob)}) };
await vexil.close();
console.log(JSON.stringify(result));
`,
      expected: {
        ada: '<p>the new checkout TARGETING_MATCH loading</p>',
        bob: '<p>the old checkout DEFAULT loading</p>',
      },
    },
  ],
};

/**
 * TypeScript files type-checked in the consumer project (besides an import of every `exports` entry), by package
 * name. Each `@ts-expect-error` proves the types are real: with no types (or `any`) the line would not be an error.
 */
const TYPED_USES: Record<string, Record<string, string>> = {
  '@vexil/engine': {
    'engine-use.mts': `import { compile, type EvaluationContext } from '@vexil/engine';
const ruleset = compile({ flags: [], segments: [] });
const context: EvaluationContext = { key: 'ada', plan: 'pro' };
const value: boolean = ruleset.evaluate('new-checkout', context, false).value;
// @ts-expect-error the default fixes the value's type
const wrong: string = ruleset.evaluate('new-checkout', context, false).value;
export { value, wrong };
`,
  },
  '@vexil/node': {
    'node-use.mts': `import { init, type VexilClient, type EvaluationDetail } from '@vexil/node';
import { VexilProvider } from '@vexil/node/openfeature';
const client: VexilClient = init({ sdkKey: 'vx_server_x', baseUrl: 'http://127.0.0.1:1', stream: false });
const on: boolean = client.boolean('new-checkout', { key: 'ada' }, false);
const detail: EvaluationDetail<string> = client.detail('banner', { key: 'ada' }, 'hello');
// @ts-expect-error boolean() returns a boolean
const wrong: string = client.boolean('new-checkout', { key: 'ada' }, false);
// @ts-expect-error sdkKey is a string
init({ sdkKey: 42 });
const provider = new VexilProvider(client);
export { on, detail, wrong, provider };
`,
    'node-use.cts': `import vexil = require('@vexil/node');
import openfeature = require('@vexil/node/openfeature');
const client: vexil.VexilClient = vexil.init({ sdkKey: 'vx_server_x', offline: true });
const on: boolean = client.boolean('new-checkout', { key: 'ada' }, false);
// @ts-expect-error number() returns a number
const wrong: string = client.number('limit', { key: 'ada' }, 1);
const provider = new openfeature.VexilProvider(client);
export = { on, wrong, provider };
`,
  },
  '@vexil/web': {
    'web-use.mts': `import { createClient, type VexilWebClient, type FlagDetail } from '@vexil/web';
import { VexilWebProvider } from '@vexil/web/openfeature';
import { init } from '@vexil/node';
const node = init({ sdkKey: 'vx_server_x', offline: true });
// @vexil/node's allFlags is a bootstrap as it is
const client: VexilWebClient = createClient({ clientKey: 'vx_client_x', baseUrl: 'http://127.0.0.1:1', context: { key: 'ada' }, bootstrap: node.allFlags({ key: 'ada' }), offline: true });
const on: boolean = client.boolean('new-checkout', false);
const detail: FlagDetail<string> = client.detail('banner', 'hello');
// @ts-expect-error string() returns a string
const wrong: number = client.string('banner', 'hello');
// @ts-expect-error a context is required
createClient({ clientKey: 'vx_client_x', baseUrl: 'http://127.0.0.1:1' });
const provider = new VexilWebProvider({ clientKey: 'vx_client_x', baseUrl: 'http://127.0.0.1:1' });
export { on, detail, wrong, provider };
`,
  },
  '@vexil/react': {
    'react-use.mts': `import { useFlag, useFlagDetail, useTrack, useVexilClient, useVexilStatus, VexilProvider, type FlagDetail } from '@vexil/react';
import { createClient } from '@vexil/web';
import { createElement } from 'react';
export function Checkout() {
  const on: boolean = useFlag('new-checkout', false);
  const limit: number = useFlag('limit', 10);
  const detail: FlagDetail<string> = useFlagDetail('banner', 'hello');
  const config: { color: string } = useFlag('theme', { color: 'red' });
  // @ts-expect-error a boolean default gives a boolean
  const wrong: string = useFlag('new-checkout', false);
  const track: (eventKey: string, value?: number) => void = useTrack();
  const status: 'loading' | 'ready' | 'stale' | 'closed' = useVexilStatus();
  useVexilClient().track('seen');
  return createElement('p', null, String([on, limit, detail.value, config.color, wrong, status]), track.name);
}
const client = createClient({ clientKey: 'vx_client_x', baseUrl: 'http://127.0.0.1:1', context: { key: 'ada' } });
export const withClient = createElement(VexilProvider, { client }, createElement(Checkout));
export const withOptions = createElement(VexilProvider, { options: { clientKey: 'vx_client_x', baseUrl: 'http://127.0.0.1:1', context: { key: 'ada' } } });
// @ts-expect-error the provider needs a client or options
export const neither = createElement(VexilProvider, {});
`,
  },
};

/** The fenced blocks of a Markdown text, with their info strings. */
function codeBlocks(markdown: string): { lang: string; code: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    lang: match[1] ?? '',
    code: match[2] ?? '',
  }));
}

describe('the SDK packages, packed and installed from their tarballs outside the repository', () => {
  let server: TestServer;
  let work: string;
  let cache: string;
  let consumer: string;
  let serverEnv: NodeJS.ProcessEnv;
  const packed: Packed[] = [];
  const peerTarballs: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'vexil-packaging-'));
    cache = join(work, 'npm-cache');
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    cleanCheckout(join(work, 'vexil'));
    server = await startTestServer('sqlite');
    await createFlag(server, { key: 'new-checkout', type: 'boolean', clientSideAvailable: true }, NEW_CHECKOUT);
    serverEnv = childEnv(cache, {
      VEXIL_URL: server.url,
      VEXIL_SERVER_KEY: server.seeded.serverKey,
      VEXIL_CLIENT_KEY: server.seeded.clientKey,
    });
  });
  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs each package from a clean checkout: prepack builds dist, the tarball holds README, LICENSE and every exports target', async () => {
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    const dirs = PACKAGES.map((dir) => join(work, 'vexil', dir));
    for (const dir of dirs) expect(existsSync(join(dir, 'dist')), `${dir} starts without dist`).toBe(false);
    await run('npm', ['pack', '--pack-destination', tarballs, ...dirs], work, childEnv(cache));
    for (const dir of dirs) {
      const manifest = readJson<PackageJson>(join(dir, 'package.json'));
      const tarball = join(tarballs, tarballName(manifest));
      expect(existsSync(tarball), tarball).toBe(true);
      packed.push({ dir, manifest, tarball });
    }
    // The peers (optional ones too, to run them) and @types/node, which a TypeScript consumer of a Node.js
    // package has (the OpenFeature server SDK's types need it; ours do not).
    // Our own packages among the peers (@vexil/web for @vexil/react) are the tarballs above. React's consumers
    // have react-dom and React's types.
    const names = new Set(packed.map(({ manifest }) => manifest.name));
    const peers = packed
      .flatMap(({ manifest }) => Object.keys(manifest.peerDependencies ?? {}))
      .filter((name) => !names.has(name));
    peerTarballs.push(
      ...(await packFromNodeModules([...peers, '@types/node', 'react-dom', '@types/react'], tarballs, childEnv(cache))),
    );

    writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true }, null, 2)}\n`);
    await run('npm', ['install', ...packed.map(({ tarball }) => tarball), ...peerTarballs], consumer, childEnv(cache));
    // Every dependency satisfied by the tarballs (nothing missing or of a version outside its range).
    await run('npm', ['ls', '--all'], consumer, childEnv(cache));

    const ours = new Set(packed.map(({ manifest }) => manifest.name));
    for (const { manifest } of packed) {
      const installed = join(consumer, 'node_modules', manifest.name);
      const own = readJson<PackageJson>(join(installed, 'package.json'));
      expect(own.license, manifest.name).toBe('MIT');
      expect(own.files, manifest.name).toContain('LICENSE');
      expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
      expect(readFileSync(join(installed, 'README.md'), 'utf8')).toContain(`# ${manifest.name}`);
      for (const target of exportTargets(own.exports))
        expect(existsSync(join(installed, target)), `${manifest.name}: ${target}`).toBe(true);
      // Dependencies on our packages are met by the packed versions, once, at the top (not a nested copy).
      for (const dependency of Object.keys(own.dependencies ?? {}).filter((name) => ours.has(name)))
        expect(existsSync(join(installed, 'node_modules', dependency)), `${manifest.name} → ${dependency}`).toBe(false);
    }
    // Nothing links back into the repository: each package is a real directory, unpacked from its tarball.
    for (const { manifest } of packed)
      expect(lstatSync(join(consumer, 'node_modules', manifest.name)).isSymbolicLink(), manifest.name).toBe(false);
    const lsOutput = (await run('npm', ['ls', '--all', '--parseable'], consumer, childEnv(cache))).stdout;
    expect(lsOutput).not.toContain(ROOT.replace(/\/$/, ''));
  }, 240_000);

  it('imports every exports entry with import, and with require where there is a "require" condition; other paths are closed', async () => {
    for (const { manifest } of packed) {
      const own = readJson<PackageJson>(join(consumer, 'node_modules', manifest.name, 'package.json'));
      const entries = Object.entries(own.exports ?? {}).filter(([subpath]) => subpath !== './package.json');
      const specifiers = entries.map(([subpath]) => manifest.name + subpath.slice(1));
      const required = entries
        .filter(([, target]) => hasRequire(target))
        .map(([subpath]) => manifest.name + subpath.slice(1));
      const stem = basename(manifest.name);
      const closed = `${manifest.name}/dist/index.js`;
      writeFileSync(
        join(consumer, `${stem}-entries.mjs`),
        `const result = {};
for (const specifier of ${JSON.stringify(specifiers)}) result[specifier] = Object.keys(await import(specifier)).length;
try { await import(${JSON.stringify(closed)}); result.closed = 'open'; } catch (error) { result.closed = error.code; }
console.log(JSON.stringify(result));
`,
      );
      const counts = (await runScript(consumer, `${stem}-entries.mjs`, serverEnv)) as Record<string, unknown>;
      expect(counts.closed, manifest.name).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
      for (const specifier of specifiers) expect(counts[specifier], specifier).toBeGreaterThan(0);

      if (required.length === 0) continue;
      writeFileSync(
        join(consumer, `${stem}-entries.cjs`),
        `const result = {};
for (const specifier of ${JSON.stringify(required)}) result[specifier] = Object.keys(require(specifier)).length;
console.log(JSON.stringify(result));
`,
      );
      const required_ = (await runScript(consumer, `${stem}-entries.cjs`, serverEnv)) as Record<string, unknown>;
      for (const specifier of required) expect(required_[specifier], `require('${specifier}')`).toBeGreaterThan(0);
    }
  }, 120_000);

  it('type-checks imports of every exports entry (ESM, and CommonJS where offered) and typed uses, with tsc', async () => {
    const files: string[] = [];
    packed.forEach(({ manifest }, index) => {
      const own = readJson<PackageJson>(join(consumer, 'node_modules', manifest.name, 'package.json'));
      for (const [subpath, target] of Object.entries(own.exports ?? {})) {
        if (subpath === './package.json') continue;
        const specifier = manifest.name + subpath.slice(1);
        const stem = `types-${index}-${files.length}`;
        writeFileSync(
          join(consumer, `${stem}.mts`),
          `import * as entry from '${specifier}';\nexport const names: string[] = Object.keys(entry);\n`,
        );
        files.push(`${stem}.mts`);
        if (!hasRequire(target)) continue;
        writeFileSync(
          join(consumer, `${stem}.cts`),
          `import entry = require('${specifier}');\nexport const names: string[] = Object.keys(entry);\n`,
        );
        files.push(`${stem}.cts`);
      }
      for (const [file, code] of Object.entries(TYPED_USES[manifest.name] ?? {})) {
        writeFileSync(join(consumer, file), code);
        files.push(file);
      }
    });
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: CONSUMER_LIB,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files,
      }),
    );
    await run(process.execPath, [TSC, '-p', 'tsconfig.json'], consumer, serverEnv);
  }, 120_000);

  it('evaluates against a real server from the installed packages, with node: ESM import and CommonJS require', async () => {
    for (const { manifest } of packed) {
      for (const scenario of SCENARIOS[manifest.name] ?? []) {
        writeFileSync(join(consumer, scenario.file), scenario.code);
        expect(await runScript(consumer, scenario.file, serverEnv), scenario.file).toEqual(scenario.expected);
      }
    }
    // What the scripts tracked reached the server (close() flushes).
    const tracked = async () =>
      (await server.ctx.db.selectFrom('events').select('eventKey').where('type', '=', 'custom').execute())
        .map((row) => row.eventKey)
        .sort();
    await eventually(async () => (await tracked()).length >= 5, 10_000, 'the scripts’ custom events stored');
    expect(await tracked()).toEqual([
      'openfeature-cjs',
      'openfeature-esm',
      'packaged-cjs',
      'packaged-esm',
      'packaged-web',
    ]);
  }, 120_000);

  it("runs each package README's JavaScript example as written", async () => {
    const outputs: Record<string, string> = {};
    for (const { manifest } of packed) {
      const readme = readFileSync(join(consumer, 'node_modules', manifest.name, 'README.md'), 'utf8');
      // The first `js` block, when its first line names a file for node (`// example.mjs`).
      const example = codeBlocks(readme).find(({ lang }) => lang === 'js');
      const file = example && /^\/\/ (\S+\.m?js)\b/.exec(example.code)?.[1];
      if (!example || !file) continue;
      writeFileSync(join(consumer, file), example.code);
      outputs[manifest.name] = (await run(process.execPath, [file], consumer, serverEnv)).stdout;
    }
    expect(outputs['@vexil/engine']).toContain("value: true,\n  variation: 'on',\n  reason: 'TARGETING_MATCH'");
    expect(outputs['@vexil/node']).toContain('new-checkout is true');
  }, 120_000);

  it('runs docs/sdk-node.md’s quickstart as written: its commands in an empty directory, then server.mjs', async () => {
    const doc = readFileSync(join(ROOT, 'docs/sdk-node.md'), 'utf8');
    const quickstart = doc.slice(
      doc.indexOf('\n## Quickstart\n'),
      doc.indexOf('\n## ', doc.indexOf('\n## Quickstart\n') + 1),
    );
    const blocks = codeBlocks(quickstart);
    const commands = blocks.find(({ lang }) => lang === 'sh')?.code ?? '';
    const source = blocks.find(({ lang, code }) => lang === 'js' && code.startsWith('// server.mjs\n'))?.code ?? '';
    expect(commands).toContain('npm install ./vexil-engine-0.1.0.tgz ./vexil-node-0.1.0.tgz');
    expect(source).toContain("from '@vexil/node'");

    // The doc's clone of Vexil is `../vexil` from the new project: `work` holds the clean checkout under that name.
    await run('bash', ['-e', '-c', commands], work, childEnv(cache));
    const app = join(work, 'my-app');
    writeFileSync(join(app, 'server.mjs'), source);

    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['server.mjs'], {
      cwd: app,
      env: { ...serverEnv, PORT: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await eventually(
        () => /listening on http:\/\/localhost:\d+/.test(stdout) || child.exitCode !== null,
        15_000,
        'the app listening',
      );
      const port = /listening on http:\/\/localhost:(\d+)/.exec(stdout)?.[1];
      expect(port, stderr).toBeDefined();
      const base = `http://127.0.0.1:${port}`;
      const checkout = async (headers: Record<string, string>) => (await fetch(`${base}/checkout`, { headers })).text();

      expect(await checkout({ 'x-user-id': 'ada', 'x-user-email': 'ada@example.com' })).toBe('the new checkout\n');
      expect(await checkout({ 'x-user-id': 'bob' })).toBe('the old checkout\n');
      expect(
        (await fetch(`${base}/checkout/complete?total=42.5`, { method: 'POST', headers: { 'x-user-id': 'ada' } }))
          .status,
      ).toBe(204);
      expect(
        await (
          await fetch(`${base}/flags`, { headers: { 'x-user-id': 'ada', 'x-user-email': 'ada@example.com' } })
        ).json(),
      ).toEqual({
        'new-checkout': true,
      });

      await patchFlag(server, 'new-checkout', { on: false });
      await eventually(() => /flags changed at revision \d+: new-checkout/.test(stdout), 10_000, 'the change logged');
      expect(await checkout({ 'x-user-id': 'ada', 'x-user-email': 'ada@example.com' })).toBe('the old checkout\n');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(existsSync(join(app, 'vexil-flags.json'))).toBe(true);
    const completed = await server.ctx.db
      .selectFrom('events')
      .select(['contextKey', 'value'])
      .where('eventKey', '=', 'checkout-completed')
      .execute();
    expect(completed).toEqual([{ contextKey: 'ada', value: 42.5 }]);
  }, 120_000);
});
