import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import fastJson, { type Schema } from 'fast-json-stringify';

/**
 * Route schemas are the single source of validation, types and the OpenAPI document. Bodies are
 * checked strictly (no coercion, unknown fields refused) so a wrong type is a 400 naming the
 * field; path and query parameters, which arrive as strings, are coerced to their types.
 *
 * Each validator is compiled on its route's first request rather than at start: compiling every
 * route's schemas up front took a quarter of a cold start. What is compiled is `forValidation`'s
 * copy of the schema: integers bounded, array items checked after their count.
 */
export function schemaValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const common: Options = { allErrors: true, strict: false, removeAdditional: false, useDefaults: true };
  const strict = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    let compiled: ValidateFunction | undefined;
    const validate = (data: unknown) => {
      compiled ??= ajv.compile(forValidation(schema) as object);
      const valid = compiled(data);
      validate.errors = compiled.errors;
      return valid;
    };
    validate.errors = null as ValidateFunction['errors'];
    return validate;
  };
}

/** PostgreSQL's `integer`: no page size, offset, position or id in the API goes beyond it. */
export const MAX_REQUEST_INTEGER = 2_147_483_647;

/**
 * A copy of a route's schema with two rules no schema has to remember:
 * - an integer without bounds of its own is held to PostgreSQL's `integer` (`?offset=1e20`, a
 *   `position` of 1e20: a 400 naming the field rather than a database error, on every route);
 * - an array's `items` are checked only when its `maxItems` holds (`if`/`then`): with `allErrors`,
 *   ajv would otherwise check — and report — every item of a 170,000-item array it is about to
 *   refuse for its length, blocking the event loop for seconds.
 */
export function forValidation(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forValidation);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(schema)) copy[name] = forValidation(value);
  if (copy.type === 'integer') return { minimum: -MAX_REQUEST_INTEGER - 1, maximum: MAX_REQUEST_INTEGER, ...copy };
  if (typeof copy.maxItems !== 'number' || copy.items === undefined || copy.if !== undefined) return copy;
  const { items, ...rest } = copy;
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword here, not a promise
  return { ...rest, if: { maxItems: copy.maxItems }, then: { items } };
}

/** Response serialisers (fast-json-stringify), also compiled on first use; `shared` resolves `$ref`s. */
export function responseSerializerCompiler(shared: Record<string, Schema>): FastifySerializerCompiler<unknown> {
  return ({ schema }) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => (serialize ??= fastJson(schema as Schema, { schema: shared }))(data);
  };
}
