import { describe, expect, it } from 'vitest';
import { compile, type FlagConfig } from '../src/index.js';

const checkout: FlagConfig = {
  key: 'checkout',
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
    { id: 'paused', enabled: false, serve: { variation: 'new' } },
    {
      id: 'staff',
      name: 'Staff in Europe',
      conditions: [
        { attribute: 'email', operator: 'ends_with', values: ['@vexil.dev'] },
        { attribute: 'country', operator: 'in', values: ['FR', 'DE'] },
      ],
      serve: { variation: 'new' },
    },
    {
      id: 'half',
      exposure: 50,
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
const ruleset = compile({ flags: [checkout, payments] });

describe('explain', () => {
  it('traces every step up to the deciding one, with the clauses checked and what the context had', () => {
    const explanation = ruleset.explain('checkout', { key: 'bob', email: 'bob@vexil.dev', country: 'US' });
    expect(explanation.steps.slice(0, 5)).toEqual([
      { step: 'switch', on: true },
      { step: 'prerequisite', flag: 'payments', expected: ['on'], served: 'on', on: true, passed: true },
      { step: 'target', contextKind: 'user', variation: 'new', matched: false },
      { step: 'allocation', id: 'paused', outcome: 'disabled', clauses: [] },
      {
        step: 'allocation',
        id: 'staff',
        name: 'Staff in Europe',
        outcome: 'conditions-failed',
        clauses: [
          { clause: checkout.allocations![1]!.conditions![0], matched: true, actual: 'bob@vexil.dev' },
          { clause: checkout.allocations![1]!.conditions![1], matched: false, actual: 'US' },
        ],
      },
    ]);
    const half = explanation.steps[5];
    expect(half).toMatchObject({ step: 'allocation', id: 'half', exposure: { exposed: 5000 } });
    expect(explanation.result).toEqual(
      ruleset.evaluate('checkout', { key: 'bob', email: 'bob@vexil.dev', country: 'US' }),
    );
  });

  it('shows the buckets of a rollout', () => {
    for (const key of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) {
      const { steps, result } = ruleset.explain('checkout', { key });
      const half = steps.find((step) => step.step === 'allocation' && step.id === 'half');
      if (half?.step !== 'allocation') throw new Error('no trace of allocation "half"');
      expect(half.exposure!.bucket).toBeGreaterThanOrEqual(0);
      if (half.exposure!.bucket >= 5000) {
        expect(half.outcome).toBe('traffic-excluded');
        expect(result.reason).toBe('TRAFFIC_EXCLUDED');
      } else {
        expect(half.outcome).toBe('matched');
        expect(result.variation).toBe(half.splitBucket! < 5000 ? 'old' : 'new');
      }
    }
  });

  it('stops at the kill switch', () => {
    const off = compile({ flags: [{ ...checkout, on: false }, payments] });
    expect(off.explain('checkout', { key: 'alice' }).steps).toEqual([{ step: 'switch', on: false }]);
  });

  it('explains a failed prerequisite', () => {
    const paymentsOff = compile({ flags: [checkout, { ...payments, on: false, offVariation: 'off' }] });
    const explanation = paymentsOff.explain('checkout', { key: 'alice' });
    expect(explanation.steps[1]).toEqual({
      step: 'prerequisite',
      flag: 'payments',
      expected: ['on'],
      served: 'off',
      on: false,
      passed: false,
    });
    expect(explanation.result).toMatchObject({ reason: 'PREREQUISITE_FAILED', variation: 'old' });
  });

  it('explains an unknown flag by its error alone', () => {
    expect(ruleset.explain('nope', { key: 'a' })).toEqual({
      flag: 'nope',
      result: { value: undefined, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND', errorMessage: 'flag "nope" not found' },
      steps: [],
    });
  });
});
