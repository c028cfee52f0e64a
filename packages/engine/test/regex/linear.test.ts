import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearMatcher, type Matcher, MAX_LINEAR_STATES, TooLarge } from '../../src/regex/linear.js';
import { compileSafeRegex, MAX_REGEX_INPUT_LENGTH } from '../../src/regex/safety.js';
import { Parser, Refusal } from '../../src/regex/syntax.js';

/** The automaton of `pattern` as written, or undefined when RegExp, the parser or the size limit refuse it. */
function automaton(pattern: string): Matcher | undefined {
  try {
    new RegExp(pattern);
    return linearMatcher(pattern, new Parser(pattern).parse());
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof Refusal || error instanceof TooLarge) return undefined;
    throw error;
  }
}

const TOKENS = [
  'a',
  'b',
  '_',
  '1',
  ' ',
  '.',
  '*',
  '+',
  '?',
  '*?',
  '{2}',
  '{0,2}',
  '{1,}',
  '(',
  '(?:',
  '(?=',
  '(?!',
  '(?<=',
  '(?<!',
  ')',
  '|',
  '^',
  '$',
  '\\b',
  '\\B',
  '\\d',
  '\\w',
  '\\s',
  '\\W',
  '[ab]',
  '[^a]',
  '[\\s\\S]',
  '[a-z1]',
  '\\n',
  '\\u2028',
  '[\\12]',
  '[\\0]',
  '[\\8]',
  '[]',
  '[^]',
];
const patterns = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 14 }).map((parts) => parts.join(''));
const values = fc
  .array(fc.constantFrom('a', 'b', '_', '1', ' ', '-', '\n', '\r', '\u2028', '\n', 'é', '\u0000'), { maxLength: 14 })
  .map((chars) => chars.join(''));

describe('linearMatcher', () => {
  it('answers test() as RegExp does, for random patterns and values', () => {
    let compared = 0;
    fc.assert(
      fc.property(patterns, fc.array(values, { minLength: 1, maxLength: 10 }), (pattern, texts) => {
        const linear = automaton(pattern);
        if (linear === undefined) return;
        compared++;
        const regex = new RegExp(pattern);
        for (const text of texts) {
          expect(linear.test(text), `/${pattern}/ on ${JSON.stringify(text)}`).toBe(regex.test(text));
        }
      }),
      { numRuns: 6000 },
    );
    // The generator must exercise the automaton, not only RegExp's syntax errors.
    expect(compared).toBeGreaterThan(1000);
  });

  it.each([
    ['a.*b', ['xaxxb', 'ab', 'a\nb', 'ba', 'a'.repeat(MAX_REGEX_INPUT_LENGTH)]],
    ['foo.*bar', ['foo bar', 'foobar', 'foo\nbar', 'barfoo', 'foo'.repeat(341)]],
    ['foo.*$', ['foo', 'foox', 'foo\nx', 'x\nfoo', `${'foo'.repeat(341)}\n`]],
    ['^(?=.*$).*foo.*bar', ['foo bar', 'foo bar\n', 'bar foo']],
    ['a(?=.*z)', ['az', 'a\nz', 'za']],
    ['(?<=@)ex(?!ample)', ['@ex', '@example', 'ex', '@exa']],
    ['\\bab\\B', ['ab1', 'ab', ' ab_', 'cab1']],
    ['(?<=(?=a)\\w)b', ['ab', 'bb', 'b']],
    ['(?:a?){3}b|c(?:)*', ['b', 'aab', 'c', 'd']],
    ['[\\101-\\103][\\0-\\7]', ['B\u0005', 'D\u0005', 'A8']],
  ])('/%s/ on hand-picked values', (pattern, texts) => {
    const linear = automaton(pattern)!;
    for (const text of texts) expect(linear.test(text), JSON.stringify(text)).toBe(new RegExp(pattern).test(text));
  });

  it(`refuses to build more than ${MAX_LINEAR_STATES} states`, () => {
    expect(automaton(`a.*b{${MAX_LINEAR_STATES}}`)).toBeUndefined();
    expect(automaton(`a.*b{${MAX_LINEAR_STATES - 4}}`)).toBeDefined();
  });
});

describe('compileSafeRegex runs quadratic shapes as the automaton', () => {
  const n = MAX_REGEX_INPUT_LENGTH;
  it.each([
    ['a.*b', 'a'.repeat(n)],
    ['foo.*bar', 'foo'.repeat(n).slice(0, n)],
    ['foo.*$', `${'foo'.repeat(n).slice(0, n - 1)}\n`],
    ['^.*foo.*bar.*$', 'foo'.repeat(n).slice(0, n)],
    ['a\\w*b', 'a'.repeat(n)],
    ['x[^y]*z', 'x'.repeat(n)],
    ['a(?=.*z)', 'a'.repeat(n)],
  ])('%j', (pattern, hostile) => {
    const result = compileSafeRegex(pattern);
    if (!result.ok) throw new Error(result.reason);
    expect(result.regex).not.toBeInstanceOf(RegExp);
    expect(result.regex.flags).toBe('');
    for (const text of [hostile, `${hostile.slice(0, -1)}b`, `${hostile.slice(0, -3)}barz`]) {
      expect(result.regex.test(text)).toBe(new RegExp(pattern).test(text));
    }
  });

  it('keeps linear shapes as RegExp', () => {
    for (const pattern of ['^user-\\d+$', '.*foo.*', '@example\\.com$', '^.*a.*$']) {
      const result = compileSafeRegex(pattern);
      expect(result.ok && result.regex).toBeInstanceOf(RegExp);
    }
  });

  it('refuses a quadratic shape too large to run as the automaton, naming the limit', () => {
    const result = compileSafeRegex(`a.*[bc]{${MAX_LINEAR_STATES}}`);
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining(`${MAX_LINEAR_STATES} automaton states`),
    });
  });
});
