import { Button, Group, Input, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { Serve, WeightedVariation } from '@vexil/engine';
import { useId } from 'react';
import { joinPath } from '../logic/problems';
import { sentenceText, serveSentence } from '../logic/sentences';
import { evenSplit, formatWeight, splitRemainder, splitTotal } from '../logic/splits';
import { splitRows, switchServe } from './targeting-model';
import { useTargetingScope } from './TargetingScope';

interface ServeEditorProps {
  serve: Serve | undefined;
  onChange(serve: Serve): void;
  /** Where the serve is, under the state: `allocations[0].serve`, `fallthrough`. */
  path: string;
  /** Names the inputs for assistive technology: "Allocation “Beta” serves". */
  label: string;
}

/** One variation, or a split whose weights must sum to 100 % (the live sum says how far off it is). */
export function ServeEditor({ serve, onChange, path, label }: ServeEditorProps) {
  const { variations, errorAt, vocabulary } = useTargetingScope();
  const mode = serve && 'split' in serve ? 'split' : serve && 'shards' in serve ? 'shards' : 'variation';
  return (
    <Stack gap="xs">
      <Group gap="sm" align="center">
        <Text size="sm" fw={500} id={`${path}-mode`}>
          Serves
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby={`${path}-mode`}
          value={mode}
          onChange={(value) => onChange(switchServe(serve, value as 'variation' | 'split', variations))}
          data={[
            { value: 'variation', label: 'One variation' },
            { value: 'split', label: 'A split' },
            ...(mode === 'shards' ? [{ value: 'shards', label: 'Eppo shards', disabled: true }] : []),
          ]}
        />
      </Group>
      {serve && 'variation' in serve && (
        <Select
          aria-label={`${label}: variation`}
          data={variations.map((variation) => ({ value: variation.key, label: variation.name || variation.key }))}
          value={serve.variation || null}
          onChange={(key) => key && onChange({ variation: key })}
          allowDeselect={false}
          error={errorAt(joinPath(path, 'variation')) ?? errorAt(path)}
          maw={320}
        />
      )}
      {serve && 'split' in serve && (
        <SplitEditor
          split={serve.split}
          onChange={(split) => onChange({ split })}
          path={joinPath(path, 'split')}
          label={label}
        />
      )}
      {serve && 'shards' in serve && (
        <Text size="sm" c="dimmed">
          {sentenceText(serveSentence(serve, vocabulary))} — imported from Eppo; choose one variation or a split to
          replace it.
        </Text>
      )}
    </Stack>
  );
}

interface SplitEditorProps {
  split: readonly WeightedVariation[];
  onChange(split: WeightedVariation[]): void;
  path: string;
  label: string;
}

function SplitEditor({ split, onChange, path, label }: SplitEditorProps) {
  const { variations, errorAt } = useTargetingScope();
  const rows = splitRows(variations, split);
  const total = splitTotal(rows);
  const remainder = splitRemainder(rows);
  const nameOf = (key: string) => variations.find((variation) => variation.key === key)?.name || key;
  const setWeight = (index: number, weight: number) =>
    onChange(rows.map((row, position) => (position === index ? { ...row, weight } : row)));
  const id = useId();
  const error = errorAt(path);
  return (
    <Input.Wrapper id={id} label={`${label}: split`} labelElement="div" error={error}>
      <Stack
        gap={6}
        mt={4}
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {rows.map((row, index) => (
          <Group key={row.variation} gap="sm" wrap="nowrap">
            <Text size="sm" w={160} truncate title={row.variation}>
              {nameOf(row.variation)}
            </Text>
            <NumberInput
              aria-label={`Weight of ${nameOf(row.variation)}`}
              value={row.weight}
              onChange={(value) => setWeight(index, typeof value === 'number' ? value : Number(value) || 0)}
              min={0}
              max={100}
              step={1}
              decimalScale={2}
              suffix=" %"
              w={120}
              error={errorAt(`${path}[${index}].weight`) ?? errorAt(`${path}[${index}]`)}
            />
          </Group>
        ))}
        <Group gap="sm" wrap="nowrap">
          <Text size="sm" miw={160} fw={600} role="status" c={remainder === 0 ? undefined : 'red.9'}>
            Total {formatWeight(total)} %{remainder > 0 && ` · ${formatWeight(remainder)} % left`}
            {remainder < 0 && ` · ${formatWeight(-remainder)} % too much`}
          </Text>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => onChange(evenSplit(variations.map((variation) => variation.key)))}
          >
            Split evenly
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
