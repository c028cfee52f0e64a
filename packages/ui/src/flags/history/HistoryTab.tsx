import { Alert, Badge, Button, Code, Collapse, Group, Modal, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type Environment, useEnvironments } from '../../api/environments';
import { type FlagHistoryEntry, useFlagHistory, useRevertFlagChange } from '../../api/flag-history';
import { isProblem } from '../../api/problem';
import { PageError } from '../../components/PageError';
import { PageLoading } from '../../components/PageLoading';
import { RelativeTime } from '../../components/RelativeTime';
import { isCritical } from '../../environments/colors';
import { CriticalBadge } from '../../environments/EnvironmentSelector';
import { ChangeList } from '../draft/ChangeList';
import { useFlagDraft } from '../draft/FlagDraftContext';
import type { DiffOptions } from '../logic/diff';
import { entryAction, entryChanges, isRevertible, revertVersion } from './history-words';

/** `?history-env=production`: only the definition's changes and production's. */
const ENVIRONMENT_PARAM = 'history-env';
const ALL = '';

/**
 * The flag's history, newest first: who changed what and when, each change in words (before →
 * after per field; the JSON for engineers), filterable by environment, with a one-click revert
 * for members who may make that change. Viewers read it all, and see no revert.
 */
export function HistoryTab() {
  const { project, saved } = useFlagDraft();
  const [params, setParams] = useSearchParams();
  const environment = params.get(ENVIRONMENT_PARAM) || undefined;
  const environments = useEnvironments(project);
  const history = useFlagHistory(project, saved.key, environment);
  const [reverted, setReverted] = useState<{ entry: number; revert: number } | undefined>();

  const environmentName = (key: string) => environments.data?.find((candidate) => candidate.key === key)?.name ?? key;
  const filter = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(ENVIRONMENT_PARAM, value);
        else next.delete(ENVIRONMENT_PARAM);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <Stack gap="md" component="section" aria-labelledby="history-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="history-title">
          History
        </Title>
        <Select
          label="Changes to"
          w={240}
          value={environment ?? ALL}
          onChange={filter}
          allowDeselect={false}
          data={[
            { value: ALL, label: 'Every environment' },
            ...(environments.data ?? []).map((candidate) => ({
              value: candidate.key,
              label: `Settings and ${candidate.name}`,
            })),
          ]}
        />
      </Group>
      {reverted && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setReverted(undefined)}
        >
          Change #{reverted.entry} is reverted; the revert is change #{reverted.revert}. SDKs receive it now.
        </Alert>
      )}
      {history.isPending ? (
        <PageLoading label="Loading the history…" />
      ) : history.isError ? (
        <PageError error={history.error} title="Could not load the history" onRetry={() => void history.refetch()} />
      ) : entries.length === 0 ? (
        <Text c="dimmed">
          No changes yet{environment ? ` to the settings or to ${environmentName(environment)}` : ''}.
        </Text>
      ) : (
        <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Changes, newest first">
          {entries.map((entry) => (
            <HistoryEntryCard
              key={entry.id}
              entry={entry}
              environments={environments.data}
              environmentName={environmentName}
              onReverted={(revert) => setReverted({ entry: entry.id, revert })}
            />
          ))}
        </Stack>
      )}
      {history.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            Show older changes
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface HistoryEntryCardProps {
  entry: FlagHistoryEntry;
  environments: readonly Environment[] | undefined;
  environmentName(key: string): string;
  onReverted(revertId: number): void;
}

function HistoryEntryCard({ entry, environments, environmentName, onReverted }: HistoryEntryCardProps) {
  const { saved, canEdit } = useFlagDraft();
  const [json, setJson] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const options: DiffOptions = { environmentName };
  const changes = entryChanges(entry, saved, options);
  const environment = environments?.find((candidate) => candidate.key === entry.environment);
  const mayRevert = isRevertible(entry) && canEdit(entry.environment ?? undefined);
  const jsonId = `history-json-${entry.id}`;
  return (
    <Paper component="li" withBorder p="md" radius="md" aria-label={`Change #${entry.id}`} data-entry={entry.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text size="sm">
              <Text span fw={600} inherit>
                {entry.actor.name}
              </Text>{' '}
              {entryAction(entry, environmentName)}
            </Text>
            <Group gap="xs">
              <RelativeTime at={entry.createdAt} size="xs" c="dimmed" />
              <Text size="xs" c="dimmed">
                · change #{entry.id}
              </Text>
              {/* The changes below name the environment, marked critical; an entry without them says it here. */}
              {changes.length === 0 && environment && isCritical(environment) && (
                <Badge size="xs" color="red" variant="light">
                  Critical
                </Badge>
              )}
            </Group>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setJson(!json)}
              aria-expanded={json}
              aria-controls={jsonId}
            >
              {json ? 'Hide JSON' : 'View JSON'}
            </Button>
            {mayRevert && (
              <Button variant="default" size="compact-sm" onClick={() => setConfirming(true)}>
                Revert
              </Button>
            )}
          </Group>
        </Group>
        {changes.length > 0 ? (
          <ChangeList changes={changes} environments={environments} order={4} />
        ) : (
          <Text size="sm" c="dimmed">
            {entrySummary(entry)}
          </Text>
        )}
        <Collapse expanded={json} id={jsonId}>
          {json && (
            <Code block style={{ maxHeight: 360, overflow: 'auto' }} aria-label={`JSON diff of change #${entry.id}`}>
              {JSON.stringify(entry.diff, null, 2)}
            </Code>
          )}
        </Collapse>
      </Stack>
      {confirming && (
        <RevertDialog
          entry={entry}
          changes={changes}
          environment={environment}
          environments={environments}
          onClose={() => setConfirming(false)}
          onReverted={onReverted}
        />
      )}
    </Paper>
  );
}

/** What an entry with no field changes did, in a line. */
function entrySummary(entry: FlagHistoryEntry): string {
  switch (entry.action) {
    case 'flag.created':
      return 'The flag was created, off in every environment unless set otherwise.';
    case 'flag.archived':
      return 'SDKs stopped seeing the flag; code evaluating it got its default value.';
    case 'flag.restored':
      return 'SDKs see the flag again, as it was before it was archived.';
    default:
      return 'Nothing that SDKs see changed.';
  }
}

interface RevertDialogProps {
  entry: FlagHistoryEntry;
  changes: ReturnType<typeof entryChanges>;
  environment: Environment | undefined;
  environments: readonly Environment[] | undefined;
  onClose(): void;
  onReverted(revertId: number): void;
}

/**
 * Confirms a revert with what it undoes. The flag refreshes afterwards either way: a refusal
 * because the flag moved on (409, 412) is explained, and the page then shows the flag as it is.
 */
function RevertDialog({ entry, changes, environment, environments, onClose, onReverted }: RevertDialogProps) {
  const { project, saved, versions, dirty, reload } = useFlagDraft();
  const revert = useRevertFlagChange(project, saved.key);
  const critical = environment !== undefined && isCritical(environment);
  const confirm = () =>
    revert.mutate(
      { entryId: entry.id, expectedVersion: revertVersion(entry, versions) },
      {
        onSuccess: (written) => {
          onReverted(written.id);
          onClose();
        },
        onSettled: () => void reload(),
      },
    );
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Revert change #${entry.id}?`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        {critical && environment && (
          <Group gap="xs">
            <CriticalBadge />
            <Text size="sm">This changes {environment.name}, a critical environment, for every SDK at once.</Text>
          </Group>
        )}
        <Text size="sm">
          The fields this change touched go back to how they were before it; nothing else moves. The revert is a change
          of its own in the history, and can be reverted too.
        </Text>
        {changes.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              It undoes
            </Text>
            <ChangeList changes={changes} environments={environments} order={4} />
          </Stack>
        )}
        {dirty && (
          <Text size="sm" c="dimmed">
            Your unsaved changes stay in the draft, on top of the reverted flag.
          </Text>
        )}
        {revert.error !== null && <RevertProblem error={revert.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {revert.isError ? 'Close' : 'Cancel'}
          </Button>
          {!revert.isError && (
            <Button color={critical ? 'red' : undefined} loading={revert.isPending} onClick={confirm}>
              Revert change #{entry.id}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

function RevertProblem({ error }: { error: unknown }) {
  if (isProblem(error, 409))
    return (
      <Alert color="red" title="This change cannot be reverted as it is" role="alert">
        <Text size="sm">{inHistoryWords(error.detail ?? error.title)}</Text>
        <Text size="sm" mt="xs">
          The page now shows the flag as it is.
        </Text>
      </Alert>
    );
  if (isProblem(error, 412))
    return (
      <Alert color="red" title="Someone changed the flag since you opened it" role="alert">
        <Text size="sm">
          Nothing was reverted. The page now shows the flag as it is: look at the latest changes, then try again.
        </Text>
      </Alert>
    );
  return (
    <Alert color="red" title="Could not revert" role="alert">
      <Text size="sm">{isProblem(error) ? (error.detail ?? error.title) : 'Something unexpected went wrong.'}</Text>
    </Alert>
  );
}

/** The server says "entry 41"; the tab says "change #41". */
function inHistoryWords(message: string): string {
  return message.replace(/\b(E|e)ntry (\d+)/g, (_match, initial: string, id: string) =>
    initial === 'E' ? `Change #${id}` : `change #${id}`,
  );
}
