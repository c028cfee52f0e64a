import type { ExplainStep } from '@vexil/engine';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type EvaluatePath = paths['/api/v1/projects/{project}/flags/{flag}/evaluate']['post'];

/** `{ context, draft? }`: a context, and optionally unsaved edits to evaluate beside the saved flag. */
export type FlagEvaluationRequest = EvaluatePath['requestBody']['content']['application/json'];
export type FlagDraftPayload = NonNullable<FlagEvaluationRequest['draft']>;
type EvaluationAnswer = EvaluatePath['responses'][200]['content']['application/json'];
type WireEvaluation = EvaluationAnswer['environments'][number]['saved'];

/** What the flag serves the context in one environment, and the engine's steps to it. */
export interface Evaluation extends Omit<WireEvaluation, 'trace'> {
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

/** Flag-scoped, so invalidating the flag (`['projects', project, 'flags', flag]`) re-evaluates too. */
export const flagEvaluationKeys = {
  of: (project: string, flag: string, request: FlagEvaluationRequest | undefined) =>
    ['projects', project, 'flags', flag, 'evaluate', request ?? null] as const,
};

/**
 * The flag evaluated for a context in every environment the member may read: as saved, and as the
 * draft would serve it when the request carries one. Nothing is asked while `request` is undefined
 * (no valid context yet); the last answer stays on screen while the next one loads, so typing
 * does not make the panel flicker.
 */
export function useFlagEvaluation(project: string, flag: string, request: FlagEvaluationRequest | undefined) {
  return useQuery({
    queryKey: flagEvaluationKeys.of(project, flag, request),
    queryFn: async (): Promise<EnvironmentEvaluation[]> => {
      const answer = await unwrap(
        api.POST('/api/v1/projects/{project}/flags/{flag}/evaluate', {
          params: { path: { project, flag } },
          body: request as FlagEvaluationRequest,
        }),
      );
      // The schema leaves the trace open (`unknown[]`); it is the engine's ExplainStep[] (flags/evaluate.ts).
      return answer.environments as EnvironmentEvaluation[];
    },
    enabled: request !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
