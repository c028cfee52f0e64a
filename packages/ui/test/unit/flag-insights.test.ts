import { describe, expect, it } from 'vitest';
import type { FlagInsights } from '../../src/api/flag-insights';
import {
  bucketLabel,
  bucketStarts,
  formatCount,
  formatShare,
  insightChart,
  parseInsightRange,
  variationLabel,
} from '../../src/flags/insights/insights-data';
import { lastEvaluatedLines } from '../../src/flags/list/last-evaluated';
import { parseFlagTab } from '../../src/flags/page/flag-tabs';

const variations = [{ key: 'classic' }, { key: 'compact', name: 'Compact' }, { key: 'wide' }];

const day: FlagInsights = {
  environment: 'production',
  range: '24h',
  granularity: 'hour',
  from: '2026-11-22T10:00:00.000Z',
  to: '2026-11-23T10:00:00.000Z',
  total: 19,
  variations: [
    { key: 'classic', total: 6 },
    { key: 'compact', total: 5 },
    { key: 'wide', total: 0 },
    { key: 'retired', total: 4 },
    { key: '', total: 4 },
  ],
  buckets: [
    { start: '2026-11-22T12:00:00.000Z', counts: { retired: 4 } },
    { start: '2026-11-23T08:00:00.000Z', counts: { compact: 3 } },
    { start: '2026-11-23T09:00:00.000Z', counts: { '': 4, classic: 6, compact: 2 } },
  ],
};

describe('the range in the URL', () => {
  it('reads the three ranges and falls back to 7 days', () => {
    expect(parseInsightRange('24h')).toBe('24h');
    expect(parseInsightRange('30d')).toBe('30d');
    expect(parseInsightRange('1y')).toBe('7d');
    expect(parseInsightRange(null)).toBe('7d');
  });
});

describe('bucket starts', () => {
  it('are every hour of the range, the last one included', () => {
    const starts = bucketStarts(day.from, day.to, 'hour');
    expect(starts).toHaveLength(24);
    expect(starts[0]).toBe('2026-11-22T10:00:00.000Z');
    expect(starts.at(-1)).toBe('2026-11-23T09:00:00.000Z');
  });

  it('are every UTC day over 30 days', () => {
    const starts = bucketStarts('2026-10-25T00:00:00.000Z', '2026-11-24T00:00:00.000Z', 'day');
    expect(starts).toHaveLength(30);
    expect(starts.at(-1)).toBe('2026-11-23T00:00:00.000Z');
  });
});

describe('the chart data', () => {
  const chart = insightChart(day, variations, 'UTC');

  it('has a row for every hour, zero where nothing was reported', () => {
    expect(chart.rows).toHaveLength(24);
    expect(chart.emptyBuckets).toBe(21);
    const [first] = chart.rows;
    expect(first).toEqual({
      start: '2026-11-22T10:00:00.000Z',
      label: '10:00',
      total: 0,
      v0: 0,
      v1: 0,
      v2: 0,
      v3: 0,
      v4: 0,
    });
    expect(chart.rows[2]).toMatchObject({ label: '12:00', total: 4, v3: 4, v0: 0 });
    expect(chart.rows[23]).toMatchObject({ label: '09:00', total: 12, v0: 6, v1: 2, v4: 4, v2: 0 });
  });

  it('totals each variation over the range and gives its share', () => {
    expect(chart.total).toBe(19);
    expect(chart.series.map(({ key, label, total, removed }) => ({ key, label, total, removed }))).toEqual([
      { key: 'classic', label: 'classic', total: 6, removed: false },
      { key: 'compact', label: 'Compact (compact)', total: 5, removed: false },
      { key: 'wide', label: 'wide', total: 0, removed: false },
      { key: 'retired', label: 'retired (removed)', total: 4, removed: true },
      { key: '', label: 'Caller’s default (flag missing or failed)', total: 4, removed: false },
    ]);
    expect(chart.series.reduce((sum, series) => sum + series.share, 0)).toBeCloseTo(1);
    expect(chart.series[0]?.share).toBeCloseTo(6 / 19);
  });

  it('keeps each variation’s colour by its place in the flag, removed ones after, the default grey', () => {
    expect(chart.series.map((series) => series.colorIndex)).toEqual([0, 1, 2, 3, -1]);
  });

  it('gives series ids that are safe as chart paths, whatever the variation keys', () => {
    const dotted = insightChart(
      { ...day, variations: [{ key: 'a.b', total: 1 }], buckets: [{ start: day.from, counts: { 'a.b': 1 } }] },
      [{ key: 'a.b' }],
      'UTC',
    );
    expect(dotted.series[0]?.id).toBe('v0');
    expect(dotted.rows[0]).toMatchObject({ v0: 1, total: 1 });
  });

  it('is all zeros, with every bucket, when nothing was reported', () => {
    const empty = insightChart({ ...day, total: 0, variations: day.variations.slice(0, 3), buckets: [] }, variations);
    expect(empty.total).toBe(0);
    expect(empty.rows).toHaveLength(24);
    expect(empty.emptyBuckets).toBe(24);
    expect(empty.series.every((series) => series.share === 0)).toBe(true);
  });
});

describe('labels', () => {
  it('writes hours, days and hours, or UTC days', () => {
    expect(bucketLabel('2026-11-23T09:00:00.000Z', '24h', 'UTC')).toBe('09:00');
    expect(bucketLabel('2026-11-23T09:00:00.000Z', '24h', 'Europe/Paris')).toBe('10:00');
    expect(bucketLabel('2026-11-23T09:00:00.000Z', '7d', 'UTC')).toBe('Mon 23 Nov, 09:00');
    // Days are the server's UTC days, wherever the viewer is.
    expect(bucketLabel('2026-11-23T00:00:00.000Z', '30d', 'America/Los_Angeles')).toBe('23 Nov');
  });

  it('names variations, and counts and shares as people read them', () => {
    expect(variationLabel('compact', variations)).toBe('Compact (compact)');
    expect(variationLabel('gone', variations)).toBe('gone (removed)');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(1234567, true)).toBe('1.2M');
    expect(formatCount(950, true)).toBe('950');
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(1 / 3)).toBe('33.3 %');
    expect(formatShare(0.0004)).toBe('< 0.1 %');
  });
});

describe('the tab in the URL', () => {
  it('is ?tab=insights', () => {
    expect(parseFlagTab('insights')).toBe('insights');
  });
});

describe('last evaluated, in the flag list', () => {
  const format = (at: Date) => at.toISOString();
  it('says when overall, then in each environment', () => {
    expect(
      lastEvaluatedLines(
        {
          lastEvaluatedAt: '2026-11-23T09:00:00.000Z',
          environments: {
            development: { on: true, version: 1, lastEvaluatedAt: '2026-11-23T09:00:00.000Z' },
            production: { on: true, version: 3, lastEvaluatedAt: null },
          },
        },
        format,
      ),
    ).toEqual([
      'Last evaluated 2026-11-23T09:00:00.000Z',
      '· development: 2026-11-23T09:00:00.000Z',
      '· production: never',
    ]);
  });

  it('says never, once, for a flag no SDK evaluated where the caller looks', () => {
    expect(
      lastEvaluatedLines(
        { lastEvaluatedAt: null, environments: { development: { on: false, version: 1, lastEvaluatedAt: null } } },
        format,
      ),
    ).toEqual(['Never evaluated']);
  });
});
