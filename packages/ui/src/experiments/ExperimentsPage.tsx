import { Anchor, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useExperiments } from '../api/experiments';
import { useMetrics } from '../api/metrics';
import { can } from '../auth/permissions';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import { useSignedIn } from '../shell/session-context';
import { ExperimentDialog } from './ExperimentDialog';
import { STATUS_COLORS } from './experiment-model';

/** The setup form of a new experiment is open: `?edit=`. */
export const EDIT_PARAM = 'edit';

/**
 * `/projects/:project/experiments`: every experiment of the project — its flag, environment,
 * status, primary metric, and when it started and stopped — each linking to its results; editors
 * set up new ones (`?edit=` keeps the open form in the URL).
 */
export function ExperimentsPage() {
  const { project = '' } = useParams();
  const { member } = useSignedIn();
  usePageTitle(`Experiments · ${project}`);
  const [environment] = useSelectedEnvironmentKey();
  const experiments = useExperiments(project);
  const metrics = useMetrics(project);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const canWrite = can(member, 'experiment:write', { project, ...(environment ? { environment } : {}) });
  const creating = canWrite && params.get(EDIT_PARAM) !== null;
  const setEditing = (open: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (open) next.set(EDIT_PARAM, '');
        else next.delete(EDIT_PARAM);
        return next;
      },
      { replace: !open },
    );

  if (experiments.isPending) return <PageLoading />;
  if (experiments.isError)
    return (
      <PageError
        error={experiments.error}
        title="Could not load the experiments"
        onRetry={() => void experiments.refetch()}
      />
    );
  const list = experiments.data;
  const metricName = (key: string) => metrics.data?.find((metric) => metric.key === key)?.name ?? key;
  const noMetrics = metrics.isSuccess && metrics.data.length === 0;

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1}>Experiments</Title>
          <Text size="sm" c="dimmed">
            Compare a flag’s variations on the metrics that matter: each experiment reads the exposures of a split
            allocation and the events subjects send after it.
          </Text>
        </Stack>
        {canWrite && (
          <Button onClick={() => setEditing(true)} style={{ flexShrink: 0 }}>
            Create experiment
          </Button>
        )}
      </Group>
      {list.length === 0 ? (
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              No experiments yet
            </Title>
            <Text size="sm">
              An experiment compares the variations of a flag whose allocation splits traffic (say 50 % <Code>off</Code>{' '}
              / 50 % <Code>on</Code>) on a metric, such as the share of subjects who complete a checkout.
            </Text>
            {noMetrics ? (
              <Text size="sm">
                It needs a metric first:{' '}
                <Anchor component={Link} to={projectPath(project, 'metrics', environment)}>
                  create one on the metrics page
                </Anchor>
                {canWrite ? ', then set up the experiment here.' : '.'}
              </Text>
            ) : (
              <Text size="sm">
                {canWrite
                  ? 'Create one: choose the flag, its split allocation, the control and the primary metric.'
                  : 'Editors set them up; you will find their results here.'}
              </Text>
            )}
          </Stack>
        </Paper>
      ) : (
        <Table striped highlightOnHover withTableBorder verticalSpacing="sm" aria-label="Experiments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Experiment</Table.Th>
              <Table.Th>Flag</Table.Th>
              <Table.Th>Environment</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Primary metric</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Stopped</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((experiment) => (
              <Table.Tr key={experiment.key} data-testid="experiment-row" data-key={experiment.key}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={projectPath(project, `experiments/${encodeURIComponent(experiment.key)}`, environment)}
                    fw={600}
                    size="sm"
                  >
                    {experiment.name}
                  </Anchor>
                  <div>
                    <Code fz="xs">{experiment.key}</Code>
                  </div>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={projectPath(project, `flags/${encodeURIComponent(experiment.flag)}`, experiment.environment)}
                    size="sm"
                    ff="monospace"
                  >
                    {experiment.flag}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{experiment.environment}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="outline" color={STATUS_COLORS[experiment.status]} tt="none">
                    {experiment.status}
                  </Badge>
                  {experiment.shippedVariation && (
                    <Text size="xs" c="dimmed">
                      shipped {experiment.shippedVariation}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{metricName(experiment.primaryMetric)}</Text>
                </Table.Td>
                <Table.Td>
                  {experiment.startedAt ? (
                    <RelativeTime at={experiment.startedAt} size="sm" c="dimmed" />
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {experiment.stoppedAt ? (
                    <RelativeTime at={experiment.stoppedAt} size="sm" c="dimmed" />
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!canWrite && (
        <Text size="sm" c="dimmed">
          You can view this project’s experiments; editors set them up, start and stop them.
        </Text>
      )}
      {canWrite && (
        <ExperimentDialog
          project={project}
          environment={environment}
          editing={creating ? CREATE : undefined}
          onClose={() => setEditing(false)}
          onCreated={(key) =>
            navigate(projectPath(project, `experiments/${encodeURIComponent(key)}`, environment), { replace: true })
          }
        />
      )}
    </Stack>
  );
}

const CREATE = { mode: 'create' } as const;
