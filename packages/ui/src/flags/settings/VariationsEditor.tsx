import { Alert, Button, Group, Select, Stack, Table, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import type { FlagType, FlagValue, Variation } from '@vexil/engine';
import { useState } from 'react';
import { humanize } from '../../api/problem';
import { canonical } from '../logic/diff';
import { errorFor, errorsAt } from '../logic/problems';
import {
  newVariation,
  parseVariationValue,
  removalProblem,
  variationKeyProblem,
  variationUses,
  variationValueText,
} from './variations';
import { useFlagDraft } from '../draft/FlagDraftContext';

/** Keys and values are code: monospace in the input, not in its label. */
const MONOSPACE_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

interface VariationsEditorProps {
  environmentName(key: string): string;
}

/**
 * The flag's variations, edited into the draft: keys, names and values typed per flag type. A key
 * in use cannot change and a variation in use cannot go (the definition is saved before the
 * states, so either would leave a state serving a variation that no longer exists); both say where
 * the use is. The server's own refusal (another flag requiring a variation) shows here too.
 */
export function VariationsEditor({ environmentName }: VariationsEditorProps) {
  const { saved, draft, updateDefinition, problem } = useFlagDraft();
  const [refusal, setRefusal] = useState<string | null>(null);
  const variations = draft.variations;
  const setVariation = (index: number, change: (variation: Variation) => Variation) =>
    updateDefinition((flag) => ({
      ...flag,
      variations: flag.variations.map((variation, at) => (at === index ? change(variation) : variation)),
    }));
  const remove = (index: number) => {
    const variation = variations[index];
    if (!variation) return;
    const reason = removalProblem(variation.key, draft.environments, saved.environments, environmentName);
    setRefusal(reason);
    if (reason === null)
      updateDefinition((flag) => ({ ...flag, variations: flag.variations.filter((_, at) => at !== index) }));
  };
  const serverMessage = errorFor(problem, 'variations');
  const stillUsed = problem?.status === 409 && /still used/.test(problem.detail ?? '') ? problem.detail : undefined;

  return (
    <Stack gap="sm">
      <Table verticalSpacing="xs" layout="fixed" aria-label="Variations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="26%">Key</Table.Th>
            <Table.Th w="24%">Name</Table.Th>
            <Table.Th>
              Value ({draft.type}
              {draft.integer ? ', whole numbers' : ''})
            </Table.Th>
            <Table.Th w={90}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {variations.map((variation, index) => {
            const inUse =
              variationUses(draft.environments, variation.key).length > 0 ||
              variationUses(saved.environments, variation.key).length > 0;
            const others = variations.filter((_, at) => at !== index).map((other) => other.key);
            const at = (field: string) => {
              const message = errorFor(problem, `variations[${index}]${field}`);
              return message && humanize(message);
            };
            return (
              <Table.Tr
                // biome-ignore lint/suspicious/noArrayIndexKey: keys are edited here; the row is its position
                key={index}
                data-variation={variation.key}
              >
                <Table.Td style={{ verticalAlign: 'top' }}>
                  {inUse ? (
                    <Stack gap={0}>
                      <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                        {variation.key}
                      </Text>
                      <Text size="xs" c="dimmed">
                        In use: its key stays
                      </Text>
                    </Stack>
                  ) : (
                    <TextInput
                      aria-label={`Key of variation ${index + 1}`}
                      size="xs"
                      styles={MONOSPACE_INPUT}
                      value={variation.key}
                      onChange={(event) => {
                        const key = event.currentTarget.value;
                        setVariation(index, (current) => ({ ...current, key }));
                      }}
                      error={variationKeyProblem(variation.key, others) ?? at('.key')}
                    />
                  )}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <TextInput
                    aria-label={`Name of variation ${variation.key}`}
                    size="xs"
                    placeholder="Optional"
                    value={variation.name ?? ''}
                    onChange={(event) => {
                      const name = event.currentTarget.value;
                      setVariation(index, ({ name: _name, ...current }) =>
                        name === '' ? current : { ...current, name },
                      );
                    }}
                    error={at('.name')}
                  />
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <ValueInput
                    label={`Value of variation ${variation.key}`}
                    type={draft.type}
                    integer={draft.integer === true}
                    value={variation.value}
                    onValue={(value) => setVariation(index, (current) => ({ ...current, value }))}
                    serverError={at('.value')}
                  />
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  {variations.length > 2 && (
                    <Button
                      variant="subtle"
                      color="red"
                      size="compact-xs"
                      onClick={() => remove(index)}
                      aria-label={`Remove variation ${variation.key}`}
                    >
                      Remove
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {refusal && (
        <Alert
          color="red"
          role="alert"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setRefusal(null)}
          title="Not removed"
        >
          {refusal}
        </Alert>
      )}
      {(serverMessage || stillUsed) && (
        <Alert color="red" role="alert" title="The server refused these variations">
          {stillUsed && <Text size="sm">{stillUsed}</Text>}
          {serverMessage && <Text size="sm">{humanize(serverMessage)}</Text>}
        </Alert>
      )}
      {errorsAt(problem, 'variations').length === 0 && variations.length <= 2 && (
        <Text size="xs" c="dimmed">
          A flag has at least two variations.
        </Text>
      )}
      {draft.type !== 'boolean' && (
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              updateDefinition((flag) => ({
                ...flag,
                variations: [...flag.variations, newVariation(flag.type, flag.variations)],
              }))
            }
          >
            Add a variation
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface ValueInputProps {
  label: string;
  type: FlagType;
  integer: boolean;
  value: FlagValue;
  onValue(value: FlagValue): void;
  serverError: string | undefined;
}

/**
 * A variation's value, typed per flag type. What is typed stays as typed while it is not a value
 * yet ("3.", half a JSON object) and says why; the draft only ever holds values of the flag's type.
 */
function ValueInput({ label, type, integer, value, onValue, serverError }: ValueInputProps) {
  const [text, setText] = useState(() => variationValueText(type, value));
  const [seen, setSeen] = useState(() => canonical(value));
  const current = canonical(value);
  const parsed = parseVariationValue(type, text, integer);
  if (seen !== current) {
    // The draft changed elsewhere (discarded, reloaded): show its value unless it is what is typed.
    setSeen(current);
    if (!parsed.ok || canonical(parsed.value) !== current) setText(variationValueText(type, value));
  }
  const change = (next: string) => {
    setText(next);
    const result = parseVariationValue(type, next, integer);
    if (result.ok) onValue(result.value);
  };
  const error = (!parsed.ok ? parsed.message : undefined) ?? serverError;
  if (type === 'boolean')
    return (
      <Select
        aria-label={label}
        size="xs"
        data={['true', 'false']}
        value={text}
        allowDeselect={false}
        onChange={(next) => next && change(next)}
        error={serverError}
      />
    );
  if (type === 'json')
    return (
      <Textarea
        aria-label={label}
        size="xs"
        autosize
        minRows={1}
        maxRows={10}
        spellCheck={false}
        styles={MONOSPACE_INPUT}
        value={text}
        onChange={(event) => change(event.currentTarget.value)}
        error={error}
      />
    );
  return (
    <TextInput
      aria-label={label}
      size="xs"
      styles={type === 'number' ? MONOSPACE_INPUT : undefined}
      inputMode={type === 'number' ? 'decimal' : undefined}
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      error={error}
    />
  );
}
