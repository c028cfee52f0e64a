import { ActionIcon, Button, Group, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Prerequisite } from '@vexil/engine';
import { useState } from 'react';
import { useFlag, useFlagChoices } from '../../api/flag';
import { prerequisiteSentence } from '../logic/sentences';
import { SentenceView } from './SentenceView';
import { withField } from './targeting-model';
import { useTargetingScope } from './TargetingScope';

/** Other flags that must serve given variations first; else the off variation is served. */
export function Prerequisites({ prerequisites }: { prerequisites: readonly Prerequisite[] }) {
  const { editable, update, errorAt } = useTargetingScope();
  const set = (next: Prerequisite[]) =>
    update((state) => withField(state, 'prerequisites', next.length ? next : undefined));
  if (!editable)
    return prerequisites.length === 0 ? (
      <Text size="sm" c="dimmed">
        No prerequisites.
      </Text>
    ) : (
      <Stack gap={4}>
        {prerequisites.map((prerequisite) => (
          <ReadOnlyPrerequisite key={prerequisite.flag} prerequisite={prerequisite} />
        ))}
      </Stack>
    );
  return (
    <Stack gap="xs">
      {prerequisites.length === 0 && (
        <Text size="sm" c="dimmed">
          No prerequisites: this flag does not depend on another.
        </Text>
      )}
      {prerequisites.map((prerequisite, index) => (
        <PrerequisiteRow
          // A row follows the prerequisite at its place (its flag may still be unchosen).
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          prerequisite={prerequisite}
          index={index}
          taken={prerequisites.map((other) => other.flag)}
          onChange={(next) => set(prerequisites.map((other, position) => (position === index ? next : other)))}
          onRemove={() => set(prerequisites.filter((_, position) => position !== index))}
        />
      ))}
      {errorAt('prerequisites') && (
        <Text size="sm" c="red.9">
          {errorAt('prerequisites')}
        </Text>
      )}
      <Button
        size="compact-sm"
        variant="light"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => set([...prerequisites, { flag: '', variations: [] }])}
      >
        Add prerequisite
      </Button>
    </Stack>
  );
}

function ReadOnlyPrerequisite({ prerequisite }: { prerequisite: Prerequisite }) {
  const { project, vocabulary } = useTargetingScope();
  const other = useFlag(project, prerequisite.flag);
  const flag = other.data?.flag;
  const sentence = prerequisiteSentence(prerequisite, {
    ...vocabulary,
    variations: flag?.variations,
    flagName: () => flag?.name,
  });
  return <SentenceView sentence={sentence} />;
}

interface PrerequisiteRowProps {
  prerequisite: Prerequisite;
  index: number;
  taken: readonly string[];
  onChange(prerequisite: Prerequisite): void;
  onRemove(): void;
}

function PrerequisiteRow({ prerequisite, index, taken, onChange, onRemove }: PrerequisiteRowProps) {
  const { project, flagKey, errorAt } = useTargetingScope();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const choices = useFlagChoices(project, query);
  const chosen = useFlag(project, prerequisite.flag || undefined);
  const label = `Prerequisite ${index + 1}`;
  const options = (choices.data ?? [])
    .filter((flag) => flag.key !== flagKey && (flag.key === prerequisite.flag || !taken.includes(flag.key)))
    .map((flag) => ({
      value: flag.key,
      label: flag.name && flag.name !== flag.key ? `${flag.name} (${flag.key})` : flag.key,
    }));
  if (prerequisite.flag && !options.some((option) => option.value === prerequisite.flag)) {
    const name = chosen.data?.flag.name;
    options.unshift({ value: prerequisite.flag, label: name ? `${name} (${prerequisite.flag})` : prerequisite.flag });
  }
  const path = `prerequisites[${index}]`;
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Select
        aria-label={`${label}: flag`}
        placeholder="Search the project’s flags"
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: all }) => all}
        nothingFoundMessage={choices.isFetching ? 'Searching…' : 'No flag matches'}
        data={options}
        value={prerequisite.flag || null}
        onChange={(key) => key && onChange({ flag: key, variations: [] })}
        allowDeselect={false}
        error={errorAt(`${path}.flag`) ?? (prerequisite.flag ? undefined : 'Choose a flag')}
        w={280}
      />
      <Text size="sm" mt={8}>
        serves
      </Text>
      <MultiSelect
        aria-label={`${label}: variations`}
        placeholder={prerequisite.variations.length ? undefined : 'one of these variations'}
        data={(chosen.data?.flag.variations ?? []).map((variation) => ({
          value: variation.key,
          label: variation.name || variation.key,
        }))}
        value={prerequisite.variations}
        onChange={(variations) => onChange({ ...prerequisite, variations })}
        error={
          errorAt(`${path}.variations`) ??
          (prerequisite.flag && prerequisite.variations.length === 0 ? 'Choose at least one variation' : undefined)
        }
        disabled={!prerequisite.flag}
        w={280}
      />
      <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>
        ×
      </ActionIcon>
    </Group>
  );
}
