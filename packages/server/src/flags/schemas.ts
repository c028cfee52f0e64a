import { Type, type Static } from 'typebox';
import { OPERATORS, type Operator } from '@vexil/engine';
import { MAX_BULK_ARCHIVE, type FlagStateView, type FlagView } from './service.js';
import type { FlagHistoryEntry, FlagHistoryPage } from './history.js';
import type { FlagDependent } from './dependents.js';
import { DEFAULT_INSIGHT_RANGE, type FlagInsights, INSIGHT_RANGES } from './insights.js';
import type { EnvironmentEvaluation } from './evaluate.js';
import { DEFAULT_FLAG_PAGE, FLAG_STATUSES, MAX_FLAG_PAGE, type FlagPage } from './list.js';
import { ContextSchema } from '../sdk/context.js';
import { auditEntryId } from '../audit/schemas.js';
import { DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE } from '../audit/service.js';
import { Description, Key, Name, Strict } from '../http/schemas.js';
import {
  BULK_ARCHIVE_EXAMPLE,
  FLAG_EVALUATION_EXAMPLE,
  FLAG_INSIGHTS_EXAMPLE,
  FLAG_STATE_EXAMPLE,
  FLAG_STATE_PATCH_EXAMPLE,
  FLAG_UPDATE_EXAMPLE,
  NEW_FLAG_EXAMPLE,
} from './examples.js';

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
export const FlagStateSchema = Strict(stateFields, { examples: [FLAG_STATE_EXAMPLE] });
/** Changes to a flag's state: the fields given replace the current ones. */
export const FlagStatePatchSchema = Type.Partial(FlagStateSchema, {
  additionalProperties: false,
  examples: [FLAG_STATE_PATCH_EXAMPLE],
});

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

export const NewFlagSchema = Strict(
  {
    key: Key,
    ...definitionFields,
    type: Type.Optional(definitionFields.type),
    variations: Type.Optional(definitionFields.variations),
    environments: Type.Optional(
      Type.Record(Type.String(), FlagStatePatchSchema, {
        description: 'Initial state per environment key, applied to the default (off) state as a PATCH would be',
      }),
    ),
  },
  { examples: [NEW_FLAG_EXAMPLE] },
);

export const FlagUpdateSchema = Strict(
  {
    name: Type.Optional(Name),
    description: definitionFields.description,
    tags: definitionFields.tags,
    variations: Type.Optional(definitionFields.variations),
    temporary: definitionFields.temporary,
    clientSideAvailable: definitionFields.clientSideAvailable,
  },
  { examples: [FLAG_UPDATE_EXAMPLE] },
);

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

// The paged list of flags (list.ts).

const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const;
const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });

export const FlagListQuerySchema = Strict({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Text in the key, name, description or a tag; any case, taken literally',
    }),
  ),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only flags with this tag' })),
  type: Type.Optional(oneOf(FLAG_TYPES, 'Only flags of this type')),
  lifetime: Type.Optional(oneOf(['temporary', 'permanent'] as const, 'Release toggles (temporary) or permanent flags')),
  archived: Type.Optional(
    Type.Boolean({ description: 'Archived flags instead of live ones (default false; true for status=archived)' }),
  ),
  status: Type.Optional(
    oneOf(
      FLAG_STATUSES,
      'active: evaluated in the last 7 days; new: created in the last 7 days and not evaluated since; inactive: neither; archived',
    ),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_FLAG_PAGE, description: `Flags per page (default ${DEFAULT_FLAG_PAGE})` }),
  ),
  cursor: Type.Optional(
    Type.String({ maxLength: 1000, description: 'The `nextCursor` of the previous page (with the same filters)' }),
  ),
});

const FlagSummarySchema = Type.Object({
  key: Type.String(),
  name: Type.String({ description: 'The key when the flag has no name' }),
  description: Type.String(),
  type: Type.String(),
  tags: Type.Array(Type.String()),
  temporary: Type.Boolean(),
  clientSideAvailable: Type.Boolean(),
  archived: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  status: Type.String({ description: 'new, active, inactive or archived' }),
  lastEvaluatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'The start of the last hour SDKs reported evaluating it (in environments the caller may read)',
  }),
  lastChange: Type.Union(
    [Type.Object({ actor: Type.String(), at: Type.String({ format: 'date-time' }) }), Type.Null()],
    { description: 'The latest change to its definition or to a state the caller may read: who and when' },
  ),
  environments: Type.Record(
    Type.String(),
    Type.Object({
      on: Type.Boolean(),
      version: Type.Integer(),
      lastEvaluatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'The start of the last hour SDKs reported evaluating it in this environment',
      }),
    }),
    { description: 'Per environment the caller may read: on or off, the state version, the last evaluation' },
  ),
});

export const FlagPageSchema = Type.Unsafe<FlagPage>(
  Type.Object({
    items: Type.Array(FlagSummarySchema, { description: 'Sorted by key' }),
    total: Type.Integer({ description: 'Flags matching the filters, on every page' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; null on the last page',
    }),
  }),
);

export const BulkArchiveSchema = Strict(
  {
    keys: Type.Array(Key, {
      minItems: 1,
      maxItems: MAX_BULK_ARCHIVE,
      uniqueItems: true,
      description: 'The flags to archive',
    }),
  },
  { examples: [BULK_ARCHIVE_EXAMPLE] },
);

export const BulkArchiveResultSchema = Type.Object({
  archived: Type.Array(Type.String(), { description: 'The keys archived, in the order given' }),
});

// Evaluating a flag, as saved or as drafted (evaluate.ts).

export const FlagEvaluationRequestSchema = Strict(
  {
    context: ContextSchema,
    draft: Type.Optional(
      Strict(
        {
          definition: Type.Optional(FlagUpdateSchema),
          environments: Type.Optional(
            Type.Record(Type.String(), FlagStateSchema, {
              description: 'Whole states per environment key, as PUT takes',
            }),
          ),
        },
        { description: 'Unsaved edits: evaluated beside the saved flag, never stored' },
      ),
    ),
  },
  { examples: [FLAG_EVALUATION_EXAMPLE] },
);

const EvaluationSchema = Type.Object({
  value: Type.Unknown({ description: 'The served value; null when no variation is served (the caller’s default)' }),
  variation: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String({
    description: 'DISABLED, TARGETING_MATCH, SPLIT, DEFAULT, STATIC, ERROR, PREREQUISITE_FAILED or TRAFFIC_EXCLUDED',
  }),
  errorCode: Type.Optional(Type.String()),
  errorMessage: Type.Optional(Type.String()),
  allocation: Type.Optional(Type.String({ description: 'The allocation that decided' })),
  trace: Type.Array(Type.Unknown(), {
    description: 'The engine’s steps: switch, prerequisites, targets, each allocation with its clauses, fallthrough',
  }),
});

export const FlagEvaluationSchema = Type.Unsafe<{ environments: EnvironmentEvaluation[] }>(
  Type.Object({
    environments: Type.Array(
      Type.Object({
        key: Type.String(),
        name: Type.String(),
        critical: Type.Boolean(),
        saved: EvaluationSchema,
        draft: Type.Optional(EvaluationSchema),
      }),
      { description: 'Every environment the caller may read, in the project’s order' },
    ),
  }),
);

export const FlagDependentsSchema = Type.Unsafe<{ items: FlagDependent[] }>(
  Type.Object({
    items: Type.Array(
      Type.Object({
        key: Type.String(),
        name: Type.String(),
        environments: Type.Array(Type.String(), { description: 'Where it requires the flag' }),
      }),
      { description: 'Live flags requiring the flag as a prerequisite, by key' },
    ),
  }),
);

export const FlagInsightsQuerySchema = Strict({
  range: Type.Optional(
    oneOf(
      INSIGHT_RANGES,
      `The last 24 hours or 7 days (hourly buckets), or 30 days (daily buckets, UTC); default ${DEFAULT_INSIGHT_RANGE}`,
    ),
  ),
  until: Type.Optional(
    Type.String({
      description: 'An ISO 8601 date-time: the range ends with the hour (or day) holding it; default now',
    }),
  ),
});

export const FlagInsightsSchema = Type.Unsafe<FlagInsights>(
  Type.Object(
    {
      environment: Type.String(),
      range: oneOf(INSIGHT_RANGES, 'The range asked for'),
      granularity: Type.Union([Type.Literal('hour'), Type.Literal('day')], { description: 'What one bucket spans' }),
      from: Type.String({ format: 'date-time', description: 'The start of the first bucket' }),
      to: Type.String({ format: 'date-time', description: 'The end of the last bucket (exclusive)' }),
      total: Type.Integer({ description: 'Evaluations in the range' }),
      variations: Type.Array(Type.Object({ key: Type.String(), total: Type.Integer() }), {
        description:
          'The flag’s variations in order, then variations it no longer has that were counted, then "" (the caller’s default, served when the flag was missing or failed) if counted',
      }),
      buckets: Type.Array(
        Type.Object({
          start: Type.String({ format: 'date-time' }),
          counts: Type.Record(Type.String(), Type.Integer(), { description: 'Evaluations per variation key' }),
        }),
        { description: 'Buckets holding evaluations, oldest first; the others (zero) are left out' },
      ),
    },
    { examples: [FLAG_INSIGHTS_EXAMPLE] },
  ),
);
