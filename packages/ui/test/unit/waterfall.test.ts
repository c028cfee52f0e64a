import { type Allocation, KEY_PATTERN } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import {
  addAllocation,
  deleteAllocation,
  duplicateAllocation,
  freshAllocationId,
  moveAllocation,
  moveAllocationDown,
  moveAllocationUp,
  toggleAllocation,
  updateAllocation,
} from '../../src/flags/logic/waterfall';

const allocation = (id: string, fields: Partial<Allocation> = {}): Allocation => ({
  id,
  serve: { variation: 'on' },
  ...fields,
});

/** Three allocations a, b, c, frozen so that any mutation throws. */
function waterfall(): readonly Allocation[] {
  return Object.freeze(
    ['a', 'b', 'c'].map((id) =>
      Object.freeze(allocation(id, { name: id.toUpperCase(), conditions: Object.freeze([]) as never })),
    ),
  );
}

const ids = (allocations: readonly Allocation[]) => allocations.map((item) => item.id);

describe('freshAllocationId', () => {
  it('is a valid key that is not taken', () => {
    const taken = new Set<string>();
    for (let index = 0; index < 500; index++) {
      const id = freshAllocationId(taken);
      expect(id).toMatch(KEY_PATTERN);
      expect(taken.has(id)).toBe(false);
      taken.add(id);
    }
  });
});

describe('addAllocation', () => {
  it('adds an allocation for everyone at the bottom, with a fresh id and no salt', () => {
    const before = waterfall();
    const after = addAllocation(before, { name: 'Beta', serve: { variation: 'off' } });
    expect(ids(after).slice(0, 3)).toEqual(['a', 'b', 'c']);
    const added = after[3]!;
    expect(added).toEqual({ id: added.id, name: 'Beta', conditions: [], serve: { variation: 'off' } });
    expect(['a', 'b', 'c']).not.toContain(added.id);
    expect(added).not.toHaveProperty('salt');
  });

  it.each([
    [0, 0],
    [1, 1],
    [99, 3],
    [-5, 0],
  ])('inserts at index %s as position %s', (index, position) => {
    const after = addAllocation(waterfall(), { serve: { variation: 'off' }, index });
    expect(after).toHaveLength(4);
    expect(after[position]!.serve).toEqual({ variation: 'off' });
    expect(after[position]).not.toHaveProperty('name');
  });
});

describe('duplicateAllocation', () => {
  it('inserts a copy below the original with a new id, “(copy)” and no salt of its own', () => {
    const before = [allocation('a', { name: 'Beta', salt: 'old-salt', exposure: 30, conditions: [] }), allocation('b')];
    const after = duplicateAllocation(before, 'a');
    expect(ids(after)).toEqual(['a', after[1]!.id, 'b']);
    expect(after[1]).toEqual({
      id: after[1]!.id,
      name: 'Beta (copy)',
      exposure: 30,
      conditions: [],
      serve: { variation: 'on' },
    });
    expect(after[1]!.id).not.toBe('a');
  });

  it('copies deeply, so editing the copy leaves the original alone', () => {
    const before = [allocation('a', { conditions: [{ attribute: 'country', operator: 'in', values: ['FR'] }] })];
    const copy = duplicateAllocation(before, 'a')[1]!;
    expect(copy.conditions).toEqual(before[0]!.conditions);
    expect(copy.conditions).not.toBe(before[0]!.conditions);
    expect(copy).not.toHaveProperty('name');
  });

  it('returns the same array for an unknown id', () => {
    const before = waterfall();
    expect(duplicateAllocation(before, 'zz')).toBe(before);
  });
});

describe('deleteAllocation', () => {
  it.each([
    ['a', ['b', 'c']],
    ['b', ['a', 'c']],
    ['c', ['a', 'b']],
  ])('deleting %s leaves %j', (id, rest) => {
    expect(ids(deleteAllocation(waterfall(), id))).toEqual(rest);
  });

  it('returns the same array for an unknown id', () => {
    const before = waterfall();
    expect(deleteAllocation(before, 'zz')).toBe(before);
  });
});

describe('moving allocations', () => {
  it.each([
    ['a', 2, ['b', 'c', 'a']],
    ['c', 0, ['c', 'a', 'b']],
    ['b', 0, ['b', 'a', 'c']],
    ['a', 1, ['b', 'a', 'c']],
    ['a', 10, ['b', 'c', 'a']],
    ['c', -1, ['c', 'a', 'b']],
  ])('moveAllocation(%s → %s) gives %j', (id, to, order) => {
    const after = moveAllocation(waterfall(), id, to);
    expect(ids(after)).toEqual(order);
  });

  it.each([
    [moveAllocationUp, 'b', ['b', 'a', 'c']],
    [moveAllocationUp, 'c', ['a', 'c', 'b']],
    [moveAllocationDown, 'a', ['b', 'a', 'c']],
    [moveAllocationDown, 'b', ['a', 'c', 'b']],
  ])('%o(%s) gives %j', (move, id, order) => {
    expect(ids(move(waterfall(), id))).toEqual(order);
  });

  it.each([
    ['moveAllocationUp on the first', (list: readonly Allocation[]) => moveAllocationUp(list, 'a')],
    ['moveAllocationDown on the last', (list: readonly Allocation[]) => moveAllocationDown(list, 'c')],
    ['moveAllocation to its own place', (list: readonly Allocation[]) => moveAllocation(list, 'b', 1)],
    ['moveAllocation of an unknown id', (list: readonly Allocation[]) => moveAllocation(list, 'zz', 0)],
    ['moveAllocationUp of an unknown id', (list: readonly Allocation[]) => moveAllocationUp(list, 'zz')],
    ['moveAllocationDown of an unknown id', (list: readonly Allocation[]) => moveAllocationDown(list, 'zz')],
  ])('%s returns the same array', (_, move) => {
    const before = waterfall();
    expect(move(before)).toBe(before);
  });

  it('keeps the very same allocation objects (only the order changes)', () => {
    const before = waterfall();
    const after = moveAllocation(before, 'c', 0);
    expect(after[0]).toBe(before[2]);
  });
});

describe('toggleAllocation', () => {
  it.each([
    [undefined, undefined, false],
    [true, undefined, false],
    [false, undefined, undefined],
    [undefined, true, undefined],
    [false, true, undefined],
    [undefined, false, false],
  ])('enabled %s, asked %s → stored %s (absent means on)', (enabled, asked, stored) => {
    const before = [allocation('a', enabled === undefined ? {} : { enabled })];
    const after = toggleAllocation(before, 'a', asked)[0]!;
    if (stored === undefined) expect(after).not.toHaveProperty('enabled');
    else expect(after.enabled).toBe(stored);
  });

  it('leaves the other allocations as they were', () => {
    const before = waterfall();
    const after = toggleAllocation(before, 'b');
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toEqual({ ...before[1], enabled: false });
    expect(after[2]).toBe(before[2]);
  });
});

describe('updateAllocation', () => {
  it('replaces one allocation by the result of the change', () => {
    const before = waterfall();
    const after = updateAllocation(before, 'b', (item) => ({ ...item, exposure: 25 }));
    expect(after[1]).toEqual({ ...before[1], exposure: 25 });
    expect(after[0]).toBe(before[0]);
  });

  it('returns the same array for an unknown id', () => {
    const before = waterfall();
    expect(updateAllocation(before, 'zz', (item) => item)).toBe(before);
  });
});
