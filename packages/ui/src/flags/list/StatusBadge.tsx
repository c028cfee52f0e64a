import { Badge } from '@mantine/core';
import type { FlagSummary } from '../../api/flags-list';
import { exactTime } from '../../components/relative-time';
import { lastEvaluatedLines } from './last-evaluated';

const STATUS: Record<string, { label: string; color: string; explain: string }> = {
  new: { label: 'New', color: 'blue', explain: 'Created in the last 7 days and not evaluated since' },
  active: { label: 'Active', color: 'green', explain: 'Evaluated by an SDK in the last 7 days' },
  inactive: { label: 'Inactive', color: 'gray', explain: 'Not evaluated by any SDK in the last 7 days' },
  archived: { label: 'Archived', color: 'dark', explain: 'Archived: SDKs no longer see it' },
};

/** The console's one way to show how a flag is used: new, active, inactive (not evaluated lately) or archived. */
export function StatusBadge({ flag }: { flag: Pick<FlagSummary, 'status' | 'lastEvaluatedAt' | 'environments'> }) {
  const status = STATUS[flag.status] ?? { label: flag.status, color: 'gray', explain: flag.status };
  // Last evaluated overall (what the status goes by), then in each environment.
  const evaluated = lastEvaluatedLines(flag, exactTime).join('\n');
  return (
    <Badge color={status.color} variant="light" radius="sm" tt="none" title={`${status.explain}.\n${evaluated}`}>
      {status.label}
    </Badge>
  );
}
