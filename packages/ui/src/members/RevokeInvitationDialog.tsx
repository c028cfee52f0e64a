import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type Invitation, useRevokeInvitation } from '../api/members';
import { isProblem } from '../api/problem';

/** Revoking an invitation makes its link useless at once; the dialog names whose it is. */
export function RevokeInvitationDialog({
  invitation,
  onClose,
}: {
  invitation: Invitation | undefined;
  onClose(): void;
}) {
  const revoke = useRevokeInvitation();
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Modal
      opened={invitation !== undefined}
      onClose={close}
      title={`Revoke the invitation of ${invitation?.email ?? ''}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm">
          The link sent to {invitation?.email} stops working at once. You can invite them again later.
        </Text>
        {revoke.error !== null && (
          <Alert color="red" role="alert" title="Not revoked">
            {isProblem(revoke.error) ? (revoke.error.detail ?? revoke.error.title) : 'Something unexpected went wrong.'}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() => invitation && revoke.mutate(invitation.id, { onSuccess: close })}
          >
            Revoke invitation
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
