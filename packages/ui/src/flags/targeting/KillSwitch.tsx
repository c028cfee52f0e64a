import { Group, Select, Stack, Switch, Text } from '@mantine/core';
import type { FlagState } from '@vexil/engine';
import { killSwitchSentence, sentenceText } from '../logic/sentences';
import { SentenceView } from './SentenceView';
import { withField } from './targeting-model';
import { useTargetingScope } from './TargetingScope';

/** The kill switch: off serves the off variation and nothing else is looked at. */
export function KillSwitch({ state, environmentName }: { state: FlagState; environmentName: string }) {
  const { editable, update, variations, vocabulary, errorAt } = useTargetingScope();
  if (!editable)
    return (
      <Stack gap={4}>
        <SentenceView sentence={killSwitchSentence(state, vocabulary)} />
        {state.on && (
          <Text size="sm" c="dimmed">
            When turned off (or a prerequisite fails):{' '}
            {sentenceText(killSwitchSentence({ on: false, offVariation: state.offVariation }, vocabulary)).replace(
              /^Off — /,
              '',
            )}
          </Text>
        )}
      </Stack>
    );
  return (
    <Stack gap="sm">
      <Group gap="md">
        <Switch
          size="md"
          label={state.on ? 'On' : 'Off'}
          aria-label={`Flag on in ${environmentName}`}
          checked={state.on}
          onChange={(event) => {
            const on = event.currentTarget.checked;
            update((current) => ({ ...current, on }));
          }}
          error={errorAt('on')}
        />
        <SentenceView sentence={killSwitchSentence(state, vocabulary)} />
      </Group>
      <Select
        label="Served when off"
        description="Also served when a prerequisite fails"
        data={[
          { value: '', label: 'The code’s default' },
          ...variations.map((variation) => ({ value: variation.key, label: variation.name || variation.key })),
        ]}
        value={state.offVariation ?? ''}
        onChange={(key) => update((current) => withField(current, 'offVariation', key ? key : undefined))}
        allowDeselect={false}
        error={errorAt('offVariation')}
        maw={320}
      />
    </Stack>
  );
}
