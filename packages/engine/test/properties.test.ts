import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compile,
  validateRuleset,
  type Allocation,
  type AttributeClause,
  type EvaluationContext,
  type FlagConfig,
  type Ruleset,
} from '../src/index.js';
import { setCodeGeneration } from '../src/codegen.js';
import { compileAttributeClause } from '../src/operators.js';

const BOOLEAN_VARIATIONS = [
  { key: 'on', value: true },
  { key: 'off', value: false },
];

function rollout(exposure: number, salt = 'rollout-salt'): ReturnType<typeof compile> {
  return compile({
    flags: [
      {
        key: 'rollout',
        type: 'boolean',
        variations: BOOLEAN_VARIATIONS,
        on: true,
        allocations: [{ id: 'gradual', salt, exposure, serve: { variation: 'on' } }],
        fallthrough: { variation: 'off' },
      },
    ],
  });
}

function split(weights: number[], salt = 'split-salt'): ReturnType<typeof compile> {
  return compile({
    flags: [
      {
        key: 'experiment',
        type: 'string',
        variations: weights.map((_, index) => ({ key: `v${index}`, value: `v${index}` })),
        on: true,
        allocations: [
          {
            id: 'experiment',
            salt,
            serve: { split: weights.map((weight, index) => ({ variation: `v${index}`, weight })) },
          },
        ],
      },
    ],
  });
}

const keys = (count: number, prefix = 'user') => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

/** Integer percentages in hundredths summing to 100 %, for 2–5 variations. */
const weightsArb = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 2, maxLength: 5 }).map((raw) => {
  const total = raw.reduce((sum, value) => sum + value, 0);
  const hundredths = raw.map((value) => Math.floor((value / total) * 10_000));
  hundredths[0]! += 10_000 - hundredths.reduce((sum, value) => sum + value, 0);
  return hundredths.map((value) => value / 100);
});

describe('rollouts', () => {
  it('are monotonic: a context inside a p % rollout stays inside at q > p', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.string(),
        (key, a, b, salt) => {
          const [p, q] = a <= b ? [a / 100, b / 100] : [b / 100, a / 100];
          const context = { key };
          const inAtP = rollout(p, salt).evaluate('rollout', context).reason !== 'TRAFFIC_EXCLUDED';
          const inAtQ = rollout(q, salt).evaluate('rollout', context).reason !== 'TRAFFIC_EXCLUDED';
          expect(!inAtP || inAtQ).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('expose their percentage of contexts, within ±1 % over 100,000 keys', () => {
    for (const exposure of [1, 10, 25, 50, 99.5]) {
      const ruleset = rollout(exposure);
      const exposed = keys(100_000).filter((key) => ruleset.evaluate('rollout', { key }).value === true).length;
      expect(Math.abs(exposed / 1_000 - exposure)).toBeLessThanOrEqual(1);
    }
  });

  it('exclude contexts outside the exposure with TRAFFIC_EXCLUDED and the caller default, and stop the waterfall', () => {
    const ruleset = rollout(0);
    expect(ruleset.evaluate('rollout', { key: 'anyone' }, true)).toEqual({
      value: true,
      reason: 'TRAFFIC_EXCLUDED',
      allocation: 'gradual',
    });
  });
});

describe('splits', () => {
  it('give each variation its weight within ±1 % over 100,000 keys', () => {
    fc.assert(
      fc.property(weightsArb, fc.string(), (weights, salt) => {
        const ruleset = split(weights, salt);
        const counts = new Map<string, number>();
        for (const key of keys(100_000)) {
          const variation = ruleset.evaluate('experiment', { key }).variation!;
          counts.set(variation, (counts.get(variation) ?? 0) + 1);
        }
        weights.forEach((weight, index) => {
          expect(Math.abs((counts.get(`v${index}`) ?? 0) / 1_000 - weight)).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 8 },
    );
  });

  it('move only the contexts between the old and new boundaries when weights change', () => {
    const before = split([50, 50]);
    const after = split([60, 40]);
    const population = keys(100_000);
    const moved = population.filter(
      (key) => before.evaluate('experiment', { key }).variation !== after.evaluate('experiment', { key }).variation,
    );
    // Exactly the 10 % of buckets that changed hands, and all of them from v1 to v0.
    expect(Math.abs(moved.length / 1_000 - 10)).toBeLessThanOrEqual(1);
    for (const key of moved) expect(after.evaluate('experiment', { key }).variation).toBe('v0');
  });
});

// ── Arbitrary flags ──────────────────────────────────────────────────────────────────────────

const attributeArb = fc.constantFrom('plan', 'country', 'age', 'email', 'version', '/address/city');
const clauseArb: fc.Arbitrary<AttributeClause> = fc.oneof(
  fc.record({
    attribute: attributeArb,
    operator: fc.constantFrom('equals' as const, 'in' as const, 'not_in' as const, 'contains' as const),
    values: fc.array(fc.constantFrom('pro', 'FR', 'a', '1.0.0', '30'), { minLength: 1, maxLength: 3 }),
    negate: fc.boolean(),
  }),
  fc.record({
    attribute: attributeArb,
    operator: fc.constantFrom('gt' as const, 'lte' as const),
    values: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 2 }),
    negate: fc.boolean(),
  }),
  fc.record({
    attribute: attributeArb,
    operator: fc.constantFrom('exists' as const, 'not_exists' as const),
    values: fc.constant<string[]>([]),
    negate: fc.boolean(),
  }),
  fc.record({
    attribute: attributeArb,
    operator: fc.constant('semver_gte' as const),
    values: fc.constant<string[]>(['1.2.0']),
    negate: fc.boolean(),
  }),
  fc.record({
    attribute: attributeArb,
    operator: fc.constant('matches' as const),
    values: fc.constant<string[]>(['^p']),
    negate: fc.boolean(),
  }),
);
const serveArb = fc.oneof(
  fc.constantFrom('on', 'off').map((variation) => ({ variation })),
  fc.integer({ min: 0, max: 100 }).map((weight) => ({
    split: [
      { variation: 'on', weight },
      { variation: 'off', weight: 100 - weight },
    ],
  })),
);
const allocationArb = (id: number): fc.Arbitrary<Allocation> =>
  fc.record({
    id: fc.constant(`a${id}`),
    enabled: fc.boolean(),
    conditions: fc.array(clauseArb, { maxLength: 3 }),
    exposure: fc.integer({ min: 0, max: 100 }),
    serve: serveArb,
    track: fc.boolean(),
    startAt: fc.constantFrom(undefined, '2020-01-01', '2100-01-01'),
    endAt: fc.constantFrom(undefined, '2021-01-01T00:00:00Z', 4102444800000),
  });
const flagArb = (key: string, prerequisiteKeys: string[]): fc.Arbitrary<FlagConfig> =>
  fc.record({
    key: fc.constant(key),
    type: fc.constant('boolean' as const),
    variations: fc.constant(BOOLEAN_VARIATIONS),
    on: fc.boolean(),
    offVariation: fc.constantFrom('on', 'off'),
    prerequisites: fc.subarray(prerequisiteKeys).map((flags) => flags.map((flag) => ({ flag, variations: ['on'] }))),
    targets: fc.array(
      fc.record({ variation: fc.constantFrom('on', 'off'), values: fc.array(fc.constantFrom('u1', 'u2', 'u3')) }),
      { maxLength: 2 },
    ),
    allocations: fc
      .integer({ min: 0, max: 4 })
      .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => allocationArb(index)))),
    fallthrough: serveArb,
  });
const contextArb: fc.Arbitrary<EvaluationContext> = fc.record(
  {
    key: fc.constantFrom('u1', 'u2', 'u3', 'u4', ''),
    plan: fc.constantFrom('pro', 'free', 30, true, null),
    country: fc.constantFrom('FR', 'US', ['FR', 'DE']),
    age: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant('42')),
    version: fc.constantFrom('1.2.0', '1.10.0-beta', 'x'),
    address: fc.constantFrom({ city: 'a' }, 'flat', null),
  },
  { requiredKeys: [] },
);

describe('evaluation', () => {
  it('is deterministic: the same ruleset and context always give the same result', () => {
    fc.assert(
      fc.property(flagArb('f', []), contextArb, (flag, context) => {
        const first = compile({ flags: [flag] }).evaluate('f', context);
        const second = compile({ flags: [structuredClone(flag)] }).evaluate('f', structuredClone(context));
        expect(second).toEqual(first);
      }),
      { numRuns: 1_000 },
    );
  });

  it('obeys the kill switch above everything else', () => {
    fc.assert(
      fc.property(flagArb('f', ['g']), flagArb('g', []), contextArb, (flag, prerequisite, context) => {
        const killed = { ...flag, on: false };
        const result = compile({ flags: [killed, prerequisite] }).evaluate('f', context);
        expect(result).toEqual({
          value: killed.offVariation === 'on',
          variation: killed.offVariation,
          reason: 'DISABLED',
        });
      }),
      { numRuns: 1_000 },
    );
  });

  it('explains exactly what it evaluates', () => {
    fc.assert(
      fc.property(flagArb('f', ['g']), flagArb('g', []), contextArb, (flag, prerequisite, context) => {
        const ruleset = compile({ flags: [flag, prerequisite] });
        expect(ruleset.explain('f', context).result).toEqual(ruleset.evaluate('f', context));
      }),
      { numRuns: 1_000 },
    );
  });

  it('never throws, whatever the context or ruleset', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.string(), (garbageFlag, garbageContext, key) => {
        const ruleset = compile({
          flags: [garbageFlag as FlagConfig, { key, type: 'boolean', variations: BOOLEAN_VARIATIONS, on: true }],
        });
        for (const flagKey of [key, (garbageFlag as { key?: string })?.key ?? 'x', 'missing']) {
          const result = ruleset.evaluate(String(flagKey), garbageContext as EvaluationContext, false);
          expect(typeof result.reason).toBe('string');
          if (result.reason === 'ERROR') expect(result.errorCode).toBeDefined();
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('prerequisite cycles', () => {
  /** Random prerequisite graphs over n flags, cycles included. */
  const graphArb = fc.integer({ min: 1, max: 8 }).chain((count) =>
    fc.array(fc.subarray(Array.from({ length: count }, (_, index) => `f${index}`)), {
      minLength: count,
      maxLength: count,
    }),
  );

  function rulesetOf(graph: string[][]): Ruleset {
    return {
      flags: graph.map((prerequisites, index) => ({
        key: `f${index}`,
        type: 'boolean',
        variations: BOOLEAN_VARIATIONS,
        on: true,
        offVariation: 'off',
        prerequisites: prerequisites.map((flag) => ({ flag, variations: ['on'] })),
        fallthrough: { variation: 'on' },
      })),
    };
  }

  function hasCycleThrough(graph: string[][], start: string): boolean {
    const seen = new Set<string>();
    const stack = [...graph[Number(start.slice(1))]!];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === start) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...graph[Number(next.slice(1))]!);
    }
    return false;
  }

  it('are rejected by the validator, and can never hang evaluation', () => {
    fc.assert(
      fc.property(graphArb, (graph) => {
        const ruleset = rulesetOf(graph);
        const errors = validateRuleset(ruleset);
        const compiled = compile(ruleset);
        graph.forEach((_, index) => {
          const key = `f${index}`;
          const cyclic = hasCycleThrough(graph, key);
          const selfLoop = graph[index]!.includes(key);
          if (cyclic && !selfLoop)
            expect(errors).toContainEqual({
              path: `flags[${index}].prerequisites`,
              message: 'would create a prerequisite cycle',
            });
          if (selfLoop)
            expect(errors).toContainEqual({
              path: expect.stringMatching(new RegExp(`^flags\\[${index}\\]\\.prerequisites\\[\\d+\\]\\.flag$`)),
              message: 'a flag cannot be its own prerequisite',
            });
          if (!cyclic) expect(errors.filter((error) => error.path.startsWith(`flags[${index}].`))).toEqual([]);
          const result = compiled.evaluate(key, { key: 'u' });
          if (cyclic) expect(result).toMatchObject({ reason: 'ERROR', errorCode: 'GENERAL' });
          else expect(['STATIC', 'DEFAULT', 'PREREQUISITE_FAILED']).toContain(result.reason);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('generated clause code', () => {
  const operatorArb = fc.constantFrom(
    'equals',
    'not_equals',
    'in',
    'not_in',
    'contains',
    'not_contains',
    'starts_with',
    'ends_with',
    'gt',
    'gte',
    'lt',
    'lte',
    'matches',
    'exists',
    'not_exists',
  ) as fc.Arbitrary<AttributeClause['operator']>;
  const scalarArb = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 5 }), fc.double(), fc.boolean());
  const attributeValueArb = fc.oneof(
    scalarArb,
    fc.constant(null),
    fc.array(scalarArb, { maxLength: 3 }),
    fc.object({ maxDepth: 1 }),
  );

  it('decides every clause exactly as the generic closures do', () => {
    fc.assert(
      fc.property(
        operatorArb,
        fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -5, max: 5 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        attributeValueArb,
        fc.constantFrom<EvaluationContext['kind']>(undefined, 'user', 'organization', 'multi'),
        (operator, rawValues, negate, value, kind) => {
          const numeric = ['gt', 'gte', 'lt', 'lte'].includes(operator);
          const values = numeric
            ? rawValues.map((v) => (typeof v === 'number' ? v : v.length))
            : operator === 'matches'
              ? rawValues.map((v) => String(v).replace(/[^a-z0-9]/gi, ''))
              : rawValues;
          const clause: AttributeClause = { attribute: 'a', operator, values, negate };
          const context = (
            kind === 'multi' ? { kind, user: { key: 'k', a: value } } : { kind, key: 'k', a: value }
          ) as EvaluationContext;
          expect(compileAttributeClause(clause, true)(context)).toBe(compileAttributeClause(clause, false)(context));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('code generation', () => {
  it('never changes a result: generated and closure-only rulesets agree', () => {
    fc.assert(
      fc.property(
        fc.array(flagArb('f', ['g']), { minLength: 1, maxLength: 1 }),
        flagArb('g', []),
        fc.array(contextArb, { minLength: 1, maxLength: 5 }),
        ([flag], prerequisite, contexts) => {
          const generated = compile({ flags: [flag!, prerequisite] });
          setCodeGeneration(false);
          const closures = compile({ flags: [flag!, prerequisite] });
          setCodeGeneration(undefined);
          for (const context of contexts)
            expect(closures.evaluate('f', context)).toEqual(generated.evaluate('f', context));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
