import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, type AttributeClause, type EvaluationContext } from '../src/index.js';
import { compileAttributeClause } from '../src/operators.js';

interface OperatorCase {
  name: string;
  clause: AttributeClause;
  context: EvaluationContext;
  expected: boolean;
}

const { cases } = JSON.parse(readFileSync(new URL('./fixtures/operators.json', import.meta.url), 'utf8')) as {
  cases: OperatorCase[];
};

/** One clause in one allocation: the flag serves "on" exactly when the clause holds. */
function clauseHolds(clause: AttributeClause, context: EvaluationContext): boolean {
  const ruleset = compile({
    flags: [
      {
        key: 'probe',
        type: 'boolean',
        variations: [
          { key: 'on', value: true },
          { key: 'off', value: false },
        ],
        on: true,
        allocations: [{ id: 'clause', conditions: [clause], serve: { variation: 'on' } }],
        fallthrough: { variation: 'off' },
      },
    ],
  });
  expect(ruleset.problems).toEqual([]);
  return ruleset.evaluate('probe', context).value === true;
}

describe('clause semantics (fixtures/operators.json)', () => {
  it('covers every operator', () => {
    const covered = new Set(cases.map((c) => c.clause.operator));
    expect([...covered].sort()).toEqual([
      'after',
      'before',
      'contains',
      'ends_with',
      'equals',
      'exists',
      'gt',
      'gte',
      'in',
      'lt',
      'lte',
      'matches',
      'not_contains',
      'not_equals',
      'not_exists',
      'not_in',
      'semver_eq',
      'semver_gt',
      'semver_gte',
      'semver_lt',
      'semver_lte',
      'starts_with',
    ]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, { clause, context, expected }) => {
    expect(clauseHolds(clause, context)).toBe(expected);
  });

  // Clauses run as generated code where the runtime allows it, else as closures: both must agree.
  it.each(cases.map((c) => [c.name, c] as const))('without code generation: %s', (_, { clause, context, expected }) => {
    expect(compileAttributeClause(clause, false)(context)).toBe(expected);
    expect(compileAttributeClause(clause, true)(context)).toBe(expected);
  });
});
