import type { FlagSummary } from '../../api/flags-list';

/**
 * When SDKs last reported evaluating a flag, overall (what its status goes by) and in each
 * environment the caller may read, as the lines of the status badge's tooltip.
 */
export function lastEvaluatedLines(
  flag: Pick<FlagSummary, 'lastEvaluatedAt' | 'environments'>,
  format: (at: Date) => string,
): string[] {
  const when = (at: string | null | undefined) => (at ? format(new Date(at)) : 'never');
  const environments = Object.entries(flag.environments ?? {});
  return [
    flag.lastEvaluatedAt === null ? 'Never evaluated' : `Last evaluated ${when(flag.lastEvaluatedAt)}`,
    ...(environments.length > 1 ? environments.map(([key, state]) => `· ${key}: ${when(state.lastEvaluatedAt)}`) : []),
  ];
}
