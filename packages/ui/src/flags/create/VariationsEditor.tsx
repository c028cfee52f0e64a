import { ActionIcon, Button, Group, Input, Loader, Stack, Text, TextInput } from '@mantine/core';
import { lazy, Suspense } from 'react';
import {
  addVariation,
  canChangeVariationCount,
  type NewFlagForm,
  removeVariation,
  updateVariation,
  type VariationDraft,
} from './new-flag-form';
import classes from './VariationsEditor.module.css';

// CodeMirror is loaded only when a JSON flag is made: it stays out of the console's first load.
const JsonValueEditor = lazy(() => import('./JsonValueEditor').then((module) => ({ default: module.JsonValueEditor })));

interface VariationsEditorProps {
  form: NewFlagForm;
  onChange: (form: NewFlagForm) => void;
  /** The message for a field path (`variations[1].value`), from the form's checks or the server's. */
  errorAt: (path: string) => string | undefined;
}

/** The flag's variations: key, optional name and a value typed for the flag's type; add, remove, rename. */
export function VariationsEditor({ form, onChange, errorAt }: VariationsEditorProps) {
  const resizable = canChangeVariationCount(form.type);
  const listError = errorAt('variations');
  return (
    <Input.Wrapper
      label="Variations"
      description={
        form.type === 'boolean'
          ? 'A boolean flag serves true or false; you may rename its two variations.'
          : 'What the flag can serve. Targeting picks one of these per user.'
      }
      error={listError}
    >
      <Stack gap="xs" mt="xs">
        <div className={classes.row} aria-hidden>
          <Text size="xs" fw={600} c="dimmed">
            Key
          </Text>
          <Text size="xs" fw={600} c="dimmed">
            Name
          </Text>
          <Text size="xs" fw={600} c="dimmed">
            Value{form.type === 'json' ? ' (JSON)' : ''}
          </Text>
        </div>
        {form.variations.map((variation, index) => (
          <VariationRow
            key={variation.id}
            index={index}
            variation={variation}
            type={form.type}
            removable={resizable && form.variations.length > 2}
            errorAt={errorAt}
            onChange={(change) => onChange(updateVariation(form, variation.id, change))}
            onRemove={() => onChange(removeVariation(form, variation.id))}
          />
        ))}
        {resizable && (
          <Group>
            <Button variant="default" size="xs" onClick={() => onChange(addVariation(form))}>
              Add a variation
            </Button>
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}

interface VariationRowProps {
  index: number;
  variation: VariationDraft;
  type: NewFlagForm['type'];
  removable: boolean;
  errorAt: (path: string) => string | undefined;
  onChange: (change: Partial<Omit<VariationDraft, 'id'>>) => void;
  onRemove: () => void;
}

const monospace = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** One variation: its inputs sit under the editor's column headers and are named "Key of variation 2" and so on. */
function VariationRow({ index, variation, type, removable, errorAt, onChange, onRemove }: VariationRowProps) {
  const path = `variations[${index}]`;
  const number = index + 1;
  const valueError = errorAt(`${path}.value`);
  const valueErrorId = `variation-${variation.id}-value-error`;
  return (
    <div className={classes.row} data-testid={`variation-${number}`}>
      <TextInput
        aria-label={`Key of variation ${number}`}
        value={variation.key}
        onChange={(event) => onChange({ key: event.currentTarget.value })}
        error={errorAt(`${path}.key`)}
        styles={monospace}
      />
      <TextInput
        aria-label={`Name of variation ${number}`}
        placeholder="Optional"
        value={variation.name}
        onChange={(event) => onChange({ name: event.currentTarget.value })}
        error={errorAt(`${path}.name`)}
      />
      {type === 'json' ? (
        <Stack gap={4}>
          <Suspense
            fallback={
              <Group gap="xs" h={74}>
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  Loading the JSON editor…
                </Text>
              </Group>
            }
          >
            <JsonValueEditor
              value={variation.value}
              onChange={(value) => onChange({ value })}
              label={`Value of variation ${number}`}
              invalid={valueError !== undefined}
              describedBy={valueError === undefined ? undefined : valueErrorId}
            />
          </Suspense>
          {valueError !== undefined && (
            <Text size="xs" c="var(--mantine-color-error)" id={valueErrorId}>
              {valueError}
            </Text>
          )}
        </Stack>
      ) : (
        <TextInput
          aria-label={`Value of variation ${number}`}
          value={variation.value}
          onChange={(event) => onChange({ value: event.currentTarget.value })}
          error={valueError}
          // A boolean flag's two values are fixed: true, then false.
          readOnly={type === 'boolean'}
          variant={type === 'boolean' ? 'filled' : 'default'}
          inputMode={type === 'number' ? 'decimal' : undefined}
          placeholder={type === 'number' ? 'e.g. 42 or 3.5' : type === 'string' ? '(empty text)' : undefined}
          styles={type === 'string' ? undefined : monospace}
        />
      )}
      {removable ? (
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={`Remove variation ${number} (${variation.key || 'no key'})`}
          onClick={onRemove}
        >
          <span aria-hidden>✕</span>
        </ActionIcon>
      ) : (
        <span />
      )}
    </div>
  );
}
