import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredPrefix } from '../../src/regex/prefix.js';

describe('requiredPrefix', () => {
  it.each([
    ['^Mozilla/5\\.0 \\((iPhone|iPad);', 'Mozilla/5.0 (iP'],
    ['^user-\\d+$', 'user-'],
    ['^abc', 'abc'],
    ['^ab*c', 'a'],
    ['^ab?', 'a'],
    ['^ab{2}', 'a'],
    ['^(?:https|http)://', 'http'],
    ['^(a|b)c', ''],
    ['^(ab)+c', ''],
    ['^(?=x)abc', ''],
    ['^a|b', ''],
    ['abc', ''],
    ['^\\d{3}', ''],
    ['^[ab]c', ''],
    ['^a\\.b', 'a.b'],
    ['^', ''],
  ])('%s → "%s"', (pattern, prefix) => {
    expect(requiredPrefix(pattern)).toBe(prefix);
  });

  it('is a prefix of every string the pattern matches', () => {
    const token = fc.constantFrom(
      '^',
      'a',
      'b',
      'ab',
      '.',
      '*',
      '+',
      '?',
      '(',
      ')',
      '(?:',
      '|',
      '[ab]',
      '\\.',
      '.',
      '{2}',
      '$',
      'c',
    );
    const patternArb = fc.array(token, { maxLength: 8 }).map((tokens) => `^${tokens.join('')}`);
    fc.assert(
      fc.property(
        patternArb,
        fc.array(fc.constantFrom('a', 'b', 'c', '.', '('), { maxLength: 8 }),
        (pattern, chars) => {
          let regex: RegExp;
          try {
            regex = new RegExp(pattern);
          } catch {
            return;
          }
          const prefix = requiredPrefix(pattern);
          const text = chars.join('');
          for (const candidate of [text, prefix + text])
            if (regex.test(candidate)) expect(candidate.startsWith(prefix)).toBe(true);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
