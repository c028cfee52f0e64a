import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type OrgMember, useRemoveMember } from '../api/members';
import { isProblem } from '../api/problem';

interface RemoveMemberDialogProps {
  member: OrgMember | undefined;
  /** The signed-in member's id: removing oneself ends one's own session here. */
  me: string;
  onClose(): void;
}

/** Removing a member ends their sessions and personal tokens here; the dialog names them and says so. */
export function RemoveMemberDialog({ member, me, onClose }: RemoveMemberDialogProps) {
  const remove = useRemoveMember();
  const close = () => {
    remove.reset();
    onClose();
  };
  const self = member?.id === me;
  return (
    <Modal
      opened={member !== undefined}
      onClose={close}
      title={`Remove ${member?.name ?? ''}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm">
          {member?.name} ({member?.email}) leaves the organisation: their sessions here end and their personal tokens
          stop working at once. Their account and other organisations stay. The audit log keeps what they did.
          {self && ' This is you: you will be signed out of this organisation.'}
        </Text>
        {remove.error !== null && (
          <Alert
            color="red"
            role="alert"
            title={isProblem(remove.error, 409) ? 'The organisation needs an owner' : 'Not removed'}
          >
            {isProblem(remove.error) ? (remove.error.detail ?? remove.error.title) : 'Something unexpected went wrong.'}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            disabled={isProblem(remove.error, 409)}
            onClick={() =>
              member &&
              // Removing oneself ends this session: the next request's 401 takes the shell to sign-in.
              remove.mutate(member.id, { onSuccess: close })
            }
          >
            Remove member
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
