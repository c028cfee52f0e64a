import { Button, Stack, Text, Title } from '@mantine/core';
import { Link, Navigate } from 'react-router';
import { usePreferences } from '../api/preferences';
import { useProjects } from '../api/projects';
import { recall } from '../app/remembered';
import { can } from '../auth/permissions';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { usePageTitle } from '../components/use-page-title';
import { projectPath } from '../environments/selected-environment';
import { useSignedIn } from '../shell/session-context';

/**
 * `/`: the flags of the project and environment this member used last — on any browser (the server
 * remembers), else in this one — else of their first project.
 */
export function HomeRedirect() {
  const { member } = useSignedIn();
  const projects = useProjects();
  const preferences = usePreferences();
  usePageTitle('Projects');
  if (projects.isPending || preferences.isPending) return <PageLoading />;
  if (projects.isError)
    return (
      <PageError error={projects.error} title="Could not load your projects" onRetry={() => void projects.refetch()} />
    );
  const remembered = preferences.data?.project ?? recall(member.id, 'project');
  const project = projects.data.find((candidate) => candidate.key === remembered) ?? projects.data[0];
  if (project === undefined)
    return (
      <Stack maw={560}>
        <Title order={1}>No projects yet</Title>
        {can(member, 'project:create', {}) ? (
          <>
            <Text>Create your first project: it starts with development, staging and production environments.</Text>
            <Button component={Link} to="/settings/projects?create" w="fit-content">
              Create a project
            </Button>
          </>
        ) : (
          <Text>
            You can see no project. Ask an owner or admin of your organisation to give you a role on one, or to create
            one.
          </Text>
        )}
      </Stack>
    );
  const environment =
    (preferences.data?.project === project.key ? preferences.data.environment : null) ??
    recall(member.id, `environment:${project.key}`);
  return <Navigate to={projectPath(project.key, 'flags', environment)} replace />;
}
