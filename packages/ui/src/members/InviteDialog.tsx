import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type NewInvitation, useInvite } from '../api/members';
import { FormProblem, fieldError } from '../components/FormProblem';
import { EffectiveAccess } from './EffectiveAccess';
import { GrantsEditor } from './GrantsEditor';
import { bindingsOf, type GrantDraft, grantFieldPaths, INVITATION_DAYS } from './member-model';

interface InviteDialogProps {
  opened: boolean;
  onClose(): void;
  onSent(invitation: NewInvitation): void;
}

const FIRST_GRANT: GrantDraft[] = [{ role: 'viewer', project: '', environment: '' }];

/** Invites someone by email with the grants they will join with; the server's refusals show at their fields. */
export function InviteDialog({ opened, onClose, onSent }: InviteDialogProps) {
  const invite = useInvite();
  const [email, setEmail] = useState('');
  const [grants, setGrants] = useState<GrantDraft[]>(FIRST_GRANT);
  const [days, setDays] = useState('7');
  const clear = () => {
    setEmail('');
    setGrants(FIRST_GRANT);
    setDays('7');
    invite.reset();
  };
  const close = () => {
    clear();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
      { email: email.trim(), roles: bindingsOf(grants), expiresInHours: Number(days) * 24 },
      {
        onSuccess: (invitation) => {
          clear();
          onSent(invitation);
        },
      },
    );
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Invite a member"
      size={820}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem
            error={invite.error}
            fields={['email', 'roles', 'expiresInHours', ...grantFieldPaths('roles', grants.length)]}
          />
          <TextInput
            label="Email"
            description="Where you will send the invitation link"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError(invite.error, 'email')}
            data-autofocus
          />
          <GrantsEditor
            label="Grants of the invitation"
            value={grants}
            onChange={(next) => {
              // A refusal stays at its fields until they are edited.
              setGrants(next);
              invite.reset();
            }}
            error={invite.error}
          />
          <EffectiveAccess roles={bindingsOf(grants)} />
          <NativeSelect
            label="The link works for"
            data={INVITATION_DAYS.map((count) => ({
              value: String(count),
              label: count === 1 ? '1 day' : `${count} days`,
            }))}
            value={days}
            onChange={(event) => setDays(event.currentTarget.value)}
            error={fieldError(invite.error, 'expiresInHours')}
            maw={200}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Create invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
