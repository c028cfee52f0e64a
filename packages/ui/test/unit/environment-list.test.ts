import { describe, expect, it } from 'vitest';
import { confirms } from '../../src/components/TypedDeleteDialog';
import { criticalByDefault, deletionLosses, keyMessage, moveInOrder } from '../../src/environments/environment-list';

describe('moving an environment in the order', () => {
  const order = ['development', 'staging', 'qa', 'production'];

  it('moves it up or down to the index given', () => {
    expect(moveInOrder(order, 'qa', 1)).toEqual(['development', 'qa', 'staging', 'production']);
    expect(moveInOrder(order, 'development', 3)).toEqual(['staging', 'qa', 'production', 'development']);
  });

  it('clamps the index to the list, and leaves an unknown key or a move in place as it was', () => {
    expect(moveInOrder(order, 'production', -4)).toEqual(['production', 'development', 'staging', 'qa']);
    expect(moveInOrder(order, 'development', 99)).toEqual(['staging', 'qa', 'production', 'development']);
    expect(moveInOrder(order, 'nope', 0)).toEqual(order);
    expect(moveInOrder(order, 'qa', 2)).toEqual(order);
  });
});

describe('what deleting an environment loses', () => {
  it('counts the flag states and active SDK keys when known', () => {
    expect(deletionLosses('QA', { flags: 12, sdkKeys: 2 })).toEqual([
      'The on/off state and targeting of 12 flags in QA',
      '2 active SDK keys of QA: applications using them are refused at once',
      'The users, evaluation counts and events SDKs reported in QA',
    ]);
    expect(deletionLosses('QA', { flags: 1, sdkKeys: 1 }).slice(0, 2)).toEqual([
      'The on/off state and targeting of 1 flag in QA',
      '1 active SDK key of QA: applications using it are refused at once',
    ]);
  });

  it('says so when there is nothing of a kind, and speaks generally before the counts arrive', () => {
    expect(deletionLosses('QA', { flags: 0, sdkKeys: 0 }).slice(0, 2)).toEqual([
      'The on/off state and targeting of flags in QA (the project has no flags yet)',
      "QA's SDK keys (none is active)",
    ]);
    expect(deletionLosses('QA', undefined).slice(0, 2)).toEqual([
      'The on/off state and targeting of every flag in QA',
      'Every SDK key of QA: applications using them are refused at once',
    ]);
    // A member who may not see the keys is told they go too, uncounted.
    expect(deletionLosses('QA', { flags: 3, sdkKeys: undefined })[1]).toBe(
      'Every SDK key of QA: applications using them are refused at once',
    );
  });
});

describe('the typed confirmation', () => {
  it('is the key exactly, spaces around it aside', () => {
    expect(confirms('qa', 'qa')).toBe(true);
    expect(confirms('  qa ', 'qa')).toBe(true);
    expect(confirms('QA', 'qa')).toBe(false);
    expect(confirms('q', 'qa')).toBe(false);
    expect(confirms('', 'qa')).toBe(false);
  });
});

describe('the key field', () => {
  it('words the schema’s pattern refusal, and keeps other messages', () => {
    expect(keyMessage('must match pattern "^[A-Za-z0-9._-]{1,128}$"')).toBe(
      'Use 1–128 letters, digits, “-”, “_” or “.”',
    );
    expect(keyMessage('is taken')).toBe('is taken');
  });

  it('marks production critical by default, as the server does', () => {
    expect(criticalByDefault('production')).toBe(true);
    expect(criticalByDefault(' production ')).toBe(true);
    expect(criticalByDefault('prod')).toBe(false);
  });
});
