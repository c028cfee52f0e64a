import { Alert, Button, Code, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type Environment, useDeleteEnvironment, useEnvironmentFootprint } from '../api/environments';
import { isProblem } from '../api/problem';
import { can } from '../auth/permissions';
import { useSignedIn } from '../shell/session-context';
import { confirms, deletionLosses } from './environment-list';

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
  const [typed, setTyped] = useState('');
  const remove = useDeleteEnvironment(project);
  const key = environment?.key ?? '';
  const canSeeKeys = can(member, 'sdk-key:manage', { project, environment: key });
  const footprint = useEnvironmentFootprint(project, key, canSeeKeys, environment !== undefined);
  const close = () => {
    setTyped('');
    remove.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!environment || !confirms(typed, environment.key)) return;
    remove.mutate(environment.key, { onSuccess: close });
  };
  const name = environment?.name ?? '';
  return (
    <Modal
      opened={environment !== undefined}
      onClose={close}
      title={`Delete ${name}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">This cannot be undone. With the environment goes:</Text>
          <List size="sm" spacing={4} data-testid="deletion-losses">
            {deletionLosses(name, footprint.data).map((loss) => (
              <List.Item key={loss}>{loss}</List.Item>
            ))}
          </List>
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
