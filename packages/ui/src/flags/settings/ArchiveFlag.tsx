import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useFlagArchiving } from '../../api/flag-archive';
import { useFlagDependents } from '../../api/flag-dependents';
import { isProblem } from '../../api/problem';
import { useFlagDraft } from '../draft/FlagDraftContext';

/**
 * Archive (or restore) the flag, confirmed first. It takes effect at once, outside the draft:
 * SDKs stop seeing an archived flag and code evaluating it gets its default. The server refuses
 * while another live flag requires it as a prerequisite; the dialog names those flags up front
 * and shows the server's message if it refuses anyway.
 */
export function ArchiveFlag() {
  const { project, saved, reload } = useFlagDraft();
  const archived = saved.archived === true;
  const [confirming, setConfirming] = useState(false);
  const archiving = useFlagArchiving(project, saved.key);
  const dependents = useFlagDependents(project, saved.key);
  const requiredBy = dependents.data ?? [];
  const close = () => {
    setConfirming(false);
    archiving.reset();
  };
  const confirm = () =>
    archiving.mutate(!archived, {
      onSuccess: () => {
        setConfirming(false);
        void reload();
      },
    });
  return (
    <Stack gap="sm">
      <Text size="sm">
        {archived
          ? 'This flag is archived: SDKs do not see it, and code evaluating it gets its default value. Restoring it brings it back in every environment as it was.'
          : 'Archiving hides the flag from every SDK: code that still evaluates it gets the default value written in the code. Its targeting and history are kept, and it can be restored.'}
      </Text>
      <Group>
        <Button variant="outline" color={archived ? undefined : 'red'} onClick={() => setConfirming(true)}>
          {archived ? 'Restore flag…' : 'Archive flag…'}
        </Button>
      </Group>
      <Modal
        opened={confirming}
        onClose={close}
        closeButtonProps={{ 'aria-label': 'Close' }}
        title={archived ? `Restore “${saved.name || saved.key}”?` : `Archive “${saved.name || saved.key}”?`}
      >
        <Stack gap="md">
          {archived ? (
            <Text size="sm">SDKs in every environment see the flag again, with the targeting it had.</Text>
          ) : (
            <>
              <Text size="sm">
                SDKs in every environment stop seeing{' '}
                <Text span ff="monospace" inherit>
                  {saved.key}
                </Text>
                : code evaluating it gets its default value, at once.
              </Text>
              {requiredBy.length > 0 && (
                <Alert color="red" title="Other flags require this one" role="status">
                  <Text size="sm">The server refuses to archive it while these flags have it as a prerequisite:</Text>
                  <List size="sm" mt={4}>
                    {requiredBy.map((dependent) => (
                      <List.Item key={dependent.key}>
                        {dependent.name} ({dependent.environments.join(', ')})
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </>
          )}
          {archiving.error !== null && (
            <Alert color="red" role="alert" title={archived ? 'Not restored' : 'Not archived'}>
              {isProblem(archiving.error)
                ? (archiving.error.detail ?? archiving.error.title)
                : 'Something unexpected went wrong. Try again.'}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color={archived ? undefined : 'red'} loading={archiving.isPending} onClick={confirm}>
              {archived ? 'Restore flag' : 'Archive flag'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
