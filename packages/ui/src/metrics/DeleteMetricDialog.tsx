import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type Metric, useDeleteMetric } from '../api/metrics';
import { isProblem } from '../api/problem';

interface DeleteMetricDialogProps {
  project: string;
  /** The metric to delete; undefined when closed. */
  metric: Metric | undefined;
  onClose(): void;
}

/**
 * Deleting a metric asks first; the server refuses while an experiment measures it, and the
 * dialog says which.
 */
export function DeleteMetricDialog({ project, metric, onClose }: DeleteMetricDialogProps) {
  const remove = useDeleteMetric(project);
  const close = () => {
    remove.reset();
    onClose();
  };
  const name = metric?.name ?? '';
  return (
    <Modal
      opened={metric !== undefined}
      onClose={close}
      title={`Delete ${name}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm">
          Experiments can no longer measure it. The events SDKs sent stay, so a metric made again with the same event
          reads them. The audit log keeps its entries about {name}.
        </Text>
        {remove.error !== null && (
          <Alert color="red" role="alert" title="Not deleted">
            {isProblem(remove.error)
              ? (remove.error.detail ?? remove.error.title)
              : 'Something unexpected went wrong. Try again.'}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => metric && remove.mutate(metric.key, { onSuccess: close })}
          >
            Delete {name}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
