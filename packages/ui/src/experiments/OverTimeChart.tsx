import { Box, Paper, Text } from '@mantine/core';
import {
  Area,
  ErrorBar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { OverTimeRow } from './experiment-model';

const HEIGHT = 260;

/**
 * The primary metric's cumulative lift day by day (Recharts, as the flag's insights): the line, its
 * 95 % interval as a band, and the line of no change. Intervals narrow as subjects come in.
 */
export function OverTimeChart({ rows, label }: { rows: OverTimeRow[]; label: string }) {
  return (
    <Box role="img" aria-label={label} h={HEIGHT} data-testid="over-time-chart" data-days={rows.length}>
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 800, height: HEIGHT }}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--mantine-color-gray-3)" />
          <XAxis dataKey="date" tick={{ fontSize: 12, fill: 'var(--mantine-color-gray-7)' }} tickLine={false} />
          <YAxis
            width={64}
            tick={{ fontSize: 12, fill: 'var(--mantine-color-gray-7)' }}
            tickLine={false}
            axisLine={false}
            tickFormatter={(value: number) => `${value > 0 ? '+' : ''}${Math.round(value)} %`}
          />
          <ReferenceLine y={0} stroke="var(--mantine-color-gray-7)" />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = payload?.[0]?.payload as OverTimeRow | undefined;
              if (!active || !row) return null;
              return (
                <Paper withBorder shadow="sm" p="xs">
                  <Text size="sm" fw={600}>
                    {row.date}
                  </Text>
                  <Text size="sm">
                    Lift {row.lift > 0 ? '+' : ''}
                    {row.lift.toFixed(1)} % (95 %: {row.range[0].toFixed(1)} % to {row.range[1].toFixed(1)} %)
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.subjects.toLocaleString('en-US')} subjects in this variation so far
                  </Text>
                </Paper>
              );
            }}
          />
          <Area
            dataKey="range"
            stroke="none"
            fill="var(--mantine-color-blue-3)"
            fillOpacity={0.5}
            isAnimationActive={false}
            name="95 % interval"
          />
          <Line
            dataKey="lift"
            stroke="var(--mantine-color-blue-8)"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
            name="Lift"
          >
            {/* The day's interval as a whisker too: a band needs two days to be seen. */}
            <ErrorBar
              dataKey={(row: OverTimeRow) => [row.lift - row.range[0], row.range[1] - row.lift]}
              stroke="var(--mantine-color-blue-6)"
              width={6}
              isAnimationActive={false}
            />
          </Line>
        </ComposedChart>
      </ResponsiveContainer>
    </Box>
  );
}
