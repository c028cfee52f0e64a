import {
  Anchor,
  Badge,
  Button,
  Code,
  ColorSwatch,
  CopyButton,
  Group,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { Environment } from '../../api/environments';
import { environmentColor, isCritical } from '../../environments/colors';
import { CriticalBadge } from '../../environments/EnvironmentSelector';
import { ENV_PARAM, projectPath } from '../../environments/selected-environment';
import { useFlagDraft } from '../draft/FlagDraftContext';

interface FlagHeaderProps {
  environment: string;
  environments: readonly Environment[];
}

/**
 * The flag at a glance: name, key (copy it), type, tags, temporary or permanent, on or off in the
 * selected environment, and a row with every other environment's state (each a link to it), so one
 * look tells where the flag is live.
 */
export function FlagHeader({ environment, environments }: FlagHeaderProps) {
  const { project, saved, draft } = useFlagDraft();
  const selected = environments.find((candidate) => candidate.key === environment);
  const others = environments.filter((candidate) => candidate.key !== environment);
  return (
    <Stack gap="sm" component="header">
      <Anchor component={Link} to={projectPath(project, 'flags', environment)} size="sm">
        ← Flags
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
              {saved.name || saved.key}
            </Title>
            <Badge variant="light" color="gray" tt="none">
              {saved.type}
            </Badge>
            <Badge variant="light" color="gray" tt="none">
              {saved.temporary === false ? 'permanent' : 'temporary'}
            </Badge>
            {saved.archived && (
              <Badge variant="filled" color="gray" tt="none">
                archived
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="wrap">
            <Code fz="sm" aria-label="Flag key">
              {saved.key}
            </Code>
            <CopyButton value={saved.key} timeout={1500}>
              {({ copied, copy }) => (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  aria-label={copied ? 'Key copied' : 'Copy the key'}
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
            {(saved.tags ?? []).map((tag) => (
              <Badge key={tag} variant="outline" color="gray" tt="none" radius="sm">
                {tag}
              </Badge>
            ))}
          </Group>
          {saved.description && (
            <Text size="sm" c="dimmed" lineClamp={2} maw={720}>
              {saved.description}
            </Text>
          )}
        </Stack>
        {selected && (
          <OnOff
            name={selected.name}
            on={saved.environments[environment]?.on === true}
            drafted={draft.environments[environment]?.on}
            critical={isCritical(selected)}
          />
        )}
      </Group>
      {others.length > 0 && (
        <Group gap="xs" component="nav" aria-label="The flag in other environments">
          {others.map((other) => (
            <EnvironmentLink
              key={other.key}
              environment={other}
              on={saved.environments[other.key]?.on === true}
              drafted={draft.environments[other.key]?.on}
            />
          ))}
        </Group>
      )}
    </Stack>
  );
}

interface OnOffProps {
  name: string;
  on: boolean;
  /** The draft's on/off, when the draft changes it. */
  drafted: boolean | undefined;
  critical: boolean;
}

/** On or off in the selected environment, as saved, and what the draft would make it. */
function OnOff({ name, on, drafted, critical }: OnOffProps) {
  return (
    <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }} data-testid="selected-environment-state">
      <Group gap="xs" wrap="nowrap">
        {critical && <CriticalBadge />}
        <Badge size="lg" color={on ? 'teal.9' : 'gray'} variant={on ? 'filled' : 'light'} tt="none">
          {on ? 'On' : 'Off'} in {name}
        </Badge>
      </Group>
      {drafted !== undefined && drafted !== on && (
        <Text size="xs" c="var(--vexil-pending-text)" fw={600}>
          {drafted ? 'On' : 'Off'} once saved
        </Text>
      )}
    </Stack>
  );
}

interface EnvironmentLinkProps {
  environment: Environment;
  on: boolean;
  drafted: boolean | undefined;
}

function EnvironmentLink({ environment, on, drafted }: EnvironmentLinkProps) {
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  search.set(ENV_PARAM, environment.key);
  const critical = isCritical(environment);
  const pending = drafted !== undefined && drafted !== on;
  return (
    <Tooltip label={`Show the targeting in ${environment.name}`} openDelay={500}>
      <Button
        component={Link}
        to={{ pathname: location.pathname, search: `?${search}` }}
        variant="default"
        size="compact-sm"
        radius="xl"
        leftSection={
          <ColorSwatch color={`var(--mantine-color-${environmentColor(environment.key)}-6)`} size={10} aria-hidden />
        }
      >
        {environment.name}:{' '}
        <Text span fw={700} size="sm" ml={4} c={on ? 'teal.9' : 'dimmed'}>
          {on ? 'on' : 'off'}
        </Text>
        {pending && (
          <Text span size="xs" ml={4} c="var(--vexil-pending-text)">
            ({drafted ? 'on' : 'off'} once saved)
          </Text>
        )}
        {critical && (
          <Text span size="xs" ml={6} c="red.9" fw={600}>
            critical
          </Text>
        )}
      </Button>
    </Tooltip>
  );
}
