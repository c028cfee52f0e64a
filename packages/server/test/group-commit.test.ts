import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../src/sdk/group-commit.js';

/** A store whose transactions finish when the test says, recording what each held. */
function controlledStore(refuse: (item: string) => boolean = () => false) {
  const transactions: string[][] = [];
  const finishers: (() => void)[] = [];
  const store = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      transactions.push(items);
      finishers.push(() => (items.some(refuse) ? reject(new Error(`refused ${items.join(',')}`)) : resolve()));
    });
  /** Finishes the oldest running transaction, then lets the group commit start the next. */
  const finish = async () => {
    finishers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { store, transactions, finish };
}

/** Which of these promises have settled, and how (into `seen`, when given). */
function outcomes(promises: Record<string, Promise<void>>, seen: Record<string, string> = {}) {
  for (const [name, promise] of Object.entries(promises))
    promise.then(
      () => (seen[name] = 'committed'),
      (error: Error) => (seen[name] = error.message),
    );
  return seen;
}

describe('GroupCommit', () => {
  it('stores what arrives during a transaction together in the next one, answering each after its commit', async () => {
    const { store, transactions, finish } = controlledStore();
    const group = new GroupCommit(store, 100);
    // Submitted in the same turn of the event loop (requests already received): one transaction.
    const seen = outcomes({ a: group.submit('a', 10), b: group.submit('b', 10) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(transactions).toEqual([['a', 'b']]);
    // Submitted while it runs: they wait for it, then go together.
    outcomes({ c: group.submit('c', 10), d: group.submit('d', 10) }, seen);
    await new Promise((resolve) => setImmediate(resolve));
    expect(transactions).toEqual([['a', 'b']]);
    expect(seen).toEqual({});
    await finish();
    expect(seen).toEqual({ a: 'committed', b: 'committed' });
    expect(transactions).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    await finish();
    expect(seen).toEqual({ a: 'committed', b: 'committed', c: 'committed', d: 'committed' });
  });

  it('keeps a group within its size, in arrival order, and stores an item over the size alone', async () => {
    const { store, transactions, finish } = controlledStore();
    const group = new GroupCommit(store, 25);
    const all = [
      group.submit('first', 1),
      group.submit('a', 10),
      group.submit('b', 10),
      group.submit('c', 10),
      group.submit('huge', 40),
      group.submit('d', 5),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    for (let round = 0; round < 4; round++) await finish();
    await Promise.all(all);
    expect(transactions).toEqual([['first', 'a', 'b'], ['c'], ['huge'], ['d']]);
  });

  it('tries each item of a refused group alone: only the one the database refuses fails', async () => {
    const { store, transactions, finish } = controlledStore((item) => item === 'bad');
    const group = new GroupCommit(store, 100);
    const seen = outcomes({
      good: group.submit('good', 1),
      bad: group.submit('bad', 1),
      later: group.submit('later', 1),
    });
    await new Promise((resolve) => setImmediate(resolve));
    for (let round = 0; round < 4; round++) await finish();
    expect(transactions).toEqual([['good', 'bad', 'later'], ['good'], ['bad'], ['later']]);
    expect(seen).toEqual({ good: 'committed', bad: 'refused bad', later: 'committed' });
    // It goes on working after a failure.
    const next = group.submit('next', 1);
    await new Promise((resolve) => setImmediate(resolve));
    await finish();
    await expect(next).resolves.toBeUndefined();
    expect(transactions.at(-1)).toEqual(['next']);
  });

  it('stores up to `concurrency` groups at once, the next group gathering what arrives meanwhile', async () => {
    const { store, transactions, finish } = controlledStore();
    const group = new GroupCommit(store, 100, 2);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const seen = outcomes({ a: group.submit('a', 1) });
    await turn();
    // A second group starts while the first runs.
    outcomes({ b: group.submit('b', 1), c: group.submit('c', 1) }, seen);
    await turn();
    expect(transactions).toEqual([['a'], ['b', 'c']]);
    // Both running: the next items wait for one of them.
    outcomes({ d: group.submit('d', 1), e: group.submit('e', 1) }, seen);
    await turn();
    expect(transactions).toHaveLength(2);
    await finish();
    expect(seen).toEqual({ a: 'committed' });
    expect(transactions).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    await finish();
    await finish();
    expect(seen).toEqual({ a: 'committed', b: 'committed', c: 'committed', d: 'committed', e: 'committed' });
    expect(transactions).toHaveLength(3);
  });
});
