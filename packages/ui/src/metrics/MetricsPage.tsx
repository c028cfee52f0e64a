import { Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { type Metric, useMetrics } from '../api/metrics';
import { can } from '../auth/permissions';
import { CodeSnippet } from '../components/CodeSnippet';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { useSlashFocus } from '../components/use-slash-focus';
import { useSignedIn } from '../shell/session-context';
import { DeleteMetricDialog } from './DeleteMetricDialog';
import { MetricDialog } from './MetricDialog';
import { describeMetric, matchesSearch } from './metric-model';

/** The search text: `?q=checkout`. */
export const SEARCH_PARAM = 'q';
/** The metric whose edit dialog is open: `?edit=revenue` (`?edit=` alone: a new one). */
export const EDIT_PARAM = 'edit';

const TRACK_SNIPPET = `// Where the outcome happens, with the context the flag was evaluated for (@vexil/node):
vexil.track('checkout-completed', context); // a conversion
vexil.track('checkout-completed', context, order.total); // a numeric metric reads the value`;

/**
 * `/projects/:project/metrics`: what experiments measure — each metric in words (a conversion, or
 * the sum, mean or count of an event's values per subject, over a window) — searched as one types
 * (`?q=`); editors create, change and delete them (`?edit=<key>` keeps the open form in the URL).
 */
export function MetricsPage() {
  const { project = '' } = useParams();
  const { member } = useSignedIn();
  usePageTitle(`Metrics · ${project}`);
  const metrics = useMetrics(project);
  const [params, setParams] = useSearchParams();
  const search = params.get(SEARCH_PARAM) ?? '';
  const [deleting, setDeleting] = useState<Metric | undefined>(undefined);
  const searchInput = useRef<HTMLInputElement>(null);
  useSlashFocus(searchInput);
  const canWrite = can(member, 'metric:write', { project });

  const setParam = (name: string, value: string | undefined, replace: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace },
    );
  const editKey = canWrite ? (params.get(EDIT_PARAM) ?? undefined) : undefined;

  if (metrics.isPending) return <PageLoading />;
  if (metrics.isError)
    return (
      <PageError error={metrics.error} title="Could not load the metrics" onRetry={() => void metrics.refetch()} />
    );
  const list = metrics.data;
  const shown = list.filter((metric) => matchesSearch(metric, search));
  const editing =
    editKey === undefined
      ? undefined
      : editKey === ''
        ? ({ mode: 'create' } as const)
        : (() => {
            const metric = list.find((candidate) => candidate.key === editKey);
            return metric ? ({ mode: 'edit', metric } as const) : undefined;
          })();

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1}>Metrics</Title>
          <Text size="sm" c="dimmed">
            What experiments measure: each metric reads one custom event your code sends, per subject, after the subject
            first sees a variation.
          </Text>
        </Stack>
        {canWrite && (
          <Button onClick={() => setParam(EDIT_PARAM, '', false)} style={{ flexShrink: 0 }}>
            Create metric
          </Button>
        )}
      </Group>
      {list.length === 0 ? (
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              No metrics yet
            </Title>
            <Text size="sm">
              A metric turns an event into a number an experiment compares between variations: a conversion (did the
              subject send <Code>checkout-completed</Code>?) or a numeric value (how much did they spend?).
              {canWrite
                ? ' Create one naming the event, then send the event from your code:'
                : ' Editors create them; your code sends the events they read:'}
            </Text>
            <CodeSnippet code={TRACK_SNIPPET} label="Sending an event with the Node SDK" />
          </Stack>
        </Paper>
      ) : (
        <>
          <TextInput
            ref={searchInput}
            label="Search metrics"
            description="By key, name, event or description; press / to come back here"
            placeholder="checkout"
            type="search"
            value={search}
            onChange={(event) => setParam(SEARCH_PARAM, event.currentTarget.value || undefined, true)}
            maw={420}
          />
          {shown.length === 0 ? (
            <Text size="sm" c="dimmed">
              No metric matches “{search}”.
            </Text>
          ) : (
            <Table striped highlightOnHover withTableBorder verticalSpacing="sm" aria-label="Metrics">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Metric</Table.Th>
                  <Table.Th>Measures</Table.Th>
                  <Table.Th>Changed</Table.Th>
                  {canWrite && (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((metric) => (
                  <Table.Tr key={metric.key} data-testid="metric-row" data-key={metric.key}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {metric.name}
                      </Text>
                      <Code fz="xs">{metric.key}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} mb={4}>
                        <Badge
                          size="sm"
                          variant="outline"
                          color={metric.kind === 'numeric' ? 'indigo.9' : 'teal.9'}
                          tt="none"
                        >
                          {metric.kind}
                        </Badge>
                        {metric.aggregation && (
                          <Badge size="sm" variant="outline" color="gray.7" tt="none">
                            {metric.aggregation}
                          </Badge>
                        )}
                      </Group>
                      <Text size="sm" data-testid="metric-sentence">
                        {describeMetric(metric)}
                      </Text>
                      {metric.description && (
                        <Text size="xs" c="dimmed">
                          {metric.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime at={metric.updatedAt} size="sm" c="dimmed" />
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap" justify="flex-end">
                          <Button
                            variant="default"
                            size="xs"
                            onClick={() => setParam(EDIT_PARAM, metric.key, false)}
                            aria-label={`Edit ${metric.name}`}
                          >
                            Edit
                          </Button>
                          <Button
                            variant="subtle"
                            color="red"
                            size="xs"
                            onClick={() => setDeleting(metric)}
                            aria-label={`Delete ${metric.name}`}
                          >
                            Delete
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      {!canWrite && (
        <Text size="sm" c="dimmed">
          You can view this project’s metrics; editors create and change them.
        </Text>
      )}
      {canWrite && (
        <MetricDialog project={project} editing={editing} onClose={() => setParam(EDIT_PARAM, undefined, true)} />
      )}
      <DeleteMetricDialog project={project} metric={deleting} onClose={() => setDeleting(undefined)} />
    </Stack>
  );
}
