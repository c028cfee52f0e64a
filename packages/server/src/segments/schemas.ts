import { Type, type Static } from 'typebox';
import { AttributeClauseSchema } from '../flags/schemas.js';
import { Description, Key, Name, Strict } from '../http/schemas.js';
import { ContextSchema } from '../sdk/context.js';
import type { SegmentView } from './service.js';

/**
 * A segment on the wire: the engine's `Segment` without its key, which the URL gives. These
 * schemas check shape and refuse unknown fields; the engine's `validateSegment` then checks the
 * clauses' meaning (operators' values, regex safety) with the same field paths.
 */

const ContextKey = Type.String({ minLength: 1, maxLength: 1024 });

export const SegmentRuleSchema = Strict({
  id: Type.Optional(Key),
  clauses: Type.Array(AttributeClauseSchema, { minItems: 1, description: 'AND of attribute clauses' }),
});

const segmentFields = {
  name: Type.Optional(Name),
  description: Type.Optional(Description),
  // The same context kind a clause names (already optional there).
  contextKind: AttributeClauseSchema.properties.contextKind,
  included: Type.Optional(
    Type.Array(ContextKey, { maxItems: 100_000, description: 'Context keys always in the segment' }),
  ),
  excluded: Type.Optional(
    Type.Array(ContextKey, { maxItems: 100_000, description: 'Context keys never in it (unless included)' }),
  ),
  rules: Type.Optional(
    Type.Array(SegmentRuleSchema, { maxItems: 1000, description: 'OR of rules; a context matching any rule is in' }),
  ),
};

/** Who may try new features first: two people by key, one never, and everyone at the company. */
const BETA_TESTERS = {
  name: 'Beta testers',
  description: 'People who asked to try new features first',
  contextKind: 'user',
  included: ['ada', 'grace'],
  excluded: ['mallory'],
  rules: [{ id: 'staff', clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }] }],
};

export const NewSegmentSchema = Strict(
  { key: Key, ...segmentFields },
  { examples: [{ key: 'beta-testers', ...BETA_TESTERS }] },
);

/** PUT replaces the whole definition; PATCH replaces only the fields it names. */
export const SegmentDefinitionSchema = Strict(segmentFields, { examples: [BETA_TESTERS] });

export type NewSegment = Static<typeof NewSegmentSchema>;
export type SegmentDefinitionInput = Static<typeof SegmentDefinitionSchema>;

// Responses are typed by the service's view; the schema documents and serialises it.
export const SegmentViewSchema = Type.Unsafe<SegmentView>(
  Type.Object({
    key: Type.String(),
    ...segmentFields,
    version: Type.Integer({ description: 'Bumped by every change' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
);

/** Where segments are used: `GET /projects/{project}/segment-usage`. */
export const SegmentUsageSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        segment: Type.String({ description: 'The segment’s key; segments no flag uses are left out' }),
        flags: Type.Array(
          Type.Object({
            key: Type.String(),
            name: Type.String({ description: 'The key when the flag has no name' }),
            archived: Type.Boolean(),
            environments: Type.Array(Type.String(), {
              description: 'Where its allocations name the segment (environments the caller may read)',
            }),
          }),
        ),
      }),
    ),
  },
  {
    examples: [
      {
        items: [
          {
            segment: 'beta-testers',
            flags: [{ key: 'new-checkout', name: 'New checkout', archived: false, environments: ['staging'] }],
          },
        ],
      },
    ],
  },
);

export const SegmentEvaluationRequestSchema = Strict(
  {
    context: ContextSchema,
    draft: Type.Optional(SegmentDefinitionSchema),
  },
  { examples: [{ context: { kind: 'user', key: 'ada', email: 'ada@example.com' } }] },
);

const MembershipSchema = Type.Object({
  contains: Type.Boolean(),
  reason: Type.Union(
    [Type.Literal('included'), Type.Literal('excluded'), Type.Literal('rule'), Type.Literal('no-rule')],
    {
      description: 'included key, excluded key, a rule matched, or no rule matched',
    },
  ),
  rule: Type.Optional(Type.Integer({ description: 'The first rule that matched, from 0' })),
  ruleId: Type.Optional(Type.String()),
});

export const SegmentEvaluationSchema = Type.Object(
  {
    saved: MembershipSchema,
    draft: Type.Optional(MembershipSchema),
  },
  { examples: [{ saved: { contains: true, reason: 'rule', rule: 0, ruleId: 'staff' } }] },
);
