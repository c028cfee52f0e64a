import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { isProblem } from '../api/problem';
import { type Project, useCreateProject, useUpdateProject } from '../api/projects';
import { FormProblem, fieldError } from '../components/FormProblem';
import { keyMessage } from '../environments/environment-list';
import { newProjectBody, projectChanges } from './project-model';

interface ProjectDialogProps {
  /** Creating one, editing one, or closed. */
  editing: { mode: 'create' } | { mode: 'edit'; project: Project } | undefined;
  onClose(): void;
}

const FIELDS = ['key', 'name', 'description'];

/**
 * Creating a project (key, name, description; it gets development, staging and production) or
 * renaming and describing one (the key stays: SDKs, URLs and the API name it). The server's
 * refusals show at the field they name.
 */
export function ProjectDialog({ editing, onClose }: ProjectDialogProps) {
  const create = useCreateProject();
  const update = useUpdateProject();
  const existing = editing?.mode === 'edit' ? editing.project : undefined;
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  // Each opening starts from the project as it is then (or from blank).
  useEffect(() => {
    const project = editing?.mode === 'edit' ? editing.project : undefined;
    setKey('');
    setName(project?.name ?? '');
    setDescription(project?.description ?? '');
  }, [editing]);

  const mutation = existing ? update : create;
  const error = mutation.error;
  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (existing) {
      const changes = projectChanges(existing, { name, description });
      if (changes === undefined) return close();
      update.mutate({ project: existing.key, changes }, { onSuccess: close });
    } else {
      create.mutate(newProjectBody(key, { name, description }), { onSuccess: close });
    }
  };
  const keyError = () => {
    const message = fieldError(error, 'key');
    if (message === undefined) return undefined;
    if (isProblem(error, 409)) return `${key.trim()} is taken in this organisation: choose another key`;
    return keyMessage(message);
  };

  return (
    <Modal
      opened={editing !== undefined}
      onClose={close}
      title={existing ? `Edit ${existing.name}` : 'Create a project'}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem
            error={error}
            fields={FIELDS}
            messages={{ 409: `${key.trim()} is taken in this organisation: choose another key` }}
          />
          {!existing && (
            <TextInput
              label="Key"
              description="Used by the API, SDK snippets and URLs; it cannot change later"
              placeholder="mobile-app"
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
            placeholder={existing ? undefined : 'Mobile app'}
            required={existing !== undefined}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(error, 'name')}
            data-autofocus={existing ? true : undefined}
          />
          <Textarea
            label="Description"
            placeholder="Whose flags these are, and what they serve"
            autosize
            minRows={2}
            maxRows={8}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={fieldError(error, 'description')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {existing ? 'Save' : 'Create project'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
