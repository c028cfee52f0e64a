import { Alert, Anchor, Badge, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { isProblem } from '../api/problem';
import { type Segment, type SegmentUser, useDeleteSegment } from '../api/segments';
import { environmentsText } from './segment-model';

interface DeleteSegmentDialogProps {
  project: string;
  segment: Segment;
  opened: boolean;
  /** The flags using it, as last known (the server has the last word). */
  users: readonly SegmentUser[] | undefined;
  environmentNames: ReadonlyMap<string, string>;
  flagPath(flag: string): string;
  onClose(): void;
  onDeleted(): void;
}

/**
 * Deleting a segment: the server refuses while a flag's allocations name it (archived flags
 * included); the dialog lists those flags, each linking to its page, so the person can take the
 * segment out of them first.
 */
export function DeleteSegmentDialog({
  project,
  segment,
  opened,
  users,
  environmentNames,
  flagPath,
  onClose,
  onDeleted,
}: DeleteSegmentDialogProps) {
  const remove = useDeleteSegment(project);
  const name = segment.name || segment.key;
  const close = () => {
    remove.reset();
    onClose();
  };
  const refusal = isProblem(remove.error, 409) ? remove.error : undefined;
  const refused = refusal !== undefined;
  const inUse = users !== undefined && users.length > 0;
  return (
    <Modal opened={opened} onClose={close} title={`Delete ${name}?`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        {refusal ? (
          <Alert color="red" role="alert" title="Not deleted: flags use this segment">
            {refusal.detail}
          </Alert>
        ) : (
          remove.error !== null && (
            <Alert color="red" role="alert" title="Not deleted">
              {isProblem(remove.error)
                ? (remove.error.detail ?? remove.error.title)
                : 'Something unexpected went wrong. Try again.'}
            </Alert>
          )
        )}
        {inUse ? (
          <>
            <Text size="sm">
              {refused ? 'Take it out of these flags’ allocations first:' : 'These flags’ allocations name it:'}
            </Text>
            <List size="sm" spacing={4} data-testid="segment-users">
              {users.map((user) => (
                <List.Item key={user.key}>
                  <Group gap={6}>
                    <Anchor component={Link} to={flagPath(user.key)} onClick={close}>
                      {user.name}
                    </Anchor>
                    {user.archived && (
                      <Badge size="xs" variant="light" color="gray">
                        archived
                      </Badge>
                    )}
                    <Text span size="xs" c="dimmed">
                      in {environmentsText(user, environmentNames)}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
            {!refused && (
              <Text size="xs" c="dimmed">
                The server refuses to delete a segment that a flag uses, archived flags included.
              </Text>
            )}
          </>
        ) : (
          <Text size="sm">
            No flag uses it. Its keys and rules are lost; the audit log keeps the entries about {name}.
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {refused ? 'Close' : 'Cancel'}
          </Button>
          {!refused && (
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(segment.key, {
                  onSuccess: () => {
                    remove.reset();
                    onDeleted();
                  },
                })
              }
            >
              Delete {name}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
