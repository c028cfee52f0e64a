import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import type { NewApiToken } from '../api/api-tokens';
import { KeyText } from '../components/KeyText';

/** A token just made, shown this once (only its hash is kept), with a copy button and how to send it. */
export function NewTokenDialog({ token, onClose }: { token: NewApiToken | undefined; onClose(): void }) {
  return (
    <Modal
      opened={token !== undefined}
      onClose={onClose}
      title={`${token?.name ?? ''} is created`}
      size={760}
      closeButtonProps={{ 'aria-label': 'Close' }}
      closeOnClickOutside={false}
    >
      {token && (
        <Stack gap="md">
          <Alert color="blue" title="Copy the token now">
            This is the only time it is shown: Vexil keeps only a hash of it. Store it where your tool reads its
            secrets.
          </Alert>
          <div data-testid="new-token">
            <KeyText text={token.token} label="the new token" />
          </div>
          <Text size="sm">
            Send it with each request: <Code>Authorization: Bearer {token.hint}</Code>
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
