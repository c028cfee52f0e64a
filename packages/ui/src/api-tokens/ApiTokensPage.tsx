import { Badge, Button, Group, Paper, Stack, Table, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type ApiToken, type NewApiToken, useApiTokens } from '../api/api-tokens';
import { can } from '../auth/permissions';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { GrantList } from '../members/GrantList';
import { useSignedIn } from '../shell/session-context';
import { CreateTokenDialog } from './CreateTokenDialog';
import { NewTokenDialog } from './NewTokenDialog';
import { RevokeTokenDialog } from './RevokeTokenDialog';
import { parseTokenTab, TOKEN_WORDS, type TokenTab, tokenStatus, tokensOfTab } from './token-model';

/**
 * `/settings/api-tokens`: one's personal tokens, and for owners the organisation's service tokens
 * (`?tab=service`) — each with its grants, expiry, last use; created with the secret shown once,
 * revoked after a confirmation that names it.
 */
export function ApiTokensPage() {
  usePageTitle('API tokens');
  const { member: me } = useSignedIn();
  const mayManageService = can(me, 'api-token:manage', {});
  const tokens = useApiTokens();
  const [params, setParams] = useSearchParams();
  const tab = parseTokenTab(params.get('tab'), mayManageService);
  const [creating, setCreating] = useState<TokenTab | undefined>(undefined);
  const [revealed, setRevealed] = useState<NewApiToken | undefined>(undefined);
  const [revoking, setRevoking] = useState<ApiToken | undefined>(undefined);
  const select = (next: TokenTab) =>
    setParams(
      (current) => {
        const params = new URLSearchParams(current);
        if (next === 'personal') params.delete('tab');
        else params.set('tab', next);
        return params;
      },
      { preventScrollReset: true },
    );

  let body: React.ReactNode;
  if (tokens.isPending) body = <PageLoading label="Loading the tokens…" />;
  else if (tokens.isError)
    body = <PageError error={tokens.error} title="Could not load the tokens" onRetry={() => void tokens.refetch()} />;
  else body = <TokenList tokens={tokensOfTab(tokens.data, tab, me.id)} tab={tab} onRevoke={setRevoking} />;

  const panel = (kind: TokenTab) => (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {TOKEN_WORDS[kind].description} Send one as <code>Authorization: Bearer …</code> to the management API.
        </Text>
        <Button onClick={() => setCreating(kind)} style={{ flexShrink: 0 }}>
          {kind === 'personal' ? 'Create personal token' : 'Create service token'}
        </Button>
      </Group>
      {body}
    </Stack>
  );

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={2}>
        <Title order={1}>API tokens</Title>
        <Text size="sm" c="dimmed">
          Tokens call the management API without a browser session. Each is shown once when made; Vexil keeps only a
          hash.
        </Text>
      </Stack>
      {mayManageService ? (
        <Tabs value={tab} onChange={(value) => value && select(value as TokenTab)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="personal">Your personal tokens</Tabs.Tab>
            <Tabs.Tab value="service">Service tokens</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="personal" pt="md">
            {panel('personal')}
          </Tabs.Panel>
          <Tabs.Panel value="service" pt="md">
            {panel('service')}
          </Tabs.Panel>
        </Tabs>
      ) : (
        <>
          <Title order={2} size="h4">
            Your personal tokens
          </Title>
          {panel('personal')}
        </>
      )}
      <CreateTokenDialog
        kind={creating}
        onClose={() => setCreating(undefined)}
        onCreated={(token) => {
          setCreating(undefined);
          setRevealed(token);
        }}
      />
      <NewTokenDialog token={revealed} onClose={() => setRevealed(undefined)} />
      <RevokeTokenDialog token={revoking} onClose={() => setRevoking(undefined)} />
    </Stack>
  );
}

interface TokenListProps {
  tokens: readonly ApiToken[];
  tab: TokenTab;
  onRevoke(token: ApiToken): void;
}

function TokenList({ tokens, tab, onRevoke }: TokenListProps) {
  if (tokens.length === 0)
    return (
      <Paper withBorder p="md">
        <Text size="sm">
          {tab === 'personal'
            ? 'You have no personal tokens. Create one to call the API from a script as yourself.'
            : 'The organisation has no service tokens. Create one for CI or deployments.'}
        </Text>
      </Paper>
    );
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" aria-label={TOKEN_WORDS[tab].title} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Grants</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => {
            const status = tokenStatus(token);
            return (
              <Table.Tr
                key={token.id}
                data-testid="api-token"
                data-name={token.name}
                data-status={status}
                c={status === 'active' ? undefined : 'dimmed'}
              >
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {token.name}
                  </Text>
                  <Text size="xs" ff="monospace" title="Only the token’s ends are kept, to recognise it">
                    {token.hint}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <GrantList roles={token.roles} />
                </Table.Td>
                <Table.Td>
                  <RelativeTime at={token.createdAt} size="sm" />
                  <Text size="xs" c="dimmed">
                    by {token.createdBy}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {token.lastUsedAt ? <RelativeTime at={token.lastUsedAt} size="sm" /> : <Text size="sm">Never</Text>}
                </Table.Td>
                <Table.Td>
                  <TokenStatusBadge token={token} />
                </Table.Td>
                <Table.Td>
                  {status === 'active' && (
                    <Group justify="flex-end">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => onRevoke(token)}
                        aria-label={`Revoke ${token.name} (${token.hint})`}
                      >
                        Revoke
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TokenStatusBadge({ token }: { token: ApiToken }) {
  const status = tokenStatus(token);
  if (status === 'revoked')
    return (
      <Stack gap={2} align="flex-start">
        <Badge color="gray.7" variant="outline" tt="none">
          Revoked
        </Badge>
        {token.revokedAt && <RelativeTime at={token.revokedAt} size="xs" />}
      </Stack>
    );
  if (status === 'expired')
    return (
      <Stack gap={2} align="flex-start">
        <Badge color="gray.7" variant="outline" tt="none">
          Expired
        </Badge>
        {token.expiresAt && <RelativeTime at={token.expiresAt} size="xs" />}
      </Stack>
    );
  return (
    <Stack gap={2} align="flex-start">
      <Badge color="teal.9" variant="outline" tt="none">
        Active
      </Badge>
      <Text size="xs">
        {token.expiresAt ? <RelativeTime at={token.expiresAt} prefix="expires " size="xs" span /> : 'never expires'}
      </Text>
    </Stack>
  );
}
