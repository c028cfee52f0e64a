import { Type, type TSchema } from 'typebox';

/** Schemas shared by several routes. Each route's own schemas live beside it. */

export const Key = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,128}$',
  description: 'Letters, digits, "-", "_" or "."; 1–128 characters',
});
export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const Description = Type.String({ maxLength: 10_000 });

export const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** Objects in requests refuse fields they do not know, so a typo is a 400 and not silence. */
export function Strict<T extends Record<string, TSchema>>(properties: T, options: Record<string, unknown> = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

const problem = Type.Ref('Problem');
const problemResponses = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };

/** A route's responses for validation of output and the OpenAPI document: success and problems. */
export const ok = <T extends TSchema>(schema: T) => ({ 200: schema, ...problemResponses });
export const created = <T extends TSchema>(schema: T) => ({ 201: schema, ...problemResponses });
export const noContent = { 204: Type.Unsafe<void>({ description: 'Done, no content' }), ...problemResponses };
