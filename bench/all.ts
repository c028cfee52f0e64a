/**
 * `npm run bench`: the engine suite (run.ts: evaluations/s against the peers' SDKs), the server
 * suite (server/run.ts: HTTP throughput, propagation, stream memory, cold start), the console
 * suite (console/run.ts: the web console in Chromium at 10,000 flags), the web suite (web/run.ts:
 * the browser SDK's bundle size against its peers') and the cost suite (cost/run.ts: the worst
 * requests the server accepts, with its event-loop delay), one after the other, each
 * in its own process. Reports go to stdout, progress to stderr.
 *
 *   npm run bench [-- --suite engine,server,console,web,cost] [engine options] [server options] [console options]
 *
 * Options are handed to the suite that knows them; `--quick` makes the server and console suites short (CI).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENGINE_OPTIONS } from './engines/options.js';
import { CONSOLE_OPTIONS, CONSOLE_USAGE } from './console/options.js';
import { COST_OPTIONS, COST_USAGE } from './cost/options.js';
import { SERVER_OPTIONS, SERVER_USAGE } from './server/options.js';

const SUITES = ['engine', 'server', 'console', 'web', 'cost'] as const;
type Suite = (typeof SUITES)[number];

const SCRIPTS: Record<Suite, string> = {
  engine: fileURLToPath(new URL('./run.ts', import.meta.url)),
  server: fileURLToPath(new URL('./server/run.ts', import.meta.url)),
  console: fileURLToPath(new URL('./console/run.ts', import.meta.url)),
  web: fileURLToPath(new URL('./web/run.ts', import.meta.url)),
  cost: fileURLToPath(new URL('./cost/run.ts', import.meta.url)),
};

/** The command-line arguments of the options in `known`, as given. */
function argsFor(
  values: Record<string, string | boolean | undefined>,
  known: Record<string, { type: 'string' | 'boolean' }>,
): string[] {
  const args: string[] = [];
  for (const [name, spec] of Object.entries(known)) {
    const value = values[name];
    if (value === undefined || value === false) continue;
    args.push(`--${name}`);
    if (spec.type === 'string') args.push(String(value));
  }
  return args;
}

function run(suite: Suite, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, SCRIPTS[suite], ...args], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      help: { type: 'boolean' },
      ...ENGINE_OPTIONS,
      ...SERVER_OPTIONS,
      ...CONSOLE_OPTIONS,
      ...COST_OPTIONS,
    },
  });
  if (values.help) {
    console.log(
      `usage: npm run bench -- [--suite ${SUITES.join(',')}] [engine options] [server options] [console options]`,
    );
    console.log(
      `  engine suite: [--engine …] [--scenario S1,S2,S3,S4] [--reps 5] [--processes 3] [--population 100000] [--budget-ms 10000] (bench/README.md)`,
    );
    console.log(`  ${SERVER_USAGE}`);
    console.log(`  ${CONSOLE_USAGE}`);
    console.log('  web suite: no options (bundle sizes of @vexil/web and the installed peers, bench/web/run.ts)');
    console.log(`  ${COST_USAGE}`);
    return 0;
  }
  const picked = values.suite === undefined ? [...SUITES] : values.suite.split(',').map((s) => s.trim());
  const unknown = picked.filter((s) => !(SUITES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`unknown --suite: ${unknown.join(', ')} (known: ${SUITES.join(', ')})`);
  const suites = SUITES.filter((s) => picked.includes(s));
  const args: Record<Suite, string[]> = {
    engine: argsFor(values, ENGINE_OPTIONS),
    server: argsFor(values, SERVER_OPTIONS),
    console: argsFor(values, CONSOLE_OPTIONS),
    web: [],
    cost: argsFor(values, COST_OPTIONS),
  };
  let worst = 0;
  for (const [index, suite] of suites.entries()) {
    if (index > 0) console.log('');
    process.stderr.write(`── ${suite} suite ──\n`);
    worst = Math.max(worst, await run(suite, args[suite]));
  }
  return worst;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
