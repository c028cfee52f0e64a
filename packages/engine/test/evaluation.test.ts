import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setCodeGeneration } from '../src/codegen.js';
import {
  compile,
  type CompiledRuleset,
  type EvaluationContext,
  type FlagType,
  type FlagValue,
  type Ruleset,
} from '../src/index.js';

interface EvaluationSuite {
  name: string;
  ruleset: Ruleset;
  now?: number;
  cases: {
    name: string;
    flag: string;
    context: EvaluationContext;
    default?: FlagValue;
    expectedType?: FlagType;
    expect: Record<string, unknown>;
  }[];
}

const { suites } = JSON.parse(readFileSync(new URL('./fixtures/evaluation.json', import.meta.url), 'utf8')) as {
  suites: EvaluationSuite[];
};

// Conditions run as generated code where the runtime allows it, else as closures: both must pass.
describe.each([
  ['generated code', undefined],
  ['closures only', false],
] as const)('flag evaluation (fixtures/evaluation.json), %s', (_, generation) => {
  for (const suite of suites) {
    describe(suite.name, () => {
      const now = suite.now;
      let ruleset: CompiledRuleset;
      beforeAll(() => {
        setCodeGeneration(generation);
        ruleset = compile(suite.ruleset, now === undefined ? {} : { now: () => now });
        setCodeGeneration(undefined);
      });

      it.each(suite.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
        const result = ruleset.evaluate(c.flag, c.context, c.default, c.expectedType);
        expect(result).toMatchObject(c.expect);
        // Without a variation the value is the caller's default, and the other way round.
        if (result.variation === undefined) expect(result.value).toEqual(c.default);
      });

      it('agrees with explain() on every case', () => {
        for (const c of suite.cases) {
          const { result } = ruleset.explain(c.flag, c.context);
          const evaluated = ruleset.evaluate(c.flag, c.context);
          expect(result).toEqual(evaluated);
        }
      });
    });
  }
});
