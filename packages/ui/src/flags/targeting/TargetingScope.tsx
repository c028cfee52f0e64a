import type { FlagState, Variation } from '@vexil/engine';
import { createContext, useContext } from 'react';
import type { Segment } from '../../api/segments';
import type { FieldError } from '../logic/problems';
import type { Vocabulary } from '../logic/sentences';

/**
 * What every part of the Targeting tab needs to know about where it is: the environment whose
 * state it shows, whether the member may edit it (viewers get sentences only), the words for
 * variations and segments, and the last save's field errors.
 */
export interface TargetingScope {
  project: string;
  flagKey: string;
  environment: string;
  /** Whether the member may edit this environment's state: controls are shown, not just disabled. */
  editable: boolean;
  variations: readonly Variation[];
  segments: readonly Segment[] | undefined;
  vocabulary: Vocabulary;
  /** The state's path in the server's notation: `environments.production`. */
  root: string;
  /** The message for exactly this field (a path under `root`: `allocations[0].exposure`), readable. */
  errorAt(path: string): string | undefined;
  /** Every error at or below a field (a path under `root`), with paths relative to it. */
  errorsBelow(path: string): FieldError[];
  /** Edits the state of this environment in the draft. */
  update(change: (state: FlagState) => FlagState): void;
}

export const TargetingScopeContext = createContext<TargetingScope | null>(null);

export function useTargetingScope(): TargetingScope {
  const scope = useContext(TargetingScopeContext);
  if (!scope) throw new Error('useTargetingScope() is only for the Targeting tab');
  return scope;
}
