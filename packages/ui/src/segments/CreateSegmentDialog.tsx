import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { isProblem } from '../api/problem';
import { useCreateSegment } from '../api/segments';
import { FormProblem, fieldError } from '../components/FormProblem';
import { keyMessage } from '../environments/environment-list';

interface CreateSegmentDialogProps {
  project: string;
  opened: boolean;
  onClose(): void;
  /** The new segment's page, where its keys and rules are added. */
  pathOf(key: string): string;
}

const FIELDS = ['key', 'name', 'description'];

/** A new segment: its key, name and description; its keys and rules are added on its page, where this leads. */
export function CreateSegmentDialog({ project, opened, onClose, pathOf }: CreateSegmentDialogProps) {
  const create = useCreateSegment(project);
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const close = () => {
    create.reset();
    setKey('');
    setName('');
    setDescription('');
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        key: key.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
      },
      {
        onSuccess: (segment) => {
          close();
          void navigate(pathOf(segment.key));
        },
      },
    );
  };
  const keyError = () => {
    const message = fieldError(create.error, 'key');
    if (message === undefined) return undefined;
    if (isProblem(create.error, 409)) return `${key.trim()} is taken in ${project}: choose another key`;
    return keyMessage(message);
  };
  return (
    <Modal opened={opened} onClose={close} title="Create a segment" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem error={create.error} fields={FIELDS} />
          <TextInput
            label="Key"
            description="Flags and SDKs name the segment by it; it cannot change later"
            placeholder="beta-testers"
            required
            value={key}
            onChange={(event) => setKey(event.currentTarget.value)}
            error={keyError()}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-autofocus
          />
          <TextInput
            label="Name"
            description="Shown in the console; the key when left empty"
            placeholder="Beta testers"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(create.error, 'name')}
          />
          <Textarea
            label="Description"
            placeholder="Who they are, and who keeps the list"
            autosize
            minRows={2}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={fieldError(create.error, 'description')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create segment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
