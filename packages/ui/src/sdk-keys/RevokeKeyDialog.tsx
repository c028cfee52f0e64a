import { Code } from '@mantine/core';
import type { Environment } from '../api/environments';
import { type SdkKey, useRevokeSdkKey } from '../api/sdk-keys';
import { ConfirmDialog } from '../components/ConfirmDialog';

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
    <ConfirmDialog
      opened={sdkKey !== undefined}
      title={`Revoke ${sdkKey?.name ?? ''}?`}
      confirmLabel="Revoke key"
      refusedTitle="Not revoked"
      error={revoke.error}
      pending={revoke.isPending}
      onConfirm={() => sdkKey && revoke.mutate(sdkKey.id, { onSuccess: close })}
      onClose={close}
    >
      Applications using <Code>{sdkKey?.hint}</Code> stop getting {environment.name}’s flags at once: the server refuses
      the key, open streams close, and their code falls back to its default values. This cannot be undone.
    </ConfirmDialog>
  );
}
