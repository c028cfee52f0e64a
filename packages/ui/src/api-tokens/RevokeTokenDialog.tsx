import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { type ApiToken, useRevokeApiToken } from '../api/api-tokens';
import { isProblem } from '../api/problem';

/** Revoking a token refuses every request carrying it at once; the dialog names it. */
export function RevokeTokenDialog({ token, onClose }: { token: ApiToken | undefined; onClose(): void }) {
  const revoke = useRevokeApiToken();
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Modal
      opened={token !== undefined}
      onClose={close}
      title={`Revoke ${token?.name ?? ''}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm">
          Every request carrying <Code>{token?.hint}</Code> is refused from now on (401): scripts and tools using “
          {token?.name}” stop working. This cannot be undone.
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
            onClick={() => token && revoke.mutate(token.id, { onSuccess: close })}
          >
            Revoke token
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
