import { type OrgMember, useRemoveMember } from '../api/members';
import { isProblem } from '../api/problem';
import { ConfirmDialog } from '../components/ConfirmDialog';

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
  const lastOwner = isProblem(remove.error, 409);
  return (
    <ConfirmDialog
      opened={member !== undefined}
      title={`Remove ${member?.name ?? ''}?`}
      confirmLabel="Remove member"
      refusedTitle={lastOwner ? 'The organisation needs an owner' : 'Not removed'}
      error={remove.error}
      pending={remove.isPending}
      blocked={lastOwner}
      // Removing oneself ends this session: the next request's 401 takes the shell to sign-in.
      onConfirm={() => member && remove.mutate(member.id, { onSuccess: close })}
      onClose={close}
    >
      {member?.name} ({member?.email}) leaves the organisation: their sessions here end and their personal tokens stop
      working at once. Their account and other organisations stay. The audit log keeps what they did.
      {member?.id === me && ' This is you: you will be signed out of this organisation.'}
    </ConfirmDialog>
  );
}
