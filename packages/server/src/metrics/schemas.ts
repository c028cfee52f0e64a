import { Type, type Static } from 'typebox';
import { Description, Key, Name, Strict } from '../http/schemas.js';
import type { MetricView } from './service.js';

/**
 * A metric on the wire (docs/experiments.md, "Metrics"). The schemas check each field; the service
 * checks how they go together (an aggregation only for numeric metrics, and so on).
 */

const Aggregation = Type.Union([Type.Literal('sum'), Type.Literal('mean'), Type.Literal('count')], {
  description: 'Numeric metrics only (required there): how one subject’s event values add up',
});

const metricFields = {
  name: Type.Optional(Name),
  description: Type.Optional(Description),
  eventKey: Type.String({
    pattern: '^[A-Za-z0-9._:-]{1,128}$',
    description: 'The custom event it reads: the key SDKs send with `track(eventKey, value?)`',
  }),
  kind: Type.Union([Type.Literal('conversion'), Type.Literal('numeric')], {
    description:
      '`conversion`: did the subject send the event after its first exposure; `numeric`: the event values per subject',
  }),
  aggregation: Type.Optional(Aggregation),
  direction: Type.Optional(
    Type.Union([Type.Literal('higher'), Type.Literal('lower')], {
      description: 'Which way is better; default `higher`',
    }),
  ),
  windowHours: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1, maximum: 8760 }), Type.Null()], {
      description: 'Only events within this many hours after the subject’s first exposure count; null: any time after',
    }),
  ),
  capPercentile: Type.Optional(
    Type.Union([Type.Number({ exclusiveMinimum: 50, exclusiveMaximum: 100 }), Type.Null()], {
      description: 'Numeric metrics only: per-subject values above this percentile are capped to it (e.g. 99)',
    }),
  ),
};

const CHECKOUT = {
  name: 'Checkout completed',
  description: 'A subject completed a purchase within a week of first seeing the variation',
  eventKey: 'checkout-completed',
  kind: 'conversion',
  windowHours: 168,
};

const REVENUE = {
  name: 'Revenue per user',
  eventKey: 'checkout-completed',
  kind: 'numeric',
  aggregation: 'sum',
  direction: 'higher',
  capPercentile: 99,
};

export const NewMetricSchema = Strict(
  { key: Key, ...metricFields },
  {
    examples: [
      { key: 'checkout', ...CHECKOUT },
      { key: 'revenue', ...REVENUE },
    ],
  },
);

/** PATCH: the fields it names replace the stored ones; `null` clears an optional setting. */
export const MetricChangeSchema = Strict(
  {
    ...metricFields,
    eventKey: Type.Optional(metricFields.eventKey),
    kind: Type.Optional(metricFields.kind),
    aggregation: Type.Optional(Type.Union([Aggregation, Type.Null()])),
    description: Type.Optional(Type.Union([Description, Type.Null()])),
  },
  { examples: [{ windowHours: 72 }, { kind: 'numeric', aggregation: 'count' }] },
);

export type NewMetric = Static<typeof NewMetricSchema>;
export type MetricChange = Static<typeof MetricChangeSchema>;

export const MetricViewSchema = Type.Unsafe<MetricView>(
  Type.Object({
    key: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    eventKey: Type.String(),
    kind: metricFields.kind,
    aggregation: Type.Union([Type.String(), Type.Null()]),
    direction: Type.String(),
    windowHours: Type.Union([Type.Integer(), Type.Null()]),
    capPercentile: Type.Union([Type.Number(), Type.Null()]),
    version: Type.Integer({ description: 'Bumped by every change' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
);
