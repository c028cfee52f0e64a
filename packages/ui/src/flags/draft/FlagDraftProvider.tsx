import type { FlagState } from '@vexil/engine';
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';
import { useEnvironments } from '../../api/environments';
import { fetchFlag, type FlagVersions, flagKeys, type LoadedFlag } from '../../api/flag';
import { ApiProblem } from '../../api/problem';
import { useSegments } from '../../api/segments';
import { can } from '../../auth/permissions';
import { useSignedIn } from '../../shell/session-context';
import { type DiffOptions, diffFlag, type FlagWithStates } from '../logic/diff';
import { rebaseDraft, standingErrors } from './draft-model';
import { FlagDraftContext, type FlagDraftValue } from './FlagDraftContext';

/** What the draft holds: the flag as saved (and its versions), the edited flag, and the last refusal. */
export interface DraftState {
  saved: FlagWithStates;
  versions: FlagVersions;
  draft: FlagWithStates;
  /** The last save's problem, and the draft as it was sent (its field errors hold while their fields do). */
  refusal?: { problem: ApiProblem; sent: FlagWithStates };
}

/** The save path's handle on the draft (DraftBar.tsx): the whole state, replaced at once. */
interface DraftStore {
  state: DraftState;
  replace: Dispatch<SetStateAction<DraftState>>;
  /** Words for diffs: environments' and segments' names. */
  diffOptions: DiffOptions;
  /** After a save: the flag as the server now has it goes into the cache, and whatever shows flags is refreshed. */
  saved(loaded?: LoadedFlag): void;
}

const DraftStoreContext = createContext<DraftStore | null>(null);

export function useDraftStore(): DraftStore {
  const store = useContext(DraftStoreContext);
  if (!store) throw new Error('useDraftStore() is only for the flag page');
  return store;
}

interface FlagDraftProviderProps {
  project: string;
  loaded: LoadedFlag;
  children: ReactNode;
}

/** Holds one flag's draft for every tab of its page (mount it with `key={flag}`). */
export function FlagDraftProvider({ project, loaded, children }: FlagDraftProviderProps) {
  const { member } = useSignedIn();
  const queryClient = useQueryClient();
  const environments = useEnvironments(project);
  const segments = useSegments(project);
  const [state, setState] = useState<DraftState>(() => ({
    saved: loaded.flag,
    versions: loaded.versions,
    draft: loaded.flag,
  }));

  const diffOptions = useMemo<DiffOptions>(() => {
    const environmentNames = new Map(environments.data?.map((environment) => [environment.key, environment.name]));
    const segmentNames = new Map(segments.data?.map((segment) => [segment.key, segment.name]));
    return {
      environmentName: (key) => environmentNames.get(key),
      segmentName: (key) => segmentNames.get(key),
    };
  }, [environments.data, segments.data]);

  const refresh = useCallback(
    (next?: LoadedFlag) => {
      if (next) queryClient.setQueryData(flagKeys.one(project, next.flag.key), next);
      void queryClient.invalidateQueries({ queryKey: flagKeys.all(project) });
    },
    [queryClient, project],
  );

  const updateDefinition = useCallback((change: (flag: FlagWithStates) => FlagWithStates) => {
    setState((current) => ({ ...current, draft: change(current.draft) }));
  }, []);

  const updateState = useCallback((environment: string, change: (state: FlagState) => FlagState) => {
    setState((current) => {
      const before = current.draft.environments[environment];
      if (before === undefined) return current;
      const after = change(before);
      if (after === before) return current;
      return {
        ...current,
        draft: { ...current.draft, environments: { ...current.draft.environments, [environment]: after } },
      };
    });
  }, []);

  const discard = useCallback(
    () => setState((current) => ({ saved: current.saved, versions: current.versions, draft: current.saved })),
    [],
  );

  const reload = useCallback(async () => {
    const current = await fetchFlag(project, state.saved.key);
    refresh(current);
    setState((before) => ({
      saved: current.flag,
      versions: current.versions,
      draft: rebaseDraft(before.saved, before.draft, current.flag).draft,
    }));
  }, [project, state.saved.key, refresh]);

  const value = useMemo<FlagDraftValue>(() => {
    const { saved, draft, versions, refusal } = state;
    const changes = diffFlag(saved, draft, diffOptions);
    let problem: ApiProblem | undefined;
    if (refusal) {
      const { problem: refused, sent } = refusal;
      const errors = standingErrors(refused.errors, sent, draft);
      // A problem with field errors lasts while one of them still holds; one without lasts until the next save.
      if (refused.errors.length === 0 || errors.length > 0) {
        problem = new ApiProblem(refused.status, refused.title, refused.detail, errors, undefined, refused.type);
      }
    }
    return {
      project,
      saved,
      draft,
      changes,
      versions,
      dirty: changes.length > 0,
      problem,
      canEdit: (environment?: string) =>
        can(member, 'flag:write', environment === undefined ? { project } : { project, environment }),
      updateDefinition,
      updateState,
      discard,
      reload,
    };
  }, [state, diffOptions, project, member, updateDefinition, updateState, discard, reload]);

  const store = useMemo<DraftStore>(
    () => ({ state, replace: setState, diffOptions, saved: refresh }),
    [state, diffOptions, refresh],
  );

  return (
    <FlagDraftContext.Provider value={value}>
      <DraftStoreContext.Provider value={store}>{children}</DraftStoreContext.Provider>
    </FlagDraftContext.Provider>
  );
}
