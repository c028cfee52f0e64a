import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { type Metric, useCreateMetric, useUpdateMetric } from '../api/metrics';
import { isProblem } from '../api/problem';
import { FormProblem, fieldError } from '../components/FormProblem';
import {
  type Aggregation,
  type Direction,
  describeMetric,
  EMPTY_FORM,
  fieldsOf,
  formOf,
  localErrors,
  type MetricForm,
  type MetricKind,
  metricChanges,
  metricFieldMessage,
  newMetricBody,
} from './metric-model';

interface MetricDialogProps {
  project: string;
  /** Creating one, editing one, or closed. */
  editing: { mode: 'create' } | { mode: 'edit'; metric: Metric } | undefined;
  onClose(): void;
}

const FIELDS = [
  'key',
  'name',
  'description',
  'eventKey',
  'kind',
  'aggregation',
  'direction',
  'windowHours',
  'capPercentile',
];

const AGGREGATIONS = [
  { value: 'sum', label: 'Sum — the total of a subject’s values (revenue)' },
  { value: 'mean', label: 'Mean — the average of a subject’s values (order size)' },
  { value: 'count', label: 'Count — how many events a subject sent (page views)' },
];

/**
 * Creating a metric or changing one. The form shows the fields the kind has (an aggregation and a
 * cap only for numeric metrics), a sentence of what the metric will measure, and the server's
 * refusals at the field they name.
 */
export function MetricDialog({ project, editing, onClose }: MetricDialogProps) {
  const create = useCreateMetric(project);
  const update = useUpdateMetric(project);
  const existing = editing?.mode === 'edit' ? editing.metric : undefined;
  const [form, setForm] = useState<MetricForm>(EMPTY_FORM);
  const [checked, setChecked] = useState(false);

  // Each opening starts from the metric as it is then (or from blank).
  useEffect(() => {
    setForm(editing?.mode === 'edit' ? formOf(editing.metric) : EMPTY_FORM);
    setChecked(false);
  }, [editing]);

  const mutation = existing ? update : create;
  const error = mutation.error;
  const local = checked ? localErrors(form) : {};
  const fields = fieldsOf(form.kind);
  const set = <K extends keyof MetricForm>(field: K, value: MetricForm[K]) =>
    setForm((current) => ({ ...current, [field]: value }));
  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(localErrors(form)).length > 0) return;
    if (existing) {
      const changes = metricChanges(existing, form);
      if (Object.keys(changes).length === 0) return close();
      update.mutate({ metric: existing.key, changes }, { onSuccess: close });
    } else {
      create.mutate(newMetricBody(form), { onSuccess: close });
    }
  };
  const serverError = (path: string) => {
    const message = fieldError(error, path);
    if (message === undefined) return undefined;
    if (path === 'key' && isProblem(error, 409)) return `${form.key.trim()} is taken in ${project}: choose another key`;
    return metricFieldMessage(path, message);
  };
  const preview =
    form.eventKey.trim() === ''
      ? undefined
      : describeMetric({
          ...newMetricBody(form),
          name: form.name,
          description: null,
          aggregation: fields.aggregation && form.aggregation !== '' ? form.aggregation : null,
          windowHours: numberOrNull(form.windowHours),
          capPercentile: fields.capPercentile ? numberOrNull(form.capPercentile) : null,
        });

  return (
    <Modal
      opened={editing !== undefined}
      onClose={close}
      title={existing ? `Edit ${existing.name}` : 'Create a metric'}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem error={error} fields={FIELDS} />
          {!existing && (
            <TextInput
              label="Key"
              description="Experiments name the metric by it; it cannot change later"
              placeholder="revenue"
              required
              value={form.key}
              onChange={(event) => set('key', event.currentTarget.value)}
              error={serverError('key')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-autofocus
            />
          )}
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              description={existing ? undefined : 'Shown in results; the key when left empty'}
              placeholder="Revenue per user"
              value={form.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={serverError('name')}
              data-autofocus={existing ? true : undefined}
            />
            <TextInput
              label="Event key"
              description="The event your code sends with track()"
              placeholder="checkout-completed"
              required
              value={form.eventKey}
              onChange={(event) => set('eventKey', event.currentTarget.value)}
              error={serverError('eventKey')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Group>
          <Textarea
            label="Description"
            placeholder="What it tells, and what it does not"
            autosize
            minRows={1}
            maxRows={6}
            value={form.description}
            onChange={(event) => set('description', event.currentTarget.value)}
            error={serverError('description')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={700} id="metric-kind-label">
              Kind
            </Text>
            <SegmentedControl
              aria-labelledby="metric-kind-label"
              value={form.kind}
              onChange={(value) => set('kind', value as MetricKind)}
              data={[
                { value: 'conversion', label: 'Conversion: did they send it?' },
                { value: 'numeric', label: 'Numeric: the values they sent' },
              ]}
            />
            {serverError('kind') && (
              <Text size="xs" c="red.8">
                {serverError('kind')}
              </Text>
            )}
          </Stack>
          {fields.aggregation && (
            <Select
              label="Aggregation"
              description="How one subject’s values add up"
              placeholder="Choose sum, mean or count"
              required
              data={AGGREGATIONS}
              value={form.aggregation === '' ? null : form.aggregation}
              onChange={(value) => set('aggregation', (value ?? '') as Aggregation | '')}
              error={serverError('aggregation')}
              allowDeselect={false}
            />
          )}
          <Group grow align="flex-start">
            <Select
              label="Better when"
              data={[
                { value: 'higher', label: 'Higher is better' },
                { value: 'lower', label: 'Lower is better' },
              ]}
              value={form.direction}
              onChange={(value) => set('direction', (value ?? 'higher') as Direction)}
              error={serverError('direction')}
              allowDeselect={false}
            />
            <TextInput
              label="Window (hours)"
              description="Empty: any time after exposure"
              placeholder="168"
              inputMode="numeric"
              value={form.windowHours}
              onChange={(event) => set('windowHours', event.currentTarget.value)}
              error={local.windowHours ?? serverError('windowHours')}
            />
            {fields.capPercentile && (
              <TextInput
                label="Cap at percentile"
                description="Tames outliers; empty: no cap"
                placeholder="99"
                inputMode="decimal"
                value={form.capPercentile}
                onChange={(event) => set('capPercentile', event.currentTarget.value)}
                error={local.capPercentile ?? serverError('capPercentile')}
              />
            )}
          </Group>
          {preview && (
            <Text size="sm" c="dimmed" data-testid="metric-preview" aria-live="polite">
              {preview}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {existing ? 'Save' : 'Create metric'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function numberOrNull(text: string): number | null {
  const value = text.trim() === '' ? null : Number(text.trim());
  return value === null || Number.isNaN(value) ? null : value;
}
