import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/api/segments';
import {
  addKeys,
  dedupe,
  definitionOf,
  describeChanges,
  draftOf,
  environmentsText,
  MAX_KEY_LENGTH,
  matchesSearch,
  membershipText,
  parseKeys,
  reapply,
  removeKeys,
  type SegmentDraft,
  searchKeys,
  sizeText,
  usageSummary,
} from '../../src/segments/segment-model';

const segment = (fields: Partial<Segment> = {}): Segment => ({
  key: 'beta',
  version: 1,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  ...fields,
});

describe('pasted keys', () => {
  it('splits on newlines (Windows too), commas, semicolons, spaces and tabs, dropping empties and quotes', () => {
    expect(parseKeys('ada\ngrace\r\nlinus')).toEqual(['ada', 'grace', 'linus']);
    expect(parseKeys(' ada, grace ;linus\t"margaret"  \n\n\'alan\',,')).toEqual([
      'ada',
      'grace',
      'linus',
      'margaret',
      'alan',
    ]);
    expect(parseKeys('   \n , ')).toEqual([]);
    // Keys keep their case and inner punctuation: they are compared exactly, as the engine does.
    expect(parseKeys('User-1 user-1 a.b@c:d')).toEqual(['User-1', 'user-1', 'a.b@c:d']);
  });

  it('adds only new keys, each once, after the existing ones, counting the duplicates', () => {
    const result = addKeys(['ada', 'grace'], 'grace\nlinus\nlinus\nada\nalan');
    expect(result).toEqual({ keys: ['ada', 'grace', 'linus', 'alan'], added: 2, duplicates: 3, tooLong: [] });
  });

  it('leaves out keys longer than the server accepts, and names them', () => {
    const long = 'x'.repeat(MAX_KEY_LENGTH + 1);
    const result = addKeys([], `ok ${long} ${'y'.repeat(MAX_KEY_LENGTH)}`);
    expect(result.keys).toEqual(['ok', 'y'.repeat(MAX_KEY_LENGTH)]);
    expect(result.tooLong).toEqual([long]);
  });

  it('handles 100,000 pasted keys with duplicates quickly (linear, not quadratic)', () => {
    const text = Array.from({ length: 100_000 }, (_, index) => `user-${index % 60_000}`).join('\n');
    const started = performance.now();
    const result = addKeys(['user-5'], text);
    const elapsed = performance.now() - started;
    expect(result.keys.length).toBe(60_000);
    expect(result.added).toBe(59_999);
    expect(result.duplicates).toBe(40_001);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('removes, searches (case-insensitive, in order) and dedupes', () => {
    const keys = ['ada', 'Grace', 'linus', 'gracie'];
    expect(removeKeys(keys, new Set(['linus', 'nobody']))).toEqual(['ada', 'Grace', 'gracie']);
    expect(searchKeys(keys, ' GRAC ')).toEqual(['Grace', 'gracie']);
    expect(searchKeys(keys, '')).toBe(keys);
    expect(searchKeys(keys, 'zzz')).toEqual([]);
    expect(dedupe(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});

describe('the segment draft', () => {
  const saved = draftOf(
    segment({
      name: 'Beta',
      included: ['ada', 'grace'],
      excluded: ['mallory'],
      rules: [{ clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }] }],
    }),
  );

  it('starts from the saved segment with every field present', () => {
    expect(draftOf(segment())).toEqual({
      name: '',
      description: '',
      contextKind: '',
      included: [],
      excluded: [],
      rules: [],
    });
    expect(saved.included).toEqual(['ada', 'grace']);
  });

  it('sends a whole definition, leaving out empty texts and lists (PUT removes them)', () => {
    expect(definitionOf({ ...saved, name: '  Beta testers ', description: ' ', excluded: [] })).toEqual({
      name: 'Beta testers',
      included: ['ada', 'grace'],
      rules: saved.rules,
    });
    expect(definitionOf(draftOf(segment()))).toEqual({});
  });

  it('says what changed in words, counting keys added and removed', () => {
    const many = Array.from({ length: 5_000 }, (_, index) => `user-${index}`);
    const draft: SegmentDraft = {
      ...saved,
      name: 'Beta testers',
      included: ['grace', ...many],
      rules: [],
    };
    expect(describeChanges(saved, draft)).toEqual([
      { field: 'name', text: 'Name: Beta → Beta testers' },
      { field: 'included', text: 'Included keys: 5,000 keys added, 1 key removed' },
      { field: 'rules', text: 'Rules: 1 rule → 0 rules' },
    ]);
    expect(describeChanges(saved, { ...saved, description: '  ' })).toEqual([]);
  });

  it('reapplies my edits on someone else’s save: fields only one side changed, key lists merged as sets', () => {
    const mine: SegmentDraft = { ...saved, included: ['ada', 'grace', 'linus'], excluded: [], name: 'Mine' };
    const theirs: SegmentDraft = { ...saved, included: ['ada', 'alan'], description: 'Theirs' };
    const { draft, conflicts } = reapply(saved, mine, theirs);
    expect(draft).toEqual({
      ...saved,
      name: 'Mine',
      description: 'Theirs',
      // Theirs (grace removed, alan added) with mine (linus added).
      included: ['ada', 'alan', 'linus'],
      excluded: [],
    });
    expect(conflicts).toEqual([]);
  });

  it('names the fields both sides changed differently, keeping mine', () => {
    const mine: SegmentDraft = { ...saved, name: 'Mine', rules: [] };
    const theirs: SegmentDraft = { ...saved, name: 'Theirs', rules: [] };
    const { draft, conflicts } = reapply(saved, mine, theirs);
    expect(draft.name).toBe('Mine');
    // Both removed the rules: the same change is no conflict.
    expect(conflicts).toEqual(['name']);
  });
});

describe('words', () => {
  it('says how big a segment is', () => {
    expect(sizeText({ included: ['a'], rules: [] })).toBe('1 key');
    expect(
      sizeText({
        included: Array.from({ length: 5_000 }, (_, index) => `${index}`),
        excluded: ['x', 'y'],
        rules: [{ clauses: [] }, { clauses: [] }],
      }),
    ).toBe('5,000 keys · 2 excluded · 2 rules');
    expect(sizeText({})).toBe('empty');
  });

  it('says why a context is in or out', () => {
    expect(membershipText({ contains: true, reason: 'included' }, '')).toBe(
      'In — this user’s key is in the included list',
    );
    expect(membershipText({ contains: false, reason: 'excluded' }, 'organization')).toBe(
      'Out — this organization’s key is in the excluded list',
    );
    expect(membershipText({ contains: true, reason: 'rule', rule: 1, ruleId: 'staff' }, '')).toBe(
      'In — rule 2 (staff) matched',
    );
    expect(membershipText({ contains: true, reason: 'rule', rule: 0 }, '')).toBe('In — rule 1 matched');
    expect(membershipText({ contains: false, reason: 'no-rule' }, '')).toBe(
      'Out — the key is in neither list and no rule matched',
    );
  });

  it('says where it is used', () => {
    const user = { key: 'checkout', name: 'Checkout', archived: false, environments: ['staging', 'qa'] };
    expect(environmentsText(user, new Map([['staging', 'Staging']]))).toBe('Staging, qa');
    expect(usageSummary([])).toBe('Not used');
    expect(usageSummary(undefined)).toBe('Not used');
    expect(usageSummary([user, { ...user, key: 'other' }])).toBe('Used by 2 flags');
  });

  it('finds segments by key, name or description', () => {
    const beta = { key: 'beta-testers', name: 'Early birds', description: 'Asked to try things first' };
    expect(matchesSearch(beta, 'BETA')).toBe(true);
    expect(matchesSearch(beta, 'birds')).toBe(true);
    expect(matchesSearch(beta, 'try things')).toBe(true);
    expect(matchesSearch(beta, 'staff')).toBe(false);
    expect(matchesSearch(beta, '  ')).toBe(true);
  });
});
