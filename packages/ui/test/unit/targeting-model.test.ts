import type { Clause } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import { parseFlagTab } from '../../src/flags/page/flag-tabs';
import {
  instantFromInput,
  instantInputValue,
  pinnedElsewhere,
  segmentSize,
  setTargetKeys,
  splitRows,
  switchServe,
  targetKeys,
  targetKinds,
  withOperator,
} from '../../src/flags/targeting/targeting-model';

const variations = [
  { key: 'a', value: 'A' },
  { key: 'b', value: 'B', name: 'Bravo' },
  { key: 'c', value: 'C' },
];

describe('individual targets', () => {
  const targets = [
    { variation: 'a', values: ['alice'] },
    { contextKind: 'organization', variation: 'b', values: ['acme'] },
    { variation: 'a', values: ['bob'] },
  ];

  it('lists user first, then the kinds targeted, then kinds being added', () => {
    expect(targetKinds(targets, ['device'])).toEqual(['user', 'organization', 'device']);
    expect(targetKinds(undefined)).toEqual(['user']);
  });

  it('reads the keys of one kind and variation, across split lists', () => {
    expect(targetKeys(targets, 'user', 'a')).toEqual(['alice', 'bob']);
    expect(targetKeys(targets, 'organization', 'a')).toEqual([]);
  });

  it('replaces a kind and variation’s keys in one list, in place, and drops it when empty', () => {
    expect(setTargetKeys(targets, 'user', 'a', ['carol'])).toEqual([
      { variation: 'a', values: ['carol'] },
      { contextKind: 'organization', variation: 'b', values: ['acme'] },
    ]);
    expect(setTargetKeys(targets, 'organization', 'b', [])).toEqual([targets[0], targets[2]]);
    expect(setTargetKeys([], 'device', 'c', ['d-1'])).toEqual([
      { contextKind: 'device', variation: 'c', values: ['d-1'] },
    ]);
  });

  it('finds a key pinned to another variation of the same kind', () => {
    const pinned = [...targets, { variation: 'b', values: ['alice'] }];
    expect(pinnedElsewhere(pinned, 'user', 'b', 'alice')).toEqual(['a']);
    expect(pinnedElsewhere(pinned, 'user', 'a', 'bob')).toEqual([]);
  });
});

describe('clauses changing operator', () => {
  const fits = (value: unknown) => typeof value === 'string';

  it('keeps the attribute, kind, negation and the values that still fit', () => {
    const clause: Clause = { contextKind: 'org', attribute: 'plan', operator: 'in', values: ['pro', 3], negate: true };
    expect(withOperator(clause, 'equals', fits)).toEqual({
      contextKind: 'org',
      attribute: 'plan',
      operator: 'equals',
      values: ['pro'],
      negate: true,
    });
  });

  it('turns into segment membership and back', () => {
    const segment = withOperator({ attribute: 'email', operator: 'equals', values: ['x'] }, 'segment', fits);
    expect(segment).toEqual({ segment: '' });
    expect(withOperator({ segment: 'beta' }, 'exists', fits)).toEqual({
      attribute: '',
      operator: 'exists',
      values: [],
    });
  });
});

describe('what is served', () => {
  it('shows every variation in the split editor, 0 % when absent, keeping unknown ones for the server to name', () => {
    expect(
      splitRows(variations, [
        { variation: 'b', weight: 60 },
        { variation: 'gone', weight: 40 },
      ]),
    ).toEqual([
      { variation: 'a', weight: 0 },
      { variation: 'b', weight: 60 },
      { variation: 'c', weight: 0 },
      { variation: 'gone', weight: 40 },
    ]);
  });

  it('switches between one variation and an even split, keeping the heaviest variation', () => {
    expect(switchServe({ variation: 'b' }, 'split', variations)).toEqual({
      split: [
        { variation: 'a', weight: 33.34 },
        { variation: 'b', weight: 33.33 },
        { variation: 'c', weight: 33.33 },
      ],
    });
    expect(
      switchServe(
        {
          split: [
            { variation: 'a', weight: 20 },
            { variation: 'c', weight: 80 },
          ],
        },
        'variation',
        variations,
      ),
    ).toEqual({ variation: 'c' });
  });
});

describe('instants in date-time inputs (UTC)', () => {
  it('shows a stored instant as the input reads it', () => {
    expect(instantInputValue('2026-12-01T09:30:00Z')).toBe('2026-12-01T09:30');
    expect(instantInputValue(Date.UTC(2026, 11, 1))).toBe('2026-12-01T00:00');
    expect(instantInputValue(undefined)).toBe('');
  });

  it('stores what is typed as UTC, and nothing when cleared', () => {
    expect(instantFromInput('2026-12-01T09:30')).toBe('2026-12-01T09:30:00Z');
    expect(instantFromInput('')).toBeUndefined();
  });
});

describe('segments and tabs', () => {
  it('says how big a segment is', () => {
    expect(segmentSize({ included: ['a', 'b'], rules: [{ clauses: [] }] })).toBe('2 keys · 1 rule');
    expect(segmentSize({})).toBe('empty');
  });

  it('reads the tab from the URL, Targeting by default', () => {
    expect(parseFlagTab('history')).toBe('history');
    expect(parseFlagTab(null)).toBe('targeting');
    expect(parseFlagTab('nonsense')).toBe('targeting');
  });
});
