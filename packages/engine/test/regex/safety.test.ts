import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSafeRegex, MAX_REGEX_INPUT_LENGTH } from '../../src/regex/safety.js';

/** Patterns people actually write for targeting rules, plus parser coverage. All must be accepted. */
const ACCEPTED: string[] = [
  // from the product brief
  '^Mozilla/5\\.0 \\((iPhone|iPad);',
  '@example\\.com$',
  '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$',
  '^\\d{3}-\\d{4}$',
  '^(beta|canary|stable)$',
  '^v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$',
  'Chrome/(\\d+)',
  '^user-\\d+$',
  '[Ee]xample',
  '^https?://([a-z0-9-]+\\.)*example\\.com(/.*)?$',
  '^[^@]+@[^@]+$',
  '.*foo.*',
  '^.*a.*$',
  // more realistic shapes
  '(\\d{1,3}\\.){3}\\d{1,3}',
  '^(?=.*\\d)(?=.*[a-z]).{8,}$',
  '^(?:(?!internal).)*$',
  '[a-z]+@[a-z]+\\.com',
  '\\w+@\\w+\\.\\w{2,3}',
  '.*\\.(jpg|png)$',
  'iPhone OS (\\d+)_(\\d+)',
  '^(?:[a-z0-9]+(?:-[a-z0-9]+)*\\.)+[a-z]{2,}$',
  '^(\\w+)(,\\s*\\w+)*$',
  '^[A-Z]{2}-\\d{4,6}$',
  '^(GET|POST|PUT|PATCH|DELETE)$',
  '(?:ab|ac)*',
  '^(?:\\.\\d+|-[a-z]+)*$',
  '(ab?)+',
  '\\d+(\\.\\d+)?',
  '^\\s*$',
  'Mozilla/5\\.0 \\([^)]*\\) AppleWebKit/[\\d.]+ \\(KHTML, like Gecko\\) Version/[\\d.]+ Mobile/\\w+ Safari/[\\d.]+',
  '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  '(?<=@)example\\.org$',
  '(?<major>\\d+)\\.(?<minor>\\d+)',
  '^(?=.*Android)(?=.*Mobile)(?=.*Safari)',
  '^\\s+|\\s+$',
  '^[^,]*,[^,]*,[^,]*$',
  // parser coverage: escapes, classes and Annex B leniencies of non-unicode patterns
  '\\u00e9t\\u00e9|\\x41\\cA\\0',
  '[\\b\\-\\]\\\\]',
  '\\p{L}',
  'a{',
  'x{2,',
  'a{,5}a{,5}a{,5}b',
  ']}',
  '[]|[^]',
  '[\\w-.]',
  '\\c_',
  '\\k',
  '(?=a)?b',
  '',
];

/**
 * Patterns that run as a shorter equivalent: `matches` only asks whether a pattern matches
 * somewhere, so parts at an unanchored end that cannot change that answer are left out.
 */
const REWRITTEN: [pattern: string, search: string][] = [
  // issue 12: 100 flags of `.*foo.*` on a 4 KiB value took a second; `foo` is linear
  ['.*foo.*', 'foo'],
  ['.*?foo.*?', 'foo'],
  ['.*\\.(jpg|png)$', '\\.(jpg|png)$'],
  ['[a-z]+@example\\.com', '[a-z]@example\\.com'],
  ['\\w+@\\w+\\.\\w{2,3}', '\\w@\\w+\\.\\w{2}'],
  ['(\\d{1,3}\\.){3}\\d{1,3}', '(\\d{1,3}\\.){3}\\d'],
  ['Chrome/\\d+', 'Chrome/\\d'],
  ['(ab){2,}c', '(ab){2}c'],
  ['^\\s+|\\s+$', '^\\s|\\s$'],
  ['.*foo.*|^bar.*$', 'foo|^(?=.*$)bar'],
  ['^.*foo.*$', '^(?=.*$).*foo'],
  ['^.*a.*$', '^(?=.*$).*a'],
  // shapes that backtrack badly only because of an unanchored end
  ['.*.*.*x', 'x'],
  ['\\w*\\w*\\w*!', '!'],
  ['([a-zA-Z]+)*', ''],
  ['(a|ab)*', ''],
  ['(a+)+foo', '(a+)foo'],
  ['.*foo.*bar', 'foo.*bar'],
  // kept: anchored ends, a tail that may hold a line terminator
  ['^\\d+\\.\\d+$', '^\\d+\\.\\d+$'],
  ['^.*\\n.*$', '^.*\\n.*$'],
  ['^a[\\s\\S]*$', '^a[\\s\\S]*$'],
];

/** Patterns that must be refused, with a fragment of the expected reason. */
const REJECTED: [pattern: string, reason: string][] = [
  // exponential: nested quantifiers (OWASP catalogue and friends)
  ['^(a+)+$', 'nested quantifier "(a+)+"'],
  ['^([a-zA-Z]+)*$', 'nested quantifier "([a-zA-Z]+)*"'],
  ['^(a*)*$', 'nested quantifier "(a*)*"'],
  ['^(\\w+\\s?)*$', 'nested quantifier "(\\w+\\s?)*"'],
  ['(.*a){20}', 'nested quantifier "(.*a){20}"'],
  ['(.*a){11}', 'nested quantifier'],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', 'nested quantifier "(([a-z])+.)+"'],
  [
    '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
    'nested quantifier',
  ],
  ['^(a{1,2})+$', 'nested quantifier'],
  ['^(\\s?\\w+)*$', 'nested quantifier'],
  [
    '^([a-z0-9]+([\\-a-z0-9]*[a-z0-9]+)?\\.){0,}([a-z0-9]+([\\-a-z0-9]*[a-z0-9]+)?){1,63}(\\.[a-z0-9]{2,7})+$',
    'nested quantifier',
  ],
  ['^(\\d+\\.?)+$', 'nested quantifier'],
  ['^(x+x+)+y', 'nested quantifier'],
  ['x(a+)+y', 'nested quantifier "(a+)+"'],
  ['^((ab)*)*$', 'nested quantifier'],
  ['^(\\s*,\\s*)*$', 'nested quantifier'],
  // exponential: repeated alternations with overlapping or empty branches
  ['^(a|aa)+$', 'repeated alternation "(a|aa)+"'],
  ['(a|a?)+', 'branch that can match the empty string'],
  ['^(a|a)*$', 'repeated alternation "(a|a)*"'],
  ['a(a|ab)*b', 'repeated alternation "(a|ab)*"'],
  ['^(a|b|ab)*c$', 'repeated alternation "(a|b|ab)*"'],
  ['^(\\w|\\d)+$', 'repeated alternation'],
  ['^(.|\\s)*$', 'repeated alternation'],
  ['^(?:\\s+|,)*$', 'nested quantifier'],
  ['^(|x)*$', 'empty string'],
  ['(?=a)+', 'can match the empty string'],
  ['^(?=a)*b', 'can match the empty string'],
  // polynomial of degree >= 3
  ['^.*.*.*x', 'backtracking steps'],
  ['^\\w*\\w*\\w*!', '"\\w*", "\\w*" and "\\w*" overlap'],
  ['^a*a*a*b', 'overlap'],
  ['^\\d+\\d+\\d+$', 'overlap'],
  ['x.*.*y', 'the unanchored start'],
  ['foo.*bar.*baz', 'overlap'],
  ['Android.*Mobile.*Safari', 'overlap'],
  ['^a*a*bc*c*d', 'overlap'],
  ['^\\s*#?\\s*#?\\s*$', 'overlap'],
  ['x.*(?:.*=.*)', 'overlap'],
  ['^.{0,1000}.{0,1000}.{0,1000}x', 'overlap'],
  ['\\u{2,}\\u{2,}\\u{2,}x', 'overlap'], // without the 'u' flag this is `u{2,}` three times
  ['z(?:(?=.*x).)*y', 'overlap'],
  ['\\b[ab]+(?!a[ab]{2,})ab*c', 'overlap'],
  ['^.*b*?(?<=$b+?)$', 'overlap'],
  ['^' + 'a?'.repeat(30) + 'a'.repeat(30), 'overlap'],
  ['(a|a)'.repeat(30) + 'b', 'overlap'],
  // refused constructs
  ['(a)\\1', 'backreference "\\1"'],
  ['(?<n>a)\\k<n>', 'backreference "\\k<n>"'],
  ['\\8', 'ambiguous'],
  ['\\01', 'ambiguous'],
  ['a'.repeat(1001), 'longer than 1000 characters'],
];

const SYNTAX_ERRORS: [pattern: string, message: string][] = [
  ['(', 'Unterminated group'],
  ['[a-', 'Unterminated character class'],
  ['a{2,1}', 'numbers out of order'],
  ['*', 'Nothing to repeat'],
  ['\\', '\\ at end of pattern'],
  ['(?<a>x)\\k<b>', 'Invalid named capture referenced'],
];

/**
 * Inputs that make a backtracking engine work hard on `pattern`: long runs of characters the
 * pattern mentions, ending in a character that makes the match fail.
 */
function adversarialInputs(pattern: string): string[] {
  const picks = new Set<string>();
  const escapes: Record<string, string> = { d: '1', w: 'a', s: ' ' };
  for (const [, escaped, literal] of pattern.matchAll(/\\([dws])|([\w@./ -])/g)) {
    picks.add(escaped ? escapes[escaped]! : literal!);
  }
  const chars = [...picks, 'a', '1'].slice(0, 3);
  const n = MAX_REGEX_INPUT_LENGTH;
  const runs = chars.slice(0, 2).map((c) => c.repeat(n - 1) + '\n');
  const mixed =
    chars
      .join('')
      .repeat(n)
      .slice(0, n - 1) + '!';
  return [...runs, mixed];
}

describe('compileSafeRegex', () => {
  it.each(ACCEPTED)('accepts %j', (pattern) => {
    const result = compileSafeRegex(pattern);
    expect(result.ok).toBe(true);
  });

  it.each(REWRITTEN)('searches for %j as %j', (pattern, search) => {
    const result = compileSafeRegex(pattern);
    // Quadratic shapes run as linear.ts's automaton of the same search, others as a RegExp of it.
    expect(result).toMatchObject({ ok: true, regex: { source: new RegExp(search).source, flags: '' } });
  });

  it.each(REJECTED)('refuses %j', (pattern, fragment) => {
    const result = compileSafeRegex(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(fragment);
  });

  it.each(SYNTAX_ERRORS)('reports the engine message for %j', (pattern, message) => {
    const result = compileSafeRegex(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.startsWith('invalid regular expression: ')).toBe(true);
      expect(result.reason).toContain(message);
    }
  });

  it('compiles without flags, so pasted identity escapes keep working', () => {
    const result = compileSafeRegex('^a\\-b\\/c$');
    expect(result.ok && result.regex.flags).toBe('');
    expect(result.ok && result.regex.test('a-b/c')).toBe(true);
  });

  it('accepted patterns finish on adversarial inputs of the maximum length', () => {
    // Not a timing assertion: a catastrophic pattern would simply never let this test finish.
    for (const pattern of ACCEPTED) {
      const result = compileSafeRegex(pattern);
      if (!result.ok) throw new Error(`expected ${pattern} to be accepted`);
      for (const input of adversarialInputs(pattern)) {
        expect(input).toHaveLength(MAX_REGEX_INPUT_LENGTH);
        expect(result.regex.test(input), `${pattern} on ${input.slice(0, 9)}…`).toBe(new RegExp(pattern).test(input));
      }
    }
  });
});

describe('compileSafeRegex properties', () => {
  const tokens = [
    'a',
    'b',
    '.',
    '*',
    '+',
    '?',
    '(',
    ')',
    '|',
    '[a-z]',
    '\\d',
    '{2,}',
    '(?:',
    '^',
    '$',
    '\\',
    ']',
    '{1,3}',
  ];
  const regexish = fc.array(fc.constantFrom(...tokens), { maxLength: 16 }).map((parts) => parts.join(''));

  const check = (pattern: string): void => {
    const result = compileSafeRegex(pattern);
    if (result.ok) {
      expect(result.regex.flags).toBe('');
    } else {
      expect(result.reason.length).toBeGreaterThan(0);
    }
  };

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), check), { numRuns: 300 });
  });

  it('never throws on arbitrary UTF-16 code units, lone surrogates included', () => {
    const codeUnits = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 })
      .map((units) => String.fromCharCode(...units));
    fc.assert(fc.property(codeUnits, check), { numRuns: 300 });
  });

  it('never throws on regex-like token soup', () => {
    fc.assert(fc.property(regexish, check), { numRuns: 1000 });
  });

  it('what runs finds a match exactly where the pattern as written does', () => {
    const inputs = fc
      .array(fc.constantFrom('a', 'b', '1', 'z', ' ', '-', '\n'), { maxLength: 12 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(regexish, fc.array(inputs, { minLength: 1, maxLength: 8 }), (pattern, values) => {
        const result = compileSafeRegex(pattern);
        if (!result.ok) return;
        const written = new RegExp(pattern);
        for (const value of values)
          expect(result.regex.test(value), `${pattern} on ${JSON.stringify(value)}`).toBe(written.test(value));
      }),
      { numRuns: 3000 },
    );
  });
});
