import { randomUUID } from 'node:crypto';
import { validateFlag, validateSegment, type FlagConfig, type FlagState, type Segment } from '@vexil/engine';
import type { Write } from '../changes/writer.js';
import type { EnvironmentRow, FlagRow, ProjectRow, SegmentRow } from '../db/schema.js';
import { defaultState } from '../flags/defaults.js';
import { joinPath, type FieldError } from '../http/problems.js';
import { segmentOf, type FlagDefinition } from '../rulesets/load.js';
import type { ImportedFlag, ImportedSegment } from './eppo.js';

/**
 * An import, planned before anything is written: the project's flags and segments as they will
 * be, and the engine's verdict on them.
 */

/** A flag of the project as it will be after the import. */
export interface PlannedFlag {
  row: FlagRow;
  /** The flag's definition before the import; undefined for a new flag. */
  before?: FlagDefinition;
  definition: FlagDefinition;
  /** State per environment id, after the import. */
  states: Map<string, FlagState>;
  /** States per environment id before the import. */
  statesBefore: Map<string, FlagState>;
  imported?: ImportedFlag;
}

export interface PlannedSegments {
  /** Every segment of the project after the import, by key. */
  byKey: Map<string, Segment>;
  /** The project's segments before the import. */
  rows: SegmentRow[];
  /** The imported segments, each with the row it replaces. */
  imported: { segment: Segment; row: SegmentRow | undefined }[];
}

/** Every flag of the project, with the imported ones as they will be. */
export async function planFlags(
  write: Write,
  project: ProjectRow,
  target: EnvironmentRow,
  environments: EnvironmentRow[],
  imported: ImportedFlag[],
): Promise<Map<string, PlannedFlag>> {
  const rows = await write.tx.selectFrom('flags').selectAll().where('projectId', '=', project.id).execute();
  const stateRows = await write.tx
    .selectFrom('flagStates')
    .innerJoin('flags', 'flags.id', 'flagStates.flagId')
    .select(['flagStates.flagId', 'flagStates.environmentId', 'flagStates.state'])
    .where('flags.projectId', '=', project.id)
    .execute();
  const statesByFlag = new Map<string, Map<string, FlagState>>();
  for (const state of stateRows) {
    const states = statesByFlag.get(state.flagId) ?? new Map<string, FlagState>();
    states.set(state.environmentId, JSON.parse(state.state) as FlagState);
    statesByFlag.set(state.flagId, states);
  }
  const plan = new Map<string, PlannedFlag>();
  for (const row of rows) {
    const states = statesByFlag.get(row.id) ?? new Map<string, FlagState>();
    const definition = JSON.parse(row.definition) as FlagDefinition;
    plan.set(row.key, { row, before: definition, definition, states, statesBefore: new Map(states) });
  }
  for (const flag of imported) {
    const existing = plan.get(flag.key);
    if (existing) {
      // Eppo decides the type and variations; the name, description and tags stay Vexil's.
      const { integer: _integer, ...kept } = existing.definition;
      existing.definition = { ...kept, ...flag.definition };
      existing.states.set(target.id, flag.state);
      existing.imported = flag;
      continue;
    }
    const definition: FlagDefinition = { ...flag.definition, temporary: true, clientSideAvailable: false };
    const row: FlagRow = {
      id: randomUUID(),
      projectId: project.id,
      key: flag.key,
      definition: '',
      archived: 0,
      version: 1,
      createdAt: write.now,
      updatedAt: write.now,
    };
    const states = new Map(
      environments.map((environment) => [
        environment.id,
        environment.id === target.id ? flag.state : defaultState(definition),
      ]),
    );
    plan.set(flag.key, { row, definition, states, statesBefore: new Map(), imported: flag });
  }
  return plan;
}

/** The project's segments after the import, and the imported ones with the rows they replace. */
export async function planSegments(
  write: Write,
  project: ProjectRow,
  imported: ImportedSegment[],
): Promise<PlannedSegments> {
  const rows = await write.tx.selectFrom('segments').selectAll().where('projectId', '=', project.id).execute();
  const byKey = new Map<string, Segment>(rows.map((row) => [row.key, segmentOf(row)]));
  const rowsByKey = new Map(rows.map((row) => [row.key, row]));
  for (const { segment } of imported) byKey.set(segment.key, segment);
  return { byKey, rows, imported: imported.map(({ segment }) => ({ segment, row: rowsByKey.get(segment.key) })) };
}

/** The engine's verdict on each imported rules segment, at the path of the allocation it came from. */
export function segmentErrors(imported: ImportedSegment[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const { path, segment } of imported) {
    for (const error of validateSegment(segment))
      errors.push({ path: joinPath(path, error.path), message: error.message });
    const other = seen.get(segment.key);
    // Only when flag and allocation keys with dots line up: flag "a.b" allocation "c", flag "a" allocation "b.c".
    if (other) errors.push({ path, message: `its rules would be segment "${segment.key}", as those of ${other} are` });
    seen.set(segment.key, path);
  }
  return errors;
}

/**
 * The engine's verdict on each imported flag in every environment, and on the flags that name an
 * imported flag as a prerequisite (new variations could break them). A flag that is wrong in the
 * environment imported into is reported once, there, with its path in the document.
 */
export function flagErrors(
  plan: Map<string, PlannedFlag>,
  segments: PlannedSegments,
  target: EnvironmentRow,
  environments: EnvironmentRow[],
): FieldError[] {
  const errors: FieldError[] = [];
  const broken = new Set<string>();
  const ordered = [target, ...environments.filter((environment) => environment.id !== target.id)];
  for (const environment of ordered) {
    const configs = new Map<string, FlagConfig>();
    for (const planned of plan.values()) {
      const state = planned.states.get(environment.id);
      if (state) configs.set(planned.row.key, { key: planned.row.key, ...planned.definition, ...state });
    }
    const scope = { flag: (key: string) => configs.get(key), segment: (key: string) => segments.byKey.get(key) };
    for (const planned of plan.values()) {
      const config = configs.get(planned.row.key);
      if (!config) continue;
      const imported = planned.imported;
      if (imported && !broken.has(imported.key)) {
        const found = validateFlag(config, scope);
        if (found.length > 0) broken.add(imported.key);
        for (const problem of found) {
          errors.push(
            environment.id === target.id
              ? { path: joinPath(imported.path, problem.path), message: problem.message }
              : {
                  path: imported.path,
                  message: `in environment "${environment.key}": ${problem.path} ${problem.message}`,
                },
          );
        }
      }
      const prerequisite = imported
        ? undefined
        : config.prerequisites?.map((p) => plan.get(p.flag)?.imported).find((flag) => flag !== undefined);
      if (prerequisite) {
        for (const problem of validateFlag(config, scope)) {
          errors.push({
            path: joinPath(prerequisite.path, 'variations'),
            message: `flag "${config.key}" in ${environment.key}: ${problem.path} ${problem.message}`,
          });
        }
      }
    }
  }
  return errors;
}
