import { Anchor, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation, useParams } from 'react-router';
import { useEnvironments } from '../api/environments';
import { useRememberPreferences } from '../api/preferences';
import { isProblem } from '../api/problem';
import { recall, remember } from '../app/remembered';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { ENV_PARAM, useSelectedEnvironmentKey } from '../environments/selected-environment';
import { useSignedIn } from '../shell/session-context';

/**
 * Every page under /projects/:project: makes sure the URL names one of the project's environments
 * (`?env=`; the one this member used last here, else the first), and remembers project and environment.
 */
export function ProjectLayout() {
  const { project = '' } = useParams();
  const { member } = useSignedIn();
  const location = useLocation();
  const environments = useEnvironments(project);
  const [selected] = useSelectedEnvironmentKey();
  const valid = environments.data?.some((environment) => environment.key === selected) === true;
  const { mutate: rememberOnServer } = useRememberPreferences();

  useEffect(() => {
    if (!valid || selected === undefined) return;
    remember(member.id, 'project', project);
    remember(member.id, `environment:${project}`, selected);
    rememberOnServer({ project, environment: selected });
  }, [valid, member.id, project, selected, rememberOnServer]);

  if (environments.isPending) return <PageLoading />;
  if (environments.isError)
    return (
      <Stack>
        <PageError
          error={environments.error}
          title={
            isProblem(environments.error, 404) ? `There is no project "${project}"` : 'Could not load this project'
          }
          onRetry={() => void environments.refetch()}
        >
          <Anchor component={Link} to="/" size="sm">
            Go to your first project
          </Anchor>
        </PageError>
      </Stack>
    );
  if (!valid) {
    const remembered = recall(member.id, `environment:${project}`);
    const fallback = environments.data.find((environment) => environment.key === remembered) ?? environments.data[0];
    if (fallback === undefined) return <PageError error={undefined} title="This project has no environments yet" />;
    const search = new URLSearchParams(location.search);
    search.set(ENV_PARAM, fallback.key);
    return <Navigate to={{ pathname: location.pathname, search: `?${search}`, hash: location.hash }} replace />;
  }
  return <Outlet />;
}
