import { Button, Group, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import type { Target } from '@vexil/engine';
import { useState } from 'react';
import { kindNoun, targetSentence } from '../logic/sentences';
import { SentenceView } from './SentenceView';
import { pinnedElsewhere, setTargetKeys, targetKeys, targetKinds, withField } from './targeting-model';
import { useTargetingScope } from './TargetingScope';

/** Separators of pasted lists of keys: commas, blanks, new lines, semicolons. */
const KEY_SEPARATORS = [',', ' ', '\n', '\t', ';'];
const KIND_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Context keys pinned to a variation, per context kind (QA adding themselves in staging). */
export function IndividualTargets({ targets }: { targets: readonly Target[] }) {
  const { editable, vocabulary, variations, update, errorsBelow } = useTargetingScope();
  const [kinds, setKinds] = useState<string[]>([]);
  const [newKind, setNewKind] = useState('');
  if (!editable)
    return targets.length === 0 ? (
      <Text size="sm" c="dimmed">
        No individual targets.
      </Text>
    ) : (
      <Stack gap={4}>
        {targets.map((target) => (
          <SentenceView
            key={`${target.contextKind ?? 'user'}:${target.variation}`}
            sentence={targetSentence(target, vocabulary)}
          />
        ))}
      </Stack>
    );

  const setKeys = (kind: string, variation: string, keys: string[]) =>
    update((state) => {
      const next = setTargetKeys(state.targets, kind, variation, keys);
      return withField(state, 'targets', next.length > 0 ? next : undefined);
    });
  const kindProblem =
    newKind === '' ? null : KIND_PATTERN.test(newKind) ? null : 'Letters, digits, ".", "-" and "_" only';
  const errors = errorsBelow('targets');

  return (
    <Stack gap="md">
      {targetKinds(targets, kinds).map((kind) => (
        <Stack key={kind} gap="xs" component="section" aria-label={`${kindNoun(kind, true)} pinned to variations`}>
          <Title order={4} size="h6">
            {kindNoun(kind, true)}
          </Title>
          {variations.map((variation) => {
            const keys = targetKeys(targets, kind, variation.key);
            const twice = keys.filter((key) => pinnedElsewhere(targets, kind, variation.key, key).length > 0);
            return (
              <Group key={variation.key} gap="sm" wrap="nowrap" align="flex-start">
                <Text size="sm" w={150} mt={6} truncate title={variation.key}>
                  get <strong>{variation.name || variation.key}</strong>
                </Text>
                <TagsInput
                  style={{ flex: 1, minWidth: 0 }}
                  aria-label={`${kindNoun(kind, true)} who get ${variation.name || variation.key}`}
                  placeholder={keys.length === 0 ? 'Type or paste keys' : undefined}
                  value={keys}
                  onChange={(next) => setKeys(kind, variation.key, next)}
                  splitChars={KEY_SEPARATORS}
                  isDuplicate={(value, current) => current.includes(value)}
                  clearable
                  description={
                    twice.length > 0
                      ? `Also pinned to another variation: ${twice.join(', ')} (the first list wins)`
                      : undefined
                  }
                />
              </Group>
            );
          })}
        </Stack>
      ))}
      {errors.map((error) => (
        <Text key={`${error.path}:${error.message}`} size="sm" c="red.9">
          {error.path}: {error.message}
        </Text>
      ))}
      <Group gap="xs" align="flex-start">
        <TextInput
          aria-label="Another context kind"
          placeholder="another kind, e.g. organization"
          value={newKind}
          onChange={(event) => setNewKind(event.currentTarget.value.trim())}
          error={kindProblem}
          w={260}
        />
        <Button
          variant="light"
          disabled={newKind === '' || kindProblem !== null}
          onClick={() => {
            setKinds((current) => [...current, newKind]);
            setNewKind('');
          }}
        >
          Target another kind
        </Button>
      </Group>
    </Stack>
  );
}
