import { Text } from '@mantine/core';
import { type Project, useDeleteProject, useProjectFootprint } from '../api/projects';
import { can } from '../auth/permissions';
import { TypedDeleteDialog } from '../components/TypedDeleteDialog';
import { useSignedIn } from '../shell/session-context';
import { projectLosses } from './project-model';

interface DeleteProjectDialogProps {
  /** The project to delete; undefined when closed. */
  project: Project | undefined;
  onClose(): void;
}

/**
 * Deleting a project cannot be undone: the dialog counts what goes with it (flags, segments,
 * metrics, environments, SDK keys, asked of the API as it opens) and asks for the project's key,
 * typed, before the button works.
 */
export function DeleteProjectDialog({ project, onClose }: DeleteProjectDialogProps) {
  const { member } = useSignedIn();
  const remove = useDeleteProject();
  const key = project?.key ?? '';
  const footprint = useProjectFootprint(
    key,
    project?.environments.map((environment) => environment.key) ?? [],
    (environment) => can(member, 'sdk-key:manage', { project: key, environment }),
    project !== undefined,
  );
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <TypedDeleteDialog
      opened={project !== undefined}
      name={project?.name ?? ''}
      confirmKey={key}
      intro="This cannot be undone. With the project goes everything in it:"
      losses={projectLosses(footprint.data)}
      counting={footprint.isPending}
      note={
        footprint.isError && (
          <Text size="xs" c="red.9">
            Could not count what is in the project; everything in it goes all the same.
          </Text>
        )
      }
      error={remove.error}
      pending={remove.isPending}
      onDelete={() => remove.mutate(key, { onSuccess: close })}
      onClose={close}
    />
  );
}
