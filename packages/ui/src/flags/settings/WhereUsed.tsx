import { Anchor, ColorSwatch, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useEnvironments } from '../../api/environments';
import { useFlagDependents } from '../../api/flag-dependents';
import { PageError } from '../../components/PageError';
import { PageLoading } from '../../components/PageLoading';
import { environmentColor } from '../../environments/colors';
import { projectPath, useSelectedEnvironmentKey } from '../../environments/selected-environment';
import { useFlagDraft } from '../draft/FlagDraftContext';

/**
 * Where this flag is used: the live flags that require it as a prerequisite, per environment,
 * each a link — the flags that would change if this one did, and that keep it from being archived.
 */
export function WhereUsed() {
  const { project, saved } = useFlagDraft();
  const [selected] = useSelectedEnvironmentKey();
  const dependents = useFlagDependents(project, saved.key);
  const environments = useEnvironments(project);
  const environmentName = (key: string) =>
    environments.data?.find((environment) => environment.key === key)?.name ?? key;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="where-used-title" maw={880}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="where-used-title">
            Where this flag is used
          </Title>
          <Text size="sm" c="dimmed">
            Flags that require it as a prerequisite.
          </Text>
        </Stack>
        {dependents.isPending ? (
          <PageLoading label="Looking for flags that require it…" />
        ) : dependents.isError ? (
          <PageError
            error={dependents.error}
            title="Could not find where it is used"
            onRetry={() => void dependents.refetch()}
          />
        ) : dependents.data.length === 0 ? (
          <Text size="sm">
            Nothing depends on it: no other flag requires it as a prerequisite, so changing or archiving it affects no
            other flag.
          </Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {dependents.data.map((dependent) => (
              <Group component="li" key={dependent.key} justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor
                    component={Link}
                    to={projectPath(project, `flags/${encodeURIComponent(dependent.key)}`, selected)}
                    size="sm"
                    fw={600}
                  >
                    {dependent.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {dependent.key}
                  </Text>
                </Stack>
                <Group gap="xs" wrap="wrap" justify="flex-end" aria-label={`Requires it in`}>
                  {dependent.environments.map((key) => (
                    <Group key={key} gap={4} wrap="nowrap">
                      <ColorSwatch color={`var(--mantine-color-${environmentColor(key)}-6)`} size={10} aria-hidden />
                      <Text size="xs">{environmentName(key)}</Text>
                    </Group>
                  ))}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
