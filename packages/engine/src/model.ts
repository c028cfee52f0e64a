/**
 * Vexil's flag model (PRODUCT.md §1) as data. A `Ruleset` is everything an SDK needs to evaluate
 * one environment's flags locally; the server validates every save against these types
 * (`validate.ts`) and the engine compiles a ruleset once per change (`compile.ts`).
 */

export type FlagType = 'boolean' | 'string' | 'number' | 'json';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A value a flag can serve: boolean, string, number, or any JSON for `json` flags. */
export type FlagValue = JsonValue;

export interface Variation {
  key: string;
  value: FlagValue;
  name?: string;
}

/**
 * An attribute of one kind of context. `attribute` is a top-level name (`email`, `key`) or, when it
 * starts with `/`, a path into nested objects (`/address/city`; `~1` escapes `/`, `~0` escapes `~`).
 */
export interface AttributeRef {
  /** Defaults to `user`. */
  contextKind?: string;
  /** Defaults to `key`. */
  attribute?: string;
}

export type Operator =
  | 'equals'
  | 'not_equals'
  | 'contains'
  | 'not_contains'
  | 'starts_with'
  | 'ends_with'
  | 'in'
  | 'not_in'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'matches'
  | 'semver_eq'
  | 'semver_gt'
  | 'semver_gte'
  | 'semver_lt'
  | 'semver_lte'
  | 'before'
  | 'after'
  | 'exists'
  | 'not_exists';

export interface AttributeClause {
  /** Defaults to `user`. */
  contextKind?: string;
  attribute: string;
  operator: Operator;
  values: FlagValue[];
  negate?: boolean;
}

export interface SegmentClause {
  segment: string;
  negate?: boolean;
}

export type Clause = AttributeClause | SegmentClause;

/** Percentages (0–100) have a resolution of 0.01 %: one bucket of 10,000. */
export interface WeightedVariation {
  variation: string;
  weight: number;
}

/** Bucket ranges of an imported Eppo split: the context must fall in one range of every shard. */
export interface Shard {
  salt: string;
  ranges: { start: number; end: number }[];
}

export interface ShardedVariation {
  variation: string;
  shards: Shard[];
}

/**
 * What an allocation or the fallthrough serves.
 * - `{ variation }`: one variation to everyone;
 * - `{ split }`: weighted variations, bucketed by MurmurHash3 (native flags);
 * - `{ shards }`: Eppo's explicit MD5 shard ranges (imported flags); the first entry whose shards
 *   all contain the context wins, and a context in none of them moves down the waterfall.
 */
export type Serve =
  | { variation: string }
  | { split: WeightedVariation[] }
  | { shards: ShardedVariation[]; totalShards: number };

export interface Allocation {
  id: string;
  name?: string;
  /** Defaults to true; disabled allocations are skipped. */
  enabled?: boolean;
  /** AND of clauses; empty or absent means everyone. */
  conditions?: Clause[];
  /** ISO 8601 or epoch milliseconds. The allocation applies from startAt up to and including endAt. */
  startAt?: string | number;
  endAt?: string | number;
  /** Traffic exposure in percent (default 100). Matching contexts outside it are not exposed. */
  exposure?: number;
  serve: Serve;
  /** Log exposures of this allocation for experiments. */
  track?: boolean;
  /** Bucketing salt, fixed when the allocation is created. Defaults to `<flag key>.<allocation id>`. */
  salt?: string;
  /** What to bucket on; defaults to the flag's `bucketBy`. */
  bucketBy?: AttributeRef;
}

export interface Prerequisite {
  flag: string;
  /** The prerequisite holds when that flag is on and serves one of these variations. */
  variations: string[];
}

/** Individual targeting: context keys of one kind pinned to a variation. */
export interface Target {
  /** Defaults to `user`. */
  contextKind?: string;
  variation: string;
  values: string[];
}

/** A flag's definition, shared by every environment of its project. */
export interface Flag {
  key: string;
  name?: string;
  description?: string;
  tags?: string[];
  type: FlagType;
  /** Only for `number` flags: every variation must be a whole number (Eppo's INTEGER). */
  integer?: boolean;
  variations: Variation[];
  /** A release toggle expected to be removed (true) or a permanent flag. */
  temporary?: boolean;
  clientSideAvailable?: boolean;
  archived?: boolean;
}

/** A flag's state in one environment, evaluated top to bottom. */
export interface FlagState {
  on: boolean;
  /** Served when off or when a prerequisite fails; absent means the caller's default. */
  offVariation?: string;
  prerequisites?: Prerequisite[];
  targets?: Target[];
  allocations?: Allocation[];
  /** Served when no allocation matches; absent means the caller's default. */
  fallthrough?: Serve;
  /** What to bucket on (exposure and splits); defaults to the `user` context's key. */
  bucketBy?: AttributeRef;
  /** Salt of the fallthrough split; defaults to the flag key. */
  salt?: string;
}

export type FlagConfig = Flag & FlagState;

export interface SegmentRule {
  id?: string;
  /** AND of clauses (segment clauses are not allowed inside segments). */
  clauses: AttributeClause[];
}

/** A reusable target group: included keys are in, then excluded keys are out, then the rules (OR) decide. */
export interface Segment {
  key: string;
  name?: string;
  description?: string;
  /** The kind of context whose keys are listed; defaults to `user`. */
  contextKind?: string;
  included?: string[];
  excluded?: string[];
  rules?: SegmentRule[];
}

/** Everything needed to evaluate one environment's flags. */
export interface Ruleset {
  /** Opaque version of this ruleset (e.g. the environment's change sequence). */
  version?: string | number;
  flags: FlagConfig[];
  segments?: Segment[];
}

// ── Contexts ─────────────────────────────────────────────────────────────────────────────────

/** Attributes of one kind of context. `key` identifies it; everything else is free-form. */
export interface ContextAttributes {
  key?: string;
  [attribute: string]: unknown;
}

/** A single-kind context; no `kind` means `user`. */
export interface SingleKindContext extends ContextAttributes {
  kind?: string;
}

/** `{ kind: 'multi', user: { key, … }, organization: { key, … } }`. */
export interface MultiKindContext {
  kind: 'multi';
  [contextKind: string]: ContextAttributes | 'multi';
}

export type EvaluationContext = SingleKindContext | MultiKindContext;

// ── Results ──────────────────────────────────────────────────────────────────────────────────

export type Reason =
  | 'DISABLED'
  | 'TARGETING_MATCH'
  | 'SPLIT'
  | 'DEFAULT'
  | 'STATIC'
  | 'ERROR'
  | 'PREREQUISITE_FAILED'
  | 'TRAFFIC_EXCLUDED';

export type ErrorCode = 'FLAG_NOT_FOUND' | 'TYPE_MISMATCH' | 'PARSE_ERROR' | 'TARGETING_KEY_MISSING' | 'GENERAL';

export interface EvaluationResult<T = FlagValue> {
  /** The served variation's value, or the caller's default when none is served. */
  value: T;
  /** Key of the served variation; absent when the caller's default is returned. */
  variation?: string;
  reason: Reason;
  /** Id of the allocation that decided the result. */
  allocation?: string;
  /** Whether this evaluation is an exposure to log (the allocation has `track`). */
  track?: boolean;
  errorCode?: ErrorCode;
  errorMessage?: string;
}
