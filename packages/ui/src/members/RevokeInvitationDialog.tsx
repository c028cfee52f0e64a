import { type Invitation, useRevokeInvitation } from '../api/members';
import { ConfirmDialog } from '../components/ConfirmDialog';

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
    <ConfirmDialog
      opened={invitation !== undefined}
      title={`Revoke the invitation of ${invitation?.email ?? ''}?`}
      confirmLabel="Revoke invitation"
      refusedTitle="Not revoked"
      error={revoke.error}
      pending={revoke.isPending}
      onConfirm={() => invitation && revoke.mutate(invitation.id, { onSuccess: close })}
      onClose={close}
    >
      The link sent to {invitation?.email} stops working at once. You can invite them again later.
    </ConfirmDialog>
  );
}
