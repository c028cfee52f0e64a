import { describe, expect, it } from 'vitest';
import { compile, eppoContext, importEppoConfiguration } from '../src/index.js';
import { eppoCases, eppoConfiguration, EXPECTED_TYPE, type EppoCase } from './support/eppo.js';

/**
 * Eppo's flag-assignment suite (shared/conformance/eppo): every subject of every case file,
 * evaluated against flags-v1.json through the Eppo import, must get Eppo's assignment and the
 * Vexil reason that corresponds to Eppo's evaluation code.
 */
const ufc = eppoConfiguration();
const ruleset = compile(importEppoConfiguration(ufc));
const cases = eppoCases();

/** Eppo's evaluation code, said in Vexil's words. */
function expectedOutcome(suite: EppoCase, details: EppoCase['subjects'][number]['evaluationDetails']) {
  switch (details.flagEvaluationCode) {
    case 'MATCH': {
      const allocation = ufc.flags[suite.flag]!.allocations.find((a) => a.key === details.matchedAllocation!.key)!;
      const split = allocation.splits.find((s) => s.variationKey === details.variationKey)!;
      return {
        reason: split.shards.length > 0 ? 'SPLIT' : 'TARGETING_MATCH',
        variation: details.variationKey!,
        allocation: allocation.key,
      };
    }
    case 'DEFAULT_ALLOCATION_NULL':
      return { reason: 'DEFAULT' };
    case 'FLAG_UNRECOGNIZED_OR_DISABLED':
      return suite.flag in ufc.flags ? { reason: 'DISABLED' } : { reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' };
    case 'ASSIGNMENT_ERROR':
      return { reason: 'ERROR', errorCode: 'TYPE_MISMATCH' };
  }
}

describe('Eppo UFC flag-assignment suite', () => {
  it('has all 225 subjects in 24 files, and every imported flag compiles', () => {
    expect(cases).toHaveLength(24);
    expect(cases.reduce((total, { suite }) => total + suite.subjects.length, 0)).toBe(225);
    expect(ruleset.problems).toEqual([]);
  });

  for (const { file, suite } of cases) {
    describe(file, () => {
      it.each(suite.subjects.map((subject) => [subject.subjectKey, subject] as const))('%s', (_, subject) => {
        const result = ruleset.evaluate(
          suite.flag,
          eppoContext(subject.subjectKey, subject.subjectAttributes),
          suite.defaultValue as never,
          EXPECTED_TYPE[suite.variationType],
        );
        expect(result.value).toEqual(subject.assignment);
        expect(result).toMatchObject(expectedOutcome(suite, subject.evaluationDetails));
      });
    });
  }
});
