import type { FastifyRequest } from 'fastify';
import { joinPath, problems, type FieldError } from './problems.js';

/**
 * What no route accepts, whatever its schema says, checked once for every request before any
 * route sees it: text PostgreSQL cannot store, numbers JSON cannot write back, and JSON nested
 * deeper than anything recursive (ajv, the engine, JSON.stringify) should be asked to walk.
 */

/** Objects and arrays a JSON body may nest; a flag's JSON variation or a context attribute needs far fewer. */
export const MAX_JSON_DEPTH = 64;

/** A UTF-16 surrogate without its other half: not a character, and not encodable as UTF-8. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a string cannot be taken, or undefined. PostgreSQL refuses NUL in text and invalid UTF-8 in
 * any string (a query parameter, a JSON document stored as text), and SQLite would keep what
 * PostgreSQL refuses: refusing both here makes the two databases answer alike.
 */
export function textFault(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate (\\ud800–\\udfff)';
  return undefined;
}

interface Container {
  value: object;
  depth: number;
  parent: Container | undefined;
  key: string | number | undefined;
}

/**
 * The first value of a parsed JSON document that must be refused, with its path: a string
 * `textFault` refuses (field names too), a number that overflowed to ±Infinity (`1e999`), or a
 * container nested deeper than `maxDepth`. The walk keeps its own stack, so no document can
 * overflow the call stack, and it costs one pass over what JSON.parse already built.
 */
export function jsonFault(document: unknown, maxDepth = MAX_JSON_DEPTH): FieldError | undefined {
  const pending: Container[] = [];
  const visit = (value: unknown, parent: Container | undefined, key: string | number | undefined) => {
    if (typeof value === 'string') {
      const fault = textFault(value);
      return fault === undefined ? undefined : { path: pathOf(parent, key), message: fault };
    }
    if (typeof value === 'number') {
      return Number.isFinite(value) ? undefined : { path: pathOf(parent, key), message: 'must be a finite number' };
    }
    if (typeof value !== 'object' || value === null) return undefined;
    const depth = (parent?.depth ?? 0) + 1;
    if (depth > maxDepth)
      return { path: pathOf(parent, key), message: `must not nest objects and arrays more than ${maxDepth} deep` };
    pending.push({ value, depth, parent, key });
    return undefined;
  };

  let fault = visit(document, undefined, undefined);
  for (let container = pending.pop(); fault === undefined && container !== undefined; container = pending.pop()) {
    if (Array.isArray(container.value)) {
      const items: unknown[] = container.value;
      for (let index = 0; fault === undefined && index < items.length; index++)
        fault = visit(items[index], container, index);
      continue;
    }
    for (const [name, value] of Object.entries(container.value)) {
      const nameFault = textFault(name);
      fault = nameFault
        ? { path: pathOf(container.parent, container.key), message: `has a field name that ${nameFault}` }
        : visit(value, container, name);
      if (fault) break;
    }
  }
  return fault;
}

/** `variations[0].value.a`, from the containers above a value (built only for a fault). */
function pathOf(parent: Container | undefined, key: string | number | undefined): string {
  const keys: (string | number)[] = [];
  if (key !== undefined) keys.push(key);
  for (let container = parent; container?.key !== undefined; container = container.parent) keys.push(container.key);
  let path = '';
  for (const part of keys.reverse()) path = typeof part === 'number' ? `${path}[${part}]` : joinPath(path, part);
  return path;
}

/**
 * A `preValidation` hook for every route: path parameters and query strings arrive as text and
 * may go straight into a query (a search, a key), so they are held to `textFault` as bodies are
 * (bodies are checked as they are parsed, in body.ts). Names are those of the validation errors:
 * `params.project`, `querystring.q`.
 */
export async function refuseUnstorableParameters(request: FastifyRequest): Promise<void> {
  const errors = [...parameterFaults(request.params, 'params'), ...parameterFaults(request.query, 'querystring')];
  if (errors.length > 0) throw problems.validation(errors);
}

function parameterFaults(parameters: unknown, part: string): FieldError[] {
  if (typeof parameters !== 'object' || parameters === null) return [];
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    const nameFault = textFault(name);
    if (nameFault) {
      errors.push({ path: part, message: `has a parameter name that ${nameFault}` });
      continue;
    }
    // A repeated query parameter is an array of its values.
    const values: unknown[] = Array.isArray(value) ? value : [value];
    const fault = values.map((item) => (typeof item === 'string' ? textFault(item) : undefined)).find(Boolean);
    if (fault) errors.push({ path: joinPath(part, name), message: fault });
  }
  return errors;
}
