import { Button, Group, Input, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Environment } from '../api/environments';
import { type NewSdkKey, type SdkKeyKind, useCreateSdkKey } from '../api/sdk-keys';
import { FormProblem, fieldError } from '../components/FormProblem';
import { KIND_WORDS } from './sdk-key-model';

interface CreateKeyDialogProps {
  project: string;
  environment: Environment;
  opened: boolean;
  onClose(): void;
  onCreated(key: NewSdkKey): void;
}

const FIELDS = ['name', 'kind'];

/** A new server or client key of the environment, named for what uses it; the server's refusals show at the field. */
export function CreateKeyDialog({ project, environment, opened, onClose, onCreated }: CreateKeyDialogProps) {
  const create = useCreateSdkKey(project, environment.key);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SdkKeyKind>('server');
  const close = () => {
    setName('');
    setKind('server');
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), kind },
      {
        onSuccess: (key) => {
          setName('');
          setKind('server');
          create.reset();
          onCreated(key);
        },
      },
    );
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Create an SDK key in ${environment.name}`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem error={create.error} fields={FIELDS} />
          <TextInput
            label="Name"
            description="What uses it, to recognise it later: “Checkout service”, “Web app”"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(create.error, 'name')}
            data-autofocus
          />
          <Input.Wrapper label="Kind" error={fieldError(create.error, 'kind')}>
            <Stack gap={4} mt={4}>
              <SegmentedControl
                aria-label="Kind"
                data={(['server', 'client'] as const).map((value) => ({ value, label: KIND_WORDS[value].label }))}
                value={kind}
                onChange={(value) => setKind(value as SdkKeyKind)}
              />
              <Text size="xs" c="dimmed">
                {KIND_WORDS[kind].description}
              </Text>
            </Stack>
          </Input.Wrapper>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
