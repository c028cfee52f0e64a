/**
 * Generated evaluation code. Generic closures read `attributes[name]` with the name in a
 * variable, so V8 shares one megamorphic lookup between every clause, and each clause is a call V8
 * cannot inline: together the largest cost of rule evaluation. So each flag's allocation
 * conditions are compiled into one function, with attribute names as literals (an inline cache
 * per clause) and the operators' string and number tests written out in place.
 *
 * Runtimes that forbid code generation (a browser page with a strict Content-Security-Policy)
 * use the closures instead; both follow the same `ClausePlan`, and tests hold them equal.
 */
import { isInherited, type AttributeReader } from './context.js';
import type { EvaluationContext, EvaluationResult } from './model.js';

/** How to generate an operator's test of a string or number `value` against `operand`, as a JS expression. */
export interface InlineForms {
  string?: (value: string, operand: string) => string;
  number?: (value: string, operand: string) => string;
  operand?: unknown;
}

/** An attribute clause, ready for either generated code or a closure. */
export interface AttributeClausePlan {
  type: 'attribute';
  contextKind: string;
  /** A top-level attribute name generated code can read directly; undefined for paths and `kind`. */
  name: string | undefined;
  read: AttributeReader;
  /** Decides a present attribute value (array attributes element-wise), before negation. */
  test: (value: unknown) => boolean;
  inline: InlineForms | undefined;
  negate: boolean;
  /** The outcome when the attribute is missing: false, except for `not_exists`. */
  whenMissing: boolean;
}

/** A clause generated code calls as it is (segment membership). */
export interface OpaqueClausePlan {
  type: 'opaque';
  test: (context: EvaluationContext) => boolean;
}

export type ClausePlan = AttributeClausePlan | OpaqueClausePlan;

/**
 * An allocation as generated code sees it: skipped when disabled or outside its window; when its
 * clauses all hold, it serves `everyone` or, when that depends on bucketing, what `serve` returns
 * (undefined: on to the next allocation).
 */
export interface AllocationPlan {
  enabled: boolean;
  startAt: number | undefined;
  endAt: number | undefined;
  clauses: ClausePlan[];
  everyone: EvaluationResult | undefined;
  serve: (context: EvaluationContext) => EvaluationResult | undefined;
}

/** The allocation waterfall then the fallthrough; `scope` tells the time to allocations with a window. */
export type AllocationsEvaluator = (context: EvaluationContext, scope: { now(): number }) => EvaluationResult;

let available: boolean | undefined;

/** For tests: force code generation off (false), or back to detecting it (undefined). */
export function setCodeGeneration(enabled: false | undefined): void {
  available = enabled;
}

export function codeGenerationAvailable(): boolean {
  if (available === undefined) {
    try {
      available = new Function('return 1')() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

/** One clause as a function of the context. */
export function generatedClause(plan: AttributeClausePlan): (context: EvaluationContext) => boolean {
  const code = new CodeWriter();
  const expression = code.clause(plan);
  return code.build(`return function clause(context) { ${code.kindVariables()} return ${expression}; };`);
}

/** The allocation waterfall and the fallthrough (a result, or a function serving it) as one function. */
export function generatedAllocations(
  allocations: AllocationPlan[],
  fallthrough: EvaluationResult | ((context: EvaluationContext) => EvaluationResult),
): AllocationsEvaluator {
  const code = new CodeWriter();
  const steps = allocations.flatMap((allocation) => {
    if (!allocation.enabled) return [];
    const conditions = [
      ...(allocation.startAt === undefined ? [] : [`now >= ${allocation.startAt}`]),
      ...(allocation.endAt === undefined ? [] : [`now <= ${allocation.endAt}`]),
      ...allocation.clauses.map((clause) => code.clause(clause)),
    ];
    const holds = conditions.length === 0 ? 'true' : conditions.join(' && ');
    return allocation.everyone !== undefined
      ? `if (${holds}) return ${code.value(allocation.everyone)};`
      : `if (${holds} && (result = ${code.value(allocation.serve)}(context)) !== undefined) return result;`;
  });
  const last = typeof fallthrough === 'function' ? `${code.value(fallthrough)}(context)` : code.value(fallthrough);
  const timed = allocations.some(
    (allocation) => allocation.enabled && (allocation.startAt !== undefined || allocation.endAt !== undefined),
  );
  return code.build(`
    return function evaluateAllocations(context, scope) {
      ${code.kindVariables()}
      var result${timed ? ', now = scope.now()' : ''};
      ${steps.join('\n      ')}
      return ${last};
    };`);
}

/** The attributes of a kind the context does not have: nothing, not even inherited properties. */
const NO_ATTRIBUTES = Object.freeze(Object.create(null) as object);

const hasOwn = (object: object, name: string) => Object.hasOwn(object, name);

/** Collects the values generated code refers to, and the context kinds it reads. */
class CodeWriter {
  private readonly values: unknown[] = [];
  private readonly kinds = new Map<string, string>();

  clause(plan: ClausePlan): string {
    if (plan.type === 'opaque') return `${this.value(plan.test)}(context)`;
    const negate = plan.negate ? '!' : '';
    const read =
      plan.name === undefined
        ? `${this.value(plan.read)}(context)`
        : isInherited(plan.name)
          ? `(${this.value(hasOwn)}(${this.kind(plan.contextKind)}, ${JSON.stringify(plan.name)}) ? ${this.kind(plan.contextKind)}[${JSON.stringify(plan.name)}] : undefined)`
          : `${this.kind(plan.contextKind)}[${JSON.stringify(plan.name)}]`;
    const test = this.value(plan.test);
    const operand = this.value(plan.inline?.operand);
    const string = plan.inline?.string
      ? `typeof value === "string" ? ${negate}(${plan.inline.string('value', operand)}) : `
      : '';
    const number = plan.inline?.number
      ? `typeof value === "number" ? ${negate}(${plan.inline.number('value', operand)}) : `
      : '';
    return (
      `((value = ${read}) === undefined || value === null ? ${plan.whenMissing} : ${string}${number}` +
      `Array.isArray(value) ? ${negate}value.some(${test}) : ${negate}${test}(value))`
    );
  }

  /**
   * Declares `context`'s attributes of each kind read, once per call: the attributes object, or
   * an empty one when the context has no such kind, so reading an attribute needs no guard.
   */
  kindVariables(): string {
    const declarations = [...this.kinds].map(([kind, variable]) => {
      const literal = JSON.stringify(kind);
      const single = kind === 'user' ? 'kind === undefined || kind === "user"' : `kind === ${literal}`;
      return `var ${variable} = ${single} ? context : kind === "multi" ? context[${literal}] : undefined;
      if (typeof ${variable} !== "object" || ${variable} === null) ${variable} = ${this.value(NO_ATTRIBUTES)};`;
    });
    return `var kind = context.kind, value; ${declarations.join('\n')}`;
  }

  /** Runs `body` with each referenced value bound to a constant `v<n>`, and returns its result. */
  build<T>(body: string): T {
    const constants = this.values.map((_, index) => `const v${index} = values[${index}];`).join(' ');
    return new Function('values', `${constants} ${body}`)(this.values) as T;
  }

  private kind(contextKind: string): string {
    let variable = this.kinds.get(contextKind);
    if (variable === undefined) this.kinds.set(contextKind, (variable = `kind${this.kinds.size}`));
    return variable;
  }

  value(value: unknown): string {
    this.values.push(value);
    return `v${this.values.length - 1}`;
  }
}
