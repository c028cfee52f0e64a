import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type OrgMember, useUpdateMember } from '../api/members';
import { FormProblem } from '../components/FormProblem';
import { EffectiveAccess } from './EffectiveAccess';
import { GrantsEditor } from './GrantsEditor';
import { bindingsOf, draftsOf, type GrantDraft, grantFieldPaths } from './member-model';

interface EditMemberDialogProps {
  /** The member whose grants change; undefined when closed. */
  member: OrgMember | undefined;
  /** They are the organisation's only owner: that grant stays (the server would refuse with 409). */
  lastOwner: boolean;
  onClose(): void;
}

/** Replaces a member's grants, showing what each allows and where they leave the member before saving. */
export function EditMemberDialog({ member, lastOwner, onClose }: EditMemberDialogProps) {
  return (
    <Modal
      opened={member !== undefined}
      onClose={onClose}
      title={`Grants of ${member?.name ?? ''}`}
      size={820}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {member && <EditMemberForm key={member.id} member={member} lastOwner={lastOwner} onClose={onClose} />}
    </Modal>
  );
}

function EditMemberForm({ member, lastOwner, onClose }: { member: OrgMember; lastOwner: boolean; onClose(): void }) {
  const update = useUpdateMember();
  const [grants, setGrants] = useState<GrantDraft[]>(() => draftsOf(member.roles));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: member.id, change: { roles: bindingsOf(grants) } }, { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {member.email} · sessions and personal tokens of {member.name} follow the new grants at once.
        </Text>
        <FormProblem error={update.error} fields={['roles', ...grantFieldPaths('roles', grants.length)]} />
        <GrantsEditor
          label={`Grants of ${member.name}`}
          value={grants}
          onChange={(next) => {
            // A refusal stays at its fields until they are edited.
            setGrants(next);
            update.reset();
          }}
          error={update.error}
          locked={(draft) =>
            lastOwner && draft.role === 'owner' && draft.project === ''
              ? `${member.name} is the only owner of the organisation: make someone else owner before changing this grant.`
              : undefined
          }
        />
        <EffectiveAccess roles={bindingsOf(grants)} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save grants
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
