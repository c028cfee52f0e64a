import { Badge, Button, Code, Collapse, ColorSwatch, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { EnvironmentEvaluation, Evaluation } from '../../api/flag-evaluate';
import { environmentColor } from '../../environments/colors';
import type { Vocabulary } from '../logic/sentences';
import { TraceView } from './TraceView';
import { answersDiffer, reasonText, valueText } from './trace';

interface EnvironmentAnswersProps {
  project: string;
  /** The saved answers, one per environment the member may read, in the project's order. */
  saved: readonly EnvironmentEvaluation[];
  /** The draft's answers by environment key, when the draft differs from the saved flag. */
  drafted: ReadonlyMap<string, Evaluation> | undefined;
  /** The environment selected in the header: its explanation opens first. */
  selected: string | undefined;
  vocabulary: Vocabulary;
}

/**
 * What the flag serves the context in every environment, as saved and as drafted, each with its
 * why. The selected environment comes first: it is the one whose targeting is on screen and edited.
 */
export function EnvironmentAnswers({ project, saved, drafted, selected, vocabulary }: EnvironmentAnswersProps) {
  const ordered = [
    ...saved.filter((environment) => environment.key === selected),
    ...saved.filter((environment) => environment.key !== selected),
  ];
  return (
    <Stack gap="xs" aria-label="What each environment serves">
      {ordered.map((environment) => (
        <EnvironmentAnswer
          key={environment.key}
          project={project}
          environment={environment}
          draft={drafted?.get(environment.key)}
          isSelected={environment.key === selected}
          vocabulary={vocabulary}
        />
      ))}
    </Stack>
  );
}

interface EnvironmentAnswerProps {
  project: string;
  environment: EnvironmentEvaluation;
  draft: Evaluation | undefined;
  isSelected: boolean;
  vocabulary: Vocabulary;
}

function EnvironmentAnswer({ project, environment, draft, isSelected, vocabulary }: EnvironmentAnswerProps) {
  const [why, setWhy] = useState(isSelected);
  const changed = draft !== undefined && answersDiffer(environment.saved, draft);
  const [shown, setShown] = useState<'saved' | 'draft'>('saved');
  const explained = shown === 'draft' && draft ? draft : environment.saved;
  const color = environmentColor(environment.key);
  const whyId = `why-${environment.key}`;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-environment={environment.key}
      style={isSelected ? { borderColor: `var(--mantine-color-${color}-6)` } : undefined}
      component="article"
      aria-label={`${environment.name}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap">
            <ColorSwatch color={`var(--mantine-color-${color}-6)`} size={10} aria-hidden />
            <Text size="sm" fw={600}>
              {environment.name}
            </Text>
            {environment.critical && (
              <Badge size="xs" color="red" variant="light">
                Critical
              </Badge>
            )}
          </Group>
          {changed && (
            <Badge size="sm" color="blue.9" variant="outline" tt="none">
              Draft changes this
            </Badge>
          )}
        </Group>
        <AnswerRow label="Saved" evaluation={environment.saved} vocabulary={vocabulary} />
        {draft && <AnswerRow label="Draft" evaluation={draft} vocabulary={vocabulary} same={!changed} />}
        <Group gap="xs">
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={() => setWhy(!why)}
            aria-expanded={why}
            aria-controls={whyId}
          >
            {why ? 'Hide why' : 'Why?'}
          </Button>
          {why && draft && (
            <SegmentedControl
              size="xs"
              value={shown}
              onChange={(value) => setShown(value === 'draft' ? 'draft' : 'saved')}
              data={[
                { value: 'saved', label: 'Saved' },
                { value: 'draft', label: 'Draft' },
              ]}
              aria-label={`Explain the saved or the drafted answer in ${environment.name}`}
            />
          )}
        </Group>
        <Collapse expanded={why} id={whyId}>
          {why && (
            <TraceView
              evaluation={explained}
              vocabulary={vocabulary}
              project={project}
              environment={environment.key}
              label={`Why ${environment.name} serves this (${shown === 'draft' && draft ? 'draft' : 'saved'})`}
            />
          )}
        </Collapse>
      </Stack>
    </Paper>
  );
}

interface AnswerRowProps {
  label: string;
  evaluation: Evaluation;
  vocabulary: Vocabulary;
  /** For a draft answer equal to the saved one: said in a word, not repeated. */
  same?: boolean;
}

function AnswerRow({ label, evaluation, vocabulary, same }: AnswerRowProps) {
  const variation = evaluation.variation;
  const name = vocabulary.variations?.find((candidate) => candidate.key === variation)?.name;
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="baseline"
      // What the row shows, for tests and tools: the variation (absent for the code's default) and the value as JSON.
      data-answer={label.toLowerCase()}
      data-variation={variation ?? undefined}
      data-value={JSON.stringify(evaluation.value)}
    >
      <Text size="xs" c="dimmed" w={40} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      {same ? (
        <Text size="xs" c="dimmed">
          Same as saved
        </Text>
      ) : (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            {variation !== null && (
              <Badge variant="outline" size="sm" tt="none">
                {name || variation}
              </Badge>
            )}
            <Code style={{ wordBreak: 'break-all' }}>{valueText(evaluation.value, variation)}</Code>
            <Text size="xs" c="dimmed">
              {reasonText(evaluation.reason, evaluation.errorCode)}
            </Text>
          </Group>
          {evaluation.errorMessage && (
            <Text size="xs" c="red.9">
              {evaluation.errorMessage}
            </Text>
          )}
        </Stack>
      )}
    </Group>
  );
}
