import {
  ActionIcon,
  Button,
  Checkbox,
  type ComboboxItem,
  type ComboboxItemGroup,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { Clause, FlagValue } from '@vexil/engine';
import { useEffect, useRef, useState } from 'react';
import { canonical } from '../logic/diff';
import {
  CLAUSE_OPERATORS,
  type ClauseOperator,
  clauseValueProblem,
  clauseValueText,
  operatorInfo,
  parseClauseValue,
  type ValueType,
} from '../logic/operators';
import { joinPath } from '../logic/problems';
import { clauseSentence } from '../logic/sentences';
import { SentenceView } from './SentenceView';
import { newAttributeClause, segmentSize, withOperator } from './targeting-model';
import { useTargetingScope } from './TargetingScope';

interface ConditionEditorProps {
  conditions: readonly Clause[];
  onChange(conditions: Clause[]): void;
  /** The conditions' path under the state: `allocations[0].conditions`. */
  path: string;
  /** "Allocation “Beta”", to name the inputs. */
  owner: string;
  /** Whether segment membership may be a condition (not inside a segment's own rules). */
  segmentClauses?: boolean;
}

/** The conditions of an allocation (AND): attribute clauses with every operator, and segment membership. */
export function ConditionEditor({ conditions, onChange, path, owner, segmentClauses = true }: ConditionEditorProps) {
  const { segments, errorAt } = useTargetingScope();
  const change = (index: number, clause: Clause) =>
    onChange(conditions.map((existing, position) => (position === index ? clause : existing)));
  const remove = (index: number) => onChange(conditions.filter((_, position) => position !== index));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Conditions
      </Text>
      {conditions.length === 0 && (
        <Text size="sm" c="dimmed">
          No conditions: everyone matches. Add one to narrow it down; all conditions must hold.
        </Text>
      )}
      {conditions.map((clause, index) => (
        <ClauseRow
          // Clauses have no identity of their own; a row's inputs follow the clause at its place.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          clause={clause}
          label={`${owner}, condition ${index + 1}`}
          path={`${path}[${index}]`}
          onChange={(next) => change(index, next)}
          onRemove={() => remove(index)}
          segmentClauses={segmentClauses}
        />
      ))}
      {errorAt(path) && (
        <Text size="sm" c="red.9" role="alert">
          {errorAt(path)}
        </Text>
      )}
      <Group gap="xs">
        <Button size="compact-sm" variant="light" onClick={() => onChange([...conditions, newAttributeClause()])}>
          Add condition
        </Button>
        {segmentClauses && (
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => onChange([...conditions, { segment: segments?.[0]?.key ?? '' }])}
          >
            Add segment
          </Button>
        )}
      </Group>
    </Stack>
  );
}

const GROUPS: { type: ValueType | undefined; group: string }[] = [
  { type: 'text', group: 'Text' },
  { type: 'regex', group: 'Pattern' },
  { type: 'number', group: 'Number' },
  { type: 'semver', group: 'Version' },
  { type: 'date-time', group: 'Date' },
  { type: undefined, group: 'Presence' },
  { type: 'segment', group: 'Segment' },
];

/** Every operator, grouped by what its values are. */
const OPERATOR_DATA: ComboboxItemGroup<ComboboxItem>[] = GROUPS.map(({ type, group }) => ({
  group,
  items: CLAUSE_OPERATORS.filter((info) => info.valueType === type).map((info) => ({
    value: info.operator,
    label: info.operator === 'matches' ? 'matches (regular expression)' : info.label,
  })),
}));

interface ClauseRowProps {
  clause: Clause;
  label: string;
  path: string;
  onChange(clause: Clause): void;
  onRemove(): void;
  segmentClauses: boolean;
}

/** The operators without segment membership, for a segment's own rules. */
const ATTRIBUTE_OPERATOR_DATA = OPERATOR_DATA.filter((group) => group.group !== 'Segment');

function ClauseRow({ clause, label, path, onChange, onRemove, segmentClauses }: ClauseRowProps) {
  const { segments, errorAt, errorsBelow, vocabulary } = useTargetingScope();
  const operator: ClauseOperator = 'segment' in clause ? 'segment' : clause.operator;
  const info = operatorInfo(operator);
  const setOperator = (next: ClauseOperator) =>
    onChange(
      withOperator(clause, next, (value) => clauseValueProblem(next, clauseValueText(value as FlagValue)) === null),
    );
  // Errors the inputs do not show (a clause the server refuses as a whole) are listed under the row.
  const shown = ['contextKind', 'attribute', 'operator', 'segment', 'values', 'negate'];
  const others = errorsBelow(path).filter(
    (error) => !shown.some((field) => error.path === field || error.path.startsWith(`${field}[`)),
  );
  return (
    <Stack
      gap={4}
      component="fieldset"
      m={0}
      p="xs"
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Text component="legend" size="xs" c="dimmed" px={4}>
        {label.replace(/^.*, /, '')}
      </Text>
      <Group gap="xs" align="flex-start" wrap="wrap">
        {'segment' in clause ? (
          <Select
            aria-label={`${label}: segment`}
            placeholder="Choose a segment"
            searchable
            nothingFoundMessage="No segment matches"
            data={(segments ?? []).map((segment) => ({ value: segment.key, label: segment.name || segment.key }))}
            value={clause.segment || null}
            onChange={(key) => key && onChange({ ...clause, segment: key })}
            allowDeselect={false}
            error={errorAt(joinPath(path, 'segment')) ?? (clause.segment === '' ? 'Choose a segment' : undefined)}
            w={220}
            renderOption={({ option }) => {
              const segment = segments?.find((candidate) => candidate.key === option.value);
              return (
                <div>
                  <Text size="sm">{option.label}</Text>
                  <Text size="xs" c="dimmed">
                    {option.value}
                    {segment && ` · ${segmentSize(segment)}`}
                  </Text>
                </div>
              );
            }}
          />
        ) : (
          <>
            <TextInput
              aria-label={`${label}: context kind`}
              placeholder="user"
              value={clause.contextKind ?? ''}
              onChange={(event) => {
                const { contextKind: _kind, ...rest } = clause;
                const kind = event.currentTarget.value.trim();
                onChange(kind === '' ? rest : { ...rest, contextKind: kind });
              }}
              error={errorAt(joinPath(path, 'contextKind'))}
              w={100}
            />
            <TextInput
              aria-label={`${label}: attribute`}
              placeholder="attribute, e.g. email"
              value={clause.attribute}
              onChange={(event) => onChange({ ...clause, attribute: event.currentTarget.value })}
              error={
                errorAt(joinPath(path, 'attribute')) ?? (clause.attribute === '' ? 'Name the attribute' : undefined)
              }
              w={160}
            />
          </>
        )}
        <Select
          aria-label={`${label}: operator`}
          data={segmentClauses ? OPERATOR_DATA : ATTRIBUTE_OPERATOR_DATA}
          value={operator}
          onChange={(next) => next && setOperator(next as ClauseOperator)}
          allowDeselect={false}
          error={errorAt(joinPath(path, 'operator'))}
          w={200}
          maxDropdownHeight={320}
        />
        {!('segment' in clause) && info.values !== 'none' && (
          <ValuesInput
            operator={clause.operator}
            values={clause.values}
            many={info.values === 'many'}
            label={`${label}: ${info.values === 'many' ? 'values' : 'value'}`}
            error={errorAt(joinPath(path, 'values')) ?? errorsBelow(joinPath(path, 'values'))[0]?.message}
            onChange={(values) => onChange({ ...clause, values })}
          />
        )}
        <Checkbox
          mt={8}
          label="Not"
          aria-label={`${label}: negate`}
          checked={clause.negate === true}
          onChange={(event) => {
            const { negate: _negate, ...rest } = clause;
            onChange(event.currentTarget.checked ? { ...rest, negate: true } : rest);
          }}
        />
        <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove ${label}`} onClick={onRemove}>
          ×
        </ActionIcon>
      </Group>
      <SentenceView sentence={clauseSentence(clause, vocabulary)} size="xs" />
      {others.map((error) => (
        <Text key={`${error.path}:${error.message}`} size="xs" c="red.9">
          {error.message}
        </Text>
      ))}
    </Stack>
  );
}

interface ValuesInputProps {
  operator: Exclude<ClauseOperator, 'segment'>;
  values: readonly FlagValue[];
  many: boolean;
  label: string;
  /** The server's message for these values, from the last save. */
  error: string | undefined;
  onChange(values: FlagValue[]): void;
}

/**
 * The values of a clause, typed per operator and checked as they are typed (operators.ts accepts
 * exactly what the server does). What is typed goes into the draft even when it is wrong, so the
 * draft shows what the person wrote and the server can say why it refuses it.
 */
function ValuesInput({ operator, values, many, label, error, onChange }: ValuesInputProps) {
  const storedValue = (text: string): FlagValue => {
    const parsed = parseClauseValue(operator, text);
    return parsed.ok ? parsed.value : text;
  };
  const [search, setSearch] = useState('');
  if (many) {
    const tags = values.map(clauseValueText);
    const invalid = tags.map((tag) => [tag, clauseValueProblem(operator, tag)] as const).find(([, problem]) => problem);
    const typing = search.trim() === '' ? null : clauseValueProblem(operator, search.trim());
    return (
      <TagsInput
        aria-label={label}
        placeholder="Type a value, Enter to add"
        value={tags}
        onChange={(next) => onChange(next.map(storedValue))}
        searchValue={search}
        onSearchChange={setSearch}
        splitChars={[',']}
        isDuplicate={(value, current) => current.includes(value)}
        error={typing ?? (invalid ? `“${invalid[0]}” ${invalid[1]}` : undefined) ?? error}
        w={260}
      />
    );
  }
  return (
    <SingleValueInput
      operator={operator}
      value={values[0]}
      label={label}
      error={error}
      onChange={(value) => onChange([storedValue(value)])}
    />
  );
}

function SingleValueInput({
  operator,
  value,
  label,
  error,
  onChange,
}: {
  operator: Exclude<ClauseOperator, 'segment'>;
  value: FlagValue | undefined;
  label: string;
  error: string | undefined;
  onChange(text: string): void;
}) {
  // The text as typed ("4." on the way to "4.5"); it follows the draft when the draft changes from elsewhere.
  const [text, setText] = useState(() => (value === undefined ? '' : clauseValueText(value)));
  const sent = useRef(value);
  useEffect(() => {
    if (canonical(value) === canonical(sent.current)) return;
    sent.current = value;
    setText(value === undefined ? '' : clauseValueText(value));
  }, [value]);
  const problem = text === '' && value === undefined ? null : clauseValueProblem(operator, text);
  const type = operatorInfo(operator).valueType;
  return (
    <TextInput
      aria-label={label}
      placeholder={PLACEHOLDERS[type ?? 'text']}
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const parsed = parseClauseValue(operator, next);
        sent.current = parsed.ok ? parsed.value : next;
        onChange(next);
      }}
      error={problem ?? error}
      w={220}
    />
  );
}

const PLACEHOLDERS: Record<ValueType, string> = {
  text: 'value',
  number: 'a number, e.g. 42',
  semver: 'a version, e.g. 1.4.2',
  'date-time': 'e.g. 2026-12-01T09:30:00Z',
  regex: 'a regular expression',
  segment: 'segment',
};
