import { Anchor, Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useEnvironments } from '../api/environments';
import { type SegmentUser, useSegmentUsage, useSegments } from '../api/segments';
import { can } from '../auth/permissions';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { useSlashFocus } from '../components/use-slash-focus';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import { useSignedIn } from '../shell/session-context';
import { CreateSegmentDialog } from './CreateSegmentDialog';
import { environmentsText, matchesSearch, sizeText, usageSummary } from './segment-model';

/** The search text: `?q=beta`. */
export const SEARCH_PARAM = 'q';
/** Flags named per row before "and N more". */
const FLAGS_SHOWN = 3;

/**
 * `/projects/:project/segments`: the project's segments — who is in each (keys and rules), and
 * where each is used (the flags naming it, in which environments) — searched by key, name or
 * description as one types (`?q=`), with a button for editors to create one.
 */
export function SegmentsPage() {
  const { project = '' } = useParams();
  const { member } = useSignedIn();
  const [environment] = useSelectedEnvironmentKey();
  usePageTitle(`Segments · ${project}`);
  const segments = useSegments(project);
  const usage = useSegmentUsage(project);
  const environments = useEnvironments(project);
  const [params, setParams] = useSearchParams();
  const search = params.get(SEARCH_PARAM) ?? '';
  const [creating, setCreating] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  useSlashFocus(searchInput);

  const usersOf = useMemo(() => new Map(usage.data?.map((item) => [item.segment, item.flags])), [usage.data]);
  const names = useMemo(
    () => new Map(environments.data?.map((candidate) => [candidate.key, candidate.name])),
    [environments.data],
  );
  const setSearch = (text: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (text === '') next.delete(SEARCH_PARAM);
        else next.set(SEARCH_PARAM, text);
        return next;
      },
      { replace: true },
    );

  if (segments.isPending) return <PageLoading />;
  if (segments.isError)
    return (
      <PageError error={segments.error} title="Could not load the segments" onRetry={() => void segments.refetch()} />
    );
  const canEdit = can(member, 'segment:write', { project });
  const shown = segments.data.filter((segment) => matchesSearch(segment, search));
  const segmentPath = (key: string) => projectPath(project, `segments/${encodeURIComponent(key)}`, environment);

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1}>Segments</Title>
          <Text size="sm" c="dimmed">
            Reusable groups of users (or other contexts): listed keys, and rules on their attributes. Flags target them
            in their allocations; a change here applies to every flag using the segment, in every environment.
          </Text>
        </Stack>
        {canEdit && (
          <Button onClick={() => setCreating(true)} style={{ flexShrink: 0 }}>
            Create segment
          </Button>
        )}
      </Group>
      {segments.data.length === 0 ? (
        <Paper withBorder p="lg">
          <Stack gap="xs">
            <Title order={2} size="h4">
              No segments yet
            </Title>
            <Text size="sm">
              A segment names a group once — beta testers, staff, customers on a plan — so that many flags can target it
              and it is changed in one place.
              {canEdit ? ' Create one, paste its keys or write its rules, then pick it in a flag’s allocation.' : ''}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <>
          <TextInput
            ref={searchInput}
            label="Search segments"
            description="By key, name or description; press / to come back here"
            placeholder="beta"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            maw={420}
          />
          {usage.isError && (
            <Text size="sm" c="red.9" role="alert">
              Could not load where the segments are used; reload the page to try again.
            </Text>
          )}
          {shown.length === 0 ? (
            <Text size="sm" c="dimmed">
              No segment matches “{search}”.
            </Text>
          ) : (
            <Table striped highlightOnHover withTableBorder verticalSpacing="sm" aria-label="Segments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Segment</Table.Th>
                  <Table.Th>Who is in it</Table.Th>
                  <Table.Th>Used by</Table.Th>
                  <Table.Th>Changed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((segment) => (
                  <Table.Tr key={segment.key} data-testid="segment-row" data-key={segment.key}>
                    <Table.Td>
                      <Anchor component={Link} to={segmentPath(segment.key)} fw={600}>
                        {segment.name || segment.key}
                      </Anchor>
                      <div>
                        <Code fz="xs">{segment.key}</Code>
                      </div>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{sizeText(segment)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <UsedBy
                        users={usage.isPending ? undefined : (usersOf.get(segment.key) ?? [])}
                        names={names}
                        flagPath={(flag) => projectPath(project, `flags/${encodeURIComponent(flag)}`, environment)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime at={segment.updatedAt} size="sm" c="dimmed" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      {!canEdit && (
        <Text size="sm" c="dimmed">
          You can view this project’s segments; editors create and change them.
        </Text>
      )}
      <CreateSegmentDialog
        project={project}
        opened={creating}
        onClose={() => setCreating(false)}
        pathOf={segmentPath}
      />
    </Stack>
  );
}

interface UsedByProps {
  /** Undefined while loading. */
  users: readonly SegmentUser[] | undefined;
  names: ReadonlyMap<string, string>;
  flagPath(flag: string): string;
}

/** The flags using a segment, each with the environments where it does. */
function UsedBy({ users, names, flagPath }: UsedByProps) {
  if (users === undefined)
    return (
      <Text size="sm" c="dimmed">
        …
      </Text>
    );
  if (users.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {usageSummary(users)}
      </Text>
    );
  return (
    <Stack gap={2}>
      {users.slice(0, FLAGS_SHOWN).map((user) => (
        <Group key={user.key} gap={6} wrap="nowrap">
          <Anchor component={Link} to={flagPath(user.key)} size="sm">
            {user.name}
          </Anchor>
          {user.archived && (
            <Badge size="xs" variant="light" color="gray">
              archived
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {environmentsText(user, names)}
          </Text>
        </Group>
      ))}
      {users.length > FLAGS_SHOWN && (
        <Text size="xs" c="dimmed">
          and {users.length - FLAGS_SHOWN} more
        </Text>
      )}
    </Stack>
  );
}
