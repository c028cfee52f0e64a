import { describe, expect, it } from 'vitest';
import {
  describeMetric,
  EMPTY_FORM,
  fieldsOf,
  formOf,
  localErrors,
  matchesSearch,
  metricChanges,
  metricFieldMessage,
  newMetricBody,
  ordinal,
  parseNumber,
  windowText,
} from '../../src/metrics/metric-model';

const revenue = {
  key: 'revenue',
  name: 'Revenue per user',
  description: null,
  eventKey: 'checkout-completed',
  kind: 'numeric' as const,
  aggregation: 'sum',
  direction: 'higher',
  windowHours: null,
  capPercentile: 99,
};

describe('the metric form', () => {
  it('has an aggregation and a cap for numeric metrics only', () => {
    expect(fieldsOf('numeric')).toEqual({ aggregation: true, capPercentile: true });
    expect(fieldsOf('conversion')).toEqual({ aggregation: false, capPercentile: false });
  });

  it('builds a new metric with the fields of its kind, leaving empty ones to the server', () => {
    expect(
      newMetricBody({ ...EMPTY_FORM, key: ' checkout ', eventKey: 'checkout-completed', windowHours: '168' }),
    ).toEqual({
      key: 'checkout',
      eventKey: 'checkout-completed',
      kind: 'conversion',
      direction: 'higher',
      windowHours: 168,
    });
    // A conversion drops what the form still holds from when it was numeric.
    expect(
      newMetricBody({ ...EMPTY_FORM, key: 'c', eventKey: 'e', aggregation: 'sum', capPercentile: '99' }),
    ).not.toHaveProperty('aggregation');
    expect(
      newMetricBody({
        ...EMPTY_FORM,
        key: 'revenue',
        name: 'Revenue',
        eventKey: 'checkout-completed',
        kind: 'numeric',
        aggregation: 'sum',
        capPercentile: '99.5',
        direction: 'lower',
      }),
    ).toEqual({
      key: 'revenue',
      name: 'Revenue',
      eventKey: 'checkout-completed',
      kind: 'numeric',
      aggregation: 'sum',
      direction: 'lower',
      capPercentile: 99.5,
    });
  });

  it('leaves a numeric metric without an aggregation for the server to refuse at the field', () => {
    expect(newMetricBody({ ...EMPTY_FORM, key: 'r', eventKey: 'e', kind: 'numeric' })).not.toHaveProperty(
      'aggregation',
    );
  });

  it('round-trips a metric through the form, changing nothing', () => {
    expect(formOf(revenue)).toMatchObject({ aggregation: 'sum', capPercentile: '99', windowHours: '' });
    expect(metricChanges(revenue, formOf(revenue))).toEqual({});
  });

  it('sends only the changed fields, null clearing an optional one', () => {
    expect(metricChanges(revenue, { ...formOf(revenue), windowHours: '72' })).toEqual({ windowHours: 72 });
    expect(metricChanges({ ...revenue, windowHours: 72 }, { ...formOf(revenue), windowHours: '' })).toEqual({
      windowHours: null,
    });
    expect(metricChanges(revenue, { ...formOf(revenue), description: 'Spend' })).toEqual({ description: 'Spend' });
  });

  it('clears the aggregation and cap when a numeric metric becomes a conversion', () => {
    expect(metricChanges(revenue, { ...formOf(revenue), kind: 'conversion' })).toEqual({
      kind: 'conversion',
      aggregation: null,
      capPercentile: null,
    });
  });

  it('reads numbers, and says at the field when one is not', () => {
    expect(parseNumber(' ')).toBeNull();
    expect(parseNumber('168')).toBe(168);
    expect(parseNumber('99,5')).toBe(99.5);
    expect(parseNumber('a week')).toBeNaN();
    expect(localErrors({ ...EMPTY_FORM, windowHours: 'a week' })).toEqual({
      windowHours: 'Enter a whole number of hours, or nothing',
    });
    // A conversion has no cap field to be wrong.
    expect(localErrors({ ...EMPTY_FORM, capPercentile: 'x' })).toEqual({});
    expect(localErrors({ ...EMPTY_FORM, kind: 'numeric', capPercentile: 'x' })).toHaveProperty('capPercentile');
  });

  it('words the server’s schema messages for the window, the cap and the keys', () => {
    expect(metricFieldMessage('windowHours', 'must be <= 8760')).toMatch(/1 to 8,760/);
    expect(metricFieldMessage('capPercentile', 'must be < 100')).toMatch(/above 50 and below 100/);
    expect(metricFieldMessage('capPercentile', 'applies to numeric metrics only')).toBe(
      'applies to numeric metrics only',
    );
    expect(metricFieldMessage('eventKey', 'must match pattern "^[A-Za-z0-9._:-]{1,128}$"')).toMatch(/“:”/);
    expect(metricFieldMessage('aggregation', 'is required for a numeric metric: sum, mean or count')).toBe(
      'is required for a numeric metric: sum, mean or count',
    );
  });
});

describe('a metric in words', () => {
  it('says what a conversion and a numeric metric measure, over which window, and which way is better', () => {
    expect(
      describeMetric({ ...revenue, kind: 'conversion', aggregation: null, capPercentile: null, windowHours: 168 }),
    ).toBe(
      'Share of subjects who send checkout-completed within 168 hours (7 days) of first exposure; higher is better.',
    );
    expect(describeMetric(revenue)).toBe(
      'Sum of checkout-completed values per subject any time after first exposure, capped at the 99th percentile; higher is better.',
    );
    expect(
      describeMetric({ ...revenue, aggregation: 'count', capPercentile: null, direction: 'lower', windowHours: 5 }),
    ).toBe('Number of checkout-completed events per subject within 5 hours of first exposure; lower is better.');
  });

  it('reads well before a numeric metric’s aggregation is chosen', () => {
    expect(describeMetric({ ...revenue, aggregation: null, capPercentile: null })).toBe(
      'The checkout-completed values per subject any time after first exposure; higher is better.',
    );
  });

  it('writes windows and percentiles as people say them', () => {
    expect(windowText(1)).toBe('within 1 hour of first exposure');
    expect(windowText(24)).toBe('within 24 hours (1 day) of first exposure');
    expect(['51', '52', '53', '11', '99', '99.5'].map((value) => ordinal(Number(value)))).toEqual([
      '51st',
      '52nd',
      '53rd',
      '11th',
      '99th',
      '99.5th',
    ]);
  });

  it('is found by key, name, event or description', () => {
    expect(matchesSearch(revenue, 'CHECKOUT')).toBe(true);
    expect(matchesSearch(revenue, 'per user')).toBe(true);
    expect(matchesSearch(revenue, 'latency')).toBe(false);
    expect(matchesSearch(revenue, ' ')).toBe(true);
  });
});
