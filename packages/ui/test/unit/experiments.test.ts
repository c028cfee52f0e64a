import { describe, expect, it } from 'vitest';
import {
  detectability,
  detectabilitySentence,
  emptyForm,
  experimentChanges,
  formatInterval,
  formatLift,
  formatPValue,
  forestDomain,
  forestRows,
  forestTicks,
  formOf,
  localErrors,
  type MetricResult,
  metricRows,
  newExperimentBody,
  overTimeRows,
  parseEffect,
  sampleRatioSentence,
  splitsTraffic,
  treatments,
  variationsServed,
  verdictOf,
  withFlag,
} from '../../src/experiments/experiment-model';

const variations = [
  { key: 'off', name: 'Old checkout' },
  { key: 'on', name: 'One-page checkout' },
];

/** The API's own example: 10,000 / 1,000 against 10,000 / 1,100. */
const checkout: MetricResult = {
  metric: 'checkout',
  role: 'primary',
  kind: 'conversion',
  direction: 'higher',
  cuped: { varianceReduction: 0.03799 },
  variations: [
    {
      variation: 'off',
      subjects: 10_000,
      conversions: 1_000,
      mean: 0.1,
      isControl: true,
      comparison: null,
      cuped: { mean: 0.1001, comparison: null },
    },
    {
      variation: 'on',
      subjects: 10_000,
      conversions: 1_100,
      mean: 0.11,
      isControl: false,
      comparison: {
        lift: 0.1,
        interval: { lower: 0.01087, upper: 0.1891 },
        pValue: 0.02788,
        sequential: { interval: { lower: -0.03802, upper: 0.238 }, pValue: 0.3517 },
        chanceToBeatControl: 0.9895,
      },
      cuped: {
        mean: 0.1099,
        comparison: {
          lift: 0.09772,
          interval: { lower: 0.01049, upper: 0.185 },
          pValue: 0.02812,
          sequential: null,
          chanceToBeatControl: 0.9893,
        },
      },
    },
  ],
};

const experiment = {
  key: 'checkout-redesign',
  name: 'One-page checkout',
  hypothesis: null,
  flag: 'new-checkout',
  environment: 'development',
  allocations: ['beta'],
  controlVariation: 'off',
  primaryMetric: 'checkout',
  secondaryMetrics: [],
  guardrailMetrics: ['latency'],
  minimumDetectableEffect: 0.05,
  plannedSubjectsPerVariation: 10_000,
  status: 'draft' as const,
  startedAt: null,
  stoppedAt: null,
  shippedVariation: null,
};

describe('numbers in words', () => {
  it('signs lifts and intervals, and keeps small p-values readable', () => {
    expect(formatLift(0.1)).toBe('+10.0 %');
    expect(formatLift(-0.0234)).toBe('−2.3 %');
    expect(formatLift(0.00001)).toBe('0.0 %');
    expect(formatLift(1.5)).toBe('+150 %');
    expect(formatInterval({ lower: 0.01087, upper: 0.1891 })).toBe('+1.1 % to +18.9 %');
    expect(formatInterval(null)).toBe('—');
    expect(formatPValue(0.02788)).toBe('0.028');
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0.3517)).toBe('0.35');
    expect(formatPValue(0.999)).toBe('1.00');
  });
});

describe('the setup form', () => {
  it('reads the MDE as a percentage and refuses text that is not one', () => {
    expect(parseEffect('5')).toBe(0.05);
    expect(parseEffect('2,5 %')).toBe(0.025);
    expect(parseEffect('+10')).toBe(0.1);
    expect(parseEffect('')).toBeNull();
    expect(parseEffect('five')).toBeNaN();
    expect(localErrors({ ...emptyForm(), minimumDetectableEffect: 'five' }).minimumDetectableEffect).toMatch(
      /percentage/,
    );
    expect(localErrors({ ...emptyForm(), minimumDetectableEffect: '5' })).toEqual({});
  });

  it('sends a create body without the empty optional fields', () => {
    const form = {
      ...emptyForm('development'),
      key: ' checkout ',
      flag: 'new-checkout',
      allocations: ['beta'],
      controlVariation: 'off',
      primaryMetric: 'checkout',
      minimumDetectableEffect: '5',
    };
    expect(newExperimentBody(form)).toEqual({
      key: 'checkout',
      flag: 'new-checkout',
      environment: 'development',
      allocations: ['beta'],
      controlVariation: 'off',
      primaryMetric: 'checkout',
      secondaryMetrics: [],
      guardrailMetrics: [],
      minimumDetectableEffect: 0.05,
    });
  });

  it('round-trips an experiment and sends only what changed, null to clear', () => {
    const form = formOf(experiment);
    expect(form.minimumDetectableEffect).toBe('5');
    expect(experimentChanges(experiment, form)).toEqual({});
    expect(
      experimentChanges(experiment, {
        ...form,
        hypothesis: 'More checkouts',
        minimumDetectableEffect: '',
        guardrailMetrics: [],
      }),
    ).toEqual({ hypothesis: 'More checkouts', minimumDetectableEffect: null, guardrailMetrics: [] });
  });

  it('forgets the allocations and control of another flag', () => {
    const form = { ...formOf(experiment) };
    expect(withFlag(form, 'new-checkout')).toBe(form);
    expect(withFlag(form, 'other')).toMatchObject({ flag: 'other', allocations: [], controlVariation: '' });
  });

  it('offers the variations the chosen allocations serve, and tells splits apart', () => {
    const allocations = [
      {
        id: 'beta',
        serve: {
          split: [
            { variation: 'off', weight: 50 },
            { variation: 'on', weight: 50 },
          ],
        },
      },
      { id: 'staff', serve: { variation: 'on' } },
      {
        id: 'dark',
        serve: {
          split: [
            { variation: 'off', weight: 100 },
            { variation: 'on', weight: 0 },
          ],
        },
      },
    ];
    expect(variationsServed(allocations, ['beta'])).toEqual(['off', 'on']);
    expect(variationsServed(allocations, ['staff'])).toEqual(['on']);
    expect(variationsServed(allocations, [])).toEqual([]);
    expect(allocations.map(splitsTraffic)).toEqual([true, false, false]);
  });
});

describe('the results', () => {
  it('shape a metric table row per variation, judged on the always-valid interval', () => {
    const [control, treatment] = metricRows(checkout, variations);
    expect(control).toMatchObject({
      label: 'Old checkout',
      isControl: true,
      subjects: '10,000',
      value: '10.0 % (1,000)',
      lift: 'control',
      interval: '—',
      verdict: null,
      cuped: { value: '10.0 %', lift: 'control' },
    });
    expect(treatment).toMatchObject({
      label: 'One-page checkout',
      subjects: '10,000',
      value: '11.0 % (1,100)',
      lift: '+10.0 %',
      interval: '+1.1 % to +18.9 %',
      pValue: '0.028',
      sequentialInterval: '−3.8 % to +23.8 %',
      chanceToBeatControl: '99.0 %',
      // Significant at the fixed horizon, but not yet on the interval that allows peeking.
      verdict: 'inconclusive',
      cuped: { value: '11.0 %', lift: '+9.8 %', interval: '+1.0 % to +18.5 %' },
    });
  });

  it('shows a numeric metric by its mean, and judges "lower is better" the other way round', () => {
    const latency: MetricResult = {
      ...checkout,
      kind: 'numeric',
      direction: 'lower',
      cuped: null,
      variations: checkout.variations.map((v) => ({ ...v, mean: v.mean * 1000, cuped: null })),
    };
    const rows = metricRows(latency, variations);
    expect(rows.map((row) => row.value)).toEqual(['100', '110']);
    expect(verdictOf({ lower: 0.01, upper: 0.2 }, 'lower')).toBe('worse');
    expect(verdictOf({ lower: -0.2, upper: -0.01 }, 'lower')).toBe('better');
    expect(verdictOf({ lower: -0.2, upper: -0.01 }, 'higher')).toBe('worse');
  });

  it('plot each treatment on a range that holds every interval and no change', () => {
    const rows = forestRows(checkout, variations);
    expect(rows).toEqual([
      {
        variation: 'on',
        label: 'One-page checkout',
        lift: 0.1,
        interval: { lower: 0.01087, upper: 0.1891 },
        sequential: { lower: -0.03802, upper: 0.238 },
        verdict: 'inconclusive',
      },
    ]);
    const domain = forestDomain(rows);
    expect(domain[0]).toBeLessThanOrEqual(-0.03802);
    expect(domain[1]).toBeGreaterThanOrEqual(0.238);
    expect(domain[1] - domain[0]).toBeLessThan(0.6);
    const ticks = forestTicks(domain);
    expect(ticks).toContain(0);
    expect(ticks[0]).toBeGreaterThanOrEqual(domain[0]);
    expect(ticks.at(-1)).toBeLessThanOrEqual(domain[1]);
    expect(forestDomain([])).toEqual([-0.1, 0.1]);
  });

  it('chart the cumulative lift in percent, skipping days without an estimate', () => {
    const days = [
      {
        date: '2026-11-16',
        variations: [
          { variation: 'off', subjects: 10, lift: null, interval: null, sequentialInterval: null },
          { variation: 'on', subjects: 12, lift: null, interval: null, sequentialInterval: null },
        ],
      },
      {
        date: '2026-11-17',
        variations: [
          { variation: 'off', subjects: 4980, lift: null, interval: null, sequentialInterval: null },
          {
            variation: 'on',
            subjects: 5020,
            lift: 0.1155,
            interval: { lower: -0.013, upper: 0.2441 },
            sequentialInterval: { lower: -0.08636, upper: 0.3174 },
          },
        ],
      },
    ];
    expect(treatments(days, 'off')).toEqual(['on']);
    expect(overTimeRows(days, 'on')).toEqual([
      { date: '2026-11-17', lift: 11.55, range: [-1.3, 24.41], sequentialRange: [-8.636, 31.74], subjects: 5020 },
    ]);
    expect(overTimeRows(days, 'off')).toEqual([]);
  });

  it('explain a sample-ratio mismatch with the counts', () => {
    const sentence = sampleRatioSentence(
      {
        variations: ['off', 'on'],
        weights: [0.5, 0.5],
        observed: [5000, 5400],
        expected: [5200, 5200],
        pValue: 0.00008,
        mismatch: true,
        threshold: 0.001,
      },
      variations,
    );
    expect(sentence).toContain('Old checkout: 5,000 subjects where 5,200 were expected (50.0 % of traffic)');
    expect(sentence).toContain('One-page checkout: 5,400 subjects');
    expect(sentence).toContain('less than 1 in 1,000');
  });
});

describe('days until the planned effect is detectable', () => {
  const base = {
    minimumDetectableEffect: 0.1,
    status: 'running' as const,
    from: '2026-11-20T00:00:00.000Z',
    to: '2026-11-22T00:00:00.000Z',
    subjects: 2_000,
    weights: [0.5, 0.5],
    control: { mean: 0.1, variance: 0.09, subjects: 1_000 },
    direction: 'higher',
  };

  it('counts the days left at the pace so far, with the sequential test’s sample size', () => {
    const estimate = detectability(base);
    expect(estimate.kind).toBe('estimate');
    if (estimate.kind !== 'estimate') return;
    // (c + z_0.8)² · (σ² + 1.1² σ²) / (m² μ²), c ≈ 3.03: about 27,000 per variation, 1.9 × the fixed ~14,000.
    expect(estimate.subjectsPerVariation).toBeGreaterThan(25_000);
    expect(estimate.subjectsPerVariation).toBeLessThan(30_000);
    expect(estimate.dailySubjects).toBe(1_000);
    // 500 a day per variation, 1,000 already in.
    expect(estimate.daysLeft).toBe(Math.ceil((estimate.subjectsPerVariation - 1_000) / 500));
    expect(detectabilitySentence(estimate, 0.1)).toMatch(/^About \d+ more days until \+10\.0 % would be detectable/);
  });

  it('counts a first hour’s subjects as the first day’s pace, not 24 times it', () => {
    const firstHour = detectability({ ...base, to: '2026-11-20T01:00:00.000Z' });
    expect(firstHour).toMatchObject({ kind: 'estimate', dailySubjects: 2_000 });
  });

  it('says what is missing instead of guessing', () => {
    expect(detectability({ ...base, minimumDetectableEffect: null }).kind).toBe('no-effect-planned');
    expect(detectability({ ...base, status: 'draft', from: null }).kind).toBe('not-running');
    expect(detectability({ ...base, control: undefined }).kind).toBe('no-data');
    expect(detectability({ ...base, control: { mean: 0, variance: 0, subjects: 10 } }).kind).toBe('no-data');
    const done = detectability({ ...base, subjects: 200_000 });
    expect(done).toMatchObject({ kind: 'estimate', daysLeft: 0 });
    expect(detectabilitySentence(done, 0.1)).toMatch(/^Enough subjects/);
  });
});
