import { brokenFlag, compileFlag, compileSegments, type CompiledFlag } from './compile.js';
import { ConfigError, formatPath } from './config-error.js';
import { evaluateFlag, type EvaluationScope, type ExplainStep } from './evaluate.js';
import { prerequisiteCycles } from './prerequisites.js';
import type {
  ErrorCode,
  EvaluationContext,
  EvaluationResult,
  FlagConfig,
  FlagType,
  FlagValue,
  Ruleset,
} from './model.js';
import type { CompiledSegment } from './segments.js';

export interface CompileRulesetOptions {
  /** The clock for allocation start/end windows; defaults to Date.now. */
  now?: () => number;
}

/** A flag that could not be compiled, and why; it evaluates to an ERROR result. */
export interface FlagProblem {
  flag: string;
  path: string;
  message: string;
}

export interface Explanation {
  flag: string;
  result: EvaluationResult;
  steps: ExplainStep[];
}

const EMPTY_CONTEXT: EvaluationContext = Object.freeze({});

/**
 * Compiles a ruleset once per change. Compiling never throws for a malformed flag: that flag
 * alone evaluates to ERROR (PARSE_ERROR) and is listed in `problems`.
 */
export function compile(ruleset: Ruleset, options: CompileRulesetOptions = {}): CompiledRuleset {
  return new CompiledRuleset(ruleset, options);
}

export class CompiledRuleset implements EvaluationScope {
  readonly version: string | number | undefined;
  readonly problems: FlagProblem[] = [];
  private readonly flags = new Map<string, CompiledFlag>();
  readonly now: () => number;

  constructor(ruleset: Ruleset, options: CompileRulesetOptions = {}) {
    this.version = ruleset.version;
    this.now = options.now ?? Date.now;
    const segments = compileSegments(Array.isArray(ruleset.segments) ? ruleset.segments : []);
    for (const flag of Array.isArray(ruleset.flags) ? ruleset.flags : []) {
      if (typeof flag !== 'object' || flag === null || typeof flag.key !== 'string') {
        this.problems.push({ flag: '', path: '', message: 'a flag must be an object with a string key' });
        continue;
      }
      this.flags.set(flag.key, this.compileFlag(flag, segments));
    }
    this.breakPrerequisiteCycles();
  }

  /**
   * Evaluates a flag for a context. Never throws: unknown flags, a type other than
   * `expectedType`, and malformed flags give reason ERROR with an error code and `defaultValue`.
   */
  evaluate<T extends FlagValue = FlagValue>(
    flagKey: string,
    context: EvaluationContext,
    defaultValue?: T,
    expectedType?: FlagType,
  ): EvaluationResult<T> {
    // Kept small, so that V8 inlines it into its callers.
    const flag = this.flags.get(flagKey);
    let result: EvaluationResult | undefined;
    if (flag === undefined || (expectedType !== undefined && flag.type !== expectedType)) {
      result = refusal(flagKey, flag, expectedType);
    } else if ((result = flag.constant) === undefined) {
      try {
        result = flag.evaluate(typeof context === 'object' && context !== null ? context : EMPTY_CONTEXT, this);
      } catch (error) {
        result = errorResult('GENERAL', (error as Error)?.message ?? String(error));
      }
    }
    return (
      result.variation === undefined && defaultValue !== undefined ? { ...result, value: defaultValue } : result
    ) as EvaluationResult<T>;
  }

  /** Evaluates every flag (or those `include` accepts) for one context, by flag key. */
  evaluateAll(
    context: EvaluationContext,
    include: (flag: FlagConfig) => boolean = () => true,
  ): Record<string, EvaluationResult> {
    const results: Record<string, EvaluationResult> = {};
    for (const [key, flag] of this.flags) if (include(flag.config)) results[key] = this.evaluate(key, context);
    return results;
  }

  /** Evaluates a flag and records why: every step, clause and bucket that decided the result. */
  explain(flagKey: string, context: EvaluationContext): Explanation {
    const flag = this.flags.get(flagKey);
    const steps: ExplainStep[] = [];
    if (flag === undefined) return { flag: flagKey, result: this.evaluate(flagKey, context), steps };
    let result: EvaluationResult;
    try {
      result = evaluateFlag(
        flag,
        typeof context === 'object' && context !== null ? context : EMPTY_CONTEXT,
        this,
        steps,
      );
    } catch (error) {
      result = errorResult('GENERAL', (error as Error)?.message ?? String(error));
    }
    return { flag: flagKey, result, steps };
  }

  flag(key: string): CompiledFlag | undefined {
    return this.flags.get(key);
  }

  /** The flag's configuration as given, or undefined. */
  config(key: string): FlagConfig | undefined {
    return this.flags.get(key)?.config;
  }

  keys(): string[] {
    return [...this.flags.keys()];
  }

  private compileFlag(flag: FlagConfig, segments: Map<string, CompiledSegment>): CompiledFlag {
    try {
      return compileFlag(flag, { segments });
    } catch (error) {
      const problem =
        error instanceof ConfigError ? error : new ConfigError(String((error as Error)?.message ?? error));
      const path = formatPath(problem.path);
      this.problems.push({ flag: flag.key, path, message: problem.message });
      return brokenFlag(
        flag,
        'PARSE_ERROR',
        `flag "${flag.key}" is malformed: ${path ? `${path} ` : ''}${problem.message}`,
      );
    }
  }

  /** Flags on a prerequisite cycle can never be evaluated; they become GENERAL errors. */
  private breakPrerequisiteCycles(): void {
    for (const key of prerequisiteCycles(this.flags)) {
      const flag = this.flags.get(key)!;
      this.problems.push({ flag: key, path: 'prerequisites', message: 'is on a prerequisite cycle' });
      this.flags.set(key, brokenFlag(flag.config, 'GENERAL', `flag "${key}" is on a prerequisite cycle`));
    }
  }
}

/** Why a flag cannot be evaluated as asked: it does not exist, or it is not of the expected type. */
function refusal(flagKey: string, flag: CompiledFlag | undefined, expectedType?: FlagType): EvaluationResult {
  if (flag === undefined) return errorResult('FLAG_NOT_FOUND', `flag "${flagKey}" not found`);
  return errorResult('TYPE_MISMATCH', `flag "${flagKey}" is a ${flag.type} flag, not ${expectedType}`);
}

function errorResult(errorCode: ErrorCode, errorMessage: string): EvaluationResult {
  return { value: undefined as unknown as FlagValue, reason: 'ERROR', errorCode, errorMessage };
}
