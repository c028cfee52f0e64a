import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import type { Environment } from '../api/environments';
import { KeyText } from '../components/KeyText';
import { exactTime } from '../components/relative-time';
import type { Revealed } from './SdkKeysPage';
import { SdkSnippets } from './SdkSnippets';

interface NewKeyDialogProps {
  environment: Environment;
  revealed: Revealed | undefined;
  onClose(): void;
}

/**
 * A key just created or rotated, shown this once (a server key is kept only as a hash), with a
 * copy button and the code that uses it; after a rotation, until when the old key works.
 */
export function NewKeyDialog({ environment, revealed, onClose }: NewKeyDialogProps) {
  const key = revealed?.key;
  const previous = revealed?.previous;
  const server = key?.kind === 'server';
  return (
    <Modal
      opened={key !== undefined}
      onClose={onClose}
      title={previous ? `${key?.name ?? ''}: the new key` : `${key?.name ?? ''} is created`}
      size={880}
      closeButtonProps={{ 'aria-label': 'Close' }}
      closeOnClickOutside={false}
    >
      {key && (
        <Stack gap="md">
          <Alert color={server ? 'yellow' : 'blue'} title={server ? 'Copy the key now' : 'A public key'}>
            {server
              ? 'This is the only time this server key is shown: Vexil keeps only a hash of it. Store it where your service reads its secrets.'
              : 'Client keys are public: they ship in web pages and apps. This one stays visible in the list.'}
          </Alert>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {server ? 'Server key' : 'Client key'} of {environment.name}
            </Text>
            <div data-testid="new-key">
              <KeyText text={key.key} label="the new key" />
            </div>
          </Stack>
          {previous && (
            <Text size="sm" data-testid="previous-key">
              {previous.status === 'revoked'
                ? `The old key ${previous.hint} was revoked: it no longer works.`
                : `The old key ${previous.hint} keeps working until ${previous.expiresAt ? exactTime(new Date(previous.expiresAt)) : 'its expiry'}; switch your applications to the new one before then.`}
            </Text>
          )}
          <Stack gap="xs">
            <Title order={3} size="h5">
              Use it in your code
            </Title>
            <SdkSnippets
              environment={environment.key}
              kind={key.kind}
              serverKey={server ? key.key : undefined}
              serverKeyHint={server ? key.hint : undefined}
              clientKey={server ? undefined : key.key}
            />
          </Stack>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
