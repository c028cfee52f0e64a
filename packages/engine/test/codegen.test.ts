import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setCodeGeneration } from '../src/codegen.js';
import { compile, type FlagConfig } from '../src/index.js';

/** One flag whose only allocation holds when `attribute` (of `contextKind`) equals/ends with `value`. */
function flagOn(contextKind: string, attribute: string, value: string): FlagConfig {
  return {
    key: 'probe',
    type: 'boolean',
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    on: true,
    allocations: [
      {
        id: 'equals',
        conditions: [{ contextKind, attribute, operator: 'equals', values: [value] }],
        serve: { variation: 'on' },
      },
      {
        id: 'suffix',
        conditions: [{ contextKind, attribute, operator: 'ends_with', values: [value] }],
        serve: { variation: 'on' },
      },
      {
        id: 'many',
        conditions: [
          {
            contextKind,
            attribute,
            operator: 'in',
            values: [value, `${value}1`, `${value}2`, `${value}3`, `${value}4`],
          },
        ],
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { variation: 'off' },
  };
}

describe('generated code', () => {
  it('treats attribute names, context kinds and values as data, never as code', () => {
    const hostile = [
      '"]; throw new Error("injected"); //',
      "'\\\\",
      '\u2028\u2029',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template in a plain string is the injection attempt
      '${x}',
      '*/ x /*',
      '\n}',
      '__proto__',
      'constructor',
    ];
    for (const text of hostile) {
      const ruleset = compile({ flags: [flagOn(`k${hostile.indexOf(text)}`, text, text)] });
      expect(ruleset.problems).toEqual([]);
      const kind = `k${hostile.indexOf(text)}`;
      expect(ruleset.evaluate('probe', { kind, key: 'x', [text]: text }).value).toBe(true);
      expect(ruleset.evaluate('probe', { kind, key: 'x', [text]: `${text}!` }).value).toBe(false);
    }
  });

  it('agrees with closures for any attribute name and value', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((name) => !name.startsWith('/') && name !== 'kind'),
        fc.string(),
        fc.string(),
        (name, value, actual) => {
          const generated = compile({ flags: [flagOn('user', name, value)] });
          setCodeGeneration(false);
          const closures = compile({ flags: [flagOn('user', name, value)] });
          setCodeGeneration(undefined);
          for (const context of [
            { key: 'k', [name]: actual },
            { key: 'k', [name]: value },
            { kind: 'multi' as const, user: { key: 'k', [name]: value } },
          ]) {
            expect(generated.evaluate('probe', context)).toEqual(closures.evaluate('probe', context));
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
