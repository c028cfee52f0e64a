import {
  Alert,
  Anchor,
  Code,
  ColorSwatch,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useMemo } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useEnvironments } from '../../api/environments';
import { type InsightRange, useFlagInsights } from '../../api/flag-insights';
import { PageError } from '../../components/PageError';
import { PageLoading } from '../../components/PageLoading';
import { environmentColor } from '../../environments/colors';
import { ENV_PARAM, projectPath } from '../../environments/selected-environment';
import { useFlagDraft } from '../draft/FlagDraftContext';
import { InsightsChart } from './InsightsChart';
import {
  DEFAULT_INSIGHT_RANGE,
  formatCount,
  formatShare,
  INSIGHT_RANGES,
  type InsightSeries,
  insightChart,
  parseInsightRange,
  RANGE_LABELS,
  RANGE_PARAM,
} from './insights-data';

/**
 * The palette the variations take in turn (the flag's order); the caller's default is grey. The
 * environments' own colours (green, orange, red, teal) come last, so that a bar does not read as one.
 */
const PALETTE = [
  'blue',
  'grape',
  'yellow',
  'cyan',
  'pink',
  'lime',
  'indigo',
  'violet',
  'orange',
  'teal',
  'green',
  'red',
];

/** How often the Node SDK sends what it counted, by default (docs/sdk-node.md, `flushIntervalMs`). */
const SDK_FLUSH_SECONDS = 5;

/** The range, from the URL (`?range=30d`), and a way to pick another (replacing the entry: a view, not a place). */
function useInsightRange(): [InsightRange, (range: InsightRange) => void] {
  const [params, setParams] = useSearchParams();
  const select = (range: InsightRange) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (range === DEFAULT_INSIGHT_RANGE) next.delete(RANGE_PARAM);
        else next.set(RANGE_PARAM, range);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  return [parseInsightRange(params.get(RANGE_PARAM)), select];
}

/**
 * How often the flag served each variation in the selected environment, per hour or day, from the
 * counts SDKs report: a stacked bar chart (hours or days with nothing reported show as gaps at
 * zero), the totals per variation, and links to the same view in the other environments.
 */
export function InsightsTab({ environment }: { environment: string }) {
  const { project, saved } = useFlagDraft();
  const theme = useMantineTheme();
  const [range, setRange] = useInsightRange();
  const environments = useEnvironments(project);
  const insights = useFlagInsights(project, saved.key, environment, range);
  const location = useLocation();
  const environmentName = environments.data?.find((candidate) => candidate.key === environment)?.name ?? environment;
  const others = (environments.data ?? []).filter((candidate) => candidate.key !== environment);
  const chart = useMemo(
    () => (insights.data ? insightChart(insights.data, saved.variations) : undefined),
    [insights.data, saved.variations],
  );
  const colorOf = (series: InsightSeries) =>
    series.colorIndex < 0
      ? theme.colors.gray[6]
      : (theme.colors[PALETTE[series.colorIndex % PALETTE.length] as string]?.[
          series.colorIndex < PALETTE.length ? 6 : 9
        ] ?? theme.colors.gray[8]);
  const hereIn = (key: string) => {
    const search = new URLSearchParams(location.search);
    search.set(ENV_PARAM, key);
    return { pathname: location.pathname, search: `?${search}` };
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="insights-title">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h3" id="insights-title">
            Evaluations in {environmentName}
          </Title>
          <Text size="sm" c="dimmed">
            Per variation, {range === '30d' ? 'per day (UTC)' : 'per hour'}, as SDKs report them.
          </Text>
        </Stack>
        <SegmentedControl
          aria-label="Range"
          value={range}
          onChange={(value) => setRange(parseInsightRange(value))}
          data={INSIGHT_RANGES.map((value) => ({ value, label: `Last ${RANGE_LABELS[value]}` }))}
        />
      </Group>
      {others.length > 0 && (
        <Group gap="xs" component="nav" aria-label="Evaluations in other environments">
          <Text size="sm" c="dimmed">
            Other environments:
          </Text>
          {others.map((other) => (
            <Anchor key={other.key} component={Link} to={hereIn(other.key)} size="sm">
              <Group gap={6} component="span" wrap="nowrap">
                <ColorSwatch
                  color={`var(--mantine-color-${environmentColor(other.key)}-6)`}
                  size={10}
                  aria-hidden
                  component="span"
                />
                {other.name}
              </Group>
            </Anchor>
          ))}
        </Group>
      )}
      {insights.isPending ? (
        <PageLoading label="Counting the evaluations…" />
      ) : insights.isError ? (
        <PageError error={insights.error} title="Could not load the evaluations" onRetry={() => insights.refetch()} />
      ) : chart === undefined || chart.total === 0 ? (
        <Alert variant="light" color="blue" title={`No evaluations in ${environmentName} yet`} maw={720}>
          <Stack gap="xs">
            <Text size="sm">
              No SDK has reported evaluating <Code>{saved.key}</Code> in {environmentName} in the last{' '}
              {RANGE_LABELS[range]}. SDKs count every evaluation and report the counts every few seconds (the Node SDK
              every {SDK_FLUSH_SECONDS} seconds); they show here within a minute.
            </Text>
            <Text size="sm">
              Connect an SDK with one of {environmentName}’s{' '}
              <Anchor component={Link} to={projectPath(project, 'sdk-keys', environment)} size="sm">
                SDK keys
              </Anchor>{' '}
              and evaluate the flag{range === '30d' ? '' : ', or pick a longer range'}.
            </Text>
          </Stack>
        </Alert>
      ) : (
        <>
          <Paper withBorder p="md" radius="md">
            <Stack gap="xs">
              <Text size="sm" data-testid="insights-summary">
                <Text span fw={700}>
                  {formatCount(chart.total)}
                </Text>{' '}
                {chart.total === 1 ? 'evaluation' : 'evaluations'} in the last {RANGE_LABELS[range]}
                {chart.emptyBuckets > 0 &&
                  ` · ${chart.emptyBuckets} of ${chart.rows.length} ${range === '30d' ? 'days' : 'hours'} without any (shown as zero)`}
              </Text>
              <InsightsChart
                chart={chart}
                colors={chart.series.map(colorOf)}
                label={`Evaluations of ${saved.key} in ${environmentName} per ${range === '30d' ? 'day' : 'hour'}, last ${RANGE_LABELS[range]}, stacked by variation`}
              />
            </Stack>
          </Paper>
          <Table
            striped={false}
            withTableBorder
            maw={720}
            aria-label={`Evaluations per variation, last ${RANGE_LABELS[range]}`}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Variation</Table.Th>
                <Table.Th ta="right">Evaluations</Table.Th>
                <Table.Th ta="right">Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {chart.series.map((series, index) => (
                <Table.Tr key={series.id} data-variation={series.key}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <ColorSwatch color={colorOf(series)} size={12} aria-hidden />
                      <Text size="sm" c={series.removed || series.key === '' ? 'dimmed' : undefined}>
                        {chart.series[index]?.label}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {formatCount(series.total)}
                  </Table.Td>
                  <Table.Td ta="right">{formatShare(series.share)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
