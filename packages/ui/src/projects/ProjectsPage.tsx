import { Anchor, Badge, Button, ColorSwatch, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type Project, useProjects } from '../api/projects';
import { can } from '../auth/permissions';
import { KeyText } from '../components/KeyText';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { environmentColor, isCritical } from '../environments/colors';
import { projectPath } from '../environments/selected-environment';
import { useSignedIn } from '../shell/session-context';
import { DeleteProjectDialog } from './DeleteProjectDialog';
import { ProjectDialog } from './ProjectDialog';

/** `?create` opens the create dialog, so a link can lead straight to it. */
export const CREATE_PARAM = 'create';

/**
 * `/settings/projects`: the organisation's projects (those the member may see), each with its key,
 * description and environments; owners create and delete projects, owners and admins rename and
 * describe them. Deleting asks for the key, typed, and names what goes with the project.
 */
export function ProjectsPage() {
  usePageTitle('Projects');
  const { member } = useSignedIn();
  const projects = useProjects();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Project | undefined>(undefined);
  const [deleting, setDeleting] = useState<Project | undefined>(undefined);
  const canCreate = can(member, 'project:create', {});
  const creating = canCreate && params.has(CREATE_PARAM);
  const setCreating = (open: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (open) next.set(CREATE_PARAM, '');
        else next.delete(CREATE_PARAM);
        return next;
      },
      { replace: !open },
    );

  if (projects.isPending) return <PageLoading />;
  if (projects.isError)
    return (
      <PageError error={projects.error} title="Could not load the projects" onRetry={() => void projects.refetch()} />
    );
  const list = projects.data;
  const manages = list.some(
    (project) =>
      can(member, 'project:update', { project: project.key }) ||
      can(member, 'project:delete', { project: project.key }),
  );

  return (
    <Stack gap="lg" maw={960}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1}>Projects</Title>
          <Text size="sm" c="dimmed">
            A project holds flags, segments and metrics, and the environments they are served in — one per product or
            team. Its key is what SDKs and the API name it by.
          </Text>
        </Stack>
        {canCreate && (
          <Button onClick={() => setCreating(true)} style={{ flexShrink: 0 }}>
            Create project
          </Button>
        )}
      </Group>
      {list.length === 0 ? (
        <Paper withBorder p="lg">
          <Stack gap="xs">
            <Title order={2} size="h4">
              No projects yet
            </Title>
            <Text size="sm">
              {canCreate
                ? 'Create one: it starts with development, staging and production environments, and its flags can then be created, or imported from Eppo.'
                : 'You can see no project. Ask an owner of your organisation to create one, or to give you a role on one.'}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Projects">
          {list.map((project) => (
            <ProjectRow
              key={project.key}
              project={project}
              editable={can(member, 'project:update', { project: project.key })}
              deletable={can(member, 'project:delete', { project: project.key })}
              onEdit={() => setEditing(project)}
              onDelete={() => setDeleting(project)}
            />
          ))}
        </Stack>
      )}
      {!manages && !canCreate && (
        <Text size="sm" c="dimmed">
          You can view these projects; owners create and delete projects, and admins rename and describe them.
        </Text>
      )}
      <ProjectDialog
        editing={creating ? { mode: 'create' } : editing ? { mode: 'edit', project: editing } : undefined}
        onClose={() => (creating ? setCreating(false) : setEditing(undefined))}
      />
      <DeleteProjectDialog project={deleting} onClose={() => setDeleting(undefined)} />
    </Stack>
  );
}

interface ProjectRowProps {
  project: Project;
  editable: boolean;
  deletable: boolean;
  onEdit(): void;
  onDelete(): void;
}

/** One project: its name (to its flags), key, description, environments in order, and its controls. */
function ProjectRow({ project, editable, deletable, onEdit, onDelete }: ProjectRowProps) {
  return (
    <li data-testid="project" data-key={project.key}>
      <Paper withBorder p="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
            <Group gap="md" wrap="nowrap">
              <Anchor component={Link} to={projectPath(project.key, 'flags', undefined)} fw={600} truncate>
                {project.name}
              </Anchor>
              <KeyText text={project.key} label={`the key ${project.key}`} />
            </Group>
            {project.description ? (
              <Text size="sm" data-testid="project-description">
                {project.description}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                No description
              </Text>
            )}
            <Group gap="xs" aria-label={`Environments of ${project.name}`} role="group">
              {project.environments.map((environment) => (
                <Badge
                  key={environment.key}
                  variant="outline"
                  color="gray.7"
                  tt="none"
                  leftSection={
                    <ColorSwatch
                      color={`var(--mantine-color-${environmentColor(environment.key)}-6)`}
                      size={8}
                      aria-hidden
                    />
                  }
                >
                  {environment.name}
                  {isCritical(environment) ? ' · critical' : ''}
                </Badge>
              ))}
              {project.environments.length === 0 && (
                <Text size="xs" c="dimmed">
                  No environments you may see
                </Text>
              )}
            </Group>
            <RelativeTime at={project.createdAt} prefix="created " size="xs" c="dimmed" />
          </Stack>
          {(editable || deletable) && (
            <Group gap="xs" wrap="nowrap">
              {editable && (
                <Button variant="default" size="xs" onClick={onEdit} aria-label={`Edit ${project.name}`}>
                  Edit
                </Button>
              )}
              {deletable && (
                <Button variant="subtle" color="red" size="xs" onClick={onDelete} aria-label={`Delete ${project.name}`}>
                  Delete
                </Button>
              )}
            </Group>
          )}
        </Group>
      </Paper>
    </li>
  );
}
