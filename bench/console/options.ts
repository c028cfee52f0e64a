/** The console suite's options (shared with bench/all.ts, which hands them over). */
import { parseArgs } from 'node:util';

export interface Options {
  quick: boolean;
  /** Flags in the project (each in 3 environments). */
  flags: number;
  /** Measured runs, each in a fresh browser context (cold cache); the report gives the median. */
  runs: number;
  /** Which cases run: `flags` (the flag list and page), `users`, `audit` (data-pages.ts), `insights` (insights.ts). */
  cases: Set<string>;
  /** Known users seeded for the users case. */
  users: number;
  /** Audit entries seeded for the audit case. */
  auditEntries: number;
}

export const CONSOLE_CASES = ['flags', 'users', 'audit', 'insights'] as const;

const FULL = { runs: 7 };
const QUICK = { runs: 3 };

export const CONSOLE_USAGE = `console suite: [--quick] [--console-flags 10000] [--console-runs ${FULL.runs}] [--console-cases flags,users,audit,insights] [--console-users 100000] [--console-audit 100000]`;

export const CONSOLE_OPTIONS = {
  quick: { type: 'boolean' },
  'console-flags': { type: 'string' },
  'console-runs': { type: 'string' },
  'console-cases': { type: 'string' },
  'console-users': { type: 'string' },
  'console-audit': { type: 'string' },
} as const;

export function parseOptions(args: string[]): Options {
  const { values } = parseArgs({ args, options: { ...CONSOLE_OPTIONS, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(`usage: node --import tsx bench/console/run.ts ${CONSOLE_USAGE}`);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const positive = (value: string | undefined, fallback: number, what: string): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${what} must be a positive whole number`);
    return n;
  };
  return {
    quick,
    flags: positive(values['console-flags'], 10_000, 'console-flags'),
    runs: positive(values['console-runs'], (quick ? QUICK : FULL).runs, 'console-runs'),
    cases: casesOf(values['console-cases']),
    users: positive(values['console-users'], 100_000, 'console-users'),
    auditEntries: positive(values['console-audit'], 100_000, 'console-audit'),
  };
}

function casesOf(value: string | undefined): Set<string> {
  if (value === undefined) return new Set(CONSOLE_CASES);
  const cases = new Set(value.split(',').map((name) => name.trim()));
  for (const name of cases)
    if (!(CONSOLE_CASES as readonly string[]).includes(name))
      throw new Error(`--console-cases: "${name}" is not one of ${CONSOLE_CASES.join(', ')}`);
  return cases;
}
