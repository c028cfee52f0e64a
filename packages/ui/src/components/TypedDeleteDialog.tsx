import { Alert, Button, Code, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { isProblem } from '../api/problem';

/** Whether what was typed is the key to confirm with (surrounding spaces forgiven, case not). */
export function confirms(typed: string, key: string): boolean {
  return typed.trim() === key;
}

interface TypedDeleteDialogProps {
  opened: boolean;
  /** What goes, by name ("Quality assurance"). */
  name: string;
  /** The key to type before the button works. */
  confirmKey: string;
  /** The sentence before the list of what is lost. */
  intro: string;
  losses: string[];
  /** Said under the list (e.g. that the losses could not be counted). */
  note?: ReactNode;
  /** Whether the losses are still being counted. */
  counting?: boolean;
  error: unknown;
  pending: boolean;
  onDelete(): void;
  onClose(): void;
}

/**
 * The question before a deletion that cannot be undone: what goes with it, counted, and the key
 * typed before the red button works — so a click in the wrong row deletes nothing.
 */
export function TypedDeleteDialog(props: TypedDeleteDialogProps) {
  const { opened, name, confirmKey, intro, losses, note, counting, error, pending, onDelete, onClose } = props;
  const [typed, setTyped] = useState('');
  // Each opening starts empty, however the last one ended (cancelled or deleted).
  useEffect(() => {
    if (opened) setTyped('');
  }, [opened]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (confirms(typed, confirmKey)) onDelete();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Delete ${name}?`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{intro}</Text>
          <List size="sm" spacing={4} data-testid="deletion-losses" aria-busy={counting}>
            {losses.map((loss) => (
              <List.Item key={loss}>{loss}</List.Item>
            ))}
          </List>
          {note}
          <Text size="xs" c="dimmed">
            The audit log keeps its entries about {name}.
          </Text>
          <TextInput
            label={
              <>
                Type <Code>{confirmKey}</Code> to confirm
              </>
            }
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-autofocus
          />
          {error != null && (
            <Alert color="red" role="alert" title="Not deleted">
              {isProblem(error) ? (error.detail ?? error.title) : 'Something unexpected went wrong. Try again.'}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!confirms(typed, confirmKey)} loading={pending}>
              Delete {name}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
