import type { Flag, FlagState } from '@vexil/engine';
import type { FlagHistoryEntry, HistoryChange } from '../../api/flag-history';
import { type DiffOptions, diffFlag, type FieldChange, type FlagWithStates } from '../logic/diff';

/**
 * A flag's history entry in words (CONSOLE.md: "say it in words"): who did what, and each field
 * it changed before → after, worded exactly as the draft's review words a change (diff.ts), so a
 * change reads the same before it is saved and after. The entry's own JSON diff stays available
 * for engineers ("View JSON").
 */

/** What an entry did, after the actor's name: "changed Production", "reverted change #41". */
export function entryAction(entry: FlagHistoryEntry, environmentName: (key: string) => string = (key) => key): string {
  const where = entry.environment === null ? undefined : environmentName(entry.environment);
  switch (entry.action) {
    case 'flag.created':
      return where ? `set up the flag in ${where}` : 'created the flag';
    case 'flag.updated':
      return 'changed the flag’s settings';
    case 'flag.archived':
      return 'archived the flag';
    case 'flag.restored':
      return 'restored the flag';
    case 'flag.state.updated':
      return where && entry.before === null ? `set up the flag in ${where}` : `changed ${where ?? 'a state'}`;
    case 'flag.reverted':
      return entry.reverts === null ? 'reverted a change' : `reverted change #${entry.reverts}`;
    case 'flag.state.reverted':
      return `${entry.reverts === null ? 'reverted a change' : `reverted change #${entry.reverts}`} in ${where ?? 'a state'}`;
    default:
      return entry.action;
  }
}

/**
 * The fields an entry changed, in words. A definition entry compares the flag before and after; a
 * state entry compares the state, named with the flag's variations as they are now. Anything the
 * words do not cover (a field only imports change) falls back to the entry's own diff, so no
 * change is ever left out.
 */
export function entryChanges(entry: FlagHistoryEntry, flag: Flag, options: DiffOptions = {}): FieldChange[] {
  if (!isDocument(entry.before) || !isDocument(entry.after)) return [];
  if (entry.action === 'flag.archived' || entry.action === 'flag.restored') return [];
  let changes: FieldChange[];
  if (entry.environment === null) {
    changes = diffFlag(asFlag(entry.before), asFlag(entry.after), options);
  } else {
    const environments = (state: unknown) => ({ [entry.environment as string]: state as FlagState });
    changes = diffFlag(
      { ...flag, environments: environments(entry.before) },
      { ...flag, environments: environments(entry.after) },
      options,
    );
  }
  return changes.length > 0 || entry.diff.length === 0
    ? changes
    : entry.diff.map((change) => jsonChange(change, entry));
}

/** A definition entry's document (the flag view) as a flag with no states: states have entries of their own. */
function asFlag(document: Record<string, unknown>): FlagWithStates {
  return { ...(document as unknown as Flag), environments: {} };
}

/** A JSON diff operation as a change: `/integer`: false → true. */
function jsonChange(change: HistoryChange, entry: FlagHistoryEntry): FieldChange {
  const path = change.path.split('/').slice(1).join('.') || '(whole document)';
  const before = 'from' in change && change.from !== undefined ? JSON.stringify(change.from) : undefined;
  const after = 'value' in change && change.value !== undefined ? JSON.stringify(change.value) : undefined;
  const kind = change.op === 'add' ? 'added' : change.op === 'remove' ? 'removed' : 'changed';
  return {
    path,
    ...(entry.environment === null ? {} : { environment: entry.environment }),
    label: path,
    kind,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    summary: kind === 'added' ? `added: ${after}` : kind === 'removed' ? `removed: ${before}` : `${before} → ${after}`,
  };
}

/**
 * Whether an entry can be reverted at all (the server still decides): a creation has nothing
 * before it, and a change that changed nothing has nothing to undo.
 */
export function isRevertible(entry: FlagHistoryEntry): boolean {
  return isDocument(entry.before) && isDocument(entry.after) && entry.diff.length > 0;
}

/**
 * The version a revert is checked against (If-Match): the definition's for a definition entry,
 * the environment state's for a state entry — the flag as the page shows it.
 */
export function revertVersion(
  entry: FlagHistoryEntry,
  versions: { definition: number; environments: Record<string, number> },
): number | undefined {
  return entry.environment === null ? versions.definition : versions.environments[entry.environment];
}

function isDocument(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
