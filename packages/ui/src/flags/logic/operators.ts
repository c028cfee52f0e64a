import { compileSafeRegex, type FlagValue, OPERATORS, type Operator, parseInstant, parseSemver } from '@vexil/engine';

/**
 * The clause operators of PRODUCT.md §1, as the console offers them: a label in words, what
 * values each takes, and a check of one typed value that accepts exactly what the engine's
 * validator accepts (it calls the engine's own parsers), so a value refused here would be refused
 * by the server and a value accepted here is saved.
 */

/** A clause's operator as the console lists it: an attribute operator, or segment membership. */
export type ClauseOperator = Operator | 'segment';

/** How many values an operator takes in the editor (the engine stores a list either way). */
export type ValueCount = 'none' | 'one' | 'many';

/** What one value is: free text, a decimal number, a semantic version, an instant, a pattern, a segment key. */
export type ValueType = 'text' | 'number' | 'semver' | 'date-time' | 'regex' | 'segment';

export interface OperatorInfo {
  operator: ClauseOperator;
  /** Reads after the attribute: "email *ends with* @acme.com". */
  label: string;
  /** The same with `negate`: "email *does not end with* @acme.com". */
  negatedLabel: string;
  values: ValueCount;
  /** Absent when the operator takes no values. */
  valueType?: ValueType;
}

const CATALOGUE: Record<ClauseOperator, Omit<OperatorInfo, 'operator'>> = {
  equals: { label: 'is', negatedLabel: 'is not', values: 'one', valueType: 'text' },
  not_equals: { label: 'is not', negatedLabel: 'is', values: 'one', valueType: 'text' },
  in: { label: 'is one of', negatedLabel: 'is not one of', values: 'many', valueType: 'text' },
  not_in: { label: 'is not one of', negatedLabel: 'is one of', values: 'many', valueType: 'text' },
  contains: { label: 'contains', negatedLabel: 'does not contain', values: 'many', valueType: 'text' },
  not_contains: { label: 'does not contain', negatedLabel: 'contains', values: 'many', valueType: 'text' },
  starts_with: { label: 'starts with', negatedLabel: 'does not start with', values: 'many', valueType: 'text' },
  ends_with: { label: 'ends with', negatedLabel: 'does not end with', values: 'many', valueType: 'text' },
  gt: { label: 'is greater than', negatedLabel: 'is not greater than', values: 'one', valueType: 'number' },
  gte: { label: 'is at least', negatedLabel: 'is not at least', values: 'one', valueType: 'number' },
  lt: { label: 'is less than', negatedLabel: 'is not less than', values: 'one', valueType: 'number' },
  lte: { label: 'is at most', negatedLabel: 'is not at most', values: 'one', valueType: 'number' },
  matches: { label: 'matches', negatedLabel: 'does not match', values: 'many', valueType: 'regex' },
  semver_eq: { label: 'is version', negatedLabel: 'is not version', values: 'one', valueType: 'semver' },
  semver_gt: {
    label: 'is later than version',
    negatedLabel: 'is not later than version',
    values: 'one',
    valueType: 'semver',
  },
  semver_gte: {
    label: 'is at least version',
    negatedLabel: 'is not at least version',
    values: 'one',
    valueType: 'semver',
  },
  semver_lt: {
    label: 'is earlier than version',
    negatedLabel: 'is not earlier than version',
    values: 'one',
    valueType: 'semver',
  },
  semver_lte: {
    label: 'is at most version',
    negatedLabel: 'is not at most version',
    values: 'one',
    valueType: 'semver',
  },
  before: { label: 'is before', negatedLabel: 'is not before', values: 'one', valueType: 'date-time' },
  after: { label: 'is after', negatedLabel: 'is not after', values: 'one', valueType: 'date-time' },
  exists: { label: 'is set', negatedLabel: 'never matches (negated “is set”)', values: 'none' },
  not_exists: { label: 'is not set', negatedLabel: 'is set', values: 'none' },
  segment: { label: 'is in segment', negatedLabel: 'is not in segment', values: 'one', valueType: 'segment' },
};

/**
 * Every operator in the engine's order, then segment membership. Negated labels describe what
 * the engine does with `negate` on a present attribute; a missing attribute fails either way, so
 * a negated `exists` never holds.
 */
export const CLAUSE_OPERATORS: readonly OperatorInfo[] = [...OPERATORS, 'segment' as const].map((operator) => ({
  operator,
  ...CATALOGUE[operator],
}));

/** The catalogue entry of one operator. */
export function operatorInfo(operator: ClauseOperator): OperatorInfo {
  return { operator, ...CATALOGUE[operator] };
}

/** The words for an operator, negated or not: "ends with", "does not end with". */
export function operatorLabel(operator: ClauseOperator, negate = false): string {
  const info = CATALOGUE[operator];
  return negate ? info.negatedLabel : info.label;
}

export type ParsedValue = { ok: true; value: FlagValue } | { ok: false; message: string };

/** Decimal notation only: no hex, binary, `Infinity` or blanks that `Number()` would let through. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number as typed ("42", "-3.5", "1e3", surrounding blanks ignored), or undefined. */
export function parseDecimal(text: string): number | undefined {
  const input = text.trim();
  const number = Number(input);
  return DECIMAL.test(input) && Number.isFinite(number) ? number : undefined;
}

/**
 * Turns what was typed in a value input into the value the clause stores, or says why it cannot
 * be used: numbers become numbers (numeric operators refuse strings), everything else stays text.
 */
export function parseClauseValue(operator: ClauseOperator, text: string): ParsedValue {
  const type = CATALOGUE[operator].valueType;
  if (type === undefined) return { ok: false, message: `“${operatorLabel(operator)}” takes no value` };
  // Text operators compare text as given (a leading space may matter); everything else is trimmed.
  const input = type === 'text' || type === 'regex' ? text : text.trim();
  if (input === '' && type !== 'text') return { ok: false, message: 'needs a value' };
  switch (type) {
    case 'text':
      return { ok: true, value: input };
    case 'number': {
      const number = parseDecimal(input);
      return number === undefined
        ? { ok: false, message: 'must be a number, like 42 or 3.5' }
        : { ok: true, value: number };
    }
    case 'semver':
      if (parseSemver(input)) return { ok: true, value: input };
      return {
        ok: false,
        message:
          /^v\d/i.test(input) && parseSemver(input.slice(1))
            ? `write the version without the leading “${input[0]}”: ${input.slice(1)}`
            : 'must be a semantic version, like 1.4.2 or 2.0.0-beta.1',
      };
    case 'date-time':
      return parseInstant(input) === undefined
        ? { ok: false, message: 'must be an ISO 8601 date, like 2026-12-01 or 2026-12-01T09:30:00Z' }
        : { ok: true, value: input };
    case 'regex': {
      const check = compileSafeRegex(input);
      return check.ok ? { ok: true, value: input } : { ok: false, message: check.reason };
    }
    case 'segment':
      return { ok: true, value: input };
  }
}

/** Why `text` cannot be a value of `operator`, or null when it can. */
export function clauseValueProblem(operator: ClauseOperator, text: string): string | null {
  const parsed = parseClauseValue(operator, text);
  return parsed.ok ? null : parsed.message;
}

/** A stored clause value as the text of its input: the inverse of `parseClauseValue`. */
export function clauseValueText(value: FlagValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
