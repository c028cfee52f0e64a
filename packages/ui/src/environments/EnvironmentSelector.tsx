import { Badge, ColorSwatch, Group, Select, Text } from '@mantine/core';
import type { Environment } from '../api/environments';
import { environmentColor, isCritical } from './colors';

interface EnvironmentSelectorProps {
  environments: readonly Environment[];
  selected: Environment;
  onSelect: (key: string) => void;
}

/** The header's environment selector: each environment in its colour, critical ones marked in words too. */
export function EnvironmentSelector({ environments, selected, onSelect }: EnvironmentSelectorProps) {
  const byKey = new Map(environments.map((environment) => [environment.key, environment]));
  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        aria-label="Environment"
        data={environments.map((environment) => ({ value: environment.key, label: environment.name }))}
        value={selected.key}
        onChange={(key) => key && onSelect(key)}
        allowDeselect={false}
        checkIconPosition="right"
        w={220}
        leftSection={<ColorSwatch color={swatch(selected.key)} size={12} aria-hidden />}
        renderOption={({ option }) => {
          const environment = byKey.get(option.value);
          return (
            <Group gap="xs" wrap="nowrap">
              <ColorSwatch color={swatch(option.value)} size={12} aria-hidden />
              <Text size="sm">{option.label}</Text>
              {environment && isCritical(environment) && (
                <Text size="xs" c="dimmed">
                  critical
                </Text>
              )}
            </Group>
          );
        }}
      />
      {isCritical(selected) && <CriticalBadge />}
    </Group>
  );
}

export function CriticalBadge() {
  return (
    <Badge color="red.9" variant="filled" title="Changes here ask for confirmation">
      Critical
    </Badge>
  );
}

const swatch = (key: string) => `var(--mantine-color-${environmentColor(key)}-6)`;
