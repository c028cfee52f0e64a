/**
 * What `matches` clauses cost when they add up: one OFREP bulk call evaluates every client-side
 * flag for one context, so 100 flags with a slow-but-accepted pattern against one long attribute
 * cost 100 times that pattern's worst case. For each shape below, this builds 100 flags with one
 * `matches` clause each, evaluates them all for one context with a hostile attribute (as long as
 * `matches` reads, shaped to make the pattern fail slowly), and prints the median time of a bulk
 * call in milliseconds, and what runs it: the RegExp, or for shapes a backtracking engine runs in
 * quadratic time, the linear-time automaton of packages/engine/src/regex/linear.ts.
 *
 *   npx tsc -b packages/engine && node --import tsx bench/regex-cost.ts
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { compile, compileSafeRegex, type FlagConfig, MAX_REGEX_INPUT_LENGTH } from '@vexil/engine';

const FLAGS = 100;
const RUNS = 21;
const n = MAX_REGEX_INPUT_LENGTH;

/** Each pattern with the attribute that makes it fail slowly (the 4 KiB cases of issue 12 first); bench/cost reuses them. */
export const SHAPES: { pattern: string; attribute: string }[] = [
  { pattern: '.*foo.*', attribute: 'a'.repeat(4096) },
  { pattern: '.*foo.*', attribute: 'a'.repeat(n) },
  { pattern: '.*foo', attribute: 'f'.repeat(n) },
  { pattern: '[a-z]+@example\\.com', attribute: 'a'.repeat(n) },
  { pattern: '\\w+@\\w+\\.\\w{2,3}', attribute: 'a'.repeat(n) },
  { pattern: 'foo.*bar', attribute: 'foo'.repeat(n).slice(0, n) },
  { pattern: 'a.*b', attribute: 'a'.repeat(n) },
  { pattern: 'foo.*$', attribute: `${'foo'.repeat(n).slice(0, n - 1)}\n` },
  { pattern: '^.*foo.*bar.*$', attribute: 'foo'.repeat(n).slice(0, n) },
  { pattern: '^.*a.*$', attribute: `${'a'.repeat(n - 1)}\n` },
  { pattern: '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', attribute: `a@${'a.'.repeat(n).slice(0, n - 3)}!` },
  // quadratic for a backtracking engine beyond the literal-gap shapes
  { pattern: 'a\\w*b', attribute: 'a'.repeat(n) },
  { pattern: 'x[^y]*z', attribute: 'x'.repeat(n) },
  { pattern: 'a(?=.*z)', attribute: 'a'.repeat(n) },
  // the largest quadratic shape accepted (MAX_LINEAR_STATES): every state of the automaton busy
  { pattern: 'a.*[ab]{120}', attribute: `${'a'.repeat(110)}c`.repeat(n).slice(0, n) },
  // a large linear pattern, for scale: what RegExp spends on n × m steps
  { pattern: '[ab]{500}', attribute: `${'a'.repeat(499)}c`.repeat(n).slice(0, n) },
];

function flags(pattern: string): FlagConfig[] {
  return Array.from({ length: FLAGS }, (_, index) => ({
    key: `regex-${index}`,
    type: 'boolean',
    clientSideAvailable: true,
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    on: true,
    allocations: [
      {
        id: 'match',
        conditions: [{ attribute: 'blob', operator: 'matches', values: [pattern] }],
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { variation: 'off' },
  }));
}

function bulkCallMs(pattern: string, attribute: string): number {
  const ruleset = compile({ flags: flags(pattern) });
  if (ruleset.problems.length > 0) throw new Error(`${pattern}: ${JSON.stringify(ruleset.problems[0])}`);
  const context = { kind: 'user', key: 'u1', blob: attribute };
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    ruleset.evaluateAll(context, (flag) => flag.clientSideAvailable === true);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1]!;
}

function runsAs(pattern: string): string {
  const check = compileSafeRegex(pattern);
  if (!check.ok) throw new Error(`${pattern}: ${check.reason}`);
  return check.regex instanceof RegExp ? `RegExp \`${check.regex.source}\`` : 'automaton';
}

function main(): void {
  console.log(`| pattern (${FLAGS} flags) | attribute | runs as | bulk call (median of ${RUNS}) |`);
  console.log('| --- | --- | --- | --- |');
  for (const { pattern, attribute } of SHAPES) {
    const shown = `${JSON.stringify(attribute.slice(0, 6)).slice(0, -1)}…" (${attribute.length} chars)`;
    console.log(`| \`${pattern}\` | ${shown} | ${runsAs(pattern)} | ${bulkCallMs(pattern, attribute).toFixed(2)} ms |`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
