import { Type } from 'typebox';
import type { ImportSummary } from './service.js';

/**
 * Eppo's Universal Flag Configuration (UFC), the parts the import reads. Unlike Vexil's own
 * bodies these objects accept fields they do not name: UFC is Eppo's format, and documents
 * exported from Eppo carry fields (comments, bandit references, logging extras) that do not
 * change assignments.
 */

const Range = Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) });
const Shard = Type.Object({ salt: Type.String(), ranges: Type.Array(Range) });
const Split = Type.Object({ variationKey: Type.String(), shards: Type.Array(Shard) });

const Operator = Type.Union(
  (['ONE_OF', 'NOT_ONE_OF', 'MATCHES', 'NOT_MATCHES', 'IS_NULL', 'GT', 'GTE', 'LT', 'LTE'] as const).map((operator) =>
    Type.Literal(operator),
  ),
);
const Condition = Type.Object({ attribute: Type.String({ minLength: 1 }), operator: Operator, value: Type.Unknown() });

const Allocation = Type.Object({
  key: Type.String({ minLength: 1 }),
  rules: Type.Optional(Type.Array(Type.Object({ conditions: Type.Array(Condition) }))),
  startAt: Type.Optional(Type.String()),
  endAt: Type.Optional(Type.String()),
  splits: Type.Array(Split, { minItems: 1 }),
  doLog: Type.Optional(Type.Boolean()),
});

const VariationType = Type.Union(
  (['BOOLEAN', 'INTEGER', 'NUMERIC', 'STRING', 'JSON'] as const).map((type) => Type.Literal(type)),
);

const Flag = Type.Object({
  key: Type.String(),
  enabled: Type.Boolean(),
  variationType: VariationType,
  variations: Type.Record(Type.String(), Type.Object({ key: Type.String(), value: Type.Unknown() })),
  allocations: Type.Array(Allocation),
  totalShards: Type.Integer({ minimum: 1 }),
});

/** A string flag with a 50/50 experiment for two countries, as Eppo exports it. */
const UFC_EXAMPLE = {
  format: 'SERVER',
  environment: { name: 'Production' },
  flags: {
    'checkout-button-color': {
      key: 'checkout-button-color',
      enabled: true,
      variationType: 'STRING',
      variations: { blue: { key: 'blue', value: '#0055ff' }, green: { key: 'green', value: '#00aa55' } },
      allocations: [
        {
          key: 'north-america-experiment',
          rules: [{ conditions: [{ attribute: 'country', operator: 'ONE_OF', value: ['US', 'CA'] }] }],
          splits: [
            { variationKey: 'blue', shards: [{ salt: 'checkout-button-color', ranges: [{ start: 0, end: 5000 }] }] },
            {
              variationKey: 'green',
              shards: [{ salt: 'checkout-button-color', ranges: [{ start: 5000, end: 10000 }] }],
            },
          ],
          doLog: true,
        },
      ],
      totalShards: 10000,
    },
  },
};

export const UfcSchema = Type.Object(
  {
    createdAt: Type.Optional(Type.String()),
    format: Type.Optional(Type.String({ description: 'SERVER; the obfuscated CLIENT format cannot be imported' })),
    environment: Type.Optional(Type.Object({ name: Type.String() })),
    flags: Type.Record(Type.String(), Flag, { minProperties: 1 }),
  },
  {
    description: 'An Eppo UFC document (flag configuration), as Eppo’s API serves it to server SDKs',
    examples: [UFC_EXAMPLE],
  },
);

export const ImportSummarySchema = Type.Unsafe<ImportSummary>(
  Type.Object({
    created: Type.Array(Type.String(), { description: 'Flag keys, in the document’s order' }),
    updated: Type.Array(Type.String()),
    unchanged: Type.Array(Type.String(), { description: 'Already as imported: nothing written for them' }),
  }),
);
