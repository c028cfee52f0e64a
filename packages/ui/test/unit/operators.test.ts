import { type FlagValue, OPERATORS, validateSegment } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import {
  CLAUSE_OPERATORS,
  type ClauseOperator,
  clauseValueProblem,
  clauseValueText,
  operatorInfo,
  operatorLabel,
  parseClauseValue,
  parseDecimal,
} from '../../src/flags/logic/operators';

/** What the server's validator says about one clause value: null when it would be saved. */
function engineProblem(operator: ClauseOperator, value: FlagValue): string | null {
  const clause = { attribute: 'a', operator, values: [value] };
  const errors = validateSegment({ key: 's', rules: [{ clauses: [clause] }] });
  return errors[0]?.message ?? null;
}

describe('the operator catalogue', () => {
  it('lists every engine operator in the engine’s order, then segment membership', () => {
    expect(CLAUSE_OPERATORS.map((info) => info.operator)).toEqual([...OPERATORS, 'segment']);
  });

  it('gives every operator a distinct label', () => {
    const labels = CLAUSE_OPERATORS.map((info) => info.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each([
    ['equals', 'is', 'is not', 'one', 'text'],
    ['in', 'is one of', 'is not one of', 'many', 'text'],
    ['ends_with', 'ends with', 'does not end with', 'many', 'text'],
    ['gte', 'is at least', 'is not at least', 'one', 'number'],
    ['matches', 'matches', 'does not match', 'many', 'regex'],
    ['semver_gt', 'is later than version', 'is not later than version', 'one', 'semver'],
    ['after', 'is after', 'is not after', 'one', 'date-time'],
    ['exists', 'is set', 'never matches (negated “is set”)', 'none', undefined],
    ['not_exists', 'is not set', 'is set', 'none', undefined],
    ['segment', 'is in segment', 'is not in segment', 'one', 'segment'],
  ] as const)('%s reads “%s” (negated “%s”) and takes %s %s value(s)', (operator, label, negated, count, type) => {
    expect(operatorInfo(operator)).toEqual({
      operator,
      label,
      negatedLabel: negated,
      values: count,
      ...(type ? { valueType: type } : {}),
    });
    expect(operatorLabel(operator)).toBe(label);
    expect(operatorLabel(operator, true)).toBe(negated);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['42', 42],
    [' -3.5 ', -3.5],
    ['+0.25', 0.25],
    ['.5', 0.5],
    ['1e3', 1000],
    ['7.', 7],
    ['', undefined],
    ['0x10', undefined],
    ['Infinity', undefined],
    ['1e999', undefined],
    ['12abc', undefined],
    ['1,5', undefined],
  ])('"%s" → %s', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });
});

describe('parseClauseValue', () => {
  it.each([
    ['equals', 'FR', 'FR'],
    ['ends_with', ' @acme.com', ' @acme.com'],
    ['equals', '', ''],
    ['gt', ' 18 ', 18],
    ['lte', '-2.5', -2.5],
    ['semver_gte', '2.1.0', '2.1.0'],
    ['semver_eq', '1.2', '1.2'],
    ['semver_lt', ' 2.0.0-beta.1+build.5 ', '2.0.0-beta.1+build.5'],
    ['before', '2026-12-01', '2026-12-01'],
    ['after', '2026-12-01T09:30:00+01:00', '2026-12-01T09:30:00+01:00'],
    ['matches', '^.*@acme\\.com$', '^.*@acme\\.com$'],
    ['segment', 'beta-testers', 'beta-testers'],
  ] as const)('%s accepts "%s" as %j', (operator, text, value) => {
    expect(parseClauseValue(operator, text)).toEqual({ ok: true, value });
    expect(clauseValueProblem(operator, text)).toBeNull();
  });

  it.each([
    ['gt', 'eighteen', 'must be a number, like 42 or 3.5'],
    ['gt', '', 'needs a value'],
    ['semver_eq', 'V1.2.3', 'write the version without the leading “V”: 1.2.3'],
    ['semver_eq', '1.2.3.4', 'must be a semantic version, like 1.4.2 or 2.0.0-beta.1'],
    ['semver_eq', '01.2.3', 'must be a semantic version, like 1.4.2 or 2.0.0-beta.1'],
    ['before', '1 Dec 2026', 'must be an ISO 8601 date, like 2026-12-01 or 2026-12-01T09:30:00Z'],
    ['before', '2026-02-30', 'must be an ISO 8601 date, like 2026-12-01 or 2026-12-01T09:30:00Z'],
    ['matches', '(unclosed', 'invalid regular expression: Unterminated group'],
    ['matches', '^(a+)+$', 'nested quantifier "(a+)+" can backtrack exponentially'],
    ['exists', 'x', '“is set” takes no value'],
  ] as const)('%s refuses "%s": %s', (operator, text, message) => {
    expect(parseClauseValue(operator, text)).toEqual({ ok: false, message });
    expect(clauseValueProblem(operator, text)).toBe(message);
  });

  // The console must accept exactly what the server saves: same parsers, checked against the validator.
  it.each([
    ['semver_eq', ['1', '1.2', '1.2.3', '1.2.3-rc.1', '1.2.3+b', 'v1.2.3', '1.2.3.4', '01.0.0', '1.0.0-', 'latest']],
    ['before', ['2026-12-01', '2026-12-01T09:30', '2026-12-01 09:30:00Z', '2026-13-01', '2026-02-29', 'tomorrow']],
    ['matches', ['^a', 'a|b', '\\-', '(a|ab)*', '[', '.*.*.*x', '(?<n>a)\\k<n>']],
  ] as const)('%s agrees with the engine’s validator', (operator, inputs) => {
    for (const text of inputs) {
      const parsed = parseClauseValue(operator, text);
      expect({ text, accepted: parsed.ok }).toEqual({ text, accepted: engineProblem(operator, text) === null });
      if (parsed.ok) expect(engineProblem(operator, parsed.value)).toBeNull();
    }
  });

  it('stores numbers as numbers, which the engine requires for numeric operators', () => {
    const parsed = parseClauseValue('gte', '21');
    expect(parsed.ok && engineProblem('gte', parsed.value)).toBeNull();
    expect(engineProblem('gte', '21')).toBe('must be a finite number');
  });
});

describe('clauseValueText', () => {
  it.each([
    ['FR', 'FR'],
    [42, '42'],
    [true, 'true'],
    [null, 'null'],
  ] as const)('%j reads "%s"', (value, text) => {
    expect(clauseValueText(value)).toBe(text);
  });
});
