import { Type, type Static } from 'typebox';
import { Description, Key, Name, Strict } from '../http/schemas.js';
import type { ExperimentResults } from './results.js';
import type { ExperimentView } from './service.js';

/**
 * An experiment on the wire (docs/experiments.md, "Experiments"). The schemas check each field; the
 * service checks the references (flag, environment, allocations, variations, metrics) against the project.
 */

const AllocationId = Type.String({ minLength: 1, maxLength: 128 });
const metricKeys = (description: string) => Type.Array(Key, { maxItems: 20, uniqueItems: true, description });

const experimentFields = {
  name: Type.Optional(Name),
  hypothesis: Type.Optional(Type.Union([Description, Type.Null()])),
  flag: Key,
  environment: Key,
  allocations: Type.Array(AllocationId, {
    minItems: 1,
    maxItems: 20,
    uniqueItems: true,
    description: 'Ids of the allocations of the flag’s state in that environment whose traffic it compares',
  }),
  controlVariation: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'The variation the others are compared with',
  }),
  primaryMetric: Type.String({ minLength: 1, maxLength: 100, description: 'Key of the metric the decision rests on' }),
  secondaryMetrics: Type.Optional(metricKeys('Keys of metrics also reported')),
  guardrailMetrics: Type.Optional(metricKeys('Keys of metrics that must not get worse')),
  minimumDetectableEffect: Type.Optional(
    Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 10 }), Type.Null()], {
      description: 'Planned relative effect to detect (0.05 = +5 %); planning only',
    }),
  ),
  plannedSubjectsPerVariation: Type.Optional(
    Type.Integer({
      minimum: 100,
      maximum: 1_000_000_000,
      description:
        'Subjects per variation where the always-valid interval is tightest (default 10,000); fixed once the experiment runs',
    }),
  ),
};

const CHECKOUT_REDESIGN = {
  key: 'checkout-redesign',
  name: 'One-page checkout',
  hypothesis: 'The one-page checkout lifts completed checkouts by at least 5 % without hurting revenue',
  flag: 'new-checkout',
  environment: 'development',
  allocations: ['beta-rollout'],
  controlVariation: 'off',
  primaryMetric: 'checkout',
  secondaryMetrics: [],
  guardrailMetrics: [],
  minimumDetectableEffect: 0.05,
};

export const NewExperimentSchema = Strict({ key: Key, ...experimentFields }, { examples: [CHECKOUT_REDESIGN] });

/** PATCH (drafts only): the fields it names replace the stored ones; `null` clears an optional one. */
export const ExperimentChangeSchema = Strict(
  {
    ...experimentFields,
    flag: Type.Optional(experimentFields.flag),
    environment: Type.Optional(experimentFields.environment),
    allocations: Type.Optional(experimentFields.allocations),
    controlVariation: Type.Optional(experimentFields.controlVariation),
    primaryMetric: Type.Optional(experimentFields.primaryMetric),
  },
  { examples: [{ hypothesis: 'Completed checkouts rise by 5 % or more', minimumDetectableEffect: 0.05 }] },
);

export const StopExperimentSchema = Strict(
  {
    ship: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'A variation the experiment’s allocations then serve to everyone (one audited flag change)',
      }),
    ),
  },
  { examples: [{ ship: 'on' }, {}] },
);

export type NewExperiment = Static<typeof NewExperimentSchema>;
export type ExperimentChange = Static<typeof ExperimentChangeSchema>;
export type StopExperiment = Static<typeof StopExperimentSchema>;

export const ExperimentViewSchema = Type.Unsafe<ExperimentView>(
  Type.Object({
    key: Type.String(),
    name: Type.String(),
    hypothesis: Type.Union([Type.String(), Type.Null()]),
    flag: Type.String(),
    environment: Type.String(),
    allocations: Type.Array(Type.String()),
    controlVariation: Type.String(),
    primaryMetric: Type.String(),
    secondaryMetrics: Type.Array(Type.String()),
    guardrailMetrics: Type.Array(Type.String()),
    minimumDetectableEffect: Type.Union([Type.Number(), Type.Null()]),
    plannedSubjectsPerVariation: Type.Integer(),
    status: Type.Union([Type.Literal('draft'), Type.Literal('running'), Type.Literal('stopped')]),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    stoppedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    shippedVariation: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer({ description: 'Bumped by every change' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
);

const Interval = Type.Object({ lower: Type.Number(), upper: Type.Number() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const ComparisonSchema = Nullable(
  Type.Object(
    {
      lift: Type.Number({ description: 'Relative lift against control: 0.1 is +10 %' }),
      standardError: Type.Number(),
      interval: Interval,
      pValue: Type.Number(),
      difference: Type.Object({ estimate: Type.Number(), standardError: Type.Number(), interval: Interval }),
      sequential: Nullable(Type.Object({ interval: Interval, pValue: Type.Number() })),
      chanceToBeatControl: Type.Number(),
    },
    { description: 'Against control (null for the control, and when the lift cannot be estimated)' },
  ),
);

const VariationResultSchema = Type.Object({
  variation: Type.String(),
  subjects: Type.Integer(),
  conversions: Type.Optional(Type.Integer()),
  mean: Type.Number(),
  variance: Type.Number(),
  standardError: Type.Number(),
  isControl: Type.Boolean(),
  comparison: ComparisonSchema,
  cuped: Nullable(
    Type.Object({
      subjects: Type.Integer(),
      mean: Type.Number(),
      variance: Type.Number(),
      standardError: Type.Number(),
      comparison: ComparisonSchema,
    }),
  ),
  summary: Type.Object(
    {
      subjects: Type.Integer(),
      conversions: Type.Optional(Type.Integer({ description: 'Conversion metrics' })),
      sum: Type.Optional(Type.Number({ description: 'Numeric metrics: ΣY' })),
      sumSquares: Type.Optional(Type.Number({ description: 'Numeric metrics: ΣY²' })),
      pre: Type.Optional(
        Type.Object(
          { sum: Type.Number(), sumSquares: Type.Number(), crossSum: Type.Number() },
          { description: 'ΣX, ΣX², ΣXY over the pre-exposure period, when the metric has one (CUPED)' },
        ),
      ),
    },
    { description: 'The sums the figures come from: the input of @vexil/stats analyzeMetric' },
  ),
});

/** GET …/results: ten days of a checkout test at 10 % vs 11 % conversion (the figures are @vexil/stats' own). */
const RESULTS_EXAMPLE = {
  experiment: 'checkout-redesign',
  status: 'running',
  flag: 'new-checkout',
  environment: 'production',
  controlVariation: 'off',
  from: '2026-11-13T09:00:00.000Z',
  to: '2026-11-23T09:00:00.000Z',
  exposures: {
    subjects: 20000,
    excludedMultipleVariations: 37,
    variations: [
      { variation: 'off', subjects: 10000 },
      { variation: 'on', subjects: 10000 },
    ],
  },
  sampleRatio: {
    variations: ['off', 'on'],
    weights: [0.5, 0.5],
    observed: [10000, 10000],
    expected: [10000, 10000],
    chiSquare: 0,
    pValue: 1,
    mismatch: false,
    threshold: 0.001,
  },
  metrics: [
    {
      metric: 'checkout',
      role: 'primary',
      kind: 'conversion',
      direction: 'higher',
      cap: null,
      cuped: { theta: 0.2171, correlation: 0.1949, varianceReduction: 0.03799, covariateMean: 0.0825 },
      variations: [
        {
          variation: 'off',
          subjects: 10000,
          conversions: 1000,
          mean: 0.1,
          variance: 0.09,
          standardError: 0.003,
          isControl: true,
          comparison: null,
          cuped: { subjects: 10000, mean: 0.1001, variance: 0.08669, standardError: 0.002944, comparison: null },
          summary: { subjects: 10000, conversions: 1000, pre: { sum: 820, sumSquares: 820, crossSum: 240 } },
        },
        {
          variation: 'on',
          subjects: 10000,
          conversions: 1100,
          mean: 0.11,
          variance: 0.0979,
          standardError: 0.003129,
          isControl: false,
          comparison: {
            lift: 0.1,
            standardError: 0.04548,
            interval: { lower: 0.01087, upper: 0.1891 },
            pValue: 0.02788,
            difference: { estimate: 0.01, standardError: 0.004335, interval: { lower: 0.001504, upper: 0.0185 } },
            sequential: { interval: { lower: -0.03802, upper: 0.238 }, pValue: 0.3517 },
            chanceToBeatControl: 0.9895,
          },
          cuped: {
            subjects: 10000,
            mean: 0.1099,
            variance: 0.09408,
            standardError: 0.003067,
            comparison: {
              lift: 0.09772,
              standardError: 0.04451,
              interval: { lower: 0.01049, upper: 0.185 },
              pValue: 0.02812,
              difference: { estimate: 0.009783, standardError: 0.004252, interval: { lower: 0.00145, upper: 0.01812 } },
              sequential: { interval: { lower: -0.03737, upper: 0.2328 }, pValue: 0.354 },
              chanceToBeatControl: 0.9893,
            },
          },
          summary: { subjects: 10000, conversions: 1100, pre: { sum: 830, sumSquares: 830, crossSum: 262 } },
        },
      ],
    },
  ],
  overTime: [
    {
      date: '2026-11-17',
      variations: [
        { variation: 'off', subjects: 4980, mean: 0.09839, lift: null, interval: null, sequentialInterval: null },
        {
          variation: 'on',
          subjects: 5020,
          mean: 0.1098,
          lift: 0.1155,
          interval: { lower: -0.013, upper: 0.2441 },
          sequentialInterval: { lower: -0.08636, upper: 0.3174 },
        },
      ],
    },
    {
      date: '2026-11-22',
      variations: [
        { variation: 'off', subjects: 10000, mean: 0.1, lift: null, interval: null, sequentialInterval: null },
        {
          variation: 'on',
          subjects: 10000,
          mean: 0.11,
          lift: 0.1,
          interval: { lower: 0.01087, upper: 0.1891 },
          sequentialInterval: { lower: -0.03802, upper: 0.238 },
        },
      ],
    },
  ],
  diagnosis: [],
};

export const ExperimentResultsSchema = Type.Unsafe<ExperimentResults>(
  Type.Object(
    {
      experiment: Type.String(),
      status: Type.String(),
      flag: Type.String(),
      environment: Type.String(),
      controlVariation: Type.String(),
      from: Nullable(Type.String({ format: 'date-time' })),
      to: Type.String({ format: 'date-time' }),
      exposures: Type.Object({
        subjects: Type.Integer({ description: 'Subjects counted: exposed to exactly one variation' }),
        excludedMultipleVariations: Type.Integer({
          description: 'Subjects exposed to more than one variation, left out',
        }),
        variations: Type.Array(Type.Object({ variation: Type.String(), subjects: Type.Integer() })),
      }),
      sampleRatio: Nullable(
        Type.Object({
          variations: Type.Array(Type.String()),
          weights: Type.Array(Type.Number()),
          observed: Type.Array(Type.Integer()),
          expected: Type.Array(Type.Number()),
          chiSquare: Type.Number(),
          pValue: Type.Number(),
          mismatch: Type.Boolean({ description: 'p < threshold (0.001): the assignment is not what was configured' }),
          threshold: Type.Number(),
        }),
      ),
      metrics: Type.Array(
        Type.Object({
          metric: Type.String(),
          role: Type.Union([Type.Literal('primary'), Type.Literal('secondary'), Type.Literal('guardrail')]),
          kind: Type.String(),
          direction: Type.String(),
          cap: Nullable(Type.Number()),
          cuped: Nullable(
            Type.Object({
              theta: Type.Number(),
              correlation: Type.Number(),
              varianceReduction: Type.Number(),
              covariateMean: Type.Number(),
            }),
          ),
          variations: Type.Array(VariationResultSchema),
        }),
      ),
      overTime: Type.Array(
        Type.Object({
          date: Type.String({ description: 'The day (UTC): subjects first exposed up to its end' }),
          variations: Type.Array(
            Type.Object({
              variation: Type.String(),
              subjects: Type.Integer(),
              mean: Type.Number(),
              lift: Nullable(Type.Number()),
              interval: Nullable(Interval),
              sequentialInterval: Nullable(Interval),
            }),
          ),
        }),
        { description: 'The primary metric, cumulative day by day' },
      ),
      diagnosis: Type.Array(
        Type.Object({ code: Type.String(), message: Type.String(), metric: Type.Optional(Type.String()) }),
        { description: 'Why there is no (or not enough) data; empty when nothing is wrong' },
      ),
    },
    { examples: [RESULTS_EXAMPLE] },
  ),
);
