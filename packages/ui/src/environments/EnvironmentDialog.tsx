import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { type Environment, useCreateEnvironment, useUpdateEnvironment } from '../api/environments';
import { isProblem } from '../api/problem';
import { FormProblem, fieldError } from '../components/FormProblem';
import { criticalByDefault, keyMessage } from './environment-list';

interface EnvironmentDialogProps {
  project: string;
  /** Creating one, editing one, or closed. */
  editing: { mode: 'create' } | { mode: 'edit'; environment: Environment } | undefined;
  /** Where a new environment goes: at the end. */
  position: number;
  onClose(): void;
}

const FIELDS = ['key', 'name', 'critical'];

/**
 * Creating an environment (key, name, critical) or changing one (name, critical: the key is what SDK
 * keys and URLs name, so it stays). The server's refusals show at the field they name.
 */
export function EnvironmentDialog({ project, editing, position, onClose }: EnvironmentDialogProps) {
  const create = useCreateEnvironment(project);
  const update = useUpdateEnvironment(project);
  const existing = editing?.mode === 'edit' ? editing.environment : undefined;
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [critical, setCritical] = useState<boolean | undefined>(undefined);

  // Each opening starts from the environment as it is then (or from blank).
  useEffect(() => {
    const environment = editing?.mode === 'edit' ? editing.environment : undefined;
    setKey('');
    setName(environment?.name ?? '');
    setCritical(environment?.critical);
  }, [editing]);

  const mutation = existing ? update : create;
  const error = mutation.error;
  const close = () => {
    create.reset();
    update.reset();
    setKey('');
    setName('');
    setCritical(undefined);
    onClose();
  };
  const criticalChecked = critical ?? criticalByDefault(key);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (existing) {
      const changes = {
        ...(name.trim() !== existing.name ? { name: name.trim() } : {}),
        ...(criticalChecked !== existing.critical ? { critical: criticalChecked } : {}),
      };
      if (Object.keys(changes).length === 0) return close();
      update.mutate({ environment: existing.key, changes }, { onSuccess: close });
    } else {
      create.mutate(
        {
          key: key.trim(),
          ...(name.trim() ? { name: name.trim() } : {}),
          critical: criticalChecked,
          position,
        },
        { onSuccess: close },
      );
    }
  };
  const keyError = () => {
    const message = fieldError(error, 'key');
    if (message === undefined) return undefined;
    if (isProblem(error, 409)) return `${key.trim()} is taken in ${project}: choose another key`;
    return keyMessage(message);
  };

  return (
    <Modal
      opened={editing !== undefined}
      onClose={close}
      title={existing ? `Edit ${existing.name}` : 'Create an environment'}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem error={error} fields={FIELDS} />
          {!existing && (
            <TextInput
              label="Key"
              description="Used by the API and in URLs; it cannot change later"
              placeholder="qa"
              required
              value={key}
              onChange={(event) => setKey(event.currentTarget.value)}
              error={keyError()}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-autofocus
            />
          )}
          <TextInput
            label="Name"
            description={existing ? undefined : 'Shown in the console; the key when left empty'}
            placeholder={existing ? undefined : 'QA'}
            required={existing !== undefined}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(error, 'name')}
            data-autofocus={existing ? true : undefined}
          />
          <Checkbox
            label="Critical"
            description="Changes to flags here ask for a confirmation that says what will change (production is critical)"
            checked={criticalChecked}
            onChange={(event) => setCritical(event.currentTarget.checked)}
            error={fieldError(error, 'critical')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {existing ? 'Save' : 'Create environment'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
