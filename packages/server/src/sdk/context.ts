import { Type } from 'typebox';
import type { EvaluationContext } from '@vexil/engine';
import { joinPath, type FieldError } from '../http/problems.js';

/**
 * An evaluation context as SDKs send it: `{ kind?, key, ...attributes }` (no kind: `user`) or
 * `{ kind: "multi", user: { key, … }, organization: { key, … } }`. Attributes are free-form, so
 * the schema checks the envelope and `contextParts` what a schema cannot say.
 */
export const ContextSchema = Type.Object(
  {
    kind: Type.Optional(Type.String({ description: 'The context kind (default "user"), or "multi"' })),
    key: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'Evaluation context: single-kind or multi-kind' },
);

/** One kind of a context: its key and its attributes (the object as sent, `key` and `kind` included). */
export interface ContextPart {
  kind: string;
  key: string | undefined;
  attributes: Record<string, unknown>;
}

const KIND_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const MAX_KEY_LENGTH = 512;

/**
 * The kinds a context holds, or the fields at fault: a kind name that is not a key, a part of a
 * multi-kind context that is not an object, a key that is not a string (or missing, when events
 * need one to know whom they are about).
 */
export function contextParts(
  context: EvaluationContext,
  path: string,
  requireKey: boolean,
): { parts: ContextPart[]; errors: FieldError[] } {
  const parts: ContextPart[] = [];
  const errors: FieldError[] = [];
  const add = (kind: string, value: unknown, at: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ path: at, message: 'must be an object: the attributes of one context kind' });
      return;
    }
    const attributes = value as Record<string, unknown>;
    const key = attributes.key;
    if (key !== undefined && typeof key !== 'string')
      errors.push({ path: joinPath(at, 'key'), message: 'must be a string' });
    else if (typeof key === 'string' && key.length > MAX_KEY_LENGTH)
      errors.push({ path: joinPath(at, 'key'), message: `must be at most ${MAX_KEY_LENGTH} characters` });
    else if (requireKey && (key === undefined || key === ''))
      errors.push({ path: joinPath(at, 'key'), message: 'is required' });
    else parts.push({ kind, key, attributes });
  };
  const kind = context.kind ?? 'user';
  if (kind === 'multi') {
    const kinds = Object.keys(context).filter((name) => name !== 'kind');
    if (kinds.length === 0) errors.push({ path, message: 'a multi-kind context needs at least one kind' });
    for (const name of kinds) {
      if (!KIND_PATTERN.test(name))
        errors.push({
          path: joinPath(path, name),
          message: 'is not a valid context kind (letters, digits, ".", "-", "_")',
        });
      else add(name, (context as Record<string, unknown>)[name], joinPath(path, name));
    }
  } else if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) {
    errors.push({
      path: joinPath(path, 'kind'),
      message: 'must be a context kind (letters, digits, ".", "-", "_") or "multi"',
    });
  } else {
    add(kind, context, path);
  }
  return { parts, errors };
}
