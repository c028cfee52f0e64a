import {
  compile,
  type EvaluationContext,
  type ExplainStep,
  type FlagConfig,
  type FlagState,
  type Segment,
} from '@vexil/engine';
import { authorize, type Actor } from '../auth/actor.js';
import type { ServerContext } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { EnvironmentRow, FlagRow, ProjectRow } from '../db/schema.js';
import { readableBy } from '../environments/readable.js';
import { joinPath, problems, type FieldError } from '../http/problems.js';
import { environmentsOf, findProject } from '../projects/lookup.js';
import { flagConfigOf, segmentOf, type FlagDefinition } from '../rulesets/load.js';
import { contextParts } from '../sdk/context.js';
import type { FlagUpdate } from './schemas.js';
import { definitionErrors, definitionOf, findFlag, stateErrors, statesOf, usesOfRemoved } from './service.js';
import { describeUses } from './variation-uses.js';

/**
 * The console's test panel: what a flag serves a context in each environment, and why — as saved,
 * and as it would be with the edits on screen (a draft) before anyone saves them. The engine's
 * explain runs on the environment's real segments and prerequisite flags, exactly as an SDK
 * would evaluate; nothing is written.
 */

export interface FlagDraft {
  /** Changes to the definition, as PATCH of the flag takes them. */
  definition?: FlagUpdate | undefined;
  /** Whole states per environment key, as PUT of a state takes them. */
  environments?: Record<string, FlagState> | undefined;
}

export interface Evaluation {
  /** The served value; null when the caller's default would be returned (no variation). */
  value: unknown;
  variation: string | null;
  reason: string;
  errorCode?: string;
  errorMessage?: string;
  allocation?: string;
  /** The engine's steps: switch, prerequisites, targets, each allocation with its clauses, fallthrough. */
  trace: ExplainStep[];
}

export interface EnvironmentEvaluation {
  key: string;
  name: string;
  critical: boolean;
  saved: Evaluation;
  /** Present when a draft was sent. */
  draft?: Evaluation;
}

export async function evaluateFlag(
  ctx: ServerContext,
  actor: Actor,
  projectKey: string,
  key: string,
  input: { context: EvaluationContext; draft?: FlagDraft | undefined },
): Promise<{ environments: EnvironmentEvaluation[] }> {
  const project = await findProject(ctx.db, actor, projectKey);
  authorize(actor, 'flag:read', { project: project.key });
  const contextErrors = contextParts(input.context, 'context', false).errors;
  if (contextErrors.length > 0) throw problems.validation(contextErrors);
  const row = await findFlag(ctx.db, project, key);
  const environments = await environmentsOf(ctx.db, project.id);
  const drafted = Object.keys(input.draft?.environments ?? {});
  // Refused before looking them up, so that a draft for an environment the caller may not read
  // answers the same whether it exists or not.
  for (const environment of drafted) authorize(actor, 'flag:read', { project: project.key, environment });
  const unknown = drafted.filter((environment) => !environments.some((candidate) => candidate.key === environment));
  if (unknown.length > 0)
    throw problems.validation(
      unknown.map((environment) => ({
        path: `draft.environments.${environment}`,
        message: 'is not an environment of this project',
      })),
    );
  const mayRead = readableBy(actor, 'flag:read', project.key);
  const readable = environments.filter((environment) => mayRead(environment.key));
  const states = await statesOf(ctx.db, row.id);
  const saved = JSON.parse(row.definition) as FlagDefinition;
  const draft = input.draft && (await draftDefinition(ctx.db, project, row, saved, readable, states, input.draft));

  const segments = (
    await ctx.db.selectFrom('segments').select(['key', 'definition']).where('projectId', '=', project.id).execute()
  ).map(segmentOf);
  const results: EnvironmentEvaluation[] = [];
  for (const environment of readable) {
    const state = states.get(environment.id);
    if (!state) continue;
    const prerequisites = new PrerequisiteFlags(ctx.db, environment);
    const explain = async (config: FlagConfig) =>
      evaluation(await prerequisites.ruleset(config, segments), config.key, input.context);
    const result: EnvironmentEvaluation = {
      key: environment.key,
      name: environment.name,
      critical: Boolean(environment.critical),
      saved: await explain(flagConfigOf(row, state)),
    };
    if (draft)
      result.draft = await explain({
        key: row.key,
        ...draft,
        ...(input.draft?.environments?.[environment.key] ?? state),
      });
    results.push(result);
  }
  return { environments: results };
}

/**
 * The draft's definition (the saved one with the draft's changes), once the draft is known to be
 * valid: its definition on its own, each drafted state against the environment's segments and
 * flags, and the saved states of the other environments against the drafted variations. Field
 * paths point into the draft (`draft.environments.production.allocations[0].serve.variation`).
 */
async function draftDefinition(
  db: Queryable,
  project: ProjectRow,
  row: FlagRow,
  saved: FlagDefinition,
  readable: EnvironmentRow[],
  states: Map<string, FlagState>,
  draft: FlagDraft,
): Promise<FlagDefinition> {
  const changes = draft.definition ?? {};
  const definition = definitionOf({
    ...saved,
    ...changes,
    variations: (changes.variations as FlagDefinition['variations'] | undefined) ?? saved.variations,
  });
  const errors: FieldError[] = definitionErrors(row.key, definition).map((error) => ({
    path: joinPath('draft.definition', error.path),
    message: error.message,
  }));
  if (errors.length > 0) throw problems.validation(errors);

  const drafted = draft.environments ?? {};
  for (const environment of readable) {
    const state = drafted[environment.key];
    if (state)
      errors.push(
        ...(await stateErrors(
          db,
          environment,
          { key: row.key, ...definition, ...state },
          `draft.environments.${environment.key}`,
          {
            dependents: false,
          },
        )),
      );
  }
  const kept = new Set(definition.variations.map((variation) => variation.key));
  const removed = new Set(saved.variations.map((variation) => variation.key).filter((key) => !kept.has(key)));
  const undrafted = readable.filter((environment) => drafted[environment.key] === undefined);
  if (removed.size > 0 && undrafted.length > 0) {
    const uses = (await usesOfRemoved(db, project, row, removed, undrafted, states)).filter(
      (use) => use.dependent === undefined,
    );
    if (uses.length > 0) errors.push({ path: 'draft.definition.variations', message: describeUses(removed, uses) });
  }
  if (errors.length > 0) throw problems.validation(errors);
  return definition;
}

/**
 * The flags an evaluation in one environment needs besides the flag itself: its prerequisites,
 * theirs, and so on, as SDKs see them (archived flags are not served), read once per environment.
 */
class PrerequisiteFlags {
  private readonly loaded = new Map<string, FlagConfig | undefined>();

  constructor(
    private readonly db: Queryable,
    private readonly environment: EnvironmentRow,
  ) {}

  async ruleset(config: FlagConfig, segments: Segment[]) {
    const flags = new Map<string, FlagConfig>([[config.key, config]]);
    let wanted = requiredKeys(config);
    while (wanted.length > 0) {
      await this.load(wanted.filter((key) => !this.loaded.has(key)));
      const next: string[] = [];
      for (const key of wanted) {
        const prerequisite = this.loaded.get(key);
        if (prerequisite === undefined || flags.has(key)) continue;
        flags.set(key, prerequisite);
        next.push(...requiredKeys(prerequisite).filter((candidate) => !flags.has(candidate)));
      }
      wanted = [...new Set(next)];
    }
    return compile({ flags: [...flags.values()], segments });
  }

  private async load(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const rows = await this.db
      .selectFrom('flags')
      .innerJoin('flagStates', 'flagStates.flagId', 'flags.id')
      .select(['flags.key', 'flags.definition', 'flagStates.state'])
      .where('flagStates.environmentId', '=', this.environment.id)
      .where('flags.archived', '=', 0)
      .where('flags.key', 'in', keys)
      .execute();
    for (const key of keys) this.loaded.set(key, undefined);
    for (const row of rows) this.loaded.set(row.key, flagConfigOf(row, row.state));
  }
}

function requiredKeys(config: FlagConfig): string[] {
  return (config.prerequisites ?? []).map((prerequisite) => prerequisite.flag);
}

function evaluation(ruleset: ReturnType<typeof compile>, key: string, context: EvaluationContext): Evaluation {
  const { result, steps } = ruleset.explain(key, context);
  return {
    value: result.variation === undefined ? null : (result.value ?? null),
    variation: result.variation ?? null,
    reason: result.reason,
    ...(result.errorCode === undefined ? {} : { errorCode: result.errorCode }),
    ...(result.errorMessage === undefined ? {} : { errorMessage: result.errorMessage }),
    ...(result.allocation === undefined ? {} : { allocation: result.allocation }),
    trace: steps,
  };
}
