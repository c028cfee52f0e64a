import { Button, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useArchiveFlags } from '../../api/flags-list';
import { FormProblem } from '../../components/FormProblem';

/** Flags named in the dialog before "and N more". */
const NAMED = 12;

interface ArchiveConfirmationProps {
  project: string;
  opened: boolean;
  keys: readonly string[];
  onClose: () => void;
  onArchived: (keys: string[]) => void;
}

/** Archiving says which flags and what it means for the code that asks for them, then archives all or none. */
export function ArchiveConfirmation({ project, opened, keys, onClose, onArchived }: ArchiveConfirmationProps) {
  const archive = useArchiveFlags(project);
  const count = keys.length;
  const noun = count === 1 ? 'flag' : 'flags';
  const close = () => {
    archive.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Archive ${count} ${noun}?`}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <List size="sm" spacing={2} data-testid="archive-list">
          {keys.slice(0, NAMED).map((key) => (
            <List.Item key={key}>
              <Code>{key}</Code>
            </List.Item>
          ))}
          {count > NAMED && <List.Item>and {count - NAMED} more</List.Item>}
        </List>
        <Text size="sm">
          SDKs stop receiving {count === 1 ? 'it' : 'them'} in every environment: code that still asks gets its default
          value. {count === 1 ? 'Its' : 'Their'} targeting and history are kept, and archived flags can be restored.
        </Text>
        <FormProblem error={archive.error} fields={[]} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red.9"
            loading={archive.isPending}
            onClick={() =>
              archive.mutate([...keys], {
                onSuccess: (result) => {
                  archive.reset();
                  onArchived(result.archived);
                },
              })
            }
          >
            Archive {count} {noun}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
