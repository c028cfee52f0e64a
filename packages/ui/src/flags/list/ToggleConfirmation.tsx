import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useCurrentFlag, useToggleFlag } from '../../api/flags-list';
import { isProblem } from '../../api/problem';
import type { ToggleRequest } from './EnvironmentSwitch';
import { toggleConsequence } from './toggle-consequence';

interface ToggleConfirmationProps {
  project: string;
  /** The toggle asked for; undefined when the dialog is closed. */
  request: ToggleRequest | undefined;
  actor: string;
  onClose: () => void;
  onProblem: (request: ToggleRequest, error: unknown) => void;
}

/**
 * Turning a flag on or off in a critical environment asks first, and says what will change in
 * words — "Turn new-checkout ON in Production: everyone will get the targeting rules instead of
 * off" — from the flag's current state there, fetched when the dialog opens.
 */
export function ToggleConfirmation(props: ToggleConfirmationProps) {
  // One dialog per request: its flag is read afresh each time it opens.
  const { request } = props;
  if (request === undefined) return null;
  const { flag, environment, on } = request;
  return <Confirmation key={`${flag.key}/${environment.key}/${on}`} {...props} request={request} />;
}

function Confirmation({
  project,
  request,
  actor,
  onClose,
  onProblem,
}: ToggleConfirmationProps & { request: ToggleRequest }) {
  const detail = useCurrentFlag(project, request.flag.key);
  const toggle = useToggleFlag(project);
  const { flag, environment, on } = request;
  const current = detail.isFetchedAfterMount ? detail.data : undefined;
  const state = current?.flag.environments[environment.key];
  const words =
    current && state
      ? toggleConsequence(current.flag, state, environment.name, on)
      : { title: `Turn ${flag.key} ${on ? 'ON' : 'OFF'} in ${environment.name}`, consequence: undefined };
  const confirm = () => {
    // The version confirmed against is the one whose consequence the dialog shows.
    const version = current?.versions.environments[environment.key] ?? flag.environments[environment.key]?.version ?? 0;
    toggle.mutate(
      { flag: flag.key, environment: environment.key, on, version, actor },
      {
        onSuccess: onClose,
        onError: (error) => {
          onClose();
          onProblem(request, error);
        },
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${words.title}?`}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        {detail.isError ? (
          <Alert color="red" role="alert">
            {isProblem(detail.error) ? detail.error.message : 'Could not read the flag.'} You can still confirm; the
            change applies only if nobody changed the flag since this list loaded.
          </Alert>
        ) : current === undefined ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Reading what {flag.key} serves in {environment.name}…
            </Text>
          </Group>
        ) : (
          <Text data-testid="toggle-consequence">
            <strong>{words.title}:</strong> {words.consequence}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {environment.name} is a critical environment: changes here reach your users at once.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color={on ? undefined : 'red.9'} loading={toggle.isPending} onClick={confirm}>
            Turn {on ? 'on' : 'off'} in {environment.name}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
