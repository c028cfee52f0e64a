import { compile, type EvaluationContext, type FlagConfig } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import type { FlagWithStates } from '../../src/flags/logic/diff';
import { sentenceText } from '../../src/flags/logic/sentences';
import {
  CONTEXT_PARAM,
  type ContextStore,
  contextFromParam,
  IN_SESSION,
  MAX_URL_CONTEXT,
  paramForContext,
} from '../../src/flags/testing/context-url';
import { draftPayload, draftPlace } from '../../src/flags/testing/draft-payload';
import { answersDiffer, reasonText, traceLines, valueText } from '../../src/flags/testing/trace';

const checkout: FlagConfig = {
  key: 'checkout',
  type: 'string',
  variations: [
    { key: 'old', value: 'classic' },
    { key: 'new', value: 'redesign', name: 'New checkout' },
  ],
  on: true,
  offVariation: 'old',
  targets: [{ variation: 'new', values: ['grace'] }],
  allocations: [
    { id: 'off', name: 'Retired', enabled: false, serve: { variation: 'old' } },
    {
      id: 'staff',
      name: 'Staff',
      conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }],
      serve: { variation: 'new' },
    },
    {
      id: 'rollout',
      conditions: [{ attribute: 'country', operator: 'equals', values: ['FR'] }],
      exposure: 50,
      serve: { variation: 'new' },
    },
  ],
  fallthrough: { variation: 'old' },
};

function explain(flag: FlagConfig, context: EvaluationContext) {
  const { result, steps } = compile({ flags: [flag] }).explain(flag.key, context);
  return traceLines(
    steps,
    { variation: result.variation ?? null, allocation: result.allocation },
    {
      variations: flag.variations,
    },
  ).map((line) => ({
    title: line.title,
    text: sentenceText(line.sentence),
    outcome: line.outcome,
    clauses: line.clauses,
  }));
}

describe('the explain trace in words', () => {
  it('marks the kill switch as deciding when the flag is off', () => {
    expect(explain({ ...checkout, on: false }, { key: 'ada' })).toEqual([
      { title: 'Kill switch', text: 'Off — serves old', outcome: 'decided', clauses: [] },
    ]);
  });

  it('stops at an individual target, naming the variation by its name', () => {
    const lines = explain(checkout, { key: 'grace' });
    expect(lines.map((line) => line.outcome)).toEqual(['passed', 'decided']);
    expect(lines[1]?.text).toBe('Among the users pinned to New checkout — serves New checkout');
  });

  it('walks the waterfall: skipped, failed with the clause and the context’s value, then the deciding match', () => {
    const lines = explain(checkout, { key: 'ada', email: 'ada@acme.com' });
    expect(lines.map((line) => [line.title, line.outcome])).toEqual([
      ['Kill switch', 'passed'],
      ['Individual targets', 'skipped'],
      ['Allocation “Retired”', 'skipped'],
      ['Allocation “Staff”', 'decided'],
    ]);
    expect(lines[3]?.text).toBe('Matched — serves New checkout');
    expect(lines[3]?.clauses).toEqual([
      expect.objectContaining({ matched: true, actual: 'ada@acme.com', actualIsValue: true }),
    ]);
    expect(sentenceText(lines[3]!.clauses[0]!.sentence)).toBe('email ends with @acme.com');
  });

  it('says an attribute the context lacks is not set, and ends at the fallthrough', () => {
    const lines = explain(checkout, { key: 'bob' });
    const staff = lines.find((line) => line.title === 'Allocation “Staff”');
    expect(staff?.outcome).toBe('failed');
    expect(staff?.clauses[0]).toMatchObject({ matched: false, actual: 'not set', actualIsValue: false });
    expect(lines.at(-1)).toMatchObject({
      title: 'Fallthrough',
      text: 'No allocation matched — serves old',
      outcome: 'decided',
    });
  });

  it('explains a context outside an allocation’s exposure as not exposed', () => {
    // Bucketing is deterministic: find a French user outside the 50 % and one inside it.
    const outcomes = new Map<string, string>();
    for (let index = 0; index < 40 && outcomes.size < 2; index++) {
      const line = explain(checkout, { key: `user-${index}`, country: 'FR' }).at(-1)!;
      outcomes.set(line.text.includes('not exposed') ? 'out' : 'in', line.text);
    }
    expect(outcomes.get('out')).toMatch(
      /^Matched, but outside its 50 % exposure \(at \d+(\.\d+)? %\) — not exposed: the code’s default$/,
    );
    expect(outcomes.get('in')).toMatch(/^Matched, inside its 50 % exposure — serves New checkout$/);
  });

  it('names the deciding step of a failed prerequisite', () => {
    const gate: FlagConfig = {
      key: 'gate',
      type: 'boolean',
      variations: [
        { key: 'on', value: true },
        { key: 'off', value: false },
      ],
      on: false,
      offVariation: 'off',
    };
    const { result, steps } = compile({
      flags: [gate, { ...checkout, prerequisites: [{ flag: 'gate', variations: ['on'] }] }],
    }).explain('checkout', { key: 'ada' });
    const lines = traceLines(steps, { variation: result.variation ?? null });
    expect(lines.map((line) => [line.title, line.outcome, sentenceText(line.sentence)])).toEqual([
      ['Kill switch', 'passed', 'On — the targeting below decides'],
      ['Prerequisite', 'decided', 'gate must be on, but it is off, serving off — serves old'],
    ]);
  });
});

describe('answers', () => {
  it('shows values as code sees them, and no variation as the code’s default', () => {
    expect(valueText(true, 'on')).toBe('true');
    expect(valueText('blue', 'blue')).toBe('"blue"');
    expect(valueText({ a: 1 }, 'cfg')).toBe('{"a":1}');
    expect(valueText(null, null)).toBe('the code’s default');
  });

  it('words reasons plainly', () => {
    expect(reasonText('TRAFFIC_EXCLUDED')).toBe('Not exposed');
    expect(reasonText('ERROR', 'TARGETING_KEY_MISSING')).toBe('Error: TARGETING_KEY_MISSING');
    expect(reasonText('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('tells a draft answer that differs from the saved one', () => {
    const saved = { value: 'a', variation: 'a', reason: 'DEFAULT' };
    expect(answersDiffer(saved, { ...saved })).toBe(false);
    expect(answersDiffer(saved, { ...saved, reason: 'TARGETING_MATCH' })).toBe(true);
    expect(answersDiffer(saved, { value: 'b', variation: 'b', reason: 'DEFAULT' })).toBe(true);
  });
});

describe('the draft sent for evaluation', () => {
  const saved: FlagWithStates = {
    key: 'checkout',
    name: 'Checkout',
    type: 'boolean',
    tags: ['web'],
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    environments: {
      development: { on: false, offVariation: 'off', fallthrough: { variation: 'on' } },
      production: { on: false, offVariation: 'off', fallthrough: { variation: 'on' } },
    },
  };

  it('is nothing when the draft is the saved flag', () => {
    expect(draftPayload(saved, structuredClone(saved))).toBeUndefined();
  });

  it('carries only the states that changed, with only the fields the API takes', () => {
    const draft = structuredClone(saved);
    draft.environments.production = { ...draft.environments.production!, on: true, version: 4 } as never;
    expect(draftPayload(saved, draft)).toEqual({
      environments: { production: { on: true, offVariation: 'off', fallthrough: { variation: 'on' } } },
    });
  });

  it('carries the definition’s editable fields when it changed', () => {
    const draft = { ...structuredClone(saved), name: 'New checkout' };
    expect(draftPayload(saved, draft)).toEqual({
      definition: { name: 'New checkout', tags: ['web'], variations: saved.variations },
    });
  });

  it('says where a draft’s problem is', () => {
    expect(draftPlace('draft.environments.production.allocations[0].serve.variation')).toBe(
      'production · allocations[0].serve.variation',
    );
    expect(draftPlace('draft.environments.qa')).toBe('qa');
    expect(draftPlace('draft.definition.variations[1].value')).toBe('variations[1].value');
    expect(draftPlace('draft.definition')).toBe('definition');
  });
});

describe('the context in the URL', () => {
  const memory = (): ContextStore & { value: string | null } => {
    const store = {
      value: null as string | null,
      read: () => store.value,
      write: (json: string) => {
        store.value = json;
      },
    };
    return store;
  };

  it('round-trips a context through its compact JSON', () => {
    const store = memory();
    const context = { kind: 'multi', user: { key: 'ada' }, organization: { key: 'acme' } } as EvaluationContext;
    const param = paramForContext(context, store);
    expect(param).toBe(JSON.stringify(context));
    expect(contextFromParam(param, store)).toEqual(context);
    expect(store.value).toBeNull();
    expect(CONTEXT_PARAM).toBe('context');
  });

  it('keeps a context too long for a link in session storage', () => {
    const store = memory();
    const context = { key: 'ada', notes: 'x'.repeat(MAX_URL_CONTEXT) };
    expect(paramForContext(context, store)).toBe(IN_SESSION);
    expect(contextFromParam(IN_SESSION, store)).toEqual(context);
  });

  it('ignores a missing or invalid context', () => {
    const store = memory();
    expect(contextFromParam(null, store)).toBeUndefined();
    expect(contextFromParam('{not json', store)).toBeUndefined();
    expect(contextFromParam('{"key": 42}', store)).toBeUndefined();
    expect(contextFromParam(IN_SESSION, store)).toBeUndefined();
  });
});
