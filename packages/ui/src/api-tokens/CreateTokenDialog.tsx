import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type NewApiToken, useCreateApiToken } from '../api/api-tokens';
import { FormProblem, fieldError } from '../components/FormProblem';
import { EffectiveAccess } from '../members/EffectiveAccess';
import { GrantsEditor } from '../members/GrantsEditor';
import { bindingsOf, draftsOf, type GrantDraft, grantFieldPaths } from '../members/member-model';
import { useSignedIn } from '../shell/session-context';
import { EXPIRY_CHOICES, type ExpiryChoice, expiresAtFor, type TokenTab } from './token-model';

interface CreateTokenDialogProps {
  /** The kind of token to make; undefined when closed. */
  kind: TokenTab | undefined;
  onClose(): void;
  onCreated(token: NewApiToken): void;
}

/** A new personal or service token: name, grants, expiry; the server's refusals show at their fields. */
export function CreateTokenDialog({ kind, onClose, onCreated }: CreateTokenDialogProps) {
  return (
    <Modal
      opened={kind !== undefined}
      onClose={onClose}
      title={kind === 'service' ? 'Create a service token' : 'Create a personal token'}
      size={820}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {kind && <CreateTokenForm key={kind} kind={kind} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function CreateTokenForm({
  kind,
  onClose,
  onCreated,
}: {
  kind: TokenTab;
  onClose(): void;
  onCreated(token: NewApiToken): void;
}) {
  const { member } = useSignedIn();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  // A personal token starts with its member's own grants: it can never have more.
  const [grants, setGrants] = useState<GrantDraft[]>(() =>
    kind === 'personal' && member.roles.length > 0
      ? draftsOf(member.roles)
      : [{ role: 'viewer', project: '', environment: '' }],
  );
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expiresAtFor(expiry);
    create.mutate(
      { name: name.trim(), kind, roles: bindingsOf(grants), ...(expiresAt === undefined ? {} : { expiresAt }) },
      { onSuccess: onCreated },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem
          error={create.error}
          fields={['name', 'kind', 'expiresAt', 'roles', ...grantFieldPaths('roles', grants.length)]}
        />
        <TextInput
          label="Name"
          description="What uses it, to recognise it later: “Release script”, “Terraform”"
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={fieldError(create.error, 'name')}
          data-autofocus
        />
        <GrantsEditor
          label="Grants of the token"
          value={grants}
          onChange={(next) => {
            // A refusal stays at its fields until they are edited.
            setGrants(next);
            create.reset();
          }}
          error={create.error}
        />
        <EffectiveAccess roles={bindingsOf(grants)} />
        <NativeSelect
          label="Expires"
          description="A token that ends by itself is one less secret to forget"
          data={EXPIRY_CHOICES.map((choice) => ({ value: choice.value, label: choice.label }))}
          value={expiry}
          onChange={(event) => setExpiry(event.currentTarget.value as ExpiryChoice)}
          error={fieldError(create.error, 'expiresAt')}
          maw={240}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
