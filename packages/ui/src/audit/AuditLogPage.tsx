import { Anchor, Badge, Button, Code, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type AuditEntry, useAuditLog } from '../api/audit';
import { type Project, useProjects } from '../api/projects';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { useSlashFocus } from '../components/use-slash-focus';
import { VirtualList, virtualListClasses } from '../components/VirtualList';
import { isCritical } from '../environments/colors';
import { ChangeList } from '../flags/draft/ChangeList';
import { useThrottled } from '../flags/list/use-throttled';
import {
  type AuditUrlFilters,
  apiFilters,
  entrySentence,
  type FieldDiff,
  fieldDiffs,
  filtersFromParams,
  flagChanges,
  paramsWithFilters,
  rangeProblem,
  resourceHref,
} from './audit-model';

const ENTRY_HEIGHT = 120;
const TYPING_INTERVAL_MS = 250;
/** Lines of changes shown per entry; "View JSON" has the rest. */
const MAX_LINES = 8;

const RESOURCE_TYPES = [
  { value: 'flag', label: 'Flags' },
  { value: 'segment', label: 'Segments' },
  { value: 'environment', label: 'Environments' },
  { value: 'project', label: 'Projects' },
  { value: 'sdk-key', label: 'SDK keys' },
  { value: 'api-token', label: 'API tokens' },
  { value: 'member', label: 'Members' },
];

const ACTIONS = [
  {
    group: 'Flags',
    items: [
      'flag.*',
      'flag.created',
      'flag.updated',
      'flag.state.updated',
      'flag.archived',
      'flag.restored',
      'flag.deleted',
      'flag.reverted',
      'flag.state.reverted',
    ],
  },
  { group: 'Segments', items: ['segment.*', 'segment.created', 'segment.updated', 'segment.deleted'] },
  {
    group: 'Environments',
    items: [
      'environment.*',
      'environment.created',
      'environment.updated',
      'environment.deleted',
      'environment.reordered',
    ],
  },
  { group: 'Projects', items: ['project.*', 'project.created', 'project.updated', 'project.deleted'] },
  {
    group: 'SDK keys',
    items: ['sdk-key.*', 'sdk-key.created', 'sdk-key.renamed', 'sdk-key.rotated', 'sdk-key.revoked'],
  },
  { group: 'Access', items: ['api-token.*', 'api-token.created', 'api-token.revoked', 'member.created'] },
  { group: 'Imports', items: ['import.eppo'] },
].map(({ group, items }) => ({
  group,
  items: items.map((value) => ({
    value,
    label: value.endsWith('.*') ? `Any ${group.toLowerCase()} change (${value})` : value,
  })),
}));

/**
 * `/audit?actor=ada&resourceType=flag&from=2026-11-20`: who changed what and when across the
 * organisation (what the member may read), newest first, filtered in the URL so a link shows the same
 * entries. Each entry says what it did in words, links to what it changed, and lists the fields it
 * changed before → after; "View JSON" shows the documents. Fetched a page at a time as it scrolls.
 */
export function AuditLogPage() {
  usePageTitle('Audit log');
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const problem = rangeProblem(filters);
  const log = useAuditLog(problem ? {} : apiFilters(filters));
  const projects = useProjects();
  const [json, setJson] = useState<ReadonlySet<number>>(new Set());
  const entries = problem ? [] : (log.data?.pages.flatMap((page) => page.entries) ?? []);
  const filtered = Object.keys(filters).length > 0;
  const setFilters = (next: AuditUrlFilters) =>
    setParams((current) => paramsWithFilters(current, next), { replace: true });

  return (
    <Stack gap="md" className={virtualListClasses.page}>
      <Stack gap={2}>
        <Title order={1}>Audit log</Title>
        <Text size="sm" c="dimmed">
          Every change to flags, segments, environments, keys and access, newest first: who, what, when, and the fields
          before and after.
        </Text>
      </Stack>
      <AuditFilters filters={filters} onChange={setFilters} projects={projects.data ?? []} rangeProblem={problem} />
      {problem ? null : log.isPending ? (
        <PageLoading label="Loading the audit log…" />
      ) : log.isError && entries.length === 0 ? (
        <PageError error={log.error} title="Could not load the audit log" onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <Text c="dimmed">{filtered ? 'No change matches these filters.' : 'Nothing has changed yet.'}</Text>
      ) : (
        <VirtualList
          items={entries}
          itemKey={(entry) => entry.id}
          estimateSize={ENTRY_HEIGHT}
          label="Changes, newest first"
          resetKey={params.toString()}
          more={{
            hasNextPage: log.hasNextPage,
            isFetchingNextPage: log.isFetchingNextPage,
            failed: log.isFetchNextPageError,
            fetchNextPage: () => void log.fetchNextPage(),
          }}
          renderItem={(entry) => (
            <AuditEntryRow
              entry={entry}
              projects={projects.data ?? []}
              json={json.has(entry.id)}
              onJson={() => {
                const next = new Set(json);
                if (next.has(entry.id)) next.delete(entry.id);
                else next.add(entry.id);
                setJson(next);
              }}
              onActor={() => setFilters({ ...filters, actor: entry.actor.name })}
            />
          )}
        />
      )}
    </Stack>
  );
}

interface AuditFiltersProps {
  filters: AuditUrlFilters;
  onChange(filters: AuditUrlFilters): void;
  projects: readonly Project[];
  rangeProblem: string | undefined;
}

function AuditFilters({ filters, onChange, projects, rangeProblem }: AuditFiltersProps) {
  const actor = useRef<HTMLInputElement>(null);
  useSlashFocus(actor);
  // Typed fields apply as one types, a few times a second; the selects at once.
  const [typed, setTyped] = useState({ actor: filters.actor ?? '', resource: filters.resource ?? '' });
  const latest = useRef(filters);
  latest.current = filters;
  const applyTyped = useThrottled((next: { actor: string; resource: string }) => {
    onChange({ ...latest.current, actor: next.actor.trim(), resource: next.resource.trim() });
  }, TYPING_INTERVAL_MS);
  const type = (next: { actor: string; resource: string }) => {
    setTyped(next);
    applyTyped(next);
  };
  const set = (name: keyof AuditUrlFilters, value: string | null) => onChange({ ...filters, [name]: value ?? '' });
  const project = projects.find((candidate) => candidate.key === filters.project);
  const environments = project?.environments ?? [];

  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-start">
        <TextInput
          ref={actor}
          label="Actor"
          placeholder="Anyone: a name or an id"
          value={typed.actor}
          onChange={(event) => type({ ...typed, actor: event.currentTarget.value })}
          w={220}
        />
        <Select
          label="Action"
          placeholder="Any action"
          data={ACTIONS}
          value={filters.action ?? null}
          onChange={(value) => set('action', value)}
          searchable
          clearable
          w={240}
        />
        <Select
          label="Resource type"
          placeholder="Anything"
          data={RESOURCE_TYPES}
          value={filters.resourceType ?? null}
          onChange={(value) => set('resourceType', value)}
          clearable
          w={160}
        />
        <TextInput
          label="Resource"
          placeholder="Any: a key, or a key’s id"
          value={typed.resource}
          onChange={(event) => type({ ...typed, resource: event.currentTarget.value })}
          w={220}
        />
      </Group>
      <Group gap="sm" align="flex-start">
        <Select
          label="Project"
          placeholder="Every project"
          data={projects.map((candidate) => ({ value: candidate.key, label: candidate.name }))}
          value={filters.project ?? null}
          onChange={(value) => onChange({ ...filters, project: value ?? '', environment: '' })}
          clearable
          w={200}
        />
        <Select
          label="Environment"
          placeholder={project ? 'Every environment' : 'Choose a project first'}
          // A link may name an environment without its project: it still filters, and shows its key.
          data={
            filters.environment && !project
              ? [filters.environment]
              : environments.map((candidate) => ({ value: candidate.key, label: candidate.name }))
          }
          value={filters.environment ?? null}
          onChange={(value) => set('environment', value)}
          clearable
          w={200}
        />
        <TextInput
          type="date"
          label="From"
          value={filters.from ?? ''}
          onChange={(event) => set('from', event.currentTarget.value)}
          w={160}
        />
        <TextInput
          type="date"
          label="To"
          value={filters.to ?? ''}
          onChange={(event) => set('to', event.currentTarget.value)}
          error={rangeProblem}
          w={160}
        />
        {Object.keys(filters).length > 0 && (
          <Button
            variant="subtle"
            mt={24}
            onClick={() => {
              setTyped({ actor: '', resource: '' });
              onChange({});
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
    </Stack>
  );
}

interface AuditEntryRowProps {
  entry: AuditEntry;
  projects: readonly Project[];
  json: boolean;
  onJson(): void;
  onActor(): void;
}

function AuditEntryRow({ entry, projects, json, onJson, onActor }: AuditEntryRowProps) {
  const sentence = entrySentence(entry);
  const href = resourceHref(entry);
  const environments = projects.find((candidate) => candidate.key === entry.project)?.environments;
  const environment = environments?.find((candidate) => candidate.key === entry.environment);
  const environmentName = (key: string) => environments?.find((candidate) => candidate.key === key)?.name ?? key;
  const worded = flagChanges(entry, environmentName);
  const fields = worded ? [] : fieldDiffs(entry);
  const jsonId = `audit-json-${entry.id}`;
  return (
    <Stack gap="xs" px="md" py="sm" component="article" aria-label={`Change #${entry.id}`} data-entry={entry.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" data-testid="entry-sentence">
            <Anchor
              component="button"
              type="button"
              fw={600}
              inherit
              onClick={onActor}
              title="Only this actor’s changes"
            >
              {entry.actor.name}
            </Anchor>{' '}
            {sentence.verb} {sentence.noun}{' '}
            {sentence.resource !== undefined &&
              (href ? (
                <Anchor component={Link} to={href} ff="monospace" inherit>
                  {sentence.resource}
                </Anchor>
              ) : (
                <Code>{sentence.resource}</Code>
              ))}
            {sentence.where && ` ${sentence.where}`}
          </Text>
          <Group gap="xs">
            <RelativeTime at={entry.createdAt} size="xs" c="dimmed" />
            <Text size="xs" c="dimmed">
              · #{entry.id} · {entry.action}
              {entry.project ? ` · ${entry.project}` : ''}
            </Text>
            {environment && isCritical(environment) && (
              <Badge size="xs" color="red" variant="light">
                Critical
              </Badge>
            )}
          </Group>
        </Stack>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={onJson}
          aria-expanded={json}
          aria-controls={json ? jsonId : undefined}
          aria-label={`${json ? 'Hide JSON' : 'View JSON'} of change #${entry.id}`}
        >
          {json ? 'Hide JSON' : 'View JSON'}
        </Button>
      </Group>
      {worded ? (
        <ChangeList changes={worded.slice(0, MAX_LINES)} environments={environments} order={4} />
      ) : (
        <FieldDiffList fields={fields} />
      )}
      {(worded?.length ?? fields.length) > MAX_LINES && (
        <Text size="xs" c="dimmed">
          and {(worded?.length ?? fields.length) - MAX_LINES} more — View JSON has them all
        </Text>
      )}
      {json && (
        <Group id={jsonId} grow align="flex-start" gap="xs">
          <Stack gap={2}>
            <Text size="xs" fw={600}>
              Before
            </Text>
            <Code
              block
              tabIndex={0}
              style={{ maxHeight: 320, overflow: 'auto' }}
              aria-label={`Before change #${entry.id}`}
            >
              {JSON.stringify(entry.before, null, 2)}
            </Code>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" fw={600}>
              After
            </Text>
            <Code
              block
              tabIndex={0}
              style={{ maxHeight: 320, overflow: 'auto' }}
              aria-label={`After change #${entry.id}`}
            >
              {JSON.stringify(entry.after, null, 2)}
            </Code>
          </Stack>
        </Group>
      )}
    </Stack>
  );
}

const KIND_COLOR = { added: 'teal.9', removed: 'red.9', changed: 'blue.9' } as const;

function FieldDiffList({ fields }: { fields: readonly FieldDiff[] }) {
  if (fields.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No field changed that the log shows in words; View JSON has the documents.
      </Text>
    );
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {fields.slice(0, MAX_LINES).map((field) => (
        <Group
          key={`${field.field}:${field.kind}`}
          component="li"
          gap="xs"
          wrap="nowrap"
          align="baseline"
          data-testid="change"
        >
          <Text size="xs" fw={700} tt="uppercase" c={KIND_COLOR[field.kind]} miw={64}>
            {field.kind}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
            <Text span fw={600} inherit>
              {field.field}
            </Text>
            {': '}
            {field.kind === 'changed' ? `${field.before} → ${field.after}` : (field.after ?? field.before)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
