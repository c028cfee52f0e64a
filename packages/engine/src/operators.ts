import { ConfigError } from './config-error.js';
import { codeGenerationAvailable, generatedClause, type AttributeClausePlan, type InlineForms } from './codegen.js';
import {
  attributeReader,
  DEFAULT_KIND,
  numberOf,
  parseAttributePath,
  textOf,
  type AttributeReader,
} from './context.js';
import type { AttributeClause, EvaluationContext, FlagValue, Operator } from './model.js';
import { requiredPrefix } from './regex/prefix.js';
import { compileSafeRegex, MAX_REGEX_INPUT_LENGTH, type Matcher } from './regex/safety.js';
import { compareSemver, parseSemver, type SemVer } from './semver.js';
import { parseInstant } from './time.js';

/** A compiled clause: true when the context satisfies it. */
export type ClauseTest = (context: EvaluationContext) => boolean;

/** A test of one present, non-null attribute value (array attributes are tested element-wise). */
type ValueTest = (value: unknown) => boolean;

/**
 * An operator compiled against its clause values: `test` decides any present value; `inline`
 * optionally writes the same decision for strings and numbers as code (see codegen.ts).
 */
interface CompiledOperator {
  test: ValueTest;
  inline?: InlineForms;
}

export const OPERATORS: readonly Operator[] = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'matches',
  'semver_eq',
  'semver_gt',
  'semver_gte',
  'semver_lt',
  'semver_lte',
  'before',
  'after',
  'exists',
  'not_exists',
];

/**
 * Plans an attribute clause. Its semantics:
 * - a missing (absent or null) attribute fails the clause, negated or not, except `not_exists`;
 * - a clause lists values and holds when the attribute satisfies the operator for any of them
 *   (`not_*` operators: for none of them); `negate` inverts the outcome for present attributes;
 * - an array attribute satisfies the operator when one of its elements does;
 * - string operators compare the attribute's text form (42 → "42", true → "true");
 *   numeric operators accept numbers and numeric strings; other types never satisfy them.
 * Throws ConfigError for values the operator cannot use, so bad clauses never reach evaluation.
 */
export function planAttributeClause(clause: AttributeClause): AttributeClausePlan {
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
  const { test, inline } = clause.operator === 'not_exists' ? ABSENT : compileOperator(clause.operator, clause.values);
  const path = parseAttributePath(clause.attribute)!;
  return {
    type: 'attribute',
    contextKind: clause.contextKind ?? DEFAULT_KIND,
    name: path.length === 1 && path[0] !== 'kind' ? path[0] : undefined,
    read,
    test,
    inline,
    negate,
    whenMissing: clause.operator === 'not_exists' && !negate,
  };
}

/** `not_exists` fails for every present value (and holds, unless negated, for a missing one). */
const ABSENT: CompiledOperator = { test: () => false, inline: { string: () => 'false', number: () => 'false' } };

/** Compiles an attribute clause to a test: generated code where the runtime allows it, else a closure. */
export function compileAttributeClause(clause: AttributeClause, generate = codeGenerationAvailable()): ClauseTest {
  const plan = planAttributeClause(clause);
  return generate && plan.name !== undefined ? generatedClause(plan) : clauseClosure(plan);
}

/** The closure form of a clause plan; generated code must decide exactly as this does. */
export function clauseClosure(plan: AttributeClausePlan): ClauseTest {
  const { read, test, negate, whenMissing } = plan;
  return (context) => {
    const value = read(context);
    if (value == null) return whenMissing;
    if (Array.isArray(value)) return value.some(test) !== negate;
    return test(value) !== negate;
  };
}

function compileOperator(operator: Exclude<Operator, 'not_exists'>, values: FlagValue[]): CompiledOperator {
  switch (operator) {
    case 'exists':
      return { test: () => true, inline: { string: () => 'true', number: () => 'true' } };
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

/**
 * Up to this many values are compared one by one in generated code, more use a Set: comparing
 * strings (by pointer when both are internalised, else length first) beats hashing the value.
 */
const INLINE_COMPARISONS = 16;

function oneOf(operands: string[]): CompiledOperator {
  const set = new Set(operands);
  const test: ValueTest = (value) => {
    const text = textOf(value);
    return text !== undefined && set.has(text);
  };
  const string = (value: string, setName: string) => {
    if (operands.length <= INLINE_COMPARISONS)
      return operands.map((operand) => `${value} === ${JSON.stringify(operand)}`).join(' || ');
    // Most values are in no list: a first-character check rejects them before the string is hashed.
    const firstCodes = new Set(operands.map((operand) => operand.charCodeAt(0)));
    if (set.has('') || firstCodes.size > MAX_FIRST_CODES) return `${setName}.has(${value})`;
    return `(${[...firstCodes].map((code) => `${value}.charCodeAt(0) === ${code}`).join(' || ')}) && ${setName}.has(${value})`;
  };
  return { test, inline: { string, operand: set } };
}

const MAX_FIRST_CODES = 16;

function textTest(operands: string[], method: 'includes' | 'startsWith' | 'endsWith'): CompiledOperator {
  const test: ValueTest = (value) => {
    const text = textOf(value);
    if (text === undefined) return false;
    for (const operand of operands) if (text[method](operand)) return true;
    return false;
  };
  const string = (value: string) => operands.map((operand) => textCheck(value, method, operand)).join(' || ');
  return { test, inline: { string } };
}

/** One string test as code; prefixes and suffixes first compare the one character most likely to differ. */
function textCheck(value: string, method: 'includes' | 'startsWith' | 'endsWith', operand: string): string {
  const call = `${value}.${method}(${JSON.stringify(operand)})`;
  if (operand === '') return 'true';
  if (method === 'startsWith')
    return `(${value}.charCodeAt(${operand.length - 1}) === ${operand.charCodeAt(operand.length - 1)} && ${call})`;
  if (method === 'endsWith')
    return `(${value}.charCodeAt(${value}.length - 1) === ${operand.charCodeAt(operand.length - 1)} && ${call})`;
  return call;
}

/** The `not_*` operators: present, textual, and not the positive operator. */
function negation(positive: CompiledOperator): CompiledOperator {
  const { string, operand } = positive.inline ?? {};
  return {
    test: (value) => textOf(value) !== undefined && !positive.test(value),
    ...(string
      ? { inline: { string: (value: string, operandName: string) => `!(${string(value, operandName)})`, operand } }
      : {}),
  };
}

function comparison(operator: '>' | '>=' | '<' | '<=', bound: number): CompiledOperator {
  const holds = COMPARISONS[operator];
  return {
    test: (value) => {
      const number = numberOf(value);
      return number !== undefined && holds(number, bound);
    },
    inline: { number: (value) => `Number.isFinite(${value}) && ${value} ${operator} ${numberLiteral(bound)}` },
  };
}

/** A finite number as JavaScript source (negative numbers parenthesised). */
function numberLiteral(value: number): string {
  return value < 0 || Object.is(value, -0) ? `(${String(value)})` : String(value);
}

const COMPARISONS = {
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
};

function matchesAny(patterns: Matcher[]): CompiledOperator {
  const test: ValueTest = (value) => {
    const text = textOf(value);
    if (text === undefined || text.length > MAX_REGEX_INPUT_LENGTH) return false;
    for (const pattern of patterns) if (pattern.test(text)) return true;
    return false;
  };
  // An anchored pattern's literal prefix lets most values be rejected on one character.
  const prefilters = patterns.map((pattern) => {
    const prefix = requiredPrefix(pattern.source);
    return (value: string) =>
      prefix === '' ? '' : `${value}.charCodeAt(${prefix.length - 1}) === ${prefix.charCodeAt(prefix.length - 1)} && `;
  });
  const string = (value: string, list: string) =>
    `${value}.length <= ${MAX_REGEX_INPUT_LENGTH} && (${patterns.map((_, index) => `${prefilters[index]!(value)}${list}[${index}].test(${value})`).join(' || ')})`;
  return { test, inline: { string, operand: patterns } };
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

function regexes(values: FlagValue[]): Matcher[] {
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
