import type { Allocation, Clause, Serve } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import {
  allocationSentence,
  attributeName,
  clauseSentence,
  conditionsSentence,
  fallthroughSentence,
  formatInstant,
  kindNoun,
  killSwitchSentence,
  prerequisiteSentence,
  sentenceText,
  serveSentence,
  targetSentence,
  type Vocabulary,
  windowSentence,
} from '../../src/flags/logic/sentences';

const vocabulary: Vocabulary = {
  segmentName: (key) => (key === 'beta' ? 'Beta testers' : undefined),
  flagName: (key) => (key === 'beta-banner' ? 'Beta banner' : undefined),
  variations: [
    { key: 'new', value: 'new', name: 'New checkout' },
    { key: 'a', value: 'a' },
    { key: 'b', value: 'b' },
    { key: 'on', value: true },
    { key: 'off', value: false },
  ],
};

const emailAtAcme: Clause = { attribute: 'email', operator: 'ends_with', values: ['@acme.com'] };
const half: Serve = {
  split: [
    { variation: 'a', weight: 50 },
    { variation: 'b', weight: 50 },
  ],
};

describe('sentenceText', () => {
  it('joins the parts’ text', () => {
    expect(sentenceText([{ text: 'If ' }, { text: 'x', role: 'flag', key: 'x' }])).toBe('If x');
  });
});

describe('kindNoun', () => {
  it.each([
    ['user', false, 'User'],
    [undefined, true, 'Users'],
    ['organization', true, 'Organizations'],
    ['company', true, 'Companies'],
    ['day', true, 'Days'],
    ['business', true, 'Businesses'],
    ['my-app', true, 'my-app contexts'],
    ['my-app', false, 'my-app context'],
  ] as const)('%s (plural: %s) → %s', (kind, plural, noun) => {
    expect(kindNoun(kind, plural)).toBe(noun);
  });
});

describe('attributeName', () => {
  it.each([
    ['email', 'email'],
    ['app.version', 'app.version'],
    ['/address/city', 'address › city'],
    ['/a~1b/c~0d', 'a/b › c~d'],
  ])('%s reads %s', (attribute, name) => {
    expect(attributeName(attribute)).toBe(name);
  });
});

describe('formatInstant', () => {
  it.each([
    ['2026-12-01', 'UTC', '1 Dec 2026'],
    ['2026-12-01T09:30:00Z', 'UTC', '1 Dec 2026, 09:30 UTC'],
    ['2026-12-01T09:30', 'UTC', '1 Dec 2026, 09:30 UTC'],
    ['2026-12-01T23:30:00Z', 'Europe/Paris', '2 Dec 2026, 00:30'],
    [Date.UTC(2026, 8, 5), 'UTC', '5 Sep 2026'],
    ['next week', 'UTC', 'next week'],
  ] as const)('%s in %s reads “%s”', (value, zone, text) => {
    expect(formatInstant(value, zone)).toBe(text);
  });
});

describe('clauseSentence', () => {
  it.each<[Clause, string]>([
    [emailAtAcme, 'email ends with @acme.com'],
    [{ ...emailAtAcme, values: ['@acme.com', '@acme.org'] }, 'email ends with @acme.com or @acme.org'],
    [{ ...emailAtAcme, negate: true }, 'email does not end with @acme.com'],
    [{ attribute: 'country', operator: 'in', values: ['FR', 'DE', 'IT'] }, 'country is one of FR, DE, IT'],
    [{ attribute: 'age', operator: 'gte', values: [18] }, 'age is at least 18'],
    [{ attribute: 'nickname', operator: 'equals', values: [''] }, 'nickname is (empty)'],
    [{ attribute: 'phone', operator: 'not_exists', values: [] }, 'phone is not set'],
    [{ attribute: 'signup', operator: 'before', values: ['2026-12-01'] }, 'signup is before 1 Dec 2026'],
    [
      { contextKind: 'organization', attribute: 'plan', operator: 'equals', values: ['pro'] },
      'organization › plan is pro',
    ],
    [{ segment: 'beta' }, 'in segment Beta testers'],
    [{ segment: 'staff', negate: true }, 'not in segment staff'],
  ])('%j reads “%s”', (clause, text) => {
    expect(sentenceText(clauseSentence(clause, vocabulary))).toBe(text);
  });

  it('marks the attribute and each value, and links the segment by key', () => {
    expect(clauseSentence({ attribute: 'country', operator: 'in', values: ['FR', 'DE'] })).toEqual([
      { text: 'country', role: 'attribute' },
      { text: ' is one of' },
      { text: ' ' },
      { text: 'FR', role: 'value' },
      { text: ', ' },
      { text: 'DE', role: 'value' },
    ]);
    expect(clauseSentence({ segment: 'beta' }, vocabulary)).toContainEqual({
      text: 'Beta testers',
      role: 'segment',
      key: 'beta',
    });
  });

  it('lists at most `maxListed` values, then says how many more', () => {
    const clause: Clause = { attribute: 'country', operator: 'in', values: ['A', 'B', 'C', 'D'] };
    expect(sentenceText(clauseSentence(clause, { maxListed: 2 }))).toBe('country is one of A, B and 2 more');
  });
});

describe('conditionsSentence', () => {
  it.each<[Clause[] | undefined, string]>([
    [undefined, 'Everyone'],
    [[], 'Everyone'],
    [[emailAtAcme], 'Users whose email ends with @acme.com'],
    [
      [{ contextKind: 'organization', attribute: 'plan', operator: 'in', values: ['enterprise', 'pro'] }],
      'Organizations whose plan is one of enterprise, pro',
    ],
    [
      [emailAtAcme, { contextKind: 'organization', attribute: 'plan', operator: 'equals', values: ['pro'] }],
      'Users whose email ends with @acme.com and whose organization’s plan is pro',
    ],
    [[{ segment: 'beta' }], 'Everyone in Beta testers'],
    [[{ segment: 'beta' }, { segment: 'staff', negate: true }], 'Everyone in Beta testers and not in staff'],
    [[{ segment: 'beta' }, emailAtAcme], 'Users who are in Beta testers and whose email ends with @acme.com'],
  ])('%j reads “%s”', (conditions, text) => {
    expect(sentenceText(conditionsSentence(conditions, vocabulary))).toBe(text);
  });
});

describe('serveSentence', () => {
  it.each<[Serve, string]>([
    [{ variation: 'new' }, 'New checkout'],
    [{ variation: 'unknown' }, 'unknown'],
    [half, 'split 50 % a / 50 % b'],
    [
      {
        shards: [
          { variation: 'a', shards: [] },
          { variation: 'b', shards: [] },
          { variation: 'a', shards: [] },
        ],
        totalShards: 10_000,
      },
      'a or b by Eppo shards',
    ],
  ])('%j reads “%s”', (serve, text) => {
    expect(sentenceText(serveSentence(serve, vocabulary))).toBe(text);
  });

  it('names a variation by its name and links it by key', () => {
    expect(serveSentence({ variation: 'new' }, vocabulary)).toEqual([
      { text: 'New checkout', role: 'variation', key: 'new' },
    ]);
  });
});

describe('windowSentence', () => {
  it.each([
    ['2026-12-01', '2027-01-01', 'From 1 Dec 2026 until 1 Jan 2027'],
    ['2026-12-01', undefined, 'From 1 Dec 2026'],
    [undefined, '2027-01-01T12:00:00Z', 'Until 1 Jan 2027, 12:00 UTC'],
    [undefined, undefined, ''],
  ])('%s → %s reads “%s”', (startAt, endAt, text) => {
    expect(sentenceText(windowSentence(startAt, endAt))).toBe(text);
  });
});

describe('allocationSentence', () => {
  it.each<[Omit<Allocation, 'id'>, string]>([
    [
      { conditions: [emailAtAcme], exposure: 30, serve: { variation: 'new' } },
      'Users whose email ends with @acme.com — 30 % get New checkout, the other 70 % are not exposed and get the code’s default',
    ],
    [{ serve: half }, 'Everyone — split 50 % a / 50 % b'],
    [{ serve: { variation: 'on' } }, 'Everyone gets on'],
    [{ conditions: [emailAtAcme], serve: { variation: 'on' } }, 'Users whose email ends with @acme.com get on'],
    [
      {
        conditions: [{ contextKind: 'organization', attribute: 'plan', operator: 'in', values: ['enterprise', 'pro'] }],
        serve: half,
      },
      'Organizations whose plan is one of enterprise, pro — split 50 % a / 50 % b',
    ],
    [
      { exposure: 33.33, serve: half },
      'Everyone — 33.33 % are split 50 % a / 50 % b, the other 66.67 % are not exposed and get the code’s default',
    ],
    [
      { startAt: '2026-12-01', endAt: '2026-12-08', conditions: [emailAtAcme], serve: { variation: 'on' } },
      'From 1 Dec 2026 until 8 Dec 2026, users whose email ends with @acme.com get on',
    ],
    [{ enabled: false, serve: { variation: 'on' } }, 'Skipped (disabled): everyone gets on'],
    [{ track: true, serve: half }, 'Everyone — split 50 % a / 50 % b; exposures are tracked for experiments'],
    [
      { conditions: [{ segment: 'beta', negate: true }], serve: { variation: 'off' } },
      'Everyone not in Beta testers gets off',
    ],
    [
      { serve: { shards: [{ variation: 'a', shards: [] }], totalShards: 100 } },
      'Everyone — a by Eppo shards; the rest go on',
    ],
  ])('%j reads “%s”', (allocation, text) => {
    expect(sentenceText(allocationSentence({ id: 'x', ...allocation }, vocabulary))).toBe(text);
  });

  it('emphasises percentages, variations and values', () => {
    const sentence = allocationSentence({
      id: 'x',
      conditions: [emailAtAcme],
      exposure: 30,
      serve: { variation: 'new' },
    });
    expect(sentence.filter((part) => part.role)).toEqual([
      { text: 'email', role: 'attribute' },
      { text: '@acme.com', role: 'value' },
      { text: '30 %', role: 'percentage' },
      { text: 'new', role: 'variation', key: 'new' },
      { text: '70 %', role: 'percentage' },
    ]);
  });
});

describe('fallthroughSentence', () => {
  it.each<[Serve | undefined, boolean, string]>([
    [{ variation: 'off' }, true, 'Everyone else gets off'],
    [half, true, 'Everyone else — split 50 % a / 50 % b'],
    [undefined, true, 'Everyone else gets the code’s default'],
    [{ variation: 'off' }, false, 'Everyone gets off'],
  ])('%j (after rules: %s) reads “%s”', (serve, afterRules, text) => {
    expect(sentenceText(fallthroughSentence(serve, vocabulary, afterRules))).toBe(text);
  });
});

describe('targetSentence', () => {
  it.each([
    [{ variation: 'on', values: ['alice'] }, 'User alice gets on'],
    [{ variation: 'new', values: ['alice', 'bob'] }, 'Users alice and bob get New checkout'],
    [
      { variation: 'on', values: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'] },
      'Users a1, a2, a3, a4, a5 and 2 more get on',
    ],
    [{ contextKind: 'organization', variation: 'on', values: ['acme'] }, 'Organization acme gets on'],
    [{ variation: 'on', values: [] }, 'No users pinned to on'],
  ])('%j reads “%s”', (target, text) => {
    expect(sentenceText(targetSentence(target, vocabulary))).toBe(text);
  });

  it('marks each context key', () => {
    expect(targetSentence({ variation: 'on', values: ['alice'] })).toContainEqual({
      text: 'alice',
      role: 'context-key',
      key: 'alice',
    });
  });
});

describe('prerequisiteSentence', () => {
  it.each([
    [{ flag: 'beta-banner', variations: ['on'] }, 'If Beta banner is on'],
    [{ flag: 'checkout', variations: ['v2', 'v3'] }, 'If checkout is v2 or v3'],
  ])('%j reads “%s”', (prerequisite, text) => {
    expect(sentenceText(prerequisiteSentence(prerequisite, vocabulary))).toBe(text);
  });

  it('links the flag by key', () => {
    expect(prerequisiteSentence({ flag: 'beta-banner', variations: ['on'] }, vocabulary)[1]).toEqual({
      text: 'Beta banner',
      role: 'flag',
      key: 'beta-banner',
    });
  });
});

describe('killSwitchSentence', () => {
  it.each([
    [{ on: true, offVariation: 'off' }, 'On — the rules below decide'],
    [{ on: false, offVariation: 'off' }, 'Off — everyone gets off'],
    [{ on: false }, 'Off — everyone gets the code’s default'],
  ])('%j reads “%s”', (state, text) => {
    expect(sentenceText(killSwitchSentence(state, vocabulary))).toBe(text);
  });
});
