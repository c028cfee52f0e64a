import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import type { EvaluationContext } from '@vexil/engine';
import { useState } from 'react';
import {
  type AttributeRow,
  type AttributeType,
  type ContextForm,
  contextFromForm,
  type FormError,
  formFromContext,
} from '../logic/contexts';

const TYPES: { value: AttributeType; label: string }[] = [
  { value: 'string', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'true/false' },
  { value: 'json', label: 'JSON' },
];

/** Keys and attribute names and values are code: monospace in the input, not in its label. */
const MONOSPACE_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

const blankRow = (): AttributeRow => ({ name: '', type: 'string', value: '' });

/** A fresh form: one user, no key yet, one attribute row to type into. */
export function blankForm(): ContextForm[] {
  return [{ kind: 'user', key: '', attributes: [blankRow()] }];
}

interface ContextFormEditorProps {
  initial: EvaluationContext | undefined;
  /** Called after every edit with the context the form describes, or undefined while it has errors. */
  onContext(context: EvaluationContext | undefined): void;
}

/**
 * The context as a form: one card per context kind (its kind, key and attribute rows with a type
 * each), several kinds making a multi-kind context. Errors show at the field they concern.
 */
export function ContextFormEditor({ initial, onContext }: ContextFormEditorProps) {
  const [forms, setForms] = useState<ContextForm[]>(() => {
    if (initial === undefined) return blankForm();
    return formFromContext(initial).map((form) => ({ ...form, attributes: [...form.attributes, blankRow()] }));
  });
  const result = contextFromForm(forms);
  const errors = result.ok ? [] : result.errors;

  const change = (next: ContextForm[]) => {
    setForms(next);
    const built = contextFromForm(next);
    onContext(built.ok ? built.context : undefined);
  };
  const changeForm = (index: number, update: (form: ContextForm) => ContextForm) =>
    change(forms.map((form, at) => (at === index ? update(form) : form)));

  return (
    <Stack gap="sm">
      {forms.map((form, kindIndex) => (
        <KindCard
          // biome-ignore lint/suspicious/noArrayIndexKey: kinds are edited in place, their position is their identity
          key={kindIndex}
          form={form}
          kindIndex={kindIndex}
          multi={forms.length > 1}
          errors={errors.filter((error) => error.kindIndex === kindIndex)}
          onChange={(update) => changeForm(kindIndex, update)}
          onRemove={() => change(forms.filter((_, at) => at !== kindIndex))}
        />
      ))}
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() =>
            change([
              ...forms,
              {
                kind: forms.some((form) => form.kind === 'organization') ? '' : 'organization',
                key: '',
                attributes: [blankRow()],
              },
            ])
          }
        >
          Add a context kind
        </Button>
      </Group>
    </Stack>
  );
}

interface KindCardProps {
  form: ContextForm;
  kindIndex: number;
  multi: boolean;
  errors: FormError[];
  onChange(update: (form: ContextForm) => ContextForm): void;
  onRemove(): void;
}

function KindCard({ form, kindIndex, multi, errors, onChange, onRemove }: KindCardProps) {
  const errorAt = (field: FormError['field'], row?: number) =>
    errors.find((error) => error.field === field && error.row === row)?.message;
  const setRow = (row: number, update: Partial<AttributeRow>) =>
    onChange((current) => {
      const attributes = current.attributes.map((attribute, at) =>
        at === row ? { ...attribute, ...update } : attribute,
      );
      // Always one empty row at the end to type the next attribute into.
      const last = attributes.at(-1);
      if (last && (last.name !== '' || last.value !== '')) attributes.push(blankRow());
      return { ...current, attributes };
    });
  const label = (text: string) => (multi ? `${text} (context ${kindIndex + 1})` : text);
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            label={label('Kind')}
            size="xs"
            w={130}
            value={form.kind}
            onChange={(event) => {
              const kind = event.currentTarget.value;
              onChange((current) => ({ ...current, kind }));
            }}
            error={errorAt('kind')}
          />
          <TextInput
            label={label('Key')}
            size="xs"
            style={{ flex: 1 }}
            styles={MONOSPACE_INPUT}
            placeholder="user-1"
            value={form.key}
            onChange={(event) => {
              const key = event.currentTarget.value;
              onChange((current) => ({ ...current, key }));
            }}
            error={errorAt('key')}
          />
          {multi && (
            <Button variant="subtle" color="gray" size="compact-xs" mt={22} onClick={onRemove}>
              Remove
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          Attributes
        </Text>
        {form.attributes.map((row, index) => (
          <Stack
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, their position is their identity
            key={index}
            gap={4}
          >
            <Group gap={4} align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={label(`Attribute ${index + 1} name`)}
                placeholder="Attribute, e.g. email"
                size="xs"
                style={{ flex: 1 }}
                styles={MONOSPACE_INPUT}
                value={row.name}
                onChange={(event) => setRow(index, { name: event.currentTarget.value })}
                error={errorAt('name', index)}
              />
              <Select
                aria-label={label(`Attribute ${index + 1} type`)}
                size="xs"
                w={100}
                data={TYPES}
                value={row.type}
                allowDeselect={false}
                onChange={(type) => type && setRow(index, { type: type as AttributeType })}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                size="input-xs"
                aria-label={label(`Remove attribute ${index + 1}`)}
                // The empty row at the end is where the next attribute is typed: nothing to remove yet.
                style={
                  index === form.attributes.length - 1 && row.name === '' && row.value === ''
                    ? { visibility: 'hidden' }
                    : undefined
                }
                onClick={() =>
                  onChange((current) => ({
                    ...current,
                    attributes: current.attributes.filter((_, at) => at !== index),
                  }))
                }
              >
                ×
              </ActionIcon>
            </Group>
            <TextInput
              aria-label={label(`Attribute ${index + 1} value`)}
              placeholder={placeholder(row.type)}
              size="xs"
              styles={MONOSPACE_INPUT}
              value={row.value}
              onChange={(event) => setRow(index, { value: event.currentTarget.value })}
              error={errorAt('value', index)}
            />
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

function placeholder(type: AttributeType): string {
  switch (type) {
    case 'string':
      return 'Value, e.g. ada@example.com';
    case 'number':
      return '42';
    case 'boolean':
      return 'true';
    case 'json':
      return '["beta", "staff"]';
  }
}
