import type { FlagState } from '@vexil/engine';
import { createContext, useContext } from 'react';
import type { FlagVersions } from '../../api/flag';
import type { ApiProblem } from '../../api/problem';
import type { FieldChange, FlagWithStates } from '../logic/diff';

/**
 * The flag page's draft (CONSOLE.md: "editing makes a draft"): every tab reads the saved flag and
 * the edited one from here, and edits only ever change the draft. Saving is the draft bar's job
 * (DraftBar.tsx), the one place approvals will plug in.
 */
export interface FlagDraftValue {
  project: string;
  /** The flag as saved (from GET …/flags/{flag}), with per-environment versions kept for If-Match. */
  saved: FlagWithStates;
  /** The flag as edited (equal to saved when nothing changed). */
  draft: FlagWithStates;
  changes: FieldChange[]; // diffFlag(saved, draft)
  canEdit(environment?: string): boolean; // can(member, 'flag:write', { project, environment })
  updateDefinition(change: (flag: FlagWithStates) => FlagWithStates): void; // name, tags, variations…
  updateState(environment: string, change: (state: FlagState) => FlagState): void;
  discard(): void;
  /** The last save's problem (RFC 9457), to show field errors next to the fields. */
  problem: ApiProblem | undefined;

  /** The versions `saved` is at: the definition's, and each environment state's (`If-Match` of a PUT). */
  versions: FlagVersions;
  /** Whether the draft differs from the saved flag. */
  dirty: boolean;
  /**
   * After a save elsewhere on the page (a history revert, a settings action that saves at once):
   * the flag as the server now has it becomes `saved`, and the draft's own edits are kept on top.
   */
  reload(): Promise<void>;
}

export const FlagDraftContext = createContext<FlagDraftValue | null>(null);

/** The draft of the flag page this component is on. */
export function useFlagDraft(): FlagDraftValue {
  const value = useContext(FlagDraftContext);
  if (!value) throw new Error('useFlagDraft() is only for components on the flag page');
  return value;
}
