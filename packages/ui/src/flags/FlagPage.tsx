import { Anchor, Stack, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useFlag } from '../api/flag';
import { isProblem } from '../api/problem';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { usePageTitle } from '../components/use-page-title';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import { FlagDraftProvider } from './draft/FlagDraftProvider';
import { FlagPageBody } from './page/FlagPageBody';

/**
 * `/projects/:project/flags/:flag?env=…&tab=…`: one flag — its header, its targeting in the
 * selected environment, history and settings — edited as a draft that is reviewed and saved.
 */
export function FlagPage() {
  const { project = '', flag = '' } = useParams();
  const [environment] = useSelectedEnvironmentKey();
  const query = useFlag(project, flag);
  const name = query.data?.flag.name;
  usePageTitle(`${name || flag} · ${project}`);

  // Once loaded, the page stays: a failed refetch in the background must not take the draft with it.
  if (query.data === undefined && query.isError)
    return (
      <Stack>
        <Title order={1} size="h2" ff="monospace">
          {flag}
        </Title>
        <PageError
          error={query.error}
          title={isProblem(query.error, 404) ? `There is no flag "${flag}" in ${project}` : 'Could not load this flag'}
          onRetry={() => void query.refetch()}
        >
          <Anchor component={Link} to={projectPath(project, 'flags', environment)} size="sm">
            Back to the flags
          </Anchor>
        </PageError>
      </Stack>
    );
  if (query.data === undefined || environment === undefined) return <PageLoading label="Loading the flag…" />;
  return (
    // A new flag is a new draft: nothing edited on one flag's page carries over to another's.
    <FlagDraftProvider key={`${project}/${flag}`} project={project} loaded={query.data}>
      <FlagPageBody environment={environment} />
    </FlagDraftProvider>
  );
}
