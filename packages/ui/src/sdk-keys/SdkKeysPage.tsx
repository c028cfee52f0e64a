import { Badge, Button, ColorSwatch, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { type Environment, useEnvironments } from '../api/environments';
import { type NewSdkKey, type RotatedSdkKey, type SdkKey, useSdkKeys } from '../api/sdk-keys';
import { can } from '../auth/permissions';
import { KeyText } from '../components/KeyText';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { environmentColor, isCritical } from '../environments/colors';
import { CriticalBadge } from '../environments/EnvironmentSelector';
import { useSelectedEnvironmentKey } from '../environments/selected-environment';
import { useSignedIn } from '../shell/session-context';
import { CreateKeyDialog } from './CreateKeyDialog';
import { NewKeyDialog } from './NewKeyDialog';
import { RevokeKeyDialog } from './RevokeKeyDialog';
import { RotateKeyDialog } from './RotateKeyDialog';
import { inListOrder, KIND_WORDS, snippetClientKey, snippetServerKeyHint, works } from './sdk-key-model';
import { SdkSnippets } from './SdkSnippets';

/** A key just made, shown once: by creation, or by rotation (with the key it replaces). */
export type Revealed = { key: NewSdkKey; previous?: RotatedSdkKey['previous'] };

/**
 * `/projects/:project/sdk-keys?env=…`: the selected environment's SDK keys — created (server or
 * client), rotated with a grace period, revoked — the secret of a new key shown once, and the code
 * that uses a key in each SDK, filled in with this server's address and the environment's key.
 */
export function SdkKeysPage() {
  const { project = '' } = useParams();
  const [environmentKey] = useSelectedEnvironmentKey();
  const { member } = useSignedIn();
  const environments = useEnvironments(project);
  usePageTitle(`SDK keys · ${project}`);
  const environment = environments.data?.find((candidate) => candidate.key === environmentKey);
  if (environments.isPending) return <PageLoading />;
  if (environments.isError)
    return (
      <PageError
        error={environments.error}
        title="Could not load the environments"
        onRetry={() => void environments.refetch()}
      />
    );
  if (!environment) return <PageLoading />;
  return (
    <EnvironmentKeys
      key={environment.key}
      project={project}
      environment={environment}
      canManage={can(member, 'sdk-key:manage', { project, environment: environment.key })}
    />
  );
}

interface EnvironmentKeysProps {
  project: string;
  environment: Environment;
  canManage: boolean;
}

function EnvironmentKeys({ project, environment, canManage }: EnvironmentKeysProps) {
  const keys = useSdkKeys(project, environment.key, canManage);
  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<SdkKey | undefined>(undefined);
  const [revoking, setRevoking] = useState<SdkKey | undefined>(undefined);
  const [revealed, setRevealed] = useState<Revealed | undefined>(undefined);
  const list = keys.data ?? [];

  let body: React.ReactNode;
  if (!canManage)
    body = (
      <Paper withBorder p="md">
        <Text size="sm">
          Owners and admins manage the SDK keys of {environment.name}. Ask one for a key; the code below shows where it
          goes.
        </Text>
      </Paper>
    );
  else if (keys.isPending) body = <PageLoading label="Loading the SDK keys…" />;
  else if (keys.isError)
    body = <PageError error={keys.error} title="Could not load the SDK keys" onRetry={() => void keys.refetch()} />;
  else if (list.length === 0)
    body = (
      <Paper withBorder p="md">
        <Text size="sm">
          {environment.name} has no SDK keys yet. Create a server key for your backend services, or a client key for web
          pages and apps.
        </Text>
      </Paper>
    );
  else body = <KeyTable keys={list} onRotate={setRotating} onRevoke={setRevoking} />;

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1}>SDK keys</Title>
          <Group gap="xs">
            <ColorSwatch color={`var(--mantine-color-${environmentColor(environment.key)}-6)`} size={12} aria-hidden />
            <Text size="sm" c="dimmed">
              Keys of {environment.name}: each SDK uses one to get this environment’s flags. Pick another environment at
              the top.
            </Text>
            {isCritical(environment) && <CriticalBadge />}
          </Group>
        </Stack>
        {canManage && (
          <Button onClick={() => setCreating(true)} style={{ flexShrink: 0 }}>
            Create SDK key
          </Button>
        )}
      </Group>
      {body}
      <Stack gap="xs" component="section" aria-labelledby="sdk-snippets-title">
        <Title order={2} size="h4" id="sdk-snippets-title">
          Use a key in your code
        </Title>
        <Text size="sm" c="dimmed">
          Filled in with this server’s address and {environment.name}’s keys; replace <code>new-checkout</code> with a
          flag of yours.
        </Text>
        <SdkSnippets
          environment={environment.key}
          clientKey={snippetClientKey(list)}
          serverKeyHint={snippetServerKeyHint(list)}
        />
      </Stack>
      {canManage && (
        <>
          <CreateKeyDialog
            project={project}
            environment={environment}
            opened={creating}
            onClose={() => setCreating(false)}
            onCreated={(key) => {
              setCreating(false);
              setRevealed({ key });
            }}
          />
          <RotateKeyDialog
            project={project}
            environment={environment}
            sdkKey={rotating}
            onClose={() => setRotating(undefined)}
            onRotated={({ previous, ...key }) => {
              setRotating(undefined);
              setRevealed({ key, previous });
            }}
          />
          <RevokeKeyDialog
            project={project}
            environment={environment}
            sdkKey={revoking}
            onClose={() => setRevoking(undefined)}
          />
          <NewKeyDialog environment={environment} revealed={revealed} onClose={() => setRevealed(undefined)} />
        </>
      )}
    </Stack>
  );
}

interface KeyTableProps {
  keys: readonly SdkKey[];
  onRotate(key: SdkKey): void;
  onRevoke(key: SdkKey): void;
}

function KeyTable({ keys, onRotate, onRevoke }: KeyTableProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="SDK keys" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inListOrder(keys).map((key) => (
            <Table.Tr key={key.id} data-testid="sdk-key" data-status={key.status} c={works(key) ? undefined : 'dimmed'}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {key.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={key.kind === 'server' ? 'indigo' : 'cyan'}
                  title={KIND_WORDS[key.kind].description}
                >
                  {KIND_WORDS[key.kind].label}
                </Badge>
              </Table.Td>
              <Table.Td>
                {key.key !== undefined && works(key) ? (
                  // A client key is public: Copy gives all of it; the list shows its ends, like a server key's.
                  <KeyText text={key.hint} value={key.key} label={`the key ${key.name}`} />
                ) : (
                  <Text
                    size="sm"
                    ff="monospace"
                    title="Server keys are secret: only their ends are kept to recognise them"
                  >
                    {key.hint}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <RelativeTime at={key.createdAt} size="sm" />
              </Table.Td>
              <Table.Td>
                <KeyStatus sdkKey={key} />
              </Table.Td>
              <Table.Td>
                {works(key) && (
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {key.status === 'active' && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => onRotate(key)}
                        aria-label={`Rotate ${key.name}`}
                      >
                        Rotate
                      </Button>
                    )}
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onRevoke(key)}
                      aria-label={`Revoke ${key.name} (${key.hint})`}
                    >
                      Revoke
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Active, or working until its expiry after a rotation, or no longer working since when. Outlined
 * badges in dark shades: light ones fall short of the contrast small bold text needs.
 */
function KeyStatus({ sdkKey }: { sdkKey: SdkKey }) {
  switch (sdkKey.status) {
    case 'active':
      return (
        <Badge color="teal.9" variant="outline" tt="none">
          Active
        </Badge>
      );
    case 'expiring':
      return (
        <Stack gap={2} align="flex-start">
          <Badge color="red.9" variant="outline" tt="none">
            Expiring
          </Badge>
          {sdkKey.expiresAt && <RelativeTime at={sdkKey.expiresAt} prefix="expires " size="xs" />}
        </Stack>
      );
    case 'expired':
      return (
        <Stack gap={2} align="flex-start">
          <Badge color="gray.7" variant="outline" tt="none">
            Expired
          </Badge>
          {sdkKey.expiresAt && <RelativeTime at={sdkKey.expiresAt} size="xs" />}
        </Stack>
      );
    case 'revoked':
      return (
        <Stack gap={2} align="flex-start">
          <Badge color="gray.7" variant="outline" tt="none">
            Revoked
          </Badge>
          {sdkKey.revokedAt && <RelativeTime at={sdkKey.revokedAt} size="xs" />}
        </Stack>
      );
  }
}
