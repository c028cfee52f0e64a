import type { Flag, FlagState } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import type { FlagHistoryEntry } from '../../src/api/flag-history';
import { entryAction, entryChanges, isRevertible, revertVersion } from '../../src/flags/history/history-words';
import {
  newVariation,
  parseVariationValue,
  removalProblem,
  variationKeyProblem,
  variationUses,
  variationValueText,
} from '../../src/flags/settings/variations';

const flag: Flag = {
  key: 'checkout',
  type: 'string',
  variations: [
    { key: 'old', value: 'classic' },
    { key: 'new', value: 'redesign', name: 'New checkout' },
  ],
};

const production: FlagState = {
  on: true,
  offVariation: 'old',
  allocations: [
    {
      id: 'beta',
      name: 'Beta',
      serve: {
        split: [
          { variation: 'old', weight: 50 },
          { variation: 'new', weight: 50 },
        ],
      },
    },
  ],
  fallthrough: { variation: 'old' },
};

function entry(fields: Partial<FlagHistoryEntry>): FlagHistoryEntry {
  return {
    id: 7,
    createdAt: '2026-03-12T14:05:09.000Z',
    actor: { type: 'member', id: 'm-1', name: 'Ada' },
    action: 'flag.state.updated',
    environment: 'production',
    before: null,
    after: null,
    diff: [],
    reverts: null,
    ...fields,
  };
}

describe('a history entry in words', () => {
  const names = (key: string) => ({ production: 'Production' })[key] ?? key;

  it('says what the entry did', () => {
    expect(entryAction(entry({ before: production, after: production }), names)).toBe('changed Production');
    expect(entryAction(entry({ action: 'flag.created', environment: null }), names)).toBe('created the flag');
    expect(entryAction(entry({ action: 'flag.updated', environment: null }), names)).toBe(
      'changed the flag’s settings',
    );
    expect(entryAction(entry({ action: 'flag.state.reverted', reverts: 5 }), names)).toBe(
      'reverted change #5 in Production',
    );
    expect(entryAction(entry({ action: 'flag.reverted', environment: null, reverts: 5 }))).toBe('reverted change #5');
    expect(entryAction(entry({ action: 'flag.archived', environment: null }))).toBe('archived the flag');
  });

  it('words a state change field by field, with the flag’s variation names', () => {
    const after: FlagState = { ...production, on: false, fallthrough: { variation: 'new' } };
    const changes = entryChanges(
      entry({
        before: production,
        after,
        diff: [{ op: 'replace', path: '/on', from: true, value: false }],
      }),
      flag,
      { environmentName: names },
    );
    expect(changes.map((change) => [change.label, change.summary])).toEqual([
      ['Production · on/off', 'on → off'],
      ['Production · fallthrough', 'old → New checkout'],
    ]);
  });

  it('words a definition change from the flag before and after', () => {
    const before = { ...flag, tags: ['web'], version: 1, environments: { production: { ...production, version: 2 } } };
    const after = { ...before, name: 'Checkout', tags: ['web', 'q3'], version: 2 };
    const changes = entryChanges(
      entry({
        action: 'flag.updated',
        environment: null,
        before,
        after,
        diff: [{ op: 'add', path: '/name', value: 'Checkout' }],
      }),
      flag,
    );
    expect(changes.map((change) => change.summary)).toEqual(['added: Checkout', 'added q3']);
  });

  it('falls back to the JSON diff for what the words do not cover', () => {
    const changes = entryChanges(
      entry({
        action: 'flag.updated',
        environment: null,
        before: { ...flag, integer: false },
        after: { ...flag, integer: true },
        diff: [{ op: 'replace', path: '/integer', from: false, value: true }],
      }),
      flag,
    );
    expect(changes).toEqual([expect.objectContaining({ path: 'integer', kind: 'changed', summary: 'false → true' })]);
  });

  it('has no field changes for a creation or an archiving, and only changes with a before can be reverted', () => {
    const created = entry({
      action: 'flag.created',
      environment: null,
      after: flag,
      diff: [{ op: 'add', path: '', value: flag }],
    });
    const archived = entry({
      action: 'flag.archived',
      environment: null,
      before: { archived: false },
      after: { archived: true },
      diff: [{ op: 'replace', path: '/archived', from: false, value: true }],
    });
    expect(entryChanges(created, flag)).toEqual([]);
    expect(entryChanges(archived, flag)).toEqual([]);
    expect(isRevertible(created)).toBe(false);
    expect(isRevertible(archived)).toBe(true);
  });

  it('checks a revert against the version of what the entry changed', () => {
    const versions = { definition: 3, environments: { production: 9 } };
    expect(revertVersion(entry({}), versions)).toBe(9);
    expect(revertVersion(entry({ environment: null }), versions)).toBe(3);
    expect(revertVersion(entry({ environment: 'gone' }), versions)).toBeUndefined();
  });
});

describe('variations in the settings', () => {
  const states = {
    production,
    staging: { on: false, offVariation: 'new', targets: [{ variation: 'new', values: ['ada'] }] },
  };

  it('finds every place a state uses a variation', () => {
    expect(variationUses(states, 'old')).toEqual([
      { environment: 'production', place: 'off variation' },
      { environment: 'production', place: 'allocation “Beta” (split)' },
      { environment: 'production', place: 'fallthrough' },
    ]);
    expect(variationUses(states, 'new')).toEqual([
      { environment: 'production', place: 'allocation “Beta” (split)' },
      { environment: 'staging', place: 'off variation' },
      { environment: 'staging', place: 'individual targets' },
    ]);
    expect(variationUses(states, 'other')).toEqual([]);
  });

  it('refuses removing a variation the draft or the saved states still use, saying where', () => {
    const names = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);
    expect(removalProblem('new', states, states, names)).toBe(
      '“new” is still used — Production: allocation “Beta” (split); Staging: off variation, individual targets. Serve another variation there first.',
    );
    const draftStates = { production: { on: true, fallthrough: { variation: 'old' } } };
    expect(removalProblem('new', draftStates, { production }, names)).toBe(
      '“new” is still used as saved — Production: allocation “Beta” (split). Save the targeting that stops using it first, then remove it.',
    );
    expect(removalProblem('new', draftStates, draftStates)).toBeNull();
  });

  it('reads values by the flag’s type', () => {
    expect(parseVariationValue('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(parseVariationValue('number', '3.5')).toEqual({ ok: true, value: 3.5 });
    expect(parseVariationValue('number', '3.5', true)).toEqual({ ok: false, message: 'Must be a whole number' });
    expect(parseVariationValue('number', 'many')).toMatchObject({ ok: false });
    expect(parseVariationValue('string', ' padded ')).toEqual({ ok: true, value: ' padded ' });
    expect(parseVariationValue('json', '{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
    expect(parseVariationValue('json', '{"a":')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Not valid JSON/),
    });
    expect(variationValueText('string', 'blue')).toBe('blue');
    expect(variationValueText('json', { a: 1 })).toBe('{\n  "a": 1\n}');
    expect(variationValueText('number', 2)).toBe('2');
  });

  it('checks keys, and makes new variations with a free key and a value of the type', () => {
    expect(variationKeyProblem('', [])).toBe('Needs a key');
    expect(variationKeyProblem('a b', [])).toMatch(/^Letters, digits/);
    expect(variationKeyProblem('old', ['old'])).toBe('Another variation is “old” already');
    expect(variationKeyProblem('v-2', ['old'])).toBeNull();
    expect(
      newVariation('number', [
        { key: 'variation-3', value: 1 },
        { key: 'x', value: 2 },
      ]),
    ).toEqual({
      key: 'variation-4',
      value: 0,
    });
    expect(newVariation('json', flag.variations)).toEqual({ key: 'variation-3', value: {} });
  });
});
