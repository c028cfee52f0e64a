import { validateFlag } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../src/api/problem';
import {
  errorFor,
  errorsAt,
  errorsUnder,
  fieldErrors,
  formatPath,
  isAtOrBelow,
  joinPath,
  parsePath,
  relativePath,
  statePath,
  unclaimedErrors,
} from '../../src/flags/logic/problems';

/** A problem as the server sends it (docs/api.md, "Errors"). */
const problem = {
  type: 'https://vexil.dev/problems/validation',
  title: 'Invalid request',
  status: 400,
  detail: 'allocations[0].serve.split: weights must sum to 100, not 90 (and 3 more)',
  errors: [
    { path: 'allocations[0].serve.split', message: 'weights must sum to 100, not 90' },
    { path: 'allocations[0].conditions[1].values[0]', message: 'must be a finite number' },
    { path: 'allocations[10].exposure', message: 'must be a percentage from 0 to 100' },
    { path: 'fallthrough.variation', message: 'unknown variation "gone"' },
  ],
};

describe('formatPath and parsePath', () => {
  it.each<[(string | number)[], string]>([
    [['allocations', 0, 'serve', 'split'], 'allocations[0].serve.split'],
    [['variations', 1, 'value'], 'variations[1].value'],
    [[0, 'weight'], '[0].weight'],
    [['on'], 'on'],
    [[], ''],
  ])('%j ⇄ %s', (parts, path) => {
    expect(formatPath(parts)).toBe(path);
    expect(parsePath(path)).toEqual(parts);
  });
});

describe('joinPath', () => {
  it.each([
    ['environments.production', 'allocations[0]', 'environments.production.allocations[0]'],
    ['allocations', '[0].exposure', 'allocations[0].exposure'],
    ['', 'on', 'on'],
    ['fallthrough', '', 'fallthrough'],
  ])('%s + %s = %s', (prefix, path, joined) => {
    expect(joinPath(prefix, path)).toBe(joined);
  });
});

describe('isAtOrBelow and relativePath', () => {
  it.each([
    ['allocations[0].exposure', 'allocations[0]', true, 'exposure'],
    ['allocations[0]', 'allocations[0]', true, ''],
    ['allocations[0].serve.split[1].weight', 'allocations[0].serve.split', true, '[1].weight'],
    ['allocations[10].exposure', 'allocations[1]', false, undefined],
    ['allocationsX', 'allocations', false, undefined],
    ['on', '', true, 'on'],
  ])('%s under %s: %s (%s)', (path, prefix, below, relative) => {
    expect(isAtOrBelow(path, prefix)).toBe(below);
    expect(relativePath(path, prefix)).toBe(relative);
  });
});

describe('fieldErrors', () => {
  it('reads a problem body, an ApiProblem or a bare list, and nothing else', () => {
    const apiProblem = new ApiProblem(400, 'Invalid request', undefined, problem.errors);
    expect(fieldErrors(problem)).toEqual(problem.errors);
    expect(fieldErrors(apiProblem)).toEqual(problem.errors);
    expect(fieldErrors(problem.errors)).toEqual(problem.errors);
    for (const other of [undefined, null, 'oops', new Error('network'), { errors: 'x' }]) {
      expect(fieldErrors(other)).toEqual([]);
    }
  });

  it('skips malformed entries', () => {
    expect(fieldErrors({ errors: [{ path: 'on' }, { path: 'on', message: 'must be true or false' }, 7] })).toEqual([
      { path: 'on', message: 'must be true or false' },
    ]);
  });
});

describe('errorsAt', () => {
  it('gives an allocation card its own errors and those of its fields, not those of allocation 10', () => {
    expect(errorsAt(problem, 'allocations[0]')).toEqual(problem.errors.slice(0, 2));
    expect(errorsAt(problem, 'allocations[1]')).toEqual([]);
    expect(errorsAt(problem, 'allocations')).toEqual(problem.errors.slice(0, 3));
  });
});

describe('errorFor', () => {
  it('puts a split of 60/30 next to the weights of that allocation', () => {
    expect(errorFor(problem, 'allocations[0].serve.split')).toBe('weights must sum to 100, not 90');
    expect(errorFor(problem, 'allocations[0].serve')).toBeUndefined();
  });

  it('joins several messages for one field', () => {
    const twice = { errors: [...problem.errors, { path: 'fallthrough.variation', message: 'is required' }] };
    expect(errorFor(twice, 'fallthrough.variation')).toBe('unknown variation "gone"; is required');
  });

  it('finds the engine validator’s path for a bad split', () => {
    const errors = validateFlag(
      {
        key: 'f',
        type: 'boolean',
        variations: [
          { key: 'on', value: true },
          { key: 'off', value: false },
        ],
        on: true,
        allocations: [
          {
            id: 'a',
            serve: {
              split: [
                { variation: 'on', weight: 60 },
                { variation: 'off', weight: 30 },
              ],
            },
          },
        ],
      },
      { flag: () => undefined, segment: () => undefined },
    );
    expect(errorFor(errors, statePath(undefined, 'allocations', 0, 'serve', 'split'))).toBe(
      'weights must sum to 100, not 90',
    );
  });
});

describe('unclaimedErrors', () => {
  it('keeps what no field on the page shows', () => {
    expect(unclaimedErrors(problem, ['allocations[0]', 'fallthrough'])).toEqual([problem.errors[2]]);
    expect(unclaimedErrors(problem, [''])).toEqual([]);
  });
});

describe('errorsUnder and statePath', () => {
  it('puts a state’s errors under its environment, where the flag form and the diff look for them', () => {
    const errors = errorsUnder(problem, 'environments.production');
    expect(errors[0]).toEqual({
      path: 'environments.production.allocations[0].serve.split',
      message: 'weights must sum to 100, not 90',
    });
    expect(errorFor(errors, statePath('production', 'allocations', 0, 'serve', 'split'))).toBe(
      'weights must sum to 100, not 90',
    );
  });

  it.each<[string | undefined, (string | number)[], string]>([
    ['production', ['allocations', 2, 'exposure'], 'environments.production.allocations[2].exposure'],
    ['staging', [], 'environments.staging'],
    [undefined, ['fallthrough', 'variation'], 'fallthrough.variation'],
  ])('statePath(%s, %j) = %s', (environment, parts, path) => {
    expect(statePath(environment, ...parts)).toBe(path);
  });
});
