import { Code } from '@mantine/core';
import { type ApiToken, useRevokeApiToken } from '../api/api-tokens';
import { ConfirmDialog } from '../components/ConfirmDialog';

/** Revoking a token refuses every request carrying it at once; the dialog names it. */
export function RevokeTokenDialog({ token, onClose }: { token: ApiToken | undefined; onClose(): void }) {
  const revoke = useRevokeApiToken();
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      opened={token !== undefined}
      title={`Revoke ${token?.name ?? ''}?`}
      confirmLabel="Revoke token"
      refusedTitle="Not revoked"
      error={revoke.error}
      pending={revoke.isPending}
      onConfirm={() => token && revoke.mutate(token.id, { onSuccess: close })}
      onClose={close}
    >
      Every request carrying <Code>{token?.hint}</Code> is refused from now on (401): scripts and tools using “
      {token?.name}” stop working. This cannot be undone.
    </ConfirmDialog>
  );
}
