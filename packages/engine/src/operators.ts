import { ConfigError } from './config-error.js';
import { codeGenerationAvailable, generatedClauseTest } from './codegen.js';
import { attributeReader, DEFAULT_KIND, numberOf, parseAttributePath, textOf, type AttributeReader } from './context.js';
import type { AttributeClause, EvaluationContext, FlagValue, Operator } from './model.js';
import { compileSafeRegex, MAX_REGEX_INPUT_LENGTH } from './regex-safety.js';
import { compareSemver, parseSemver, type SemVer } from './semver.js';
import { parseInstant } from './time.js';

/** A compiled clause: true when the context satisfies it. */
export type ClauseTest = (context: EvaluationContext) => boolean;

/** A test of one present, non-null attribute value (array attributes are tested element-wise). */
type ValueTest = (value: unknown) => boolean;

/**
 * An operator compiled against its clause values: `test` decides any present value; `inline`
 * optionally gives the same decision for strings and numbers as JavaScript expressions over
 * `value` (and `operand`), which generated clause code embeds instead of calling `test`.
 */
export interface CompiledOperator {
  test: ValueTest;
  inline?: InlineForms;
}

export interface InlineForms {
  string?: string;
  number?: string;
  operand?: unknown;
}

export const OPERATORS: readonly Operator[] = [
  'equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in', 'not_in',
  'gt', 'gte', 'lt', 'lte', 'matches', 'semver_eq', 'semver_gt', 'semver_gte', 'semver_lt',
  'semver_lte', 'before', 'after', 'exists', 'not_exists',
];

/**
 * Compiles an attribute clause. Its semantics:
 * - a missing (absent or null) attribute fails the clause, negated or not, except `not_exists`;
 * - a clause lists values and holds when the attribute satisfies the operator for any of them
 *   (`not_*` operators: for none of them); `negate` inverts the outcome for present attributes;
 * - an array attribute satisfies the operator when one of its elements does;
 * - string operators compare the attribute's text form (42 → "42", true → "true");
 *   numeric operators accept numbers and numeric strings; other types never satisfy them.
 * Throws ConfigError for values the operator cannot use, so bad clauses never reach evaluation.
 */
export function compileAttributeClause(clause: AttributeClause, generate = codeGenerationAvailable()): ClauseTest {
  if (!OPERATORS.includes(clause.operator)) {
    throw new ConfigError(`unknown operator "${String(clause.operator)}"`, ['operator']);
  }
  if (!Array.isArray(clause.values)) throw new ConfigError('values must be an array', ['values']);
  let read: AttributeReader;
  try {
    read = attributeReader(clause.contextKind, clause.attribute);
  } catch (error) {
    throw new ConfigError((error as Error).message, ['attribute']);
  }
  const negate = clause.negate === true;
  if (clause.operator === 'not_exists') return (context) => (read(context) == null) !== negate;

  const { test, inline } = compileOperator(clause.operator, clause.values);
  const path = parseAttributePath(clause.attribute)!;
  if (generate && path.length === 1 && path[0] !== 'kind') {
    return generatedClauseTest(clause.contextKind ?? DEFAULT_KIND, path[0]!, test, inline, negate);
  }
  return (context) => {
    const value = read(context);
    if (value == null) return false;
    if (Array.isArray(value)) return value.some(test) !== negate;
    return test(value) !== negate;
  };
}

function compileOperator(operator: Exclude<Operator, 'not_exists'>, values: FlagValue[]): CompiledOperator {
  switch (operator) {
    case 'exists':
      return { test: () => true, inline: { string: 'true', number: 'true' } };
    case 'equals':
    case 'in':
      return oneOf(texts(values));
    case 'not_equals':
    case 'not_in':
      return negation(oneOf(texts(values)));
    case 'contains':
      return textTest(texts(values), 'includes');
    case 'not_contains':
      return negation(textTest(texts(values), 'includes'));
    case 'starts_with':
      return textTest(texts(values), 'startsWith');
    case 'ends_with':
      return textTest(texts(values), 'endsWith');
    // "Greater than any value" is "greater than the smallest one", and so on.
    case 'gt':
      return comparison('>', Math.min(...numbers(values)));
    case 'gte':
      return comparison('>=', Math.min(...numbers(values)));
    case 'lt':
      return comparison('<', Math.max(...numbers(values)));
    case 'lte':
      return comparison('<=', Math.max(...numbers(values)));
    case 'before': {
      const bound = Math.max(...instants(values));
      return { test: (value) => (parseInstant(value) ?? NaN) < bound };
    }
    case 'after': {
      const bound = Math.min(...instants(values));
      return { test: (value) => (parseInstant(value) ?? NaN) > bound };
    }
    case 'matches':
      return matchesAny(regexes(values));
    case 'semver_eq':
      return semverTest(values, (order) => order === 0);
    case 'semver_gt':
      return semverTest(values, (order) => order > 0);
    case 'semver_gte':
      return semverTest(values, (order) => order >= 0);
    case 'semver_lt':
      return semverTest(values, (order) => order < 0);
    case 'semver_lte':
      return semverTest(values, (order) => order <= 0);
  }
}

/** Up to this many values are compared one by one in generated code; more use a Set. */
const INLINE_COMPARISONS = 4;

function oneOf(operands: string[]): CompiledOperator {
  const set = new Set(operands);
  const test: ValueTest = (value) => {
    const text = textOf(value);
    return text !== undefined && set.has(text);
  };
  const string =
    operands.length <= INLINE_COMPARISONS
      ? operands.map((operand) => `value === ${JSON.stringify(operand)}`).join(' || ')
      : 'operand.has(value)';
  return { test, inline: { string, operand: set } };
}

function textTest(operands: string[], method: 'includes' | 'startsWith' | 'endsWith'): CompiledOperator {
  const test: ValueTest = (value) => {
    const text = textOf(value);
    if (text === undefined) return false;
    for (const operand of operands) if (text[method](operand)) return true;
    return false;
  };
  const string = operands.map((operand) => `value.${method}(${JSON.stringify(operand)})`).join(' || ');
  return { test, inline: { string } };
}

/** The `not_*` operators: present, textual, and not the positive operator. */
function negation(positive: CompiledOperator): CompiledOperator {
  const { string, operand } = positive.inline ?? {};
  return {
    test: (value) => textOf(value) !== undefined && !positive.test(value),
    ...(string ? { inline: { string: `!(${string})`, operand } } : {}),
  };
}

function comparison(operator: '>' | '>=' | '<' | '<=', bound: number): CompiledOperator {
  const holds = COMPARISONS[operator];
  return {
    test: (value) => {
      const number = numberOf(value);
      return number !== undefined && holds(number, bound);
    },
    inline: { number: `Number.isFinite(value) && value ${operator} operand`, operand: bound },
  };
}

const COMPARISONS = {
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
};

function matchesAny(patterns: RegExp[]): CompiledOperator {
  const test: ValueTest = (value) => {
    const text = textOf(value);
    if (text === undefined || text.length > MAX_REGEX_INPUT_LENGTH) return false;
    for (const pattern of patterns) if (pattern.test(text)) return true;
    return false;
  };
  const match = patterns.length === 1 ? 'operand[0].test(value)' : 'operand.some((pattern) => pattern.test(value))';
  return { test, inline: { string: `value.length <= ${MAX_REGEX_INPUT_LENGTH} && ${match}`, operand: patterns } };
}

function semverTest(values: FlagValue[], holds: (order: number) => boolean): CompiledOperator {
  const operands = nonEmpty(values).map((value, index) => {
    const version = typeof value === 'string' ? parseSemver(value) : undefined;
    if (!version) throw new ConfigError(`"${String(value)}" is not a semantic version`, ['values', index]);
    return version;
  });
  return {
    test: (value) => {
      const text = textOf(value);
      const version: SemVer | undefined = text === undefined ? undefined : parseSemver(text);
      if (!version) return false;
      for (const operand of operands) if (holds(compareSemver(version, operand))) return true;
      return false;
    },
  };
}

function texts(values: FlagValue[]): string[] {
  return nonEmpty(values).map((value, index) => {
    const text = textOf(value);
    if (text === undefined) {
      throw new ConfigError('must be a string, a finite number or a boolean', ['values', index]);
    }
    return text;
  });
}

function numbers(values: FlagValue[]): number[] {
  return nonEmpty(values).map((value, index) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ConfigError('must be a finite number', ['values', index]);
    }
    return value;
  });
}

function instants(values: FlagValue[]): number[] {
  return nonEmpty(values).map((value, index) => {
    const instant = parseInstant(value);
    if (instant === undefined) {
      throw new ConfigError('must be an ISO 8601 date or epoch milliseconds', ['values', index]);
    }
    return instant;
  });
}

function regexes(values: FlagValue[]): RegExp[] {
  return nonEmpty(values).map((value, index) => {
    if (typeof value !== 'string') throw new ConfigError('must be a regular expression', ['values', index]);
    const check = compileSafeRegex(value);
    if (!check.ok) throw new ConfigError(check.reason, ['values', index]);
    return check.regex;
  });
}

function nonEmpty(values: FlagValue[]): FlagValue[] {
  if (values.length === 0) throw new ConfigError('needs at least one value', ['values']);
  return values;
}
