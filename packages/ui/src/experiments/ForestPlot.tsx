import { Box } from '@mantine/core';
import { type ForestRow, forestDomain, forestTicks, formatInterval, formatLift } from './experiment-model';

const ROW = 44;
const LEFT = 150;
const RIGHT = 24;
const WIDTH = 720;
const TOP = 12;
const AXIS = 28;

const COLORS = {
  better: 'var(--mantine-color-green-8)',
  worse: 'var(--mantine-color-red-8)',
  inconclusive: 'var(--mantine-color-gray-7)',
};

/**
 * The lift of each variation against control as a forest plot: the point, its 95 % interval (the
 * thick bar) and the always-valid interval (the thin line), around the line of no change. Plain
 * SVG; the table beside it has the same numbers for screen readers.
 */
export function ForestPlot({ rows, label }: { rows: ForestRow[]; label: string }) {
  const domain = forestDomain(rows);
  const ticks = forestTicks(domain);
  const height = TOP + rows.length * ROW + AXIS;
  const x = (value: number) => LEFT + ((value - domain[0]) / (domain[1] - domain[0])) * (WIDTH - LEFT - RIGHT);
  return (
    <Box data-testid="forest-plot" style={{ maxWidth: WIDTH }}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={label}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={x(tick)}
              x2={x(tick)}
              y1={TOP}
              y2={height - AXIS}
              stroke={tick === 0 ? 'var(--mantine-color-gray-7)' : 'var(--mantine-color-gray-3)'}
              strokeDasharray={tick === 0 ? undefined : '3 3'}
            />
            <text x={x(tick)} y={height - 8} textAnchor="middle" fontSize={12} fill="var(--mantine-color-gray-7)">
              {formatLift(tick)}
            </text>
          </g>
        ))}
        {rows.map((row, index) => {
          const y = TOP + index * ROW + ROW / 2;
          const color = COLORS[row.verdict];
          return (
            <g key={row.variation} data-variation={row.variation}>
              <title>{`${row.label}: ${formatLift(row.lift)}, 95 % interval ${formatInterval(row.interval)}${
                row.sequential ? `, always-valid ${formatInterval(row.sequential)}` : ''
              }`}</title>
              <text x={LEFT - 12} y={y + 4} textAnchor="end" fontSize={13} fill="var(--mantine-color-gray-9)">
                {row.label.length > 18 ? `${row.label.slice(0, 17)}…` : row.label}
              </text>
              {row.sequential && (
                <line
                  x1={x(row.sequential.lower)}
                  x2={x(row.sequential.upper)}
                  y1={y}
                  y2={y}
                  stroke={color}
                  strokeWidth={1.5}
                />
              )}
              <line
                x1={x(row.interval.lower)}
                x2={x(row.interval.upper)}
                y1={y}
                y2={y}
                stroke={color}
                strokeWidth={6}
                strokeLinecap="round"
                opacity={0.55}
              />
              <circle cx={x(row.lift)} cy={y} r={6} fill={color} stroke="white" strokeWidth={1.5} />
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
