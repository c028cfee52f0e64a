/**
 * Specialised clause code. A generic clause reads `attributes[name]` with a name held in a
 * variable: V8 then shares one megamorphic property lookup between all clauses, the single largest
 * cost of rule evaluation. Generating a small function per clause, with the attribute name as a
 * literal, gives each clause its own inline cache and lets V8 inline the operator's test.
 *
 * Runtimes that forbid code generation (a browser page with a strict Content-Security-Policy)
 * fall back to the generic closures, which have the same semantics.
 */
import type { InlineForms } from './operators.js';

let available: boolean | undefined;

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

/**
 * A clause test reading one top-level attribute of one context kind: false when the kind or the
 * attribute is missing, element-wise for arrays, `negate` inverting the outcome otherwise.
 * Strings and numbers are decided by the operator's inline forms when it has them.
 */
export function generatedClauseTest(
  contextKind: string,
  attribute: string,
  test: (value: unknown) => boolean,
  inline: InlineForms | undefined,
  negate: boolean,
): (context: object) => boolean {
  const kind = JSON.stringify(contextKind);
  const selectKind =
    contextKind === 'user'
      ? 'if (kind === undefined || kind === "user") attributes = context; else if (kind === "multi") attributes = context.user; else return false;'
      : `if (kind === ${kind}) attributes = context; else if (kind === "multi") attributes = context[${kind}]; else return false;`;
  const body = `
    return function clause(context) {
      var kind = context.kind, attributes;
      ${selectKind}
      if (typeof attributes !== "object" || attributes === null) return false;
      var value = attributes[${JSON.stringify(attribute)}];
      if (value === undefined || value === null) return false;
      ${inline?.string ? `if (typeof value === "string") return (${inline.string}) !== negate;` : ''}
      ${inline?.number ? `if (typeof value === "number") return (${inline.number}) !== negate;` : ''}
      if (Array.isArray(value)) return value.some(test) !== negate;
      return test(value) !== negate;
    };`;
  const create = new Function('test', 'operand', 'negate', body);
  return create(test, inline?.operand, negate) as (context: object) => boolean;
}
