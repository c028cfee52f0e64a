import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Route schemas are the single source of validation, types and the OpenAPI document. Bodies are
 * checked strictly (no coercion, unknown fields refused) so a wrong type is a 400 naming the
 * field; path and query parameters, which arrive as strings, are coerced to their types.
 */
export function schemaValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const common: Options = { allErrors: true, strict: false, removeAdditional: false, useDefaults: true };
  const strict = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
