import type { ContextAttributes, EvaluationContext } from './model.js';

export const DEFAULT_KIND = 'user';

/** Reads one context kind's attributes out of a single- or multi-kind context. */
export type KindReader = (context: EvaluationContext) => ContextAttributes | undefined;

const userReader: KindReader = (context) => {
  const kind = context.kind;
  if (kind === undefined || kind === DEFAULT_KIND) return context as ContextAttributes;
  if (kind === 'multi') return asAttributes((context as Record<string, unknown>)[DEFAULT_KIND]);
  return undefined;
};

/** The reader of one kind, built once per clause so evaluation does no string work to find it. */
export function kindReader(kind: string = DEFAULT_KIND): KindReader {
  if (kind === DEFAULT_KIND) return userReader;
  return (context) => {
    if (context.kind === kind) return context as ContextAttributes;
    if (context.kind === 'multi') return asAttributes((context as Record<string, unknown>)[kind]);
    return undefined;
  };
}

function asAttributes(value: unknown): ContextAttributes | undefined {
  return typeof value === 'object' && value !== null ? (value as ContextAttributes) : undefined;
}

/** The kinds present in a context, with their attributes. */
export function contextKinds(context: EvaluationContext): Map<string, ContextAttributes> {
  const kinds = new Map<string, ContextAttributes>();
  if (context.kind !== 'multi') {
    kinds.set(context.kind ?? DEFAULT_KIND, context as ContextAttributes);
    return kinds;
  }
  for (const [kind, attributes] of Object.entries(context)) {
    const value = asAttributes(attributes);
    if (kind !== 'kind' && value) kinds.set(kind, value);
  }
  return kinds;
}

/**
 * Parses an attribute reference: a plain name is one top-level attribute (dots included);
 * a name starting with `/` is a path into nested objects, with `~1` for `/` and `~0` for `~`.
 * Returns undefined for a malformed path (empty segment).
 */
export function parseAttributePath(attribute: string): string[] | undefined {
  if (!attribute.startsWith('/')) return attribute === '' ? undefined : [attribute];
  const parts = attribute
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.some((part) => part === '') ? undefined : parts;
}

export type AttributeReader = (context: EvaluationContext) => unknown;

/** Builds a reader for one attribute of one kind. `kind` is a context kind's own attribute. */
export function attributeReader(contextKind: string | undefined, attribute: string): AttributeReader {
  const readKind = kindReader(contextKind);
  const path = parseAttributePath(attribute);
  if (!path) throw new Error(`invalid attribute reference "${attribute}"`);
  const kind = contextKind ?? DEFAULT_KIND;
  if (path.length === 1) {
    const name = path[0]!;
    if (name === 'kind') return (context) => (readKind(context) ? kind : undefined);
    if (isInherited(name)) return (context) => ownProperty(readKind(context), name);
    return (context) => readKind(context)?.[name];
  }
  return (context) => {
    let value: unknown = readKind(context);
    for (const part of path) {
      if (Array.isArray(value)) return undefined;
      value = ownProperty(value, part);
    }
    return value;
  };
}

/** Names every object inherits (`constructor`, `toString`…): attributes only when a context has its own. */
export function isInherited(name: string): boolean {
  return name in Object.prototype;
}

/** An object's own property (never one every object inherits, like `constructor`), or undefined. */
function ownProperty(object: unknown, name: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  return Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined;
}

/** The text form operators compare: strings as they are, numbers and booleans converted. */
export function textOf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return undefined;
  }
}

/**
 * Decimal numbers as text: optional sign, digits, optional fraction, optional exponent (`42`,
 * `-3.5`, `1e3`). Nothing else, so that every SDK reads the same strings as numbers: no hex,
 * binary or octal (`0x50`), no `Infinity` or `NaN`, no surrounding whitespace, no empty string
 * (JavaScript's `Number()` accepts all of those, most as 0).
 */
const DECIMAL = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The numeric form: finite numbers, and strings that are decimal numbers within range. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}
