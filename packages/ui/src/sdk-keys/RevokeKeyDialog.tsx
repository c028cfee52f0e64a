import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import type { Environment } from '../api/environments';
import { isProblem } from '../api/problem';
import { type SdkKey, useRevokeSdkKey } from '../api/sdk-keys';

interface RevokeKeyDialogProps {
  project: string;
  environment: Environment;
  /** The key to revoke; undefined when closed. */
  sdkKey: SdkKey | undefined;
  onClose(): void;
}

/** Revoking a key stops every SDK using it at once; the dialog names the key and what happens. */
export function RevokeKeyDialog({ project, environment, sdkKey, onClose }: RevokeKeyDialogProps) {
  const revoke = useRevokeSdkKey(project, environment.key);
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Modal
      opened={sdkKey !== undefined}
      onClose={close}
      title={`Revoke ${sdkKey?.name ?? ''}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm">
          Applications using <Code>{sdkKey?.hint}</Code> stop getting {environment.name}’s flags at once: the server
          refuses the key, open streams close, and their code falls back to its default values. This cannot be undone.
        </Text>
        {revoke.error !== null && (
          <Alert color="red" role="alert" title="Not revoked">
            {isProblem(revoke.error) ? (revoke.error.detail ?? revoke.error.title) : 'Something unexpected went wrong.'}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() => sdkKey && revoke.mutate(sdkKey.id, { onSuccess: close })}
          >
            Revoke key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
