import type { Allocation, FlagState } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import { canonical, countChanges, diffFlag, type FlagWithStates, movedIds, ordinal } from '../../src/flags/logic/diff';
import { moveAllocation } from '../../src/flags/logic/waterfall';

const beta: Allocation = {
  id: 'beta',
  name: 'Beta',
  conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }],
  exposure: 30,
  serve: { variation: 'new' },
};
const france: Allocation = {
  id: 'fr',
  conditions: [{ attribute: 'country', operator: 'equals', values: ['FR'] }],
  serve: { variation: 'new' },
};
const everyone: Allocation = {
  id: 'all',
  name: 'Everyone',
  serve: {
    split: [
      { variation: 'old', weight: 50 },
      { variation: 'new', weight: 50 },
    ],
  },
};

function savedFlag(): FlagWithStates {
  const production: FlagState = {
    on: true,
    offVariation: 'old',
    targets: [{ variation: 'new', values: ['alice', 'bob'] }],
    allocations: [beta, france, everyone],
    fallthrough: { variation: 'old' },
  };
  return {
    key: 'checkout',
    name: 'Checkout',
    type: 'string',
    tags: ['web'],
    temporary: true,
    variations: [
      { key: 'old', value: 'old', name: 'Old checkout' },
      { key: 'new', value: 'new' },
    ],
    environments: { staging: { on: false, offVariation: 'old' }, production },
  };
}

/** The saved flag with `edit` applied to a deep copy: the draft. */
function draftOf(edit: (draft: FlagWithStates) => void): FlagWithStates {
  const draft = structuredClone(savedFlag());
  edit(draft);
  return draft;
}

const production = (flag: FlagWithStates) => flag.environments.production!;

describe('diffFlag', () => {
  it('finds nothing in an unchanged draft', () => {
    expect(diffFlag(savedFlag(), savedFlag())).toEqual([]);
    expect(countChanges(savedFlag(), savedFlag())).toBe(0);
  });

  it('reads an allocation’s exposure change with its environment and name', () => {
    const draft = draftOf((flag) => {
      production(flag).allocations![0]!.exposure = 50;
    });
    expect(diffFlag(savedFlag(), draft)).toEqual([
      {
        path: 'environments.production.allocations[0].exposure',
        environment: 'production',
        label: 'production · allocation “Beta” · exposure',
        kind: 'changed',
        before: '30 %',
        after: '50 %',
        summary: '30 % → 50 %',
      },
    ]);
  });

  it('reads a reorder as one move, not a change at every index', () => {
    const draft = draftOf((flag) => {
      production(flag).allocations = moveAllocation(production(flag).allocations!, 'all', 0);
    });
    expect(diffFlag(savedFlag(), draft)).toEqual([
      {
        path: 'environments.production.allocations[0]',
        environment: 'production',
        label: 'production · allocation “Everyone” · position',
        kind: 'moved',
        before: '3rd',
        after: '1st',
        summary: 'moved from 3rd to 1st',
      },
    ]);
  });

  it('reads an allocation inserted at the top as one addition', () => {
    const draft = draftOf((flag) => {
      production(flag).allocations!.unshift({ id: 'qa', name: 'QA', conditions: [], serve: { variation: 'new' } });
    });
    expect(diffFlag(savedFlag(), draft)).toEqual([
      {
        path: 'environments.production.allocations[0]',
        environment: 'production',
        label: 'production · allocation “QA”',
        kind: 'added',
        after: 'Everyone: new',
        summary: 'added: Everyone: new',
      },
    ]);
  });

  it('reads a deleted allocation at its saved position, named by its number when it has no name', () => {
    const draft = draftOf((flag) => {
      production(flag).allocations!.splice(1, 1);
    });
    expect(diffFlag(savedFlag(), draft)).toEqual([
      {
        path: 'environments.production.allocations[1]',
        environment: 'production',
        label: 'production · allocation 2',
        kind: 'removed',
        before: 'Users whose country is FR: new',
        summary: 'removed: Users whose country is FR: new',
      },
    ]);
  });

  it.each<[string, (allocation: Allocation) => void, string, string | undefined, string | undefined]>([
    ['name', (a) => (a.name = 'Beta users'), 'name', 'Beta', 'Beta users'],
    ['status', (a) => (a.enabled = false), 'enabled', 'enabled', 'disabled'],
    [
      'conditions',
      (a) => (a.conditions = [{ attribute: 'email', operator: 'ends_with', values: ['@acme.org'] }]),
      'conditions',
      'Users whose email ends with @acme.com',
      'Users whose email ends with @acme.org',
    ],
    ['start', (a) => (a.startAt = '2026-12-01'), 'startAt', undefined, '1 Dec 2026'],
    ['serves', (a) => (a.serve = { variation: 'old' }), 'serve', 'new', 'Old checkout'],
    ['experiment tracking', (a) => (a.track = true), 'track', 'not tracked', 'tracked'],
    ['bucket by', (a) => (a.bucketBy = { attribute: 'email' }), 'bucketBy', undefined, 'user email'],
    ['salt', (a) => (a.salt = 's1'), 'salt', undefined, 's1'],
  ])('reads a change of %s in words', (label, edit, field, before, after) => {
    const draft = draftOf((flag) => edit(production(flag).allocations![0]!));
    const [change, ...rest] = diffFlag(savedFlag(), draft);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      path: `environments.production.allocations[0].${field}`,
      label: `production · allocation “Beta” · ${label}`,
      kind: before === undefined ? 'added' : 'changed',
    });
    expect([change!.before, change!.after]).toEqual([before, after]);
  });

  it('reports no change for a default written out or an instant written differently', () => {
    const saved = draftOf((flag) => {
      production(flag).allocations![0]!.startAt = '2026-12-01';
    });
    const draft = draftOf((flag) => {
      const allocation = production(flag).allocations![0]!;
      allocation.startAt = '2026-12-01T00:00:00Z';
      Object.assign(allocation, { enabled: true, track: false });
      production(flag).allocations![1]!.exposure = 100;
      production(flag).allocations![1]!.conditions![0]!.negate = false;
    });
    expect(diffFlag(saved, draft)).toEqual([]);
  });

  it('matches the moved allocation’s own changes by id, at its new index', () => {
    const draft = draftOf((flag) => {
      production(flag).allocations = moveAllocation(production(flag).allocations!, 'beta', 2);
      production(flag).allocations![2]!.exposure = 40;
    });
    expect(diffFlag(savedFlag(), draft).map((change) => [change.path, change.summary])).toEqual([
      ['environments.production.allocations[2]', 'moved from 1st to 3rd'],
      ['environments.production.allocations[2].exposure', '30 % → 40 %'],
    ]);
  });

  it('reads individual targets as keys added and removed', () => {
    const draft = draftOf((flag) => {
      production(flag).targets = [
        { variation: 'new', values: ['alice', 'carol'] },
        { contextKind: 'organization', variation: 'old', values: ['acme'] },
      ];
    });
    expect(diffFlag(savedFlag(), draft)).toEqual([
      {
        path: 'environments.production.targets[0].values',
        environment: 'production',
        label: 'production · individual targets · users served “new”',
        kind: 'changed',
        before: 'alice, bob',
        after: 'alice, carol',
        added: ['carol'],
        removed: ['bob'],
        summary: 'added carol; removed bob',
      },
      {
        path: 'environments.production.targets[1].values',
        environment: 'production',
        label: 'production · individual targets · organizations served “old”',
        kind: 'added',
        after: 'acme',
        added: ['acme'],
        removed: [],
        summary: 'added acme',
      },
    ]);
  });

  it('reads a removed target list as its keys removed', () => {
    const draft = draftOf((flag) => {
      production(flag).targets = [];
    });
    expect(diffFlag(savedFlag(), draft)).toEqual([
      expect.objectContaining({
        path: 'environments.production.targets[0]',
        kind: 'removed',
        removed: ['alice', 'bob'],
        summary: 'removed alice, bob',
      }),
    ]);
  });

  it('reads the kill switch, the off variation, prerequisites and the fallthrough of each environment', () => {
    const draft = draftOf((flag) => {
      flag.environments.staging = {
        on: true,
        prerequisites: [{ flag: 'login', variations: ['on'] }],
        fallthrough: {
          split: [
            { variation: 'old', weight: 90 },
            { variation: 'new', weight: 10 },
          ],
        },
      };
    });
    expect(diffFlag(savedFlag(), draft, { environmentName: (key) => key.toUpperCase() })).toEqual([
      expect.objectContaining({
        label: 'STAGING · on/off',
        before: 'off',
        after: 'on',
        path: 'environments.staging.on',
      }),
      expect.objectContaining({
        label: 'STAGING · served when off',
        before: 'Old checkout',
        after: 'the code’s default',
      }),
      expect.objectContaining({ label: 'STAGING · prerequisite “login”', kind: 'added', after: 'If login is on' }),
      expect.objectContaining({
        label: 'STAGING · fallthrough',
        before: 'the code’s default',
        after: 'split 90 % Old checkout / 10 % new',
      }),
    ]);
  });

  it('reads a prerequisite’s variations changed and one removed', () => {
    const saved = draftOf((flag) => {
      production(flag).prerequisites = [
        { flag: 'login', variations: ['on'] },
        { flag: 'billing', variations: ['v2'] },
      ];
    });
    const draft = draftOf((flag) => {
      production(flag).prerequisites = [{ flag: 'login', variations: ['on', 'beta'] }];
    });
    expect(diffFlag(saved, draft).map((change) => [change.path, change.kind, change.summary])).toEqual([
      ['environments.production.prerequisites[0]', 'changed', 'If login is on → If login is on or beta'],
      ['environments.production.prerequisites[1]', 'removed', 'removed: If billing is v2'],
    ]);
  });

  it('reads the definition: name, tags, lifetime, client-side, variations by key', () => {
    const draft = draftOf((flag) => {
      flag.name = 'New checkout flow';
      flag.tags = ['web', 'payments'];
      flag.temporary = false;
      flag.clientSideAvailable = true;
      flag.variations = [
        { key: 'new', value: 'new-v2' },
        { key: 'old', value: 'old', name: 'Legacy' },
        { key: 'canary', value: 'canary' },
      ];
    });
    expect(
      diffFlag(savedFlag(), draft).map(({ path, label, kind, summary }) => ({ path, label, kind, summary })),
    ).toEqual([
      { path: 'name', label: 'name', kind: 'changed', summary: 'Checkout → New checkout flow' },
      { path: 'tags', label: 'tags', kind: 'changed', summary: 'added payments' },
      { path: 'temporary', label: 'lifetime', kind: 'changed', summary: 'temporary → permanent' },
      { path: 'clientSideAvailable', label: 'client-side SDKs', kind: 'changed', summary: 'not available → available' },
      { path: 'variations[0].value', label: 'variation “new” · value', kind: 'changed', summary: '"new" → "new-v2"' },
      {
        path: 'variations[1].name',
        label: 'variation “old” · name',
        kind: 'changed',
        summary: 'Old checkout → Legacy',
      },
      { path: 'variations[2]', label: 'variation “canary”', kind: 'added', summary: 'added: "canary"' },
    ]);
  });

  it('reads a removed variation at its saved index', () => {
    const draft = draftOf((flag) => {
      flag.variations = flag.variations.slice(1);
    });
    expect(diffFlag(savedFlag(), draft)).toEqual([
      { path: 'variations[0]', label: 'variation “old”', kind: 'removed', before: '"old"', summary: 'removed: "old"' },
    ]);
  });

  it('ignores bookkeeping the API adds (versions, times) and environments only one side has', () => {
    const saved = { ...savedFlag(), version: 3, updatedAt: '2026-01-01T00:00:00Z' } as FlagWithStates;
    const draft = draftOf((flag) => {
      flag.environments.preview = { on: true };
    });
    expect(diffFlag(saved, { ...draft, version: 4 } as FlagWithStates)).toEqual([]);
  });

  it('counts every change', () => {
    const draft = draftOf((flag) => {
      flag.name = 'Other';
      production(flag).on = false;
      production(flag).allocations![2]!.exposure = 10;
    });
    expect(countChanges(savedFlag(), draft)).toBe(3);
  });
});

describe('movedIds', () => {
  it.each([
    [['a', 'b', 'c'], ['a', 'b', 'c'], []],
    [['a', 'b', 'c'], ['c', 'a', 'b'], ['c']],
    [['a', 'b', 'c'], ['b', 'c', 'a'], ['a']],
    [
      ['a', 'b', 'c', 'd'],
      ['b', 'a', 'd', 'c'],
      ['b', 'd'],
    ],
    [['a', 'b', 'c'], ['x', 'c', 'y', 'a'], ['c']],
    [
      ['a', 'b', 'c', 'd'],
      ['d', 'c', 'b', 'a'],
      ['d', 'c', 'b'],
    ],
  ])('%j → %j moves %j', (before, after, moved) => {
    expect([...movedIds(before, after)].sort()).toEqual([...moved].sort());
  });
});

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [101, '101st'],
    [111, '111th'],
  ])('%s → %s', (position, text) => {
    expect(ordinal(position)).toBe(text);
  });
});

describe('canonical', () => {
  it('sorts object keys at every depth and drops undefined fields', () => {
    expect(canonical({ b: 1, a: { d: [{ f: 1, e: 2 }], c: undefined } })).toBe('{"a":{"d":[{"e":2,"f":1}]},"b":1}');
    expect(canonical({ x: 1, y: 2 })).toBe(canonical({ y: 2, x: 1 }));
  });
});
