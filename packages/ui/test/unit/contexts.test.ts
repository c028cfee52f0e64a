import { compile, type EvaluationContext } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import {
  attributeRow,
  type ContextForm,
  contextFromForm,
  contextJson,
  contextProblem,
  formFromContext,
  parseAttributeValue,
  parseContextJson,
} from '../../src/flags/logic/contexts';

describe('parseContextJson', () => {
  it.each<[string, EvaluationContext]>([
    ['{ "key": "u-1", "country": "FR" }', { key: 'u-1', country: 'FR' }],
    ['{ "kind": "organization", "key": "acme", "plan": "pro" }', { kind: 'organization', key: 'acme', plan: 'pro' }],
    [
      '{ "kind": "multi", "user": { "key": "u-1" }, "organization": { "key": "acme" } }',
      { kind: 'multi', user: { key: 'u-1' }, organization: { key: 'acme' } },
    ],
    ['{ "country": "FR" }', { country: 'FR' }],
  ])('reads %s', (text, context) => {
    expect(parseContextJson(text)).toEqual({ ok: true, context });
  });

  it.each([
    ['', 'Enter a context, like { "key": "user-1" }'],
    ['[1, 2]', 'A context must be a JSON object, like { "key": "user-1" }'],
    ['"u-1"', 'A context must be a JSON object, like { "key": "user-1" }'],
    ['{ "key": 42 }', '"key" must be a string'],
    ['{ "kind": "bad kind", "key": "x" }', '"kind" must be a context kind (letters, digits, ".", "-", "_") or "multi"'],
    ['{ "kind": 3 }', '"kind" must be a context kind (letters, digits, ".", "-", "_") or "multi"'],
    ['{ "kind": "multi" }', 'A multi-kind context needs at least one kind, like "user": { "key": "user-1" }'],
    ['{ "kind": "multi", "user": "u-1" }', '"user" must be an object: the attributes of that kind'],
    ['{ "kind": "multi", "user": { "key": 1 } }', '"user.key" must be a string'],
    ['{ "kind": "multi", "a b": { "key": "x" } }', '"a b" is not a context kind (letters, digits, ".", "-", "_")'],
    [`{ "key": "${'x'.repeat(513)}" }`, '"key" must be at most 512 characters'],
  ])('refuses %s: %s', (text, message) => {
    expect(parseContextJson(text)).toEqual({ ok: false, message });
  });

  it('says the JSON is not valid, with the parser’s reason', () => {
    const parsed = parseContextJson('{ "key": ');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/^Not valid JSON: /);
  });
});

describe('contextProblem', () => {
  it('accepts what the engine evaluates, refuses what it would not read', () => {
    expect(contextProblem({ key: 'u-1' })).toBeNull();
    expect(contextProblem(null)).toBe('A context must be a JSON object, like { "key": "user-1" }');
  });
});

describe('contextJson', () => {
  it('writes a context for its editor and reads back the same', () => {
    const context: EvaluationContext = { kind: 'multi', user: { key: 'u-1', tags: ['beta'] } };
    const text = contextJson(context);
    expect(text).toContain('\n  "user": {');
    expect(parseContextJson(text)).toEqual({ ok: true, context });
  });
});

describe('the context form', () => {
  const user: ContextForm = {
    kind: 'user',
    key: 'u-1',
    attributes: [
      { name: 'email', type: 'string', value: 'ada@acme.com' },
      { name: 'age', type: 'number', value: '36' },
      { name: 'beta', type: 'boolean', value: 'true' },
      { name: 'groups', type: 'json', value: '["staff", "qa"]' },
      { name: '', type: 'string', value: '' },
    ],
  };
  const organization: ContextForm = {
    kind: 'organization',
    key: 'acme',
    attributes: [{ name: 'plan', type: 'string', value: 'pro' }],
  };

  it('builds a user context without a kind, skipping the blank row', () => {
    expect(contextFromForm([user])).toEqual({
      ok: true,
      context: { key: 'u-1', email: 'ada@acme.com', age: 36, beta: true, groups: ['staff', 'qa'] },
    });
  });

  it('builds a single context of another kind with its kind', () => {
    expect(contextFromForm([organization])).toEqual({
      ok: true,
      context: { kind: 'organization', key: 'acme', plan: 'pro' },
    });
  });

  it('builds a multi-kind context from several kinds, and the engine reads it', () => {
    const built = contextFromForm([user, organization]);
    expect(built).toEqual({
      ok: true,
      context: {
        kind: 'multi',
        user: { key: 'u-1', email: 'ada@acme.com', age: 36, beta: true, groups: ['staff', 'qa'] },
        organization: { key: 'acme', plan: 'pro' },
      },
    });
    const ruleset = compile({
      flags: [
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
              id: 'pro',
              conditions: [{ contextKind: 'organization', attribute: 'plan', operator: 'equals', values: ['pro'] }],
              serve: { variation: 'on' },
            },
          ],
          fallthrough: { variation: 'off' },
        },
      ],
    });
    expect(built.ok && ruleset.evaluate('f', built.context).value).toBe(true);
  });

  it('leaves the key out when it is empty', () => {
    expect(contextFromForm([{ kind: 'user', key: '', attributes: [] }])).toEqual({ ok: true, context: {} });
  });

  it('names the card, the field and the row of each problem', () => {
    const result = contextFromForm([
      {
        kind: 'user',
        key: 'x'.repeat(513),
        attributes: [
          { name: 'age', type: 'number', value: 'old' },
          { name: '', type: 'string', value: 'orphan' },
          { name: 'age', type: 'string', value: '3' },
          { name: 'key', type: 'string', value: 'k' },
          { name: 'beta', type: 'boolean', value: 'yes' },
          { name: 'tags', type: 'json', value: '[oops' },
        ],
      },
      { kind: 'multi', key: 'm', attributes: [] },
      { kind: 'user', key: 'u-2', attributes: [] },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { kindIndex: 0, field: 'key', message: 'must be at most 512 characters' },
        { kindIndex: 0, field: 'value', row: 0, message: 'must be a number, like 42 or 3.5' },
        { kindIndex: 0, field: 'name', row: 1, message: 'needs a name' },
        { kindIndex: 0, field: 'name', row: 2, message: '"age" is already set above' },
        { kindIndex: 0, field: 'name', row: 3, message: 'set the key above, not as an attribute' },
        { kindIndex: 0, field: 'value', row: 4, message: 'must be true or false' },
        { kindIndex: 0, field: 'value', row: 5, message: 'must be JSON, like ["beta", "staff"] or {"city": "Paris"}' },
        { kindIndex: 1, field: 'kind', message: 'must be a context kind: letters, digits, ".", "-", "_"' },
        { kindIndex: 2, field: 'kind', message: '"user" is already in this context' },
      ],
    });
  });

  it('needs at least one kind', () => {
    expect(contextFromForm([])).toEqual({
      ok: false,
      errors: [{ kindIndex: 0, field: 'kind', message: 'add at least one context kind' }],
    });
  });

  it.each<[EvaluationContext, ContextForm[]]>([
    [
      { key: 'u-1', age: 36, beta: false, email: 'ada@acme.com', address: { city: 'Paris' }, nothing: null },
      [
        {
          kind: 'user',
          key: 'u-1',
          attributes: [
            { name: 'age', type: 'number', value: '36' },
            { name: 'beta', type: 'boolean', value: 'false' },
            { name: 'email', type: 'string', value: 'ada@acme.com' },
            { name: 'address', type: 'json', value: '{"city":"Paris"}' },
            { name: 'nothing', type: 'json', value: 'null' },
          ],
        },
      ],
    ],
    [
      { kind: 'device', plan: 'x' },
      [{ kind: 'device', key: '', attributes: [{ name: 'plan', type: 'string', value: 'x' }] }],
    ],
    [
      { kind: 'multi', user: { key: 'u-1' }, organization: { key: 'acme', plan: 'pro' } },
      [
        { kind: 'user', key: 'u-1', attributes: [] },
        { kind: 'organization', key: 'acme', attributes: [{ name: 'plan', type: 'string', value: 'pro' }] },
      ],
    ],
  ])('turns %j into its form and back', (context, forms) => {
    expect(formFromContext(context)).toEqual(forms);
    expect(contextFromForm(forms)).toEqual({ ok: true, context });
  });
});

describe('attributeRow and parseAttributeValue', () => {
  it.each<[unknown, ReturnType<typeof attributeRow>['type'], string]>([
    ['Paris', 'string', 'Paris'],
    [3.5, 'number', '3.5'],
    [true, 'boolean', 'true'],
    [['a', 'b'], 'json', '["a","b"]'],
    [null, 'json', 'null'],
  ])('%j is a %s row "%s" and reads back the same', (value, type, text) => {
    expect(attributeRow('x', value)).toEqual({ name: 'x', type, value: text });
    expect(parseAttributeValue(type, text)).toEqual({ ok: true, value });
  });

  it.each([
    ['boolean', ' TRUE ', true],
    ['number', ' -0.5 ', -0.5],
    ['string', ' spaced ', ' spaced '],
  ] as const)('reads a %s from "%s"', (type, text, value) => {
    expect(parseAttributeValue(type, text)).toEqual({ ok: true, value });
  });
});
