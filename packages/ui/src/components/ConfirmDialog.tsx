import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { isProblem } from '../api/problem';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  /** What the action does and what is lost, in a sentence or two. */
  children: ReactNode;
  /** The red button: says the action ("Revoke key"). */
  confirmLabel: string;
  /** The alert's title when the server refuses ("Not revoked"). */
  refusedTitle: string;
  /** The action's last error, shown as the server said it. */
  error: unknown;
  pending: boolean;
  /** Keeps the button disabled, e.g. after a refusal that trying again cannot change. */
  blocked?: boolean;
  onConfirm(): void;
  onClose(): void;
}

/**
 * The question before a destructive action (revoke, remove): what it does, Cancel, and the action in
 * red; a refusal is shown in the dialog, where it was asked for.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { opened, title, children, confirmLabel, refusedTitle, error, pending, blocked, onConfirm, onClose } = props;
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        {error != null && (
          <Alert color="red" role="alert" title={refusedTitle}>
            {isProblem(error) ? (error.detail ?? error.title) : 'Something unexpected went wrong.'}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={pending} disabled={blocked} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
