import { Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { Environment } from '../../api/environments';
import { isCritical } from '../../environments/colors';
import { CriticalBadge } from '../../environments/EnvironmentSelector';
import type { FieldChange } from '../logic/diff';

interface ChangeListProps {
  changes: readonly FieldChange[];
  environments: readonly Environment[] | undefined;
  /** Heading level of each group ("Flag definition", "Production"). */
  order?: 3 | 4;
  /** Says "their" or "your" in the empty message. */
  empty?: string;
}

/**
 * Changes in words, field by field, grouped by what they change: the definition first, then each
 * environment (critical ones marked). The review, the critical-environment confirmation and the
 * conflict dialog all show changes this way.
 */
export function ChangeList({ changes, environments, order = 3, empty = 'No changes.' }: ChangeListProps) {
  if (changes.length === 0) return <Text c="dimmed">{empty}</Text>;
  const groups = new Map<string | undefined, FieldChange[]>();
  for (const change of changes) groups.set(change.environment, [...(groups.get(change.environment) ?? []), change]);
  return (
    <Stack gap="md">
      {[...groups].map(([key, group]) => {
        const environment = environments?.find((candidate) => candidate.key === key);
        const name = key === undefined ? 'Flag definition' : (environment?.name ?? key);
        return (
          <Stack key={key ?? ''} gap="xs" component="section" aria-label={name}>
            <Group gap="xs">
              <Title order={order} size="h6" c="dimmed" tt="uppercase">
                {name}
              </Title>
              {environment && isCritical(environment) && <CriticalBadge />}
            </Group>
            <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {group.map((change) => (
                <ChangeRow
                  key={`${change.path}:${change.kind}`}
                  change={change}
                  prefix={key === undefined ? '' : name}
                />
              ))}
            </Stack>
          </Stack>
        );
      })}
    </Stack>
  );
}

const KIND_COLOR = { added: 'teal', removed: 'red', changed: 'blue', moved: 'grape' } as const;

function ChangeRow({ change, prefix }: { change: FieldChange; prefix: string }) {
  // The group's heading names the environment; each row says the rest.
  const label =
    prefix && change.label.startsWith(`${prefix} · `) ? change.label.slice(prefix.length + 3) : change.label;
  return (
    <Group component="li" gap="xs" align="baseline" wrap="nowrap" data-testid="change">
      <Text size="xs" fw={700} tt="uppercase" c={`${KIND_COLOR[change.kind]}.9`} miw={64}>
        {change.kind}
      </Text>
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} component="span">
          {label}
        </Text>
        <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
          <ChangeSummary change={change} />
        </Text>
      </div>
    </Group>
  );
}

function ChangeSummary({ change }: { change: FieldChange }) {
  if (change.kind === 'moved' || change.added !== undefined) return <>{change.summary}</>;
  if (change.kind === 'added') return <>{change.after}</>;
  if (change.kind === 'removed')
    return (
      <Text span size="sm" td="line-through" c="dimmed">
        {change.before}
      </Text>
    );
  return (
    <>
      <Text span size="sm" c="dimmed">
        <VisuallyHidden>was </VisuallyHidden>
        <s>{change.before}</s>
      </Text>{' '}
      <span aria-hidden>→</span> <VisuallyHidden>now </VisuallyHidden>
      {change.after}
    </>
  );
}
