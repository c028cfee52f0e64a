import type { ContextAttributes, EvaluationContext, MultiKindContext } from '@vexil/engine';
import { parseDecimal } from './operators';

/**
 * The test panel's context: typed as JSON, or filled in as a form (one card per context kind,
 * rows of attribute name, type and value). Both give an engine `EvaluationContext`; the form
 * rules are the server's (packages/server/src/sdk/context.ts), so what the panel accepts is what
 * an SDK may send: kind names of letters, digits, ".", "-", "_"; a key, when given, is a string.
 */

const KIND_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const MAX_KEY_LENGTH = 512;

export type ParsedContext = { ok: true; context: EvaluationContext } | { ok: false; message: string };

/**
 * Parses the JSON text of a context: `{ "key": "u-1", "country": "FR" }` (a user),
 * `{ "kind": "organization", "key": "acme" }`, or `{ "kind": "multi", "user": {…}, "organization": {…} }`.
 */
export function parseContextJson(text: string): ParsedContext {
  if (text.trim() === '') return { ok: false, message: 'Enter a context, like { "key": "user-1" }' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
  const problem = contextProblem(value);
  return problem ? { ok: false, message: problem } : { ok: true, context: value as EvaluationContext };
}

/** Why a value is not an evaluation context, in one sentence naming the field, or null. */
export function contextProblem(value: unknown): string | null {
  if (!isObject(value)) return 'A context must be a JSON object, like { "key": "user-1" }';
  const kind = value.kind ?? 'user';
  if (typeof kind !== 'string' || (kind !== 'multi' && !KIND_PATTERN.test(kind))) {
    return '"kind" must be a context kind (letters, digits, ".", "-", "_") or "multi"';
  }
  if (kind !== 'multi') return attributesProblem(value, '');
  const kinds = Object.keys(value).filter((name) => name !== 'kind');
  if (kinds.length === 0) return 'A multi-kind context needs at least one kind, like "user": { "key": "user-1" }';
  for (const name of kinds) {
    if (!KIND_PATTERN.test(name)) return `"${name}" is not a context kind (letters, digits, ".", "-", "_")`;
    const attributes = value[name];
    if (!isObject(attributes)) return `"${name}" must be an object: the attributes of that kind`;
    const problem = attributesProblem(attributes, `${name}.`);
    if (problem) return problem;
  }
  return null;
}

function attributesProblem(attributes: Record<string, unknown>, at: string): string | null {
  const key = attributes.key;
  if (key !== undefined && typeof key !== 'string') return `"${at}key" must be a string`;
  if (typeof key === 'string' && key.length > MAX_KEY_LENGTH) {
    return `"${at}key" must be at most ${MAX_KEY_LENGTH} characters`;
  }
  return null;
}

/** A context as the JSON text of its editor, indented by two spaces. */
export function contextJson(context: EvaluationContext): string {
  return JSON.stringify(context, null, 2);
}

// ── The form ────────────────────────────────────────────────────────────────────────────────

/** How a row's value text is read: as it is, as a number, true/false, or JSON (lists, objects, null). */
export type AttributeType = 'string' | 'number' | 'boolean' | 'json';

export interface AttributeRow {
  name: string;
  type: AttributeType;
  value: string;
}

/** One kind of the context: its kind, key and attribute rows. */
export interface ContextForm {
  kind: string;
  key: string;
  attributes: AttributeRow[];
}

/** Where a form problem is: which kind card (index), and the field or the attribute row. */
export interface FormError {
  kindIndex: number;
  field: 'kind' | 'key' | 'name' | 'value';
  /** The attribute row, for `name` and `value`. */
  row?: number;
  message: string;
}

export type FormContext = { ok: true; context: EvaluationContext } | { ok: false; errors: FormError[] };

/**
 * Builds the context a form describes: one kind gives a single-kind context (no `kind` field for
 * a user), several give a multi-kind one. Blank rows (no name, no value) are skipped, so the
 * editor can always show an empty row to type into.
 */
export function contextFromForm(forms: readonly ContextForm[]): FormContext {
  const errors: FormError[] = [];
  const kinds = new Set<string>();
  const parts: { kind: string; attributes: ContextAttributes }[] = [];
  forms.forEach((form, kindIndex) => {
    const kind = form.kind.trim();
    if (!KIND_PATTERN.test(kind) || kind === 'multi' || kind === 'kind') {
      errors.push({ kindIndex, field: 'kind', message: 'must be a context kind: letters, digits, ".", "-", "_"' });
    } else if (kinds.has(kind)) {
      errors.push({ kindIndex, field: 'kind', message: `"${kind}" is already in this context` });
    }
    kinds.add(kind);
    if (form.key.length > MAX_KEY_LENGTH) {
      errors.push({ kindIndex, field: 'key', message: `must be at most ${MAX_KEY_LENGTH} characters` });
    }
    const attributes: ContextAttributes = form.key === '' ? {} : { key: form.key };
    const names = new Set<string>();
    form.attributes.forEach((row, index) => {
      const name = row.name.trim();
      if (name === '' && row.value.trim() === '') return;
      const rowError = (field: 'name' | 'value', message: string) =>
        errors.push({ kindIndex, field, row: index, message });
      if (name === '') return rowError('name', 'needs a name');
      if (name === 'key' || name === 'kind') return rowError('name', `set the ${name} above, not as an attribute`);
      if (names.has(name)) return rowError('name', `"${name}" is already set above`);
      names.add(name);
      const parsed = parseAttributeValue(row.type, row.value);
      if (!parsed.ok) return rowError('value', parsed.message);
      attributes[name] = parsed.value;
    });
    parts.push({ kind, attributes });
  });
  if (forms.length === 0) errors.push({ kindIndex: 0, field: 'kind', message: 'add at least one context kind' });
  if (errors.length > 0) return { ok: false, errors };
  if (parts.length === 1) {
    const { kind, attributes } = parts[0]!;
    return { ok: true, context: kind === 'user' ? attributes : { kind, ...attributes } };
  }
  const multi: MultiKindContext = { kind: 'multi' };
  for (const { kind, attributes } of parts) multi[kind] = attributes;
  return { ok: true, context: multi };
}

/** The form of a context: one card per kind, one row per attribute, types guessed from the values. */
export function formFromContext(context: EvaluationContext): ContextForm[] {
  if (context.kind !== 'multi') {
    const { kind, ...attributes } = context as ContextAttributes & { kind?: string };
    return [formOf(kind ?? 'user', attributes)];
  }
  return Object.entries(context)
    .filter(([name, attributes]) => name !== 'kind' && isObject(attributes))
    .map(([kind, attributes]) => formOf(kind, attributes as ContextAttributes));
}

function formOf(kind: string, attributes: ContextAttributes): ContextForm {
  const { key, ...rest } = attributes;
  return {
    kind,
    key: typeof key === 'string' ? key : '',
    attributes: Object.entries(rest).map(([name, value]) => attributeRow(name, value)),
  };
}

/** A row for one attribute value: strings, numbers and booleans by their type, anything else as JSON. */
export function attributeRow(name: string, value: unknown): AttributeRow {
  switch (typeof value) {
    case 'string':
      return { name, type: 'string', value };
    case 'number':
      return { name, type: 'number', value: String(value) };
    case 'boolean':
      return { name, type: 'boolean', value: String(value) };
    default:
      return { name, type: 'json', value: JSON.stringify(value ?? null) };
  }
}

export type ParsedAttribute = { ok: true; value: unknown } | { ok: false; message: string };

/** Reads a row's value text by its type. */
export function parseAttributeValue(type: AttributeType, text: string): ParsedAttribute {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      const number = parseDecimal(text);
      return number === undefined
        ? { ok: false, message: 'must be a number, like 42 or 3.5' }
        : { ok: true, value: number };
    }
    case 'boolean': {
      const input = text.trim().toLowerCase();
      if (input === 'true' || input === 'false') return { ok: true, value: input === 'true' };
      return { ok: false, message: 'must be true or false' };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false, message: 'must be JSON, like ["beta", "staff"] or {"city": "Paris"}' };
      }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
