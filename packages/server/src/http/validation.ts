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
 * route's schemas up front took a quarter of a cold start.
 */
export function schemaValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const common: Options = { allErrors: true, strict: false, removeAdditional: false, useDefaults: true };
  const strict = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    let compiled: ValidateFunction | undefined;
    const validate = (data: unknown) => {
      compiled ??= ajv.compile(schema as object);
      const valid = compiled(data);
      validate.errors = compiled.errors;
      return valid;
    };
    validate.errors = null as ValidateFunction['errors'];
    return validate;
  };
}

/** Response serialisers (fast-json-stringify), also compiled on first use; `shared` resolves `$ref`s. */
export function responseSerializerCompiler(shared: Record<string, Schema>): FastifySerializerCompiler<unknown> {
  return ({ schema }) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => (serialize ??= fastJson(schema as Schema, { schema: shared }))(data);
  };
}
