/**
 * @vexil/engine — Vexil's pure flag evaluation engine, shared by the server, the SDKs, the relay
 * and the console's "explain". No I/O and no runtime dependencies.
 */
export type * from './model.js';
export { compile, CompiledRuleset, type CompileRulesetOptions, type Explanation, type FlagProblem } from './ruleset.js';
export type { ExplainStep, AllocationStep, FallthroughStep, AllocationOutcome, ClauseTrace } from './evaluate.js';
export {
  validateRuleset,
  validateFlag,
  validateSegment,
  KEY_PATTERN,
  type ValidationError,
  type ValidationScope,
} from './validate.js';
export { OPERATORS } from './operators.js';
export { BUCKETS, splitBucket, exposureBucket, splitBounds, percentToBuckets } from './bucketing.js';
export { murmur3 } from './hash/murmur3.js';
export { md5Hex } from './hash/md5.js';
export { parseSemver, compareSemver, isValidSemver, type SemVer } from './semver.js';
export { compileSafeRegex, MAX_REGEX_INPUT_LENGTH, MAX_REGEX_PATTERNS } from './regex/safety.js';
export { parseInstant } from './time.js';
export { importEppoConfiguration, eppoContext, type UfcConfiguration } from './eppo/import.js';
