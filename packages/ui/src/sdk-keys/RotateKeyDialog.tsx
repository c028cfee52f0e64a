import { Alert, Button, Code, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Environment } from '../api/environments';
import { isProblem } from '../api/problem';
import { type RotatedSdkKey, type SdkKey, useRotateSdkKey } from '../api/sdk-keys';
import { exactTime } from '../components/relative-time';
import { DEFAULT_GRACE_SECONDS, expiryAfter, GRACE_CHOICES } from './sdk-key-model';

interface RotateKeyDialogProps {
  project: string;
  environment: Environment;
  /** The key to rotate; undefined when closed. */
  sdkKey: SdkKey | undefined;
  onClose(): void;
  onRotated(rotated: RotatedSdkKey): void;
}

/**
 * Replacing a key with a new one of the same kind and name. The old key keeps working for the
 * grace period chosen, so deployments can switch over; the dialog says until when.
 */
export function RotateKeyDialog({ project, environment, sdkKey, onClose, onRotated }: RotateKeyDialogProps) {
  const rotate = useRotateSdkKey(project, environment.key);
  const [grace, setGrace] = useState(String(DEFAULT_GRACE_SECONDS));
  const graceSeconds = Number(grace);
  const close = () => {
    setGrace(String(DEFAULT_GRACE_SECONDS));
    rotate.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sdkKey) return;
    rotate.mutate(
      { id: sdkKey.id, graceSeconds },
      {
        onSuccess: (rotated) => {
          setGrace(String(DEFAULT_GRACE_SECONDS));
          rotate.reset();
          onRotated(rotated);
        },
      },
    );
  };
  return (
    <Modal
      opened={sdkKey !== undefined}
      onClose={close}
      title={`Rotate ${sdkKey?.name ?? ''}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            A new {sdkKey?.kind} key replaces <Code>{sdkKey?.hint}</Code> in {environment.name}. Give your applications
            time to switch to it: the old key keeps working for the grace period.
          </Text>
          <Radio.Group label="Grace period" value={grace} onChange={setGrace}>
            <Stack gap={6} mt={6}>
              {GRACE_CHOICES.map((choice) => (
                <Radio key={choice.seconds} value={String(choice.seconds)} label={choice.label} />
              ))}
            </Stack>
          </Radio.Group>
          <Text size="sm" role="status" data-testid="old-key-expiry">
            {graceSeconds === 0
              ? 'The old key stops working as soon as you rotate.'
              : `The old key keeps working until about ${exactTime(expiryAfter(new Date(), graceSeconds))}.`}
          </Text>
          {rotate.error !== null && (
            <Alert color="red" role="alert" title="Not rotated">
              {isProblem(rotate.error)
                ? (rotate.error.detail ?? rotate.error.title)
                : 'Something unexpected went wrong.'}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={rotate.isPending}>
              Rotate key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
