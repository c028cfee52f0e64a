import { Alert, Button, Code, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { isProblem } from '../api/problem';
import { type Project, useDeleteProject, useProjectFootprint } from '../api/projects';
import { can } from '../auth/permissions';
import { confirms } from '../environments/environment-list';
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
  const [typed, setTyped] = useState('');
  const remove = useDeleteProject();
  const key = project?.key ?? '';
  const footprint = useProjectFootprint(
    key,
    project?.environments.map((environment) => environment.key) ?? [],
    (environment) => can(member, 'sdk-key:manage', { project: key, environment }),
    project !== undefined,
  );
  const close = () => {
    setTyped('');
    remove.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!project || !confirms(typed, project.key)) return;
    remove.mutate(project.key, { onSuccess: close });
  };
  const name = project?.name ?? '';
  return (
    <Modal
      opened={project !== undefined}
      onClose={close}
      title={`Delete ${name}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">This cannot be undone. With the project goes everything in it:</Text>
          <List size="sm" spacing={4} data-testid="deletion-losses" aria-busy={footprint.isPending}>
            {projectLosses(footprint.data).map((loss) => (
              <List.Item key={loss}>{loss}</List.Item>
            ))}
          </List>
          {footprint.isError && (
            <Text size="xs" c="red.9">
              Could not count what is in the project; everything in it goes all the same.
            </Text>
          )}
          <Text size="xs" c="dimmed">
            The audit log keeps its entries about {name}.
          </Text>
          <TextInput
            label={
              <>
                Type <Code>{key}</Code> to confirm
              </>
            }
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-autofocus
          />
          {remove.error !== null && (
            <Alert color="red" role="alert" title="Not deleted">
              {isProblem(remove.error)
                ? (remove.error.detail ?? remove.error.title)
                : 'Something unexpected went wrong. Try again.'}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!confirms(typed, key)} loading={remove.isPending}>
              Delete {name}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
