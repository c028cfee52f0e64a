import { ConfigError } from './config-error.js';
import { kindReader } from './context.js';
import type { EvaluationContext, Segment } from './model.js';
import { compileAttributeClause, type ClauseTest } from './operators.js';

/** A compiled segment: whether a context belongs to it. */
export interface CompiledSegment {
  key: string;
  contains(context: EvaluationContext): boolean;
}

/** Included keys are in; otherwise excluded keys are out; otherwise any rule (an AND of clauses) decides. */
export function compileSegment(segment: Segment): CompiledSegment {
  const readKind = kindReader(segment.contextKind);
  const included = new Set(segment.included ?? []);
  const excluded = new Set(segment.excluded ?? []);
  const rules: ClauseTest[][] = (segment.rules ?? []).map((rule, ruleIndex) =>
    rule.clauses.map((clause, clauseIndex) => {
      if ('segment' in clause) {
        throw new ConfigError('segments cannot refer to other segments', ['rules', ruleIndex, 'clauses', clauseIndex]);
      }
      try {
        return compileAttributeClause(clause);
      } catch (error) {
        throw error instanceof ConfigError ? error.under('rules', ruleIndex, 'clauses', clauseIndex) : error;
      }
    }),
  );
  return {
    key: segment.key,
    contains(context) {
      const key = readKind(context)?.key;
      if (typeof key === 'string') {
        if (included.has(key)) return true;
        if (excluded.has(key)) return false;
      }
      return rules.some((clauses) => clauses.every((test) => test(context)));
    },
  };
}
