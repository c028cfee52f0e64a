import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, type InsightChart, type InsightRow } from './insights-data';

interface InsightsChartProps {
  chart: InsightChart;
  /** Per series, in order. */
  colors: string[];
  /** What the chart shows, in words, for screen readers (the table below has the numbers). */
  label: string;
}

const HEIGHT = 280;

/**
 * The evaluations per bucket as stacked bars, one colour per variation (Recharts: SVG drawn by
 * React, no eval and no inline script, so it fits the console's Content-Security-Policy). Every
 * bucket of the range has its place on the axis, so hours or days without evaluations are gaps.
 */
export function InsightsChart({ chart, colors, label }: InsightsChartProps) {
  return (
    <Box
      role="img"
      aria-label={label}
      h={HEIGHT}
      data-testid="insights-chart"
      data-buckets={chart.rows.length}
      data-series={chart.series.length}
    >
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 800, height: HEIGHT }}>
        <BarChart data={chart.rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="12%">
          <CartesianGrid vertical={false} stroke="var(--mantine-color-gray-3)" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 12, fill: 'var(--mantine-color-gray-7)' }}
            tickLine={false}
            minTickGap={24}
            interval="preserveStartEnd"
          />
          <YAxis
            allowDecimals={false}
            width={56}
            tick={{ fontSize: 12, fill: 'var(--mantine-color-gray-7)' }}
            tickLine={false}
            axisLine={false}
            tickFormatter={(value: number) => formatCount(value, true)}
          />
          <Tooltip
            cursor={{ fill: 'var(--mantine-color-gray-1)' }}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = payload?.[0]?.payload as InsightRow | undefined;
              return active && row ? <BucketTooltip row={row} chart={chart} colors={colors} /> : null;
            }}
          />
          {/* One bar per bucket, its segments drawn by the shape: 20 variations cost one series, not 20. */}
          <Bar
            dataKey="total"
            name="Evaluations"
            isAnimationActive={false}
            shape={(props: unknown) => <StackedBar {...(props as StackedBarProps)} chart={chart} colors={colors} />}
          />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}

interface StackedBarProps {
  x: number;
  y: number;
  width: number;
  height: number;
  payload: InsightRow;
  chart: InsightChart;
  colors: string[];
}

/** A bucket's bar, cut into its variations' counts, the flag's first variation at the bottom. */
function StackedBar({ x, y, width, height, payload, chart, colors }: StackedBarProps) {
  if (!(payload.total > 0) || !(height > 0)) return null;
  let bottom = y + height;
  return (
    <g>
      {chart.series.map((series, index) => {
        const count = Number(payload[series.id] ?? 0);
        if (count === 0) return null;
        const segment = (height * count) / payload.total;
        bottom -= segment;
        return (
          <rect
            key={series.id}
            className="insights-segment"
            x={x}
            y={bottom}
            width={width}
            height={segment}
            fill={colors[index]}
          />
        );
      })}
    </g>
  );
}

/** The bucket under the pointer: its time, then each variation served in it, with its count. */
function BucketTooltip({ row, chart, colors }: { row: InsightRow; chart: InsightChart; colors: string[] }) {
  return (
    <Paper withBorder shadow="sm" p="xs" radius="sm">
      <Stack gap={4}>
        <Text size="sm" fw={700}>
          {row.label}: {formatCount(row.total)}
        </Text>
        {chart.series.map((series, index) =>
          Number(row[series.id] ?? 0) === 0 ? null : (
            <Group key={series.id} gap="xs" wrap="nowrap" justify="space-between">
              <Group gap={6} wrap="nowrap">
                <Box w={10} h={10} bg={colors[index]} style={{ borderRadius: 2 }} aria-hidden />
                <Text size="xs">{series.label}</Text>
              </Group>
              <Text size="xs" ff="monospace">
                {formatCount(Number(row[series.id]))}
              </Text>
            </Group>
          ),
        )}
      </Stack>
    </Paper>
  );
}
