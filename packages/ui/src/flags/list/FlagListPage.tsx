import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useEnvironments } from '../../api/environments';
import { useFlagList, usePendingToggles, usePrefetchFlagList, useToggleFlag } from '../../api/flags-list';
import { isProblem } from '../../api/problem';
import { can } from '../../auth/permissions';
import { PageError } from '../../components/PageError';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { isCritical } from '../../environments/colors';
import { useSelectedEnvironmentKey } from '../../environments/selected-environment';
import { useSignedIn } from '../../shell/session-context';
import { useStableCallback } from './use-stable-callback';
import { ArchiveConfirmation } from './ArchiveConfirmation';
import { NoFlagsYet } from './EmptyState';
import type { ToggleRequest } from './EnvironmentSwitch';
import { FlagListToolbar } from './FlagListToolbar';
import classes from './FlagList.module.css';
import { FlagTable } from './FlagTable';
import {
  type FilterChanges,
  filtersFromParams,
  isFiltered,
  showsArchived,
  withFilters,
  withoutFilters,
} from './filters';

// Dialogs are chunks of their own, fetched once the list is on screen: the first load carries only the list.
const loadCreateDialog = () => import('../create/CreateFlagDialog');
const loadToggleConfirmation = () => import('./ToggleConfirmation');
const CreateFlagDialog = lazy(() => loadCreateDialog().then((module) => ({ default: module.CreateFlagDialog })));
const ToggleConfirmation = lazy(() =>
  loadToggleConfirmation().then((module) => ({ default: module.ToggleConfirmation })),
);

/** A message above the list about something that just happened. */
interface Notice {
  color: 'green' | 'red' | 'yellow';
  text: string;
  link?: { to: string; label: string };
}

/**
 * `/projects/:project/flags`: every flag of the project with its on/off switch per environment,
 * searched and filtered on the server (search and filters in the URL), loaded a page at a time as
 * it scrolls, with create, bulk archive and a confirmation before changing a critical environment.
 */
export function FlagListPage() {
  const { project = '' } = useParams();
  const [environmentKey] = useSelectedEnvironmentKey();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { member } = useSignedIn();
  usePageTitle(`Flags · ${project}`);

  const filters = useMemo(() => filtersFromParams(params), [params]);
  const environments = useEnvironments(project);
  const list = useFlagList(project, filters);
  const prefetch = usePrefetchFlagList(project);
  const flags = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;

  const [creating, setCreating] = useState(false);
  const [selection, setSelection] = useState<Set<string>>(() => new Set());
  const [archiving, setArchiving] = useState(false);
  const [confirming, setConfirming] = useState<ToggleRequest | undefined>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);

  const canCreate = can(member, 'flag:write', { project });
  const archivedList = showsArchived(filters);
  const selectable = canCreate && !archivedList;
  // Asked per row and environment: decided once per environment.
  const writable = useMemo(
    () =>
      new Map(
        (environments.data ?? []).map((environment) => [
          environment.key,
          can(member, 'flag:write', { project, environment: environment.key }),
        ]),
      ),
    [environments.data, member, project],
  );
  const canToggle = useCallback((environment: string) => writable.get(environment) === true, [writable]);
  const flagHref = useCallback(
    (flag: string) =>
      `/projects/${encodeURIComponent(project)}/flags/${encodeURIComponent(flag)}${environmentKey ? `?env=${encodeURIComponent(environmentKey)}` : ''}`,
    [project, environmentKey],
  );
  const tagList = useMemo(() => [...new Set(flags.flatMap((flag) => flag.tags))].sort().join('\n'), [flags]);
  const knownTags = useMemo(() => (tagList === '' ? [] : tagList.split('\n')), [tagList]);

  const changeFilters = useStableCallback((changes: FilterChanges, replace?: boolean) => {
    setSelection(new Set());
    setNotice(undefined);
    // From the address as it is now, not as of the last render: a search sent a moment ago may not be rendered yet.
    const next = withFilters(new URLSearchParams(window.location.search), changes);
    const answered = prefetch(filtersFromParams(next));
    setParams(next, { replace: replace === true });
    return answered;
  });
  const onSearch = useCallback((q: string) => changeFilters({ q: q.trim() || null }, true), [changeFilters]);
  const onFilter = useCallback((changes: FilterChanges) => changeFilters(changes), [changeFilters]);
  const onToggleProblem = useCallback((request: ToggleRequest, error: unknown) => {
    const what = `${request.flag.key} in ${request.environment.name}`;
    setNotice(
      isProblem(error, 412)
        ? {
            color: 'yellow',
            text: `Someone changed ${what} since this list was loaded, so nothing was changed. The list now shows the current state: check it and try again.`,
          }
        : {
            color: 'red',
            text: `Could not turn ${what} ${request.on ? 'on' : 'off'}: ${isProblem(error) ? error.message : 'something unexpected went wrong'}`,
          },
    );
  }, []);
  const fetchNextPage = useCallback(() => void list.fetchNextPage(), [list.fetchNextPage]);
  const toggle = useToggleFlag(project);
  const pending = usePendingToggles(project);
  /** A switch was flipped: outside critical environments it applies at once, with the version shown. */
  const onToggle = useStableCallback((request: ToggleRequest) => {
    const { flag, environment, on } = request;
    const state = flag.environments[environment.key];
    if (state === undefined || pending.has(`${flag.key}/${environment.key}`)) return;
    if (isCritical(environment)) return setConfirming(request);
    toggle
      .mutateAsync({ flag: flag.key, environment: environment.key, on, version: state.version, actor: member.email })
      .catch((error: unknown) => onToggleProblem(request, error));
  });
  const listShown = list.isSuccess;
  useEffect(() => {
    if (!listShown) return;
    const timer = setTimeout(() => {
      if (canCreate) void loadCreateDialog();
      void loadToggleConfirmation();
    }, 500);
    return () => clearTimeout(timer);
  }, [listShown, canCreate]);

  if (environments.isPending) return <PageLoading />;
  if (environments.isError)
    return (
      <PageError
        error={environments.error}
        title="Could not load the environments"
        onRetry={() => void environments.refetch()}
      />
    );
  const selectedEnvironment =
    environments.data.find((environment) => environment.key === environmentKey) ?? environments.data[0];

  const header = (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <Stack gap={2}>
        <Title order={1}>Flags</Title>
        <Text size="sm" c="dimmed" role="status" data-testid="flag-count">
          {list.isSuccess ? countText(total, filters.q, archivedList) : ' '}
        </Text>
      </Stack>
      {canCreate && <Button onClick={() => setCreating(true)}>Create flag</Button>}
    </Group>
  );

  // A project without any flag has nothing to search: the page teaches instead.
  const noFlagsYet = list.isSuccess && flags.length === 0 && !isFiltered(filters);
  let body: React.ReactNode;
  if (list.isPending) body = <PageLoading label="Loading flags…" />;
  else if (list.isError)
    body = <PageError error={list.error} title="Could not load the flags" onRetry={() => void list.refetch()} />;
  else if (noFlagsYet && selectedEnvironment)
    body = (
      <NoFlagsYet
        project={project}
        environment={selectedEnvironment}
        canCreate={canCreate}
        canSeeKeys={can(member, 'sdk-key:manage', { project, environment: selectedEnvironment.key })}
        onCreate={() => setCreating(true)}
      />
    );
  else if (flags.length === 0)
    body = (
      <Paper withBorder p="xl" data-testid="no-matches">
        <Stack gap="sm" align="flex-start">
          <Text fw={600}>
            {archivedList && Object.keys(filters).length === 1 ? 'No archived flags' : 'No flag matches'}
          </Text>
          <Text size="sm" c="dimmed">
            {filters.q
              ? `Nothing in a key, name, description or tag contains “${filters.q}” with these filters.`
              : 'No flag matches these filters.'}
          </Text>
          <Button
            variant="default"
            size="xs"
            onClick={() => setParams(withoutFilters(new URLSearchParams(window.location.search)))}
          >
            Clear the search and filters
          </Button>
        </Stack>
      </Paper>
    );
  else
    body = (
      <FlagTable
        environments={environments.data}
        selectedEnvironment={selectedEnvironment?.key ?? ''}
        flags={flags}
        total={total}
        more={{
          hasNextPage: list.hasNextPage,
          isFetchingNextPage: list.isFetchingNextPage,
          failed: list.isFetchNextPageError,
          fetchNextPage,
        }}
        selectable={selectable}
        selection={selection}
        onSelectionChange={setSelection}
        canToggle={canToggle}
        pending={pending}
        flagHref={flagHref}
        onOpen={(flag) => void navigate(flagHref(flag))}
        onToggle={onToggle}
      />
    );

  return (
    // With rows to show, the page fits the screen and only the list scrolls.
    <Stack gap="md" className={flags.length > 0 ? classes.page : undefined}>
      {header}
      {!noFlagsYet && (
        <FlagListToolbar filters={filters} knownTags={knownTags} onSearch={onSearch} onFilter={onFilter} />
      )}
      {notice && (
        <Alert
          color={notice.color}
          role={notice.color === 'green' ? 'status' : 'alert'}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(undefined)}
          py="xs"
        >
          <Group gap="xs">
            <Text size="sm">{notice.text}</Text>
            {notice.link && (
              <Anchor component={Link} to={notice.link.to} size="sm" onClick={() => setNotice(undefined)}>
                {notice.link.label}
              </Anchor>
            )}
          </Group>
        </Alert>
      )}
      {selectable && selection.size > 0 && (
        <Paper withBorder px="md" py="xs" data-testid="bulk-actions">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {selection.size} {selection.size === 1 ? 'flag' : 'flags'} selected
            </Text>
            <Group gap="sm">
              <Button variant="default" size="xs" onClick={() => setSelection(new Set())}>
                Clear selection
              </Button>
              <Button color="red.9" size="xs" onClick={() => setArchiving(true)}>
                Archive…
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      {body}
      {canCreate && creating && (
        <Suspense fallback={null}>
          <CreateFlagDialog
            project={project}
            opened
            onClose={() => setCreating(false)}
            onCreated={(flag) => {
              setCreating(false);
              setNotice({
                color: 'green',
                text: `Created ${flag.key}.`,
                link: { to: flagHref(flag.key), label: 'Open it' },
              });
            }}
          />
        </Suspense>
      )}
      <ArchiveConfirmation
        project={project}
        opened={archiving}
        keys={[...selection]}
        onClose={() => setArchiving(false)}
        onArchived={(keys) => {
          setArchiving(false);
          setSelection(new Set());
          setNotice({
            color: 'green',
            text: `Archived ${keys.length === 1 ? keys[0] : `${keys.length} flags`}.`,
            link: { to: `?${withFilters(params, { status: 'archived' })}`, label: 'See archived flags' },
          });
        }}
      />
      {confirming && (
        <Suspense fallback={null}>
          <ToggleConfirmation
            project={project}
            request={confirming}
            actor={member.email}
            onClose={() => setConfirming(undefined)}
            onProblem={onToggleProblem}
          />
        </Suspense>
      )}
    </Stack>
  );
}

function countText(total: number, q: string | undefined, archived: boolean): string {
  const noun = `${archived ? 'archived ' : ''}${total === 1 ? 'flag' : 'flags'}`;
  return `${total.toLocaleString('en')} ${noun}${q ? ` matching “${q}”` : ''}`;
}
