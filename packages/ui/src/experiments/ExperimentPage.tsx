import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  List,
  Modal,
  Paper,
  Radio,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useEnvironments } from '../api/environments';
import {
  type Experiment,
  type ExperimentResults,
  useDeleteExperiment,
  useExperiment,
  useExperimentAction,
  useExperimentResults,
} from '../api/experiments';
import { useFlag } from '../api/flag';
import { useMetrics } from '../api/metrics';
import { isProblem } from '../api/problem';
import { can } from '../auth/permissions';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { isCritical } from '../environments/colors';
import { CriticalBadge } from '../environments/EnvironmentSelector';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import { useSignedIn } from '../shell/session-context';
import { ExperimentDialog } from './ExperimentDialog';
import {
  detectability,
  detectabilitySentence,
  type ExperimentFields,
  formatCount,
  formatShare,
  forestRows,
  type MetricResult,
  metricRows,
  overTimeRows,
  STATUS_COLORS,
  sampleRatioSentence,
  treatments,
  type VariationName,
  variationLabel,
} from './experiment-model';
import { ForestPlot } from './ForestPlot';
import { OverTimeChart } from './OverTimeChart';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** `?tab=setup` (results by default), `?metric=<key>` (the primary by default), `?edit` opens the draft's form. */
export const TAB_PARAM = 'tab';
export const METRIC_PARAM = 'metric';
export const EDIT_PARAM = 'edit';

/**
 * `/projects/:project/experiments/:experiment`: its status and actions (start, asking first in a
 * critical environment; stop, shipping a variation if wanted; delete a draft), the results of each
 * metric — table and forest plot — the primary metric over time, the sample-ratio check, why there
 * is no data when there is none, and how long until the planned effect would be detectable.
 */
export function ExperimentPage() {
  const { project = '', experiment: key = '' } = useParams();
  const { member } = useSignedIn();
  const [environment] = useSelectedEnvironmentKey();
  usePageTitle(`${key} · Experiments · ${project}`);
  const experiment = useExperiment(project, key);
  const results = useExperimentResults(project, key);
  const flag = useFlag(project, experiment.data?.flag);
  const metrics = useMetrics(project);
  const [params, setParams] = useSearchParams();
  const [stopping, setStopping] = useState(false);
  const [asking, setAsking] = useState<'start' | 'delete' | undefined>(undefined);
  const action = useExperimentAction(project);
  const remove = useDeleteExperiment(project);
  const environments = useEnvironments(project);
  const navigate = useNavigate();
  const editing = params.get(EDIT_PARAM) !== null;
  // One object per experiment version: the form resets only when it opens or the experiment changes.
  const edited = useMemo(
    () => (experiment.data ? ({ mode: 'edit', experiment: experiment.data } as const) : undefined),
    [experiment.data],
  );

  if (experiment.isPending) return <PageLoading />;
  if (experiment.isError)
    return (
      <PageError
        error={experiment.error}
        title={`Could not load the experiment ${key}`}
        onRetry={() => void experiment.refetch()}
      />
    );
  const current = experiment.data;
  const scope = { project, environment: current.environment };
  const canWrite = can(member, 'experiment:write', scope);
  const canControl = canWrite && can(member, 'flag:write', scope);
  // The shell has loaded the environments; until they are known, production counts as critical.
  const environmentInfo = environments.data?.find((one) => one.key === current.environment);
  const environmentName = environmentInfo?.name ?? current.environment;
  const critical = isCritical(environmentInfo ?? { key: current.environment });
  const variations: VariationName[] = flag.data?.flag.variations ?? [];
  const tab = params.get(TAB_PARAM) === 'setup' ? 'setup' : 'results';
  const editOpen = canControl && current.status === 'draft' && editing;
  const setParam = (name: string, value: string | undefined, replace = false) =>
    setParams(
      (now) => {
        const next = new URLSearchParams(now);
        if (value === undefined) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace },
    );
  const refresh = () => {
    void experiment.refetch();
    void results.refetch();
  };
  const start = () =>
    action.mutate(
      { experiment: current.key, action: 'start' },
      {
        onSuccess: () => {
          setAsking(undefined);
          refresh();
        },
      },
    );
  const closeAsking = () => {
    // A refusal may mean the experiment changed meanwhile (started by someone else): show it as it is now.
    if (action.error != null || remove.error != null) refresh();
    action.reset();
    remove.reset();
    setAsking(undefined);
  };
  const allocations = allocationsText(current.allocations);
  const metricName = (metricKey: string) => metrics.data?.find((m) => m.key === metricKey)?.name ?? metricKey;

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <Anchor component={Link} to={projectPath(project, 'experiments', environment)} size="sm">
          ← Experiments
        </Anchor>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={1}>{current.name}</Title>
              <Badge variant="outline" color={STATUS_COLORS[current.status]} tt="none" data-testid="experiment-status">
                {current.status}
              </Badge>
            </Group>
            {/* A div: the critical badge is one. */}
            <Text size="sm" c="dimmed" component="div">
              <Code>{current.key}</Code> · flag{' '}
              <Anchor
                component={Link}
                to={projectPath(project, `flags/${encodeURIComponent(current.flag)}`, current.environment)}
                ff="monospace"
                size="sm"
              >
                {current.flag}
              </Anchor>{' '}
              in {environmentName}
              {critical && (
                <>
                  {' '}
                  <CriticalBadge />
                </>
              )}
              {current.startedAt && (
                <>
                  {' '}
                  · started <RelativeTime at={current.startedAt} size="sm" span />
                </>
              )}
              {current.stoppedAt && (
                <>
                  {' '}
                  · stopped <RelativeTime at={current.stoppedAt} size="sm" span />
                </>
              )}
              {current.shippedVariation && <> · shipped {variationLabel(current.shippedVariation, variations)}</>}
            </Text>
          </Stack>
          {canWrite && (
            <Group gap="sm" wrap="nowrap">
              {current.status === 'draft' && (
                <Button variant="subtle" color="red" onClick={() => setAsking('delete')}>
                  Delete draft
                </Button>
              )}
              {canControl && current.status === 'draft' && (
                <>
                  <Button variant="default" onClick={() => setParam(EDIT_PARAM, '')}>
                    Edit setup
                  </Button>
                  {/* In a critical environment the button asks first, and says so with its ellipsis. */}
                  <Button
                    loading={action.isPending && asking === undefined}
                    onClick={() => (critical ? setAsking('start') : start())}
                  >
                    {critical ? 'Start…' : 'Start'}
                  </Button>
                </>
              )}
              {canControl && current.status === 'running' && (
                <Button color="red" onClick={() => setStopping(true)}>
                  Stop
                </Button>
              )}
            </Group>
          )}
        </Group>
        {action.error != null && !stopping && asking === undefined && (
          <Alert color="red" role="alert" title="Not started">
            {isProblem(action.error) ? (action.error.detail ?? action.error.title) : 'Something unexpected went wrong.'}
          </Alert>
        )}
      </Stack>
      <Tabs value={tab} onChange={(value) => setParam(TAB_PARAM, value === 'setup' ? 'setup' : undefined)}>
        <Tabs.List>
          <Tabs.Tab value="results">Results</Tabs.Tab>
          <Tabs.Tab value="setup">Setup</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="results" pt="md">
          {results.isPending ? (
            <PageLoading />
          ) : results.isError ? (
            <PageError
              error={results.error}
              title="Could not load the results"
              onRetry={() => void results.refetch()}
            />
          ) : (
            <ResultsView
              experiment={current}
              results={results.data}
              variations={variations}
              metricName={metricName}
              selected={params.get(METRIC_PARAM) ?? current.primaryMetric}
              onSelect={(metricKey) =>
                setParam(METRIC_PARAM, metricKey === current.primaryMetric ? undefined : metricKey, true)
              }
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="setup" pt="md">
          <SetupView experiment={current} variations={variations} metricName={metricName} />
        </Tabs.Panel>
      </Tabs>
      {!canControl && (
        <Text size="sm" c="dimmed">
          You can read this experiment; members who may change the flag in {current.environment} start and stop it.
        </Text>
      )}
      {canControl && (
        <ExperimentDialog
          project={project}
          environment={current.environment}
          editing={editOpen ? edited : undefined}
          onClose={() => {
            setParam(EDIT_PARAM, undefined, true);
            void experiment.refetch();
          }}
        />
      )}
      {canControl && current.status === 'draft' && (
        <ConfirmDialog
          opened={asking === 'start'}
          title={`Start ${current.name} in ${environmentName}?`}
          confirmLabel={`Start in ${environmentName}`}
          refusedTitle="Not started"
          error={action.error}
          pending={action.isPending}
          blocked={isProblem(action.error, 409)}
          onConfirm={start}
          onClose={closeAsking}
        >
          {environmentName} is a critical environment. Starting turns exposure tracking on for the allocation
          {current.allocations.length > 1 ? 's' : ''} {allocations} of <Code>{current.flag}</Code> in {environmentName}:
          a flag change its SDKs receive at once. What subjects are served stays the same; from now on the results count
          them.
        </ConfirmDialog>
      )}
      {canWrite && current.status === 'draft' && (
        <ConfirmDialog
          opened={asking === 'delete'}
          title={`Delete ${current.name}?`}
          confirmLabel="Delete draft"
          refusedTitle="Not deleted"
          error={remove.error}
          pending={remove.isPending}
          // A 409 says it is no longer a draft: trying again cannot change that.
          blocked={isProblem(remove.error, 409)}
          onConfirm={() =>
            remove.mutate(current.key, {
              onSuccess: () => void navigate(projectPath(project, 'experiments', environment), { replace: true }),
            })
          }
          onClose={closeAsking}
        >
          The draft <Code>{current.key}</Code> and its setup are lost. Nothing changes on <Code>{current.flag}</Code>: a
          draft has not tracked anything. The audit log keeps its entries about {current.name}.
        </ConfirmDialog>
      )}
      {canControl && current.status === 'running' && (
        <StopDialog
          opened={stopping}
          experiment={current}
          environmentName={environmentName}
          critical={critical}
          variations={variations}
          allocationIds={current.allocations}
          pending={action.isPending}
          error={action.error}
          onClose={() => {
            action.reset();
            setStopping(false);
          }}
          onStop={(ship) =>
            action.mutate(
              { experiment: current.key, action: 'stop', ...(ship ? { ship } : {}) },
              {
                onSuccess: () => {
                  setStopping(false);
                  refresh();
                },
              },
            )
          }
        />
      )}
    </Stack>
  );
}

interface ResultsViewProps {
  experiment: Experiment;
  results: ExperimentResults;
  variations: VariationName[];
  metricName(key: string): string;
  selected: string;
  onSelect(key: string): void;
}

function ResultsView({ experiment, results, variations, metricName, selected, onSelect }: ResultsViewProps) {
  const metricResults = results.metrics as MetricResult[];
  const metric = metricResults.find((m) => m.metric === selected) ?? metricResults[0];
  const primary = metricResults.find((m) => m.role === 'primary');
  const control = primary?.variations.find((v) => v.isControl);
  const estimate = detectability({
    minimumDetectableEffect: experiment.minimumDetectableEffect,
    status: experiment.status,
    from: results.from,
    to: results.to,
    subjects: results.exposures.subjects,
    weights: results.sampleRatio?.weights,
    control: control && {
      mean: control.mean,
      variance: (results.metrics.find((m) => m.role === 'primary')?.variations.find((v) => v.isControl)?.variance ??
        0) as number,
      subjects: control.subjects,
    },
    direction: primary?.direction ?? 'higher',
  });
  const treatmentKeys = treatments(results.overTime, results.controlVariation);
  return (
    <Stack gap="lg">
      {results.diagnosis.length > 0 && (
        <Alert
          color="yellow"
          title="Why there is no data yet"
          data-testid="diagnosis"
          styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
        >
          <List size="sm">
            {results.diagnosis.map((entry) => (
              <List.Item key={`${entry.code}:${entry.metric ?? ''}`}>
                {entry.metric ? `${metricName(entry.metric)}: ` : ''}
                {entry.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {results.sampleRatio?.mismatch && (
        <Alert color="red" role="alert" title="Sample ratio mismatch" data-testid="srm-banner">
          {sampleRatioSentence(results.sampleRatio, variations)}
        </Alert>
      )}
      {experiment.status !== 'draft' && (
        <Group gap="xl" data-testid="exposure-summary">
          <Text size="sm">
            <b>{formatCount(results.exposures.subjects)}</b> subjects counted
            {results.exposures.variations.length > 0 &&
              ` (${results.exposures.variations
                .map((v) => `${variationLabel(v.variation, variations)} ${formatCount(v.subjects)}`)
                .join(', ')})`}
          </Text>
          {results.exposures.excludedMultipleVariations > 0 && (
            <Text size="sm" c="dimmed">
              {formatCount(results.exposures.excludedMultipleVariations)} left out: they saw more than one variation
            </Text>
          )}
          {results.sampleRatio && !results.sampleRatio.mismatch && (
            <Text size="sm" c="dimmed">
              Split as configured (sample-ratio check p = {results.sampleRatio.pValue.toFixed(2)})
            </Text>
          )}
        </Group>
      )}
      <Text size="sm" data-testid="detectability">
        {detectabilitySentence(estimate, experiment.minimumDetectableEffect)}
      </Text>
      {metric && (
        <Stack gap="md">
          <Tabs value={metric.metric} onChange={(value) => value && onSelect(value)} variant="pills">
            <Tabs.List aria-label="Metric">
              {metricResults.map((m) => (
                <Tabs.Tab key={m.metric} value={m.metric}>
                  {metricName(m.metric)}
                  <Text span size="xs" c="inherit" ml={6}>
                    ({m.role})
                  </Text>
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <MetricTable metric={metric} variations={variations} name={metricName(metric.metric)} />
          {forestRows(metric, variations).length > 0 && (
            <Stack gap={4}>
              <Title order={3} size="h5">
                Lift against control
              </Title>
              <Text size="xs" c="dimmed">
                Dot: the estimate; thick bar: the 95 % interval; thin line: the always-valid interval, right however
                often you look. Green when it excludes no change in the good direction, red in the bad one.
              </Text>
              <ForestPlot
                rows={forestRows(metric, variations)}
                label={`Lift of each variation on ${metricName(metric.metric)}, with intervals`}
              />
            </Stack>
          )}
        </Stack>
      )}
      {primary && treatmentKeys.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {metricName(primary.metric)} over time
          </Title>
          {treatmentKeys.map((variation) => {
            const rows = overTimeRows(results.overTime, variation);
            return rows.length === 0 ? null : (
              <Stack key={variation} gap={2}>
                <Text size="sm" c="dimmed">
                  Cumulative lift of {variationLabel(variation, variations)} with its 95 % interval, day by day (UTC)
                </Text>
                <OverTimeChart
                  rows={rows}
                  label={`Cumulative lift of ${variationLabel(variation, variations)} on ${metricName(primary.metric)} by day`}
                />
              </Stack>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

function MetricTable({
  metric,
  variations,
  name,
}: {
  metric: MetricResult;
  variations: VariationName[];
  name: string;
}) {
  const rows = metricRows(metric, variations);
  const cuped = rows.some((row) => row.cuped !== null);
  return (
    <Stack gap={4}>
      <Table withTableBorder verticalSpacing="xs" aria-label={`Results: ${name}`} data-testid="metric-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Variation</Table.Th>
            <Table.Th ta="right">Subjects</Table.Th>
            <Table.Th ta="right">{metric.kind === 'conversion' ? 'Conversion' : 'Mean'}</Table.Th>
            <Table.Th ta="right">Lift</Table.Th>
            <Table.Th>95 % interval</Table.Th>
            <Table.Th ta="right">p-value</Table.Th>
            <Table.Th>Always-valid interval</Table.Th>
            <Table.Th ta="right">Chance to beat control</Table.Th>
            {cuped && <Table.Th>CUPED lift (interval)</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.variation} data-variation={row.variation}>
              <Table.Th scope="row" fw={row.isControl ? 400 : 600}>
                {row.label}
              </Table.Th>
              <Table.Td ta="right" data-column="subjects">
                {row.subjects}
              </Table.Td>
              <Table.Td ta="right" data-column="value" style={NOWRAP}>
                {row.value}
              </Table.Td>
              <Table.Td
                ta="right"
                data-column="lift"
                style={NOWRAP}
                c={row.verdict === 'better' ? 'teal.9' : row.verdict === 'worse' ? 'red.9' : undefined}
                fw={row.verdict && row.verdict !== 'inconclusive' ? 700 : undefined}
              >
                {row.lift}
              </Table.Td>
              <Table.Td data-column="interval" style={NOWRAP}>
                {row.interval}
              </Table.Td>
              <Table.Td ta="right" data-column="p-value" style={NOWRAP}>
                {row.pValue}
              </Table.Td>
              <Table.Td data-column="sequential" style={NOWRAP}>
                {row.sequentialInterval}
              </Table.Td>
              <Table.Td ta="right" data-column="chance" style={NOWRAP}>
                {row.chanceToBeatControl}
              </Table.Td>
              {cuped && (
                <Table.Td data-column="cuped">
                  {row.cuped ? (row.isControl ? row.cuped.value : `${row.cuped.lift} (${row.cuped.interval})`) : '—'}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {metric.direction === 'lower' ? 'Lower is better.' : 'Higher is better.'}
        {metric.cuped &&
          ` CUPED uses each subject’s pre-exposure ${name}: it cut the variance by ${formatShare(
            metric.cuped.varianceReduction,
          )}.`}
      </Text>
    </Stack>
  );
}

function SetupView({
  experiment,
  variations,
  metricName,
}: {
  experiment: Experiment;
  variations: VariationName[];
  metricName(key: string): string;
}) {
  const fields = experiment as ExperimentFields;
  const rows: [string, string][] = [
    ['Hypothesis', fields.hypothesis ?? '—'],
    ['Flag', `${fields.flag} in ${fields.environment}`],
    ['Allocations', fields.allocations.join(', ')],
    ['Control', variationLabel(fields.controlVariation, variations)],
    ['Primary metric', metricName(fields.primaryMetric)],
    ['Secondary metrics', fields.secondaryMetrics.map(metricName).join(', ') || '—'],
    ['Guardrail metrics', fields.guardrailMetrics.map(metricName).join(', ') || '—'],
    [
      'Minimum detectable effect',
      fields.minimumDetectableEffect === null ? '—' : `${(fields.minimumDetectableEffect * 100).toFixed(1)} %`,
    ],
    ['Planned subjects per variation', formatCount(fields.plannedSubjectsPerVariation)],
  ];
  return (
    <Paper withBorder p="md" maw={760}>
      <Table variant="vertical" aria-label="Setup">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={240}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

interface StopDialogProps {
  opened: boolean;
  experiment: Experiment;
  environmentName: string;
  critical: boolean;
  variations: VariationName[];
  allocationIds: string[];
  pending: boolean;
  error: unknown;
  onClose(): void;
  onStop(ship: string | undefined): void;
}

/**
 * Stopping: without shipping, or shipping a variation — the dialog says what the allocations will
 * serve, and names a critical environment.
 */
function StopDialog({
  opened,
  experiment,
  environmentName,
  critical,
  variations,
  allocationIds,
  pending,
  error,
  onClose,
  onStop,
}: StopDialogProps) {
  const [choice, setChoice] = useState('');
  const served = variations.length > 0 ? variations.map((v) => v.key) : [experiment.controlVariation];
  const allocations = allocationsText(allocationIds);
  const plural = allocationIds.length > 1;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={critical ? `Stop ${experiment.name} in ${environmentName}?` : `Stop ${experiment.name}?`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Radio.Group label="After stopping" value={choice} onChange={setChoice}>
          <Stack gap={6} mt={6}>
            <Radio value="" label="Keep serving the split as it is (tracking stops)" />
            {served.map((key) => (
              <Radio key={key} value={key} label={`Ship ${variationLabel(key, variations)}`} />
            ))}
          </Stack>
        </Radio.Group>
        <Text size="sm" data-testid="stop-consequence">
          {choice === ''
            ? `The allocation${plural ? 's' : ''} ${allocations} keep${plural ? '' : 's'} splitting traffic as configured; exposures stop being tracked and the results freeze.`
            : `The allocation${plural ? 's' : ''} ${allocations} in ${environmentName} will serve ${variationLabel(
                choice,
                variations,
              )} to everyone ${plural ? 'they reach' : 'it reaches'} — one audited change to the flag — and the results freeze.`}
        </Text>
        {critical && (
          <Text size="sm" c="dimmed">
            {environmentName} is a critical environment: its SDKs receive this flag change at once.
          </Text>
        )}
        {error != null && (
          <Alert color="red" role="alert" title="Not stopped">
            {isProblem(error) ? (error.detail ?? error.title) : 'Something unexpected went wrong.'}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={() => onStop(choice === '' ? undefined : choice)}>
            {choice === '' ? 'Stop experiment' : `Stop and ship ${variationLabel(choice, variations)}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Allocation ids as a sentence names them: “a”, “b” and “c”. */
function allocationsText(ids: readonly string[]): string {
  const quoted = ids.map((id) => `“${id}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : (quoted[0] ?? '');
}
