import { describe, it, expect } from 'vitest';
import { parseSemver, compareSemver, isValidSemver, type SemVer } from '../src/semver.js';

function parsed(text: string): SemVer {
  const v = parseSemver(text);
  if (!v) throw new Error(`expected ${JSON.stringify(text)} to parse`);
  return v;
}

const compare = (a: string, b: string) => compareSemver(parsed(a), parsed(b));

/** Every ordered pair of an ascending chain must compare consistently. */
function expectAscending(chain: string[]): void {
  for (let i = 0; i < chain.length; i++) {
    for (let j = 0; j < chain.length; j++) {
      const expected = i < j ? -1 : i > j ? 1 : 0;
      expect(compare(chain[i]!, chain[j]!), `${chain[i]} vs ${chain[j]}`).toBe(expected);
    }
  }
}

describe('parseSemver', () => {
  it('parses core, prerelease and build', () => {
    expect(parseSemver('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
    expect(parseSemver('1.0.0-alpha.1.x-y.0a')).toEqual({
      major: 1,
      minor: 0,
      patch: 0,
      prerelease: ['alpha', 1, 'x-y', '0a'],
    });
    expect(parseSemver('1.0.0-rc.1+build.5')).toEqual({ major: 1, minor: 0, patch: 0, prerelease: ['rc', 1] });
    expect(parseSemver('0.0.0+001')).toEqual({ major: 0, minor: 0, patch: 0, prerelease: [] });
  });

  it('accepts the loose forms 1 and 1.2 (LaunchDarkly-compatible)', () => {
    expect(parseSemver('1')).toEqual({ major: 1, minor: 0, patch: 0, prerelease: [] });
    expect(parseSemver('1.2')).toEqual({ major: 1, minor: 2, patch: 0, prerelease: [] });
    expect(parseSemver('1.2-rc.1+b')).toEqual({ major: 1, minor: 2, patch: 0, prerelease: ['rc', 1] });
    expect(compare('1', '1.0.0')).toBe(0);
    expect(compare('1.2', '1.2.0')).toBe(0);
  });

  it('reads a leading v as apps report it (v1.2.3 is 1.2.3), like npm semver', () => {
    expect(parseSemver('v1.2.3-rc.1+b')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: ['rc', 1] });
    expect(parseSemver('v1.2')).toEqual({ major: 1, minor: 2, patch: 0, prerelease: [] });
    expect(compare('v1.10.0', '1.9.0')).toBe(1);
  });

  it.each([
    '01.2.3',
    '1.02.3',
    '1.2.03',
    '1.2.3-01',
    '1.2.3-rc.01',
    '1.2.3.4',
    'a.b.c',
    '1.2.3-',
    '1.2.3+',
    '1.2.3-a..b',
    '1.2.3+a..b',
    '',
    ' 1.2.3',
    '1.2.3 ',
    'V1.2.3',
    'vv1.2.3',
    'v 1.2.3',
    'v',
    '=1.2.3',
    '1.2.3-ä',
    '1.',
    '1..3',
    '-1.2.3',
    '99999999999999999999.0.0',
  ])('rejects %j', (text) => {
    expect(parseSemver(text)).toBeUndefined();
    expect(isValidSemver(text)).toBe(false);
  });

  it('rejects absurdly long input', () => {
    expect(parseSemver('1.2.3-' + 'a'.repeat(300))).toBeUndefined();
  });
});

describe('isValidSemver', () => {
  it.each([
    ['1.2.3', true],
    ['0.0.0', true],
    ['1.0.0-alpha', true],
    ['1.0.0-0.3.7', true],
    ['1.0.0-x.7.z.92', true],
    ['1.0.0-alpha+001', true],
    ['1.0.0+20130313144700', true],
    ['1.0.0-beta+exp.sha.5114f85', true],
    ['1.0.0+21AF26D3----117B344092BD', true],
    ['1.0.0--', true],
    ['1', false],
    ['1.2', false],
    ['1.2-rc.1', false],
    ['v1.2.3', true],
    ['V1.2.3', false],
    ['v1.2', false],
    ['1.2.3.4', false],
    ['1.2.3-01', false],
    ['latest', false],
  ])('%j → %s', (text, expected) => {
    expect(isValidSemver(text)).toBe(expected);
  });
});

describe('compareSemver', () => {
  it('follows the SemVer 2.0.0 spec precedence example', () => {
    expectAscending([
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
  });

  it('compares major, minor, patch numerically', () => {
    expectAscending(['1.0.0', '2.0.0', '2.1.0', '2.1.1', '2.10.0', '10.0.0']);
  });

  it('ignores build metadata', () => {
    expect(compare('1.0.0+a', '1.0.0+b')).toBe(0);
    expect(compare('1.0.0-rc.1+build.1', '1.0.0-rc.1')).toBe(0);
    expect(compare('1.0.0+zzz', '1.0.1')).toBe(-1);
  });

  it.each([
    // [a, b, compareSemver(a, b)]
    ['1.0.0', '1.0.0', 0],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0', '1.0.0-alpha', 1],
    ['1.0.0-1', '1.0.0-alpha', -1], // numeric < alphanumeric
    ['1.0.0-2', '1.0.0-10', -1], // numeric compare, not lexical
    ['1.0.0-a2', '1.0.0-a10', 1], // alphanumeric compare is lexical
    ['1.0.0-B', '1.0.0-a', -1], // ASCII order: uppercase first
    ['1.0.0--', '1.0.0-0', 1], // '-' alone is alphanumeric
    ['1.0.0-alpha', '1.0.0-alpha.0', -1], // shorter list of equal identifiers ranks lower
    ['1.0.0-rc.1', '1.0.0-rc.1.1', -1],
    ['1.0.0-0', '0.9.9', 1], // the core version decides first
    ['1.0.0-99999999999999999999', '1.0.0-99999999999999999998', 1], // beyond 2^53, still exact
    ['1.0.0-99999999999999999999', '1.0.0-9007199254740991', 1],
    ['1.0.0-99999999999999999999', '1.0.0-a', -1],
    ['1.2', '1.1.9', 1],
    ['2', '1.99.99', 1],
  ] as const)('%s vs %s → %i', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });
});
