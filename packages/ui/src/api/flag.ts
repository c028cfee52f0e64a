import type { FlagState } from '@vexil/engine';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FlagWithStates } from '../flags/logic/diff';
import { api, unwrap } from './client';
import type { paths } from './schema';

/**
 * One flag, as its page reads and writes it: the flag with its state in every environment, the
 * definition's PATCH, and each state's PUT guarded by `If-Match` (412 when someone saved since).
 */

type FlagPath = paths['/api/v1/projects/{project}/flags/{flag}'];
type StatePath = paths['/api/v1/projects/{project}/flags/{flag}/environments/{environment}'];
export type FlagView = FlagPath['get']['responses'][200]['content']['application/json'];
export type DefinitionPatch = NonNullable<FlagPath['patch']['requestBody']>['content']['application/json'];
type StateBody = StatePath['put']['requestBody']['content']['application/json'];
export type FlagStateView = StatePath['put']['responses'][200]['content']['application/json'];
export type FlagSummary =
  paths['/api/v1/projects/{project}/flags']['get']['responses'][200]['content']['application/json']['items'][number];

/** The versions the server checks a save against: the definition's and each environment state's. */
export interface FlagVersions {
  definition: number;
  environments: Record<string, number>;
}

/** A flag as loaded: the engine's model (what the page edits and diffs) and the versions apart. */
export interface LoadedFlag {
  flag: FlagWithStates;
  versions: FlagVersions;
  /** When the flag was created and last changed (the definition), for the header. */
  createdAt: string;
  updatedAt: string;
}

export const flagKeys = {
  /** Everything cached about the project's flags: lists, single flags, their history and evaluations. */
  all: (project: string) => ['projects', project, 'flags'] as const,
  one: (project: string, flag: string) => ['projects', project, 'flags', flag] as const,
  choices: (project: string, search: string) => ['projects', project, 'flag-choices', search] as const,
};

/**
 * The API's view as the page's model. The server has validated what it stores against the
 * engine's model, so its loosely typed JSON (`unknown` values) is the engine's types; versions and
 * timestamps are taken out of the states so a draft never sends them back.
 */
export function loadedFlag(view: FlagView): LoadedFlag {
  const { version, createdAt, updatedAt, environments, ...definition } = view;
  const states: Record<string, FlagState> = {};
  const versions: Record<string, number> = {};
  for (const [key, { version: stateVersion, updatedAt: _updatedAt, ...state }] of Object.entries(environments)) {
    states[key] = state as FlagState;
    versions[key] = stateVersion;
  }
  return {
    flag: { ...(definition as Omit<FlagWithStates, 'environments'>), environments: states },
    versions: { definition: version, environments: versions },
    createdAt,
    updatedAt,
  };
}

export function fetchFlag(project: string, flag: string): Promise<LoadedFlag> {
  return unwrap(api.GET('/api/v1/projects/{project}/flags/{flag}', { params: { path: { project, flag } } })).then(
    loadedFlag,
  );
}

/** The flag with every environment's state; kept fresh by the page itself (saves set it). */
export function useFlag(project: string, flag: string | undefined) {
  return useQuery({ ...flagQuery(project, flag ?? ''), enabled: flag !== undefined && flag !== '' });
}

/** The flag query, shared by the hook and by the router's prefetch (same key, same request). */
export const flagQuery = (project: string, flag: string) =>
  queryOptions({ queryKey: flagKeys.one(project, flag), queryFn: () => fetchFlag(project, flag), staleTime: 30_000 });

/**
 * Changes the definition (name, tags, variations…), only if it is still at `version` (else a 412
 * problem); the answer is the whole flag as now saved.
 */
export function patchDefinition(
  project: string,
  flag: string,
  patch: DefinitionPatch,
  version: number,
): Promise<LoadedFlag> {
  return unwrap(
    api.PATCH('/api/v1/projects/{project}/flags/{flag}', {
      params: { path: { project, flag }, header: { 'if-match': `"${version}"` } },
      body: patch,
    }),
  ).then(loadedFlag);
}

/**
 * Replaces a state, only if it is still at `version` (else a 412 problem). Answers the new version.
 */
export async function putState(
  project: string,
  flag: string,
  environment: string,
  state: FlagState,
  version: number,
): Promise<number> {
  const saved = await unwrap(
    api.PUT('/api/v1/projects/{project}/flags/{flag}/environments/{environment}', {
      params: { path: { project, flag, environment }, header: { 'if-match': `"${version}"` } },
      body: state as StateBody,
    }),
  );
  return saved.version;
}

/**
 * Flags of the project whose key, name or tags contain `search` (the server searches; a page of
 * 20), for pickers such as a prerequisite's flag.
 */
export function useFlagChoices(project: string, search: string) {
  return useQuery({
    queryKey: flagKeys.choices(project, search),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/projects/{project}/flags', {
          params: { path: { project }, query: { q: search || undefined, limit: 20 } },
        }),
      ).then((page) => page.items),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
