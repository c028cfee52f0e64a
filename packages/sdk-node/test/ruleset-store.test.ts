import type { FlagConfig, Ruleset } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import { RulesetStore, type Change } from '../src/store/ruleset-store.js';

const flag = (key: string, extra: Partial<FlagConfig> = {}): FlagConfig => ({
  key,
  type: 'boolean',
  variations: [
    { key: 'on', value: true },
    { key: 'off', value: false },
  ],
  on: true,
  offVariation: 'off',
  fallthrough: { variation: 'on' },
  ...extra,
});
const ruleset: Ruleset = {
  version: 10,
  flags: [
    flag('beta', {
      allocations: [{ id: 'testers', conditions: [{ segment: 'testers' }], serve: { variation: 'on' } }],
      fallthrough: { variation: 'off' },
    }),
    flag('checkout'),
    flag('checkout-v2', { prerequisites: [{ flag: 'checkout', variations: ['on'] }] }),
    flag('checkout-v3', { prerequisites: [{ flag: 'checkout-v2', variations: ['on'] }] }),
  ],
  segments: [{ key: 'testers', included: ['ada'] }],
};

function storeWithChanges() {
  const changes: { change: Change; first: boolean }[] = [];
  const store = new RulesetStore((change, _, first) => changes.push({ change, first }));
  store.replace(structuredClone(ruleset));
  return { store, changes };
}

describe('the ruleset store', () => {
  it('applies patches and deletes newer than its revision, and ignores the others', () => {
    const { store, changes } = storeWithChanges();
    expect(store.apply({ revision: 10, kind: 'flag', key: 'checkout', flag: flag('checkout', { on: false }) })).toBe(
      false,
    );
    expect(store.apply({ revision: 9, kind: 'flag', key: 'checkout' })).toBe(false);
    expect(store.compiled?.evaluate('checkout', { key: 'ada' }).value).toBe(true);
    expect(store.apply({ revision: 11, kind: 'flag', key: 'checkout', flag: flag('checkout', { on: false }) })).toBe(
      true,
    );
    expect(store.compiled?.evaluate('checkout', { key: 'ada' }).value).toBe(false);
    expect(store.apply({ revision: 12, kind: 'flag', key: 'beta' })).toBe(true);
    expect(store.compiled?.evaluate('beta', { key: 'ada' }).errorCode).toBe('FLAG_NOT_FOUND');
    expect(store.revision).toBe(12);
    expect(changes.map(({ change, first }) => [change.revision, first])).toEqual([
      [10, true],
      [11, false],
      [12, false],
    ]);
  });

  it('reports the flags a change affects: through segments and, transitively, prerequisites', () => {
    const { store, changes } = storeWithChanges();
    store.apply({ revision: 11, kind: 'segment', key: 'testers', segment: { key: 'testers', included: ['bob'] } });
    store.apply({ revision: 12, kind: 'flag', key: 'checkout', flag: flag('checkout', { on: false }) });
    expect(changes.slice(1).map(({ change }) => change.keys.sort())).toEqual([
      ['beta'],
      ['checkout', 'checkout-v2', 'checkout-v3'],
    ]);
    expect(store.compiled?.evaluate('beta', { key: 'bob' }).value).toBe(true);
  });

  it('reports only what a put changed', () => {
    const { store, changes } = storeWithChanges();
    store.replace({
      ...structuredClone(ruleset),
      version: 13,
      flags: [...structuredClone(ruleset.flags).filter((f) => f.key !== 'beta'), flag('new-one')],
    });
    expect(changes[1]?.change).toEqual({ keys: ['new-one', 'beta'], revision: 13 });
  });
});
