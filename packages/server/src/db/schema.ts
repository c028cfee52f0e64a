import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The tables, as Kysely sees them (camelCase here, snake_case in SQL). JSON documents are stored
 * as text so SQLite and PostgreSQL hold identical bytes; times are ISO 8601 UTC strings, which sort.
 */
export interface Database {
  organizations: OrganizationTable;
  projects: ProjectTable;
  environments: EnvironmentTable;
  flags: FlagTable;
  flagStates: FlagStateTable;
  flagPrerequisites: FlagPrerequisiteTable;
  segments: SegmentTable;
  metrics: MetricTable;
  experiments: ExperimentTable;
  experimentMetrics: ExperimentMetricTable;
  experimentSubjects: ExperimentSubjectTable;
  experimentSubjectValues: ExperimentSubjectValueTable;
  experimentExposures: ExperimentExposureTable;
  experimentSums: ExperimentSumTable;
  sdkKeys: SdkKeyTable;
  accounts: AccountTable;
  members: MemberTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  apiTokens: ApiTokenTable;
  auditLog: AuditTable;
  changes: ChangeTable;
  contexts: ContextTable;
  contextReports: ContextReportTable;
  events: EventTable;
  evaluationCounts: EvaluationCountTable;
  memberPreferences: MemberPreferencesTable;
}

export interface OrganizationTable {
  id: string;
  key: string;
  name: string;
  createdAt: string;
}

export interface ProjectTable {
  id: string;
  organizationId: string;
  key: string;
  name: string;
  description: string;
  createdAt: string;
}

export interface EnvironmentTable {
  id: string;
  projectId: string;
  key: string;
  name: string;
  position: number;
  /** Bumped by every change that reaches the environment's SDKs; the ETag and SSE event id. */
  revision: number;
  createdAt: string;
  /** 1 when changes there deserve a confirmation (and, later, approval): `production` by default. */
  critical: number;
}

export interface FlagTable {
  id: string;
  projectId: string;
  key: string;
  /** JSON: the flag's definition without key and archived (engine `Flag`). */
  definition: string;
  archived: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FlagStateTable {
  flagId: string;
  environmentId: string;
  /** JSON: engine `FlagState`. */
  state: string;
  version: number;
  updatedAt: string;
}

/**
 * The prerequisite graph, one row per flag, environment and flag its state there requires, written
 * with the state in the same transaction (flags/prerequisite-graph.ts): a save finds the flags it
 * touches through an index instead of parsing every state of the environment.
 */
export interface FlagPrerequisiteTable {
  flagId: string;
  environmentId: string;
  /** A key, not an id: an archived flag may still name a flag deleted since. */
  prerequisiteKey: string;
}

/** An experiment metric: what a custom event says about a subject (docs/experiments.md). */
export interface MetricTable {
  id: string;
  projectId: string;
  key: string;
  name: string;
  description: string | null;
  eventKey: string;
  kind: 'conversion' | 'numeric';
  /** Numeric metrics: how a subject's event values add up. Null for conversions. */
  aggregation: 'sum' | 'mean' | 'count' | null;
  direction: 'higher' | 'lower';
  /** Only events within this many hours of the subject's first exposure count; null: any time after. */
  windowHours: number | null;
  /** Numeric metrics: subjects' values above this percentile are capped to it. */
  capPercentile: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** An experiment on one flag's allocation(s) in one environment (docs/experiments.md). */
export interface ExperimentTable {
  id: string;
  projectId: string;
  environmentId: string;
  flagId: string;
  key: string;
  name: string;
  hypothesis: string | null;
  /** JSON: the ids of the allocations it reads, in the flag's state in that environment. */
  allocationIds: string;
  controlVariation: string;
  /** Relative, e.g. 0.05 for +5 %; planning only. */
  minimumDetectableEffect: number | null;
  /** Tunes the always-valid interval; fixed once the experiment runs. */
  plannedSubjectsPerVariation: number;
  status: 'draft' | 'running' | 'stopped';
  startedAt: string | null;
  stoppedAt: string | null;
  shippedVariation: string | null;
  /** JSON, set when it starts: each variation's share of the allocations' traffic then (the SRM check's expectation). */
  splitWeights: string | null;
  /** 1 while its aggregates are up to date; 0: rebuilt from raw events before results are read. */
  aggregated: ColumnType<number, number | undefined, number>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The metrics an experiment reads; a metric in use cannot be deleted. */
export interface ExperimentMetricTable {
  experimentId: string;
  metricId: string;
  role: 'primary' | 'secondary' | 'guardrail';
  position: number;
}

/**
 * Aggregates of started experiments, kept at ingestion (experiments/aggregates.ts). A subject's
 * variation and `other` are the smallest and largest variation it was exposed to: equal, it counts.
 */
export interface ExperimentSubjectTable {
  experimentId: string;
  contextKind: string;
  contextKey: string;
  firstAt: string;
  variation: string;
  other: string;
  allocation: string;
}

/** One counted subject's events of one metric, before (x) and after (y) its first exposure. */
export interface ExperimentSubjectValueTable {
  experimentId: string;
  metricId: string;
  contextKind: string;
  contextKey: string;
  variation: string;
  /** The day (UTC) of the subject's first exposure. */
  day: string;
  postN: number;
  postSum: number;
  preN: number;
  preSum: number;
  y: number;
  x: number;
}

/** Subjects by variation ('' when they saw several), allocation and day of first exposure. */
export interface ExperimentExposureTable {
  experimentId: string;
  variation: string;
  allocation: string;
  day: string;
  subjects: number;
}

/** Per metric, variation and day of first exposure: the sums the statistics read (uncapped). */
export interface ExperimentSumTable {
  experimentId: string;
  metricId: string;
  variation: string;
  day: string;
  sy: number;
  syy: number;
  sx: number;
  sxx: number;
  sxy: number;
  /** Subjects with an event before, and after, their first exposure. */
  pre: number;
  post: number;
  /** Subjects with a row in `experiment_subject_values` (an event either side). */
  valued: number;
}

export interface SegmentTable {
  id: string;
  projectId: string;
  key: string;
  /** JSON: engine `Segment` without key. */
  definition: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SdkKeyTable {
  id: string;
  environmentId: string;
  name: string;
  kind: 'server' | 'client';
  /** SHA-256 of the key: keys are random and long, so a fast hash is enough and lookups stay O(1). */
  keyHash: string;
  /** Client keys are public and stay readable; server keys are shown once and never stored. */
  clientKey: string | null;
  /** A few characters of the key, to recognise it in lists. */
  hint: string;
  createdAt: string;
  /** Set when the key is rotated: it keeps working until then. */
  expiresAt: string | null;
  revokedAt: string | null;
}

/**
 * A person: one per email address, however many organisations they belong to. Who they are and how
 * they prove it (password, single sign-on); what they may do lives in their memberships.
 */
export interface AccountTable {
  id: string;
  /** Lowercased. */
  email: string;
  /** `scrypt$…`, or empty for accounts that only sign in through OIDC. */
  passwordHash: string;
  /** `<issuer> <subject>` of the account's OIDC identity, once linked. */
  oidcSubject: string | null;
  /** Where the next sign-in lands: the organisation last signed in to or switched to. */
  lastOrganizationId: string | null;
  createdAt: string;
}

/**
 * A member: one account's membership in one organisation, with that organisation's name for them
 * and its role bindings. Sessions, personal tokens, preferences and audit entries name this id.
 */
export interface MemberTable {
  id: string;
  organizationId: string;
  accountId: string;
  /** How this organisation names the member; renaming them here renames them nowhere else. */
  name: string;
  /** JSON: RoleBinding[]. */
  roles: string;
  createdAt: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's secret. */
  idHash: string;
  /** The membership the session is in now: switching organisation moves it to another of the account's. */
  memberId: string;
  /** Sent back in `X-CSRF-Token` on cookie-authenticated writes. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface InvitationTable {
  id: string;
  organizationId: string;
  email: string;
  /** JSON: RoleBinding[] the member will hold. */
  roles: string;
  /** SHA-256 of the single-use secret in the invitation link. */
  tokenHash: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenTable {
  id: string;
  organizationId: string;
  name: string;
  tokenHash: string;
  hint: string;
  /** JSON: RoleBinding[]. */
  roles: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** `service` (for automation) or `personal` (acts for `memberId`). */
  kind: Generated<ApiTokenKind>;
  memberId: string | null;
  expiresAt: string | null;
}

export type ApiTokenKind = 'service' | 'personal';

export interface AuditTable {
  id: Generated<number>;
  organizationId: string;
  projectKey: string | null;
  environmentKey: string | null;
  actorType: string;
  actorId: string;
  actorName: string;
  action: string;
  resourceType: string;
  resourceKey: string;
  before: string | null;
  after: string | null;
  createdAt: string;
}

export interface ChangeTable {
  environmentId: string;
  revision: number;
  kind: 'flag' | 'segment';
  key: string;
  /** JSON: the flag's FlagConfig or the segment as SDKs see it; null when it was deleted. */
  payload: string | null;
  createdAt: string;
}

export interface ContextTable {
  environmentId: string;
  kind: string;
  key: string;
  /** JSON: the attributes last reported, private ones removed. */
  attributes: string;
  /**
   * JSON: the names (never the values) of the attributes marked private, by the top-level
   * attribute they are in: `{"email":["email"],"address":["/address/street"]}`; `{}` by default.
   */
  privateAttributes: ColumnType<string, string | undefined, string>;
  firstSeen: string;
  lastSeen: string;
}

/** A batch's report of a context, waiting to be merged into `contexts` (users/context-reports.ts). */
export interface ContextReportTable extends Omit<ContextTable, 'privateAttributes'> {
  id: Generated<number>;
  privateAttributes: string;
}

export interface EventTable {
  id: Generated<number>;
  environmentId: string;
  type: 'exposure' | 'custom';
  flagKey: string | null;
  variationKey: string | null;
  allocationId: string | null;
  eventKey: string | null;
  value: number | null;
  contextKind: string;
  contextKey: string;
  occurredAt: string;
  receivedAt: string;
}

export interface EvaluationCountTable {
  environmentId: string;
  flagKey: string;
  variationKey: string;
  /** The hour the evaluations happened in: `2026-11-22T03`. */
  hour: string;
  count: ColumnType<number, number, number>;
}

/** What the console remembers for a member: the project and environment they last worked in (keys). */
export interface MemberPreferencesTable {
  memberId: string;
  project: string | null;
  environment: string | null;
  updatedAt: string;
}

export type OrganizationRow = Selectable<OrganizationTable>;
export type ProjectRow = Selectable<ProjectTable>;
export type EnvironmentRow = Selectable<EnvironmentTable>;
export type FlagRow = Selectable<FlagTable>;
export type SegmentRow = Selectable<SegmentTable>;
export type MetricRow = Selectable<MetricTable>;
export type ExperimentRow = Selectable<ExperimentTable>;
export type SdkKeyRow = Selectable<SdkKeyTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AccountRow = Selectable<AccountTable>;
export type MemberRow = Selectable<MemberTable>;
export type SessionRow = Selectable<SessionTable>;
export type InvitationRow = Selectable<InvitationTable>;
export type AuditRow = Selectable<AuditTable>;
export type NewAuditEntry = Insertable<AuditTable>;
