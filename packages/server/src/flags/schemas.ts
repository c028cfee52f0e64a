import { Type, type Static } from 'typebox';
import { OPERATORS, type Operator } from '@vexil/engine';
import type { FlagStateView, FlagView } from './service.js';
import type { FlagHistoryEntry, FlagHistoryPage } from './history.js';
import { auditEntryId } from '../audit/schemas.js';
import { DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from '../audit/service.js';
import { Description, Key, Name, Strict } from '../http/schemas.js';

/**
 * The flag model on the wire (PRODUCT.md §1). These schemas check shape and refuse unknown fields;
 * the engine's validator then checks meaning (variations referenced, operators' values, regex
 * safety, prerequisite cycles) with the same field paths.
 */

const ContextKind = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' });
const Instant = Type.Union([Type.String(), Type.Number()], { description: 'ISO 8601 or epoch milliseconds' });
const Percent = Type.Number({ minimum: 0, maximum: 100 });

export const VariationSchema = Strict({
  key: Key,
  value: Type.Unknown({ description: 'A value of the flag type' }),
  name: Type.Optional(Name),
});

const AttributeRef = Strict({
  contextKind: Type.Optional(ContextKind),
  attribute: Type.Optional(Type.String({ minLength: 1 })),
});

export const AttributeClauseSchema = Strict({
  contextKind: Type.Optional(ContextKind),
  attribute: Type.String({ minLength: 1 }),
  operator: Type.Unsafe<Operator>({ type: 'string', enum: [...OPERATORS] }),
  values: Type.Array(Type.Unknown()),
  negate: Type.Optional(Type.Boolean()),
});
const SegmentClause = Strict({ segment: Key, negate: Type.Optional(Type.Boolean()) });
const Clause = Type.Union([AttributeClauseSchema, SegmentClause]);

const Split = Type.Array(Strict({ variation: Key, weight: Percent }), { minItems: 1 });
const Shards = Strict({
  shards: Type.Array(
    Strict({
      variation: Key,
      shards: Type.Array(
        Strict({ salt: Type.String(), ranges: Type.Array(Strict({ start: Type.Integer(), end: Type.Integer() })) }),
      ),
    }),
  ),
  totalShards: Type.Integer({ minimum: 1 }),
});
export const ServeSchema = Type.Union([Strict({ variation: Key }), Strict({ split: Split }), Shards], {
  description: 'One variation, a weighted split, or imported Eppo shards',
});

const Allocation = Strict({
  id: Key,
  name: Type.Optional(Name),
  enabled: Type.Optional(Type.Boolean()),
  conditions: Type.Optional(Type.Array(Clause)),
  startAt: Type.Optional(Instant),
  endAt: Type.Optional(Instant),
  exposure: Type.Optional(Percent),
  serve: ServeSchema,
  track: Type.Optional(Type.Boolean()),
  salt: Type.Optional(Type.String({ minLength: 1 })),
  bucketBy: Type.Optional(AttributeRef),
});

const stateFields = {
  on: Type.Boolean({ description: 'The kill switch: off serves offVariation and nothing else' }),
  offVariation: Type.Optional(Key),
  prerequisites: Type.Optional(Type.Array(Strict({ flag: Key, variations: Type.Array(Key, { minItems: 1 }) }))),
  targets: Type.Optional(
    Type.Array(Strict({ contextKind: Type.Optional(ContextKind), variation: Key, values: Type.Array(Type.String()) })),
  ),
  allocations: Type.Optional(Type.Array(Allocation)),
  fallthrough: Type.Optional(ServeSchema),
  bucketBy: Type.Optional(AttributeRef),
  salt: Type.Optional(Type.String({ minLength: 1 })),
};

/** A flag's state in one environment, replaced whole by PUT. */
export const FlagStateSchema = Strict(stateFields);
/** Changes to a flag's state: the fields given replace the current ones. */
export const FlagStatePatchSchema = Type.Partial(FlagStateSchema, { additionalProperties: false });

const definitionFields = {
  name: Type.Optional(Name),
  description: Type.Optional(Description),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
  type: Type.Union([Type.Literal('boolean'), Type.Literal('string'), Type.Literal('number'), Type.Literal('json')]),
  integer: Type.Optional(Type.Boolean({ description: 'number flags only: every value is a whole number' })),
  variations: Type.Array(VariationSchema, { minItems: 2 }),
  temporary: Type.Optional(Type.Boolean({ description: 'A release toggle, expected to be removed' })),
  clientSideAvailable: Type.Optional(Type.Boolean({ description: 'Client SDK keys may evaluate it' })),
};

export const NewFlagSchema = Strict({
  key: Key,
  ...definitionFields,
  type: Type.Optional(definitionFields.type),
  variations: Type.Optional(definitionFields.variations),
  environments: Type.Optional(
    Type.Record(Type.String(), FlagStatePatchSchema, { description: 'Initial state per environment key' }),
  ),
});

export const FlagUpdateSchema = Strict({
  name: Type.Optional(Name),
  description: definitionFields.description,
  tags: definitionFields.tags,
  variations: Type.Optional(definitionFields.variations),
  temporary: definitionFields.temporary,
  clientSideAvailable: definitionFields.clientSideAvailable,
});

export type NewFlag = Static<typeof NewFlagSchema>;
export type FlagUpdate = Static<typeof FlagUpdateSchema>;
export type FlagStatePatch = Static<typeof FlagStatePatchSchema>;

// Responses are typed by the service's views (engine types); the schemas document and serialise them.
export const FlagStateViewSchema = Type.Unsafe<FlagStateView>(
  Type.Object({ ...stateFields, version: Type.Integer(), updatedAt: Type.String({ format: 'date-time' }) }),
);

export const FlagViewSchema = Type.Unsafe<FlagView>(
  Type.Object({
    key: Type.String(),
    ...definitionFields,
    archived: Type.Boolean(),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    environments: Type.Record(Type.String(), FlagStateViewSchema, { description: 'State per environment key' }),
  }),
);

// A flag's history (history.ts): its audit entries with a diff each, and reverts.

export const HistoryEntryId = auditEntryId('A history entry’s id');

export const FlagHistoryQuerySchema = Strict({
  /** Only the definition's changes and this environment's (also one since deleted). */
  environment: Type.Optional(Key),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_AUDIT_PAGE,
      description: `Entries per page (default ${DEFAULT_AUDIT_PAGE})`,
    }),
  ),
  before: Type.Optional(auditEntryId('The `next` of the previous page')),
});

const ChangeSchema = Type.Object({
  op: Type.Union([Type.Literal('add'), Type.Literal('remove'), Type.Literal('replace')]),
  path: Type.String({ description: 'JSON Pointer into the flag or state: /allocations/0/exposure' }),
  from: Type.Optional(Type.Unknown({ description: 'The value before (remove, replace)' })),
  value: Type.Optional(Type.Unknown({ description: 'The value after (add, replace)' })),
});

export const FlagHistoryEntrySchema = Type.Unsafe<FlagHistoryEntry>(
  Type.Object({
    id: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    actor: Type.Object({
      type: Type.String({ description: 'api-token, admin-token or member' }),
      id: Type.String(),
      name: Type.String(),
    }),
    action: Type.String({
      description:
        'flag.created, flag.updated, flag.archived, flag.restored, flag.state.updated, flag.reverted, flag.state.reverted',
    }),
    environment: Type.Union([Type.String(), Type.Null()], {
      description: 'The environment whose state changed; null for the definition',
    }),
    before: Type.Unknown({ description: 'The flag (or state) before the change; null when created' }),
    after: Type.Unknown({ description: 'The flag (or state) after the change' }),
    diff: Type.Array(ChangeSchema, { description: 'From before to after, bookkeeping (versions, times) left out' }),
    reverts: Type.Union([Type.Integer(), Type.Null()], { description: 'For a revert: the id of the entry it undid' }),
  }),
);

export const FlagHistoryPageSchema = Type.Unsafe<FlagHistoryPage>(
  Type.Object({
    entries: Type.Array(FlagHistoryEntrySchema, { description: 'Newest first' }),
    next: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Pass as `before` for the next page; null on the last page',
    }),
  }),
);
