import { describe, expect, it } from 'vitest';
import {
  MAX_REGEX_PATTERNS,
  validateFlag,
  validateRuleset,
  validateSegment,
  type FlagConfig,
  type Segment,
  type ValidationScope,
} from '../src/index.js';

const valid: FlagConfig = {
  key: 'new-checkout',
  name: 'New checkout',
  type: 'string',
  variations: [
    { key: 'old', value: 'old' },
    { key: 'new', value: 'new' },
  ],
  on: true,
  offVariation: 'old',
  prerequisites: [{ flag: 'payments', variations: ['on'] }],
  targets: [{ variation: 'new', values: ['alice'] }],
  allocations: [
    {
      id: 'beta',
      conditions: [{ segment: 'beta-testers' }, { attribute: 'country', operator: 'in', values: ['FR', 'DE'] }],
      exposure: 12.5,
      serve: {
        split: [
          { variation: 'old', weight: 33.33 },
          { variation: 'new', weight: 66.67 },
        ],
      },
      startAt: '2026-01-01T00:00:00Z',
      endAt: '2026-12-31T00:00:00Z',
    },
  ],
  fallthrough: { variation: 'old' },
};

const payments: FlagConfig = {
  key: 'payments',
  type: 'boolean',
  variations: [
    { key: 'on', value: true },
    { key: 'off', value: false },
  ],
  on: true,
  fallthrough: { variation: 'on' },
};

const betaTesters: Segment = {
  key: 'beta-testers',
  included: ['bob'],
  rules: [{ clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@vexil.dev'] }] }],
};

function scope(...flags: FlagConfig[]): ValidationScope {
  const all = [payments, ...flags];
  return {
    flag: (key) => all.find((flag) => flag.key === key),
    segment: (key) => (key === betaTesters.key ? betaTesters : undefined),
  };
}

/** The errors of `valid` with one part replaced. */
function errorsWith(change: Partial<FlagConfig> | ((flag: FlagConfig) => void), ...others: FlagConfig[]) {
  const flag = structuredClone(valid);
  if (typeof change === 'function') change(flag);
  else Object.assign(flag, change);
  return validateFlag(flag, scope(...others));
}

describe('validateFlag', () => {
  it('accepts a well-formed flag', () => {
    expect(validateFlag(valid, scope())).toEqual([]);
  });

  it.each<[string, Partial<FlagConfig> | ((flag: FlagConfig) => void), string, string]>([
    ['a key with spaces', { key: 'new checkout' }, 'key', 'letters, digits'],
    ['a key over 128 characters', { key: 'k'.repeat(129) }, 'key', '1–128'],
    ['an unknown type', { type: 'text' as never }, 'type', 'must be one of'],
    ['integer on a string flag', { integer: true }, 'integer', 'number flags only'],
    ['tags that are not strings', { tags: [1] as never }, 'tags', 'list of strings'],
    ['on that is not a boolean', { on: 'yes' as never }, 'on', 'true or false'],
    [
      'a single variation',
      { variations: [{ key: 'old', value: 'old' }], offVariation: 'old', targets: [], allocations: [] },
      'variations',
      'at least two',
    ],
    [
      'duplicate variation keys',
      (f) => {
        f.variations[1]!.key = 'old';
      },
      'variations[1].key',
      'duplicate variation key "old"',
    ],
    [
      'a variation value of the wrong type',
      (f) => {
        f.variations[1]!.value = 42;
      },
      'variations[1].value',
      'not a string',
    ],
    [
      'a variation without a value',
      (f) => {
        delete (f.variations[1] as { value?: unknown }).value;
      },
      'variations[1].value',
      'is required',
    ],
    ['an unknown off variation', { offVariation: 'gone' }, 'offVariation', 'unknown variation "gone"'],
    [
      'an unknown prerequisite flag',
      { prerequisites: [{ flag: 'ghost', variations: ['on'] }] },
      'prerequisites[0].flag',
      'unknown flag "ghost"',
    ],
    [
      'an unknown prerequisite variation',
      { prerequisites: [{ flag: 'payments', variations: ['maybe'] }] },
      'prerequisites[0].variations[0]',
      'no variation "maybe"',
    ],
    [
      'a flag as its own prerequisite',
      { prerequisites: [{ flag: 'new-checkout', variations: ['new'] }] },
      'prerequisites[0].flag',
      'its own prerequisite',
    ],
    [
      'a target with an unknown variation',
      { targets: [{ variation: 'newer', values: ['a'] }] },
      'targets[0].variation',
      'unknown variation',
    ],
    [
      'a target listing non-strings',
      { targets: [{ variation: 'new', values: [7] as never }] },
      'targets[0].values',
      'context keys',
    ],
    [
      'a target of kind "multi"',
      { targets: [{ contextKind: 'multi', variation: 'new', values: ['a'] }] },
      'targets[0].contextKind',
      'context kind',
    ],
    [
      'the same context key in two target lists',
      {
        targets: [
          { variation: 'new', values: ['alice', 'bob'] },
          { variation: 'old', values: ['carol', 'alice'] },
        ],
      },
      'targets[1].values[1]',
      '"alice" is already targeted by targets[0].values[0]',
    ],
    [
      'the same context key of another kind in two target lists',
      {
        targets: [
          { contextKind: 'device', variation: 'new', values: ['d-1'] },
          { contextKind: 'device', variation: 'old', values: ['d-1'] },
        ],
      },
      'targets[1].values[0]',
      '"d-1" is already targeted by targets[0].values[0]',
    ],
    [
      'duplicate allocation ids',
      (f) => {
        f.allocations!.push({ ...f.allocations![0]! });
      },
      'allocations[1].id',
      'duplicate allocation id "beta"',
    ],
    [
      'an allocation without an id',
      (f) => {
        delete (f.allocations![0] as { id?: string }).id;
      },
      'allocations[0].id',
      'letters, digits',
    ],
    [
      'an unknown operator',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'country', operator: 'like' as never, values: ['F%'] };
      },
      'allocations[0].conditions[1].operator',
      'must be one of',
    ],
    [
      'an invalid regular expression',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'ua', operator: 'matches', values: ['(unclosed'] };
      },
      'allocations[0].conditions[1].values[0]',
      'invalid regular expression',
    ],
    [
      'a regular expression that backtracks catastrophically',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'ua', operator: 'matches', values: ['^(a+)+$'] };
      },
      'allocations[0].conditions[1].values[0]',
      '',
    ],
    [
      'a version that is not semver',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'v', operator: 'semver_gt', values: ['one'] };
      },
      'allocations[0].conditions[1].values[0]',
      'not a semantic version',
    ],
    [
      'a string for a numeric operator',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'age', operator: 'gt', values: ['65'] };
      },
      'allocations[0].conditions[1].values[0]',
      'finite number',
    ],
    [
      'a date that is not ISO 8601',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'since', operator: 'before', values: ['03/04/2025'] };
      },
      'allocations[0].conditions[1].values[0]',
      'ISO 8601',
    ],
    [
      'a clause without values',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'plan', operator: 'equals', values: [] };
      },
      'allocations[0].conditions[1].values',
      'at least one value',
    ],
    [
      'an object among clause values',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'plan', operator: 'in', values: ['a', { b: 1 }] };
      },
      'allocations[0].conditions[1].values[1]',
      'string, a finite number or a boolean',
    ],
    [
      'exists with values',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'plan', operator: 'exists', values: ['pro'] };
      },
      'allocations[0].conditions[1].values',
      '"exists" takes no values',
    ],
    [
      'not_exists with values',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: 'plan', operator: 'not_exists', values: [false] };
      },
      'allocations[0].conditions[1].values',
      '"not_exists" takes no values',
    ],
    [
      'an empty attribute path segment',
      (f) => {
        f.allocations![0]!.conditions![1] = { attribute: '/address//city', operator: 'exists', values: [] };
      },
      'allocations[0].conditions[1].attribute',
      'attribute name',
    ],
    [
      'an unknown segment',
      (f) => {
        f.allocations![0]!.conditions![0] = { segment: 'gamma-testers' };
      },
      'allocations[0].conditions[0].segment',
      'unknown segment "gamma-testers"',
    ],
    [
      'exposure over 100 %',
      (f) => {
        f.allocations![0]!.exposure = 101;
      },
      'allocations[0].exposure',
      'from 0 to 100',
    ],
    [
      'exposure finer than 0.01 %',
      (f) => {
        f.allocations![0]!.exposure = 12.345;
      },
      'allocations[0].exposure',
      '0.01 %',
    ],
    [
      'split weights that do not sum to 100',
      (f) => {
        f.allocations![0]!.serve = {
          split: [
            { variation: 'old', weight: 40 },
            { variation: 'new', weight: 50 },
          ],
        };
      },
      'allocations[0].serve.split',
      'sum to 100, not 90',
    ],
    [
      'a negative split weight',
      (f) => {
        f.allocations![0]!.serve = {
          split: [
            { variation: 'old', weight: -10 },
            { variation: 'new', weight: 110 },
          ],
        };
      },
      'allocations[0].serve.split[0].weight',
      'from 0 to 100',
    ],
    [
      'a split with an unknown variation',
      (f) => {
        f.allocations![0]!.serve = {
          split: [
            { variation: 'old', weight: 50 },
            { variation: 'neu', weight: 50 },
          ],
        };
      },
      'allocations[0].serve.split[1].variation',
      'unknown variation "neu"',
    ],
    [
      'a serve that is neither variation nor split',
      (f) => {
        f.allocations![0]!.serve = { variations: ['old'] } as never;
      },
      'allocations[0].serve',
      'must serve',
    ],
    [
      'a start date that is not a date',
      (f) => {
        f.allocations![0]!.startAt = 'tomorrow';
      },
      'allocations[0].startAt',
      'ISO 8601',
    ],
    [
      'an impossible calendar date',
      (f) => {
        f.allocations![0]!.endAt = '2026-02-30';
      },
      'allocations[0].endAt',
      'ISO 8601',
    ],
    [
      'an end before the start',
      (f) => {
        f.allocations![0]!.endAt = '2025-01-01T00:00:00Z';
      },
      'allocations[0].endAt',
      'not be before startAt',
    ],
    [
      'an unknown fallthrough variation',
      { fallthrough: { variation: 'newest' } },
      'fallthrough.variation',
      'unknown variation',
    ],
    ['bucketing on a malformed path', { bucketBy: { attribute: '/' } }, 'bucketBy.attribute', 'attribute name'],
  ])('rejects %s', (_, change, path, message) => {
    const errors = errorsWith(change);
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('accepts one context key in target lists of different kinds, or twice in one list', () => {
    const targets = [
      { variation: 'new', values: ['alice', 'alice'] },
      { contextKind: 'organization', variation: 'old', values: ['alice'] },
    ];
    expect(errorsWith({ targets })).toEqual([]);
  });

  it('accepts exists and not_exists without values', () => {
    const errors = errorsWith((f) => {
      f.allocations![0]!.conditions = [
        { attribute: 'plan', operator: 'exists', values: [] },
        { attribute: 'trial', operator: 'not_exists', values: [] },
      ];
    });
    expect(errors).toEqual([]);
  });

  it('accepts semantic versions with a leading v', () => {
    const errors = errorsWith((f) => {
      f.allocations![0]!.conditions = [{ attribute: 'appVersion', operator: 'semver_gte', values: ['v2.4.0'] }];
    });
    expect(errors).toEqual([]);
  });

  it('rejects a prerequisite that would close a cycle', () => {
    const other: FlagConfig = {
      ...payments,
      key: 'upstream',
      prerequisites: [{ flag: 'new-checkout', variations: ['new'] }],
    };
    const errors = errorsWith({ prerequisites: [{ flag: 'upstream', variations: ['on'] }] }, other);
    expect(errors).toContainEqual({ path: 'prerequisites', message: 'would create a prerequisite cycle' });
  });

  it('reports every problem at once', () => {
    const errors = errorsWith({ key: 'bad key', offVariation: 'gone', fallthrough: { variation: 'nope' } });
    expect(errors.map((error) => error.path)).toEqual(['key', 'offVariation', 'fallthrough.variation']);
  });

  it('rejects a value that is not an object', () => {
    expect(validateFlag('flag', scope())).toEqual([{ path: '', message: 'must be an object' }]);
  });

  it('bounds the regular expressions of a flag, repeated ones included', () => {
    const withPatterns = (count: number) =>
      errorsWith((flag) => {
        flag.allocations = Array.from({ length: count }, (_, index) => ({
          id: `a${index}`,
          conditions: [{ attribute: 'ua', operator: 'matches', values: [`^agent-${index % 2}$`] }],
          serve: { variation: 'new' },
        }));
      });
    expect(withPatterns(MAX_REGEX_PATTERNS)).toEqual([]);
    expect(withPatterns(MAX_REGEX_PATTERNS + 1)).toEqual([
      {
        path: `allocations[${MAX_REGEX_PATTERNS}].conditions[0].values[0]`,
        message: expect.stringContaining(`at most ${MAX_REGEX_PATTERNS} "matches" patterns`),
      },
    ]);
  });

  it('checks integer flags', () => {
    const errors = validateFlag(
      {
        ...payments,
        type: 'number',
        integer: true,
        variations: [
          { key: 'a', value: 1 },
          { key: 'b', value: 1.5 },
        ],
        fallthrough: { variation: 'a' },
      },
      scope(),
    );
    expect(errors).toEqual([
      { path: 'variations[1].value', message: "is not a whole number (the flag's type is integer number)" },
    ]);
  });
});

describe('validateSegment', () => {
  it('accepts a well-formed segment', () => {
    expect(validateSegment(betaTesters)).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ['a bad key', { ...betaTesters, key: '' }, 'key', 'letters'],
    ['included keys that are not strings', { ...betaTesters, included: [1] }, 'included', 'context keys'],
    ['a rule without clauses', { ...betaTesters, rules: [{ clauses: [] }] }, 'rules[0].clauses', 'non-empty'],
    [
      'a segment inside a segment',
      { ...betaTesters, rules: [{ clauses: [{ segment: 'x' }] }] },
      'rules[0].clauses[0].segment',
      'other segments',
    ],
    [
      'a bad clause',
      { ...betaTesters, rules: [{ clauses: [{ attribute: 'age', operator: 'lt', values: [true] }] }] },
      'rules[0].clauses[0].values[0]',
      'finite number',
    ],
    [
      'exists with values',
      { ...betaTesters, rules: [{ clauses: [{ attribute: 'email', operator: 'exists', values: ['x'] }] }] },
      'rules[0].clauses[0].values',
      '"exists" takes no values',
    ],
    [
      'too many regular expressions',
      {
        ...betaTesters,
        rules: [
          {
            clauses: [
              {
                attribute: 'email',
                operator: 'matches',
                values: Array.from({ length: 65 }, (_, index) => `@team-${index}\\.example$`),
              },
            ],
          },
        ],
      },
      'rules[0].clauses[0].values[64]',
      'at most 64 "matches" patterns',
    ],
  ])('rejects %s', (_, segment, path, message) => {
    expect(validateSegment(segment)).toContainEqual({ path, message: expect.stringContaining(message) });
  });
});

describe('validateRuleset', () => {
  it('accepts a consistent ruleset', () => {
    expect(validateRuleset({ flags: [valid, payments], segments: [betaTesters] })).toEqual([]);
  });

  it('locates errors by position in the ruleset', () => {
    const errors = validateRuleset({
      flags: [valid, payments, payments],
      segments: [betaTesters, { ...betaTesters, rules: [{ clauses: [] }] }],
    });
    expect(errors).toEqual([
      { path: 'segments[1].rules[0].clauses', message: 'must be a non-empty list of clauses' },
      { path: 'segments[1].key', message: 'duplicate segment key "beta-testers"' },
      { path: 'flags[2].key', message: 'duplicate flag key "payments"' },
    ]);
  });

  it('rejects prerequisite cycles across flags', () => {
    const a: FlagConfig = { ...payments, key: 'a', prerequisites: [{ flag: 'b', variations: ['on'] }] };
    const b: FlagConfig = { ...payments, key: 'b', prerequisites: [{ flag: 'a', variations: ['on'] }] };
    const errors = validateRuleset({ flags: [a, b] });
    expect(errors).toEqual([
      { path: 'flags[0].prerequisites', message: 'would create a prerequisite cycle' },
      { path: 'flags[1].prerequisites', message: 'would create a prerequisite cycle' },
    ]);
  });

  it('rejects a ruleset without a flag list', () => {
    expect(validateRuleset({})).toEqual([{ path: 'flags', message: 'must be an array' }]);
  });
});
