import { type Environment, useDeleteEnvironment, useEnvironmentFootprint } from '../api/environments';
import { can } from '../auth/permissions';
import { TypedDeleteDialog } from '../components/TypedDeleteDialog';
import { useSignedIn } from '../shell/session-context';
import { deletionLosses } from './environment-list';

interface DeleteEnvironmentDialogProps {
  project: string;
  /** The environment to delete; undefined when closed. */
  environment: Environment | undefined;
  onClose(): void;
}

/**
 * Deleting an environment cannot be undone: the dialog says what goes with it (counted from the
 * server as it opens) and asks for the environment's key, typed, before the button works.
 */
export function DeleteEnvironmentDialog({ project, environment, onClose }: DeleteEnvironmentDialogProps) {
  const { member } = useSignedIn();
  const remove = useDeleteEnvironment(project);
  const key = environment?.key ?? '';
  const canSeeKeys = can(member, 'sdk-key:manage', { project, environment: key });
  const footprint = useEnvironmentFootprint(project, key, canSeeKeys, environment !== undefined);
  const close = () => {
    remove.reset();
    onClose();
  };
  const name = environment?.name ?? '';
  return (
    <TypedDeleteDialog
      opened={environment !== undefined}
      name={name}
      confirmKey={key}
      intro="This cannot be undone. With the environment goes:"
      losses={deletionLosses(name, footprint.data)}
      error={remove.error}
      pending={remove.isPending}
      onDelete={() => remove.mutate(key, { onSuccess: close })}
      onClose={close}
    />
  );
}
