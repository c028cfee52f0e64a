import { Type } from 'typebox';
import { FlagStateSchema, NewFlagSchema, VariationSchema } from '../flags/schemas.js';
import { NewSegmentSchema } from '../segments/schemas.js';

/**
 * What the SDK API answers, for the OpenAPI document (docs/sdk-protocol.md is the guide). The
 * ruleset and evaluations are written as JSON text by the routes, once per revision or per
 * result; these schemas describe that text and the tests hold it to them.
 */

const {
  key: _key,
  environments: _environments,
  type: _type,
  variations: _variations,
  ...definition
} = NewFlagSchema.properties;

const FlagConfigSchema = Type.Object(
  {
    key: Type.String(),
    ...definition,
    type: Type.Union([Type.Literal('boolean'), Type.Literal('string'), Type.Literal('number'), Type.Literal('json')]),
    variations: Type.Array(VariationSchema, { minItems: 2 }),
    ...FlagStateSchema.properties,
  },
  { description: 'A flag’s definition and its state in the key’s environment (the engine’s FlagConfig)' },
);

const { key: _segmentKey, ...segmentDefinition } = NewSegmentSchema.properties;
const SegmentConfigSchema = Type.Object({ key: Type.String(), ...segmentDefinition });

export const RulesetSchema = Type.Object(
  {
    version: Type.Integer({ description: 'The environment’s revision; the ETag is it in quotes' }),
    flags: Type.Array(FlagConfigSchema, { description: 'Every flag that is not archived' }),
    segments: Type.Array(SegmentConfigSchema, { description: 'The project’s segments' }),
  },
  { description: 'The environment’s ruleset, as @vexil/engine compiles it' },
);

const REASONS = [
  'STATIC',
  'TARGETING_MATCH',
  'SPLIT',
  'DEFAULT',
  'DISABLED',
  'PREREQUISITE_FAILED',
  'TRAFFIC_EXCLUDED',
];
const ERROR_CODES = ['PARSE_ERROR', 'TYPE_MISMATCH', 'TARGETING_KEY_MISSING', 'GENERAL', 'FLAG_NOT_FOUND'];

export const EvaluationResultSchema = Type.Object({
  value: Type.Optional(Type.Unknown({ description: 'The served value; absent when the caller’s default applies' })),
  variation: Type.Optional(Type.String({ description: 'The served variation’s key' })),
  reason: Type.Unsafe<string>({ type: 'string', enum: [...REASONS, 'ERROR'] }),
  allocation: Type.Optional(Type.String({ description: 'The allocation that decided' })),
  track: Type.Optional(Type.Boolean({ description: 'Send an exposure event when the value is used' })),
  errorCode: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: ERROR_CODES })),
  errorMessage: Type.Optional(Type.String({ description: 'With ERROR, for server keys only' })),
});

/** Typed as the JSON text the route writes (each result rendered once, evaluate.ts); the schema documents that text. */
export const EvaluationsSchema = Type.Unsafe<string>({
  type: 'object',
  required: ['revision', 'flags'],
  properties: {
    revision: Type.Integer({ description: 'The environment’s revision the values come from' }),
    flags: Type.Record(Type.String(), EvaluationResultSchema, {
      description: 'By flag key: every flag the key may see (client keys: client-side-available ones)',
    }),
  },
});

export const EventsAcceptedSchema = Type.Object({
  accepted: Type.Integer({ description: 'Events stored (all of the batch: it is all or nothing)' }),
});

export const EvaluateRequestExample = {
  context: { kind: 'user', key: 'ada', email: 'ada@example.com', plan: 'pro' },
};

/** Server-Sent Events; the events are described in docs/sdk-protocol.md. */
export function eventStream(description: string) {
  return { description, content: { 'text/event-stream': { schema: Type.String({ description }) } } };
}

export const notModified = Type.Unsafe<void>({
  type: 'null',
  description: 'Not modified: If-None-Match names the ETag',
});
