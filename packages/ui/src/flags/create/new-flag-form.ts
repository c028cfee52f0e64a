import type { NewFlag } from '../../api/flags-list';
import type { FieldError } from '../logic/problems';
import { parseDecimal } from '../logic/operators';

/**
 * The create-flag form as data, apart from rendering: what a new flag of each type starts with,
 * the key derived from the name, and the request the form makes — or the fields at fault, with
 * the same paths the server uses (`variations[1].value`), so the dialog shows its own checks and
 * the server's at the same inputs.
 */

export type FlagType = NonNullable<NewFlag['type']>;

export interface VariationDraft {
  /** Stable identity for rendering; never sent. */
  id: string;
  key: string;
  name: string;
  /** The value as typed: text for string flags, decimal notation for numbers, JSON text for JSON, `true`/`false`. */
  value: string;
}

export interface NewFlagForm {
  name: string;
  key: string;
  /** Once the key is typed in, the name no longer changes it. */
  keyEdited: boolean;
  description: string;
  type: FlagType;
  variations: VariationDraft[];
  temporary: boolean;
  clientSideAvailable: boolean;
  tags: string[];
}

export const KEY_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const KEY_MESSAGE = 'Use 1–128 letters, digits, "-", "_" or "."';

let nextId = 0;
const draftId = () => `variation-${++nextId}`;

const draft = (key: string, value: string, name = ''): VariationDraft => ({ id: draftId(), key, name, value });

/** What a new flag of each type starts with: two variations, ready to rename. */
export function defaultVariations(type: FlagType): VariationDraft[] {
  switch (type) {
    case 'boolean':
      return [draft('on', 'true'), draft('off', 'false')];
    case 'string':
      return [draft('control', 'control'), draft('treatment', 'treatment')];
    case 'number':
      return [draft('default', '0'), draft('alternative', '1')];
    case 'json':
      return [draft('default', '{}'), draft('alternative', '{\n  "enabled": true\n}')];
  }
}

export function emptyForm(): NewFlagForm {
  return {
    name: '',
    key: '',
    keyEdited: false,
    description: '',
    type: 'boolean',
    variations: defaultVariations('boolean'),
    temporary: true,
    clientSideAvailable: false,
    tags: [],
  };
}

/** A flag key from its name: "New checkout (v2)!" → `new-checkout-v2`. */
export function keyFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 128)
    .replace(/[-._]+$/, '');
}

/** The form with a new name; the key follows it until edited by hand. */
export function withName(form: NewFlagForm, name: string): NewFlagForm {
  return { ...form, name, key: form.keyEdited ? form.key : keyFromName(name) };
}

/** The form with a key typed in; clearing it lets the name drive it again. */
export function withKey(form: NewFlagForm, key: string): NewFlagForm {
  return key === '' ? { ...form, key: keyFromName(form.name), keyEdited: false } : { ...form, key, keyEdited: true };
}

/** Another type: its values mean something else, so the variations start over. */
export function withType(form: NewFlagForm, type: FlagType): NewFlagForm {
  return type === form.type ? form : { ...form, type, variations: defaultVariations(type) };
}

/** Boolean flags have exactly their two values; the other types take as many variations as needed. */
export function canChangeVariationCount(type: FlagType): boolean {
  return type !== 'boolean';
}

/** One more variation, with a key not yet taken and an empty value of the type. */
export function addVariation(form: NewFlagForm): NewFlagForm {
  const taken = new Set(form.variations.map((variation) => variation.key));
  let index = form.variations.length + 1;
  while (taken.has(`variation-${index}`)) index++;
  const value = form.type === 'number' ? '0' : form.type === 'json' ? '{}' : '';
  return { ...form, variations: [...form.variations, draft(`variation-${index}`, value)] };
}

/** A flag needs at least two variations, so the last two stay. */
export function removeVariation(form: NewFlagForm, id: string): NewFlagForm {
  if (form.variations.length <= 2) return form;
  return { ...form, variations: form.variations.filter((variation) => variation.id !== id) };
}

export function updateVariation(
  form: NewFlagForm,
  id: string,
  change: Partial<Omit<VariationDraft, 'id'>>,
): NewFlagForm {
  return {
    ...form,
    variations: form.variations.map((variation) => (variation.id === id ? { ...variation, ...change } : variation)),
  };
}

export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string };

/** A variation's typed value for the flag's type, or why it is not one. */
export function parseVariationValue(type: FlagType, text: string): ParsedValue {
  switch (type) {
    case 'boolean':
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, message: 'Must be true or false' };
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      const number = parseDecimal(text);
      return number === undefined
        ? { ok: false, message: 'Must be a number, like 42 or 3.5' }
        : { ok: true, value: number };
    }
    case 'json': {
      if (text.trim() === '') return { ok: false, message: 'Needs a JSON value, like {} or [1, 2]' };
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch (error) {
        return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
  }
}

export type NewFlagRequest = { ok: true; flag: NewFlag } | { ok: false; errors: FieldError[] };

/**
 * The request the form makes, or every field at fault. The server checks all of it again; this
 * catches what can be told before sending (a JSON value that does not parse, a duplicate key).
 */
export function newFlagRequest(form: NewFlagForm): NewFlagRequest {
  const errors: FieldError[] = [];
  const key = form.key.trim();
  if (key === '') errors.push({ path: 'key', message: 'Needs a key (or a name to derive it from)' });
  else if (!KEY_PATTERN.test(key)) errors.push({ path: 'key', message: KEY_MESSAGE });
  const seen = new Set<string>();
  const variations = form.variations.map((variation, index) => {
    const path = `variations[${index}]`;
    const variationKey = variation.key.trim();
    if (!KEY_PATTERN.test(variationKey)) errors.push({ path: `${path}.key`, message: KEY_MESSAGE });
    else if (seen.has(variationKey))
      errors.push({ path: `${path}.key`, message: `Another variation is already called "${variationKey}"` });
    seen.add(variationKey);
    const parsed = parseVariationValue(form.type, variation.value);
    if (!parsed.ok) errors.push({ path: `${path}.value`, message: parsed.message });
    const name = variation.name.trim();
    return { key: variationKey, value: parsed.ok ? parsed.value : null, ...(name ? { name } : {}) };
  });
  if (errors.length > 0) return { ok: false, errors };
  const name = form.name.trim();
  const description = form.description.trim();
  return {
    ok: true,
    flag: {
      key,
      ...(name ? { name } : {}),
      ...(description ? { description } : {}),
      type: form.type,
      variations,
      temporary: form.temporary,
      clientSideAvailable: form.clientSideAvailable,
      tags: form.tags,
    },
  };
}
