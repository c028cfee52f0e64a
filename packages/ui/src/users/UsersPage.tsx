import { Anchor, Badge, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useEnvironments } from '../api/environments';
import { type KnownUser, useUserList } from '../api/users';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { useSlashFocus } from '../components/use-slash-focus';
import { VirtualList, virtualListClasses } from '../components/VirtualList';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import { useThrottled } from '../flags/list/use-throttled';
import {
  attributesSummary,
  KIND_PARAM,
  privateSummary,
  SEARCH_PARAM,
  userFiltersFromParams,
  userPath,
} from './user-model';

const ROW_HEIGHT = 64;
/** A keystroke's search leaves at once; those typed faster collapse into one every this often. */
const SEARCH_INTERVAL_MS = 150;

/**
 * `/projects/:project/users?env=production&q=acme`: the contexts SDKs reported in the selected
 * environment, last seen first, searched on the server as one types (key or attribute), virtualised
 * and fetched a page at a time as it scrolls. A user opens their page: what every flag serves them.
 */
export function UsersPage() {
  const { project = '' } = useParams();
  const [environment] = useSelectedEnvironmentKey();
  const environments = useEnvironments(project);
  const environmentName = environments.data?.find((candidate) => candidate.key === environment)?.name ?? environment;
  usePageTitle(`Users · ${environmentName ?? project}`);
  if (environment === undefined) return <PageLoading />;
  return <UsersList project={project} environment={environment} environmentName={environmentName ?? environment} />;
}

function UsersList({
  project,
  environment,
  environmentName,
}: {
  project: string;
  environment: string;
  environmentName: string;
}) {
  const [params, setParams] = useSearchParams();
  const filters = userFiltersFromParams(params);
  const list = useUserList(project, environment, filters);
  const search = useRef<HTMLInputElement>(null);
  useSlashFocus(search);
  const [typed, setTyped] = useState({ q: filters.q, kind: filters.kind });
  const apply = useThrottled((next: { q: string; kind: string }) => {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        for (const [name, value] of [
          [SEARCH_PARAM, next.q.trim()],
          [KIND_PARAM, next.kind.trim()],
        ] as const) {
          if (value) updated.set(name, value);
          else updated.delete(name);
        }
        return updated;
      },
      { replace: true },
    );
  }, SEARCH_INTERVAL_MS);
  const type = (next: { q: string; kind: string }) => {
    setTyped(next);
    apply(next);
  };

  const users = list.data?.pages.flatMap((page) => page.users) ?? [];
  const total = list.data?.pages[0]?.total;
  const searching = filters.q !== '' || filters.kind !== '';

  return (
    <Stack gap="md" className={virtualListClasses.page}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1}>Users</Title>
          <Text size="sm" c="dimmed">
            The contexts SDKs reported in {environmentName}, last seen first. Open one to see what every flag serves
            them, and why. Attributes an SDK marked private show as hidden: their names are kept, never their values.
          </Text>
        </Stack>
      </Group>
      <Group gap="sm" align="flex-end">
        <TextInput
          ref={search}
          label="Search users"
          description="Key, attribute or private attribute’s name, any case (press /)"
          placeholder="ada, @acme.com, pro…"
          value={typed.q}
          onChange={(event) => type({ ...typed, q: event.currentTarget.value })}
          w={360}
          type="search"
        />
        <TextInput
          label="Kind"
          description="user, organization, device…"
          placeholder="Every kind"
          value={typed.kind}
          onChange={(event) => type({ ...typed, kind: event.currentTarget.value })}
          w={200}
        />
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="user-count" pb={4}>
          {total === undefined
            ? ''
            : `${total.toLocaleString('en')} ${total === 1 ? 'user' : 'users'}${searching ? ' match' : ''}`}
        </Text>
      </Group>
      {list.isPending ? (
        <PageLoading label="Loading the users…" />
      ) : list.isError && users.length === 0 ? (
        <PageError error={list.error} title="Could not load the users" onRetry={() => void list.refetch()} />
      ) : users.length === 0 ? (
        searching ? (
          <Text c="dimmed">No user in {environmentName} matches this search.</Text>
        ) : (
          <Stack gap={4}>
            <Text fw={600}>No SDK has reported a user in {environmentName} yet.</Text>
            <Text size="sm" c="dimmed">
              Users appear here when an SDK using one of this environment’s{' '}
              <Anchor component={Link} to={projectPath(project, 'sdk-keys', environment)} inherit>
                SDK keys
              </Anchor>{' '}
              evaluates flags or sends events.
            </Text>
          </Stack>
        )
      ) : (
        <VirtualList
          items={users}
          {...(total === undefined ? {} : { total })}
          itemKey={(user) => `${user.kind}\u0000${user.key}`}
          estimateSize={ROW_HEIGHT}
          label={`Users in ${environmentName}`}
          resetKey={`${filters.q}\u0000${filters.kind}`}
          more={{
            hasNextPage: list.hasNextPage,
            isFetchingNextPage: list.isFetchingNextPage,
            failed: list.isFetchNextPageError,
            fetchNextPage: () => void list.fetchNextPage(),
          }}
          renderItem={(user) => <UserRow user={user} href={userPath(project, user.kind, user.key, environment)} />}
        />
      )}
    </Stack>
  );
}

function UserRow({ user, href }: { user: KnownUser; href: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" px="md" py="xs" h={ROW_HEIGHT} data-testid="user-row" gap="md">
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Group gap="xs" wrap="nowrap">
          <Anchor component={Link} to={href} ff="monospace" fw={600} size="sm" truncate>
            {user.key}
          </Anchor>
          <Badge size="xs" variant="light" color="gray" tt="none">
            {user.kind}
          </Badge>
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          {(Object.keys(user.attributes).length > 0 || user.privateAttributes.length === 0) && (
            <Text size="xs" c="dimmed" truncate>
              {attributesSummary(user.attributes)}
            </Text>
          )}
          {user.privateAttributes.length > 0 && (
            <Text size="xs" c="dimmed" fs="italic" truncate data-testid="private-attributes" style={{ flexShrink: 0 }}>
              {privateSummary(user.privateAttributes)}
            </Text>
          )}
        </Group>
      </Stack>
      <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
        <RelativeTime at={user.lastSeen} prefix="last seen " size="xs" />
        <RelativeTime at={user.firstSeen} prefix="first seen " size="xs" c="dimmed" />
      </Stack>
    </Group>
  );
}
