import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useEnvironments } from '../api/environments';
import { type Experiment, useCreateExperiment, useUpdateExperiment } from '../api/experiments';
import { useFlag, useFlagChoices } from '../api/flag';
import { useMetrics } from '../api/metrics';
import { isProblem } from '../api/problem';
import { FormProblem } from '../components/FormProblem';
import { projectPath } from '../environments/selected-environment';
import { allocationSentence, sentenceText } from '../flags/logic/sentences';
import {
  emptyForm,
  type ExperimentFields,
  type ExperimentForm,
  experimentChanges,
  experimentFieldMessage,
  formOf,
  localErrors,
  newExperimentBody,
  splitsTraffic,
  variationLabel,
  variationsServed,
  withEnvironment,
  withFlag,
} from './experiment-model';

interface ExperimentDialogProps {
  project: string;
  /** The environment a new experiment starts in (the selected one). */
  environment: string | undefined;
  /** Creating one, editing a draft, or closed. */
  editing: { mode: 'create' } | { mode: 'edit'; experiment: Experiment } | undefined;
  onClose(): void;
  onCreated?(key: string): void;
}

const FIELDS = [
  'key',
  'name',
  'hypothesis',
  'flag',
  'environment',
  'allocations',
  'controlVariation',
  'primaryMetric',
  'secondaryMetrics',
  'guardrailMetrics',
  'minimumDetectableEffect',
];

/**
 * Setting up an experiment, or changing a draft: the flag (searched on the server, a page at a
 * time), the environment, which of the flag's allocations there it reads (each said in words), the
 * control, the metrics, the hypothesis and the planned effect; the server's refusals at their field.
 */
export function ExperimentDialog({ project, environment, editing, onClose, onCreated }: ExperimentDialogProps) {
  const create = useCreateExperiment(project);
  const update = useUpdateExperiment(project);
  const existing = editing?.mode === 'edit' ? editing.experiment : undefined;
  const [form, setForm] = useState<ExperimentForm>(emptyForm(environment));
  const [checked, setChecked] = useState(false);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const choices = useFlagChoices(project, query);
  const flag = useFlag(project, form.flag || undefined);
  const environments = useEnvironments(project);
  const metrics = useMetrics(project);

  useEffect(() => {
    setForm(editing?.mode === 'edit' ? formOf(editing.experiment as ExperimentFields) : emptyForm(environment));
    setChecked(false);
    setSearch('');
  }, [editing, environment]);

  const mutation = existing ? update : create;
  const error = mutation.error;
  const local = checked ? localErrors(form) : {};
  const set = <K extends keyof ExperimentForm>(field: K, value: ExperimentForm[K]) =>
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
      const changes = experimentChanges(existing as ExperimentFields, form);
      if (Object.keys(changes).length === 0) return close();
      update.mutate({ experiment: existing.key, changes }, { onSuccess: close });
    } else {
      create.mutate(newExperimentBody(form) as Parameters<typeof create.mutate>[0], {
        onSuccess: (created) => {
          close();
          onCreated?.(created.key);
        },
      });
    }
  };
  /** The server's message for a field, or for one of its items (`allocations[1]`). */
  const serverError = (field: string) => {
    if (!isProblem(error)) return undefined;
    const found = error.errors.find((e) => e.path === field || e.path.startsWith(`${field}[`));
    if (!found) return undefined;
    if (field === 'key' && isProblem(error, 409))
      return `${form.key.trim()} is taken in ${project}: choose another key`;
    return experimentFieldMessage(field, error.fieldError(found.path) ?? found.message);
  };
  const shownPaths = isProblem(error)
    ? error.errors.map((e) => e.path).filter((path) => FIELDS.some((f) => path === f || path.startsWith(`${f}[`)))
    : [];

  const loaded = flag.data?.flag;
  const variations = loaded?.variations ?? [];
  const allocations = (form.environment && loaded?.environments[form.environment]?.allocations) || [];
  const served = variationsServed(allocations, form.allocations);
  const flagOptions = (choices.data ?? []).map((candidate) => ({
    value: candidate.key,
    label: candidate.name && candidate.name !== candidate.key ? `${candidate.name} (${candidate.key})` : candidate.key,
  }));
  if (form.flag && !flagOptions.some((option) => option.value === form.flag))
    flagOptions.unshift({
      value: form.flag,
      label: loaded?.name && loaded.name !== form.flag ? `${loaded.name} (${form.flag})` : form.flag,
    });
  const metricOptions = (metrics.data ?? []).map((metric) => ({
    value: metric.key,
    label: metric.name && metric.name !== metric.key ? `${metric.name} (${metric.key})` : metric.key,
  }));
  const others = (taken: string[]) =>
    metricOptions.filter((option) => option.value !== form.primaryMetric && !taken.includes(option.value));
  const noMetrics = metrics.isSuccess && metrics.data.length === 0;

  return (
    <Modal
      opened={editing !== undefined}
      onClose={close}
      title={existing ? `Edit ${existing.name}` : 'Set up an experiment'}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem error={error} fields={shownPaths} />
          <Group grow align="flex-start">
            {!existing && (
              <TextInput
                label="Key"
                description="Names it in the API and in links; cannot change later"
                placeholder="checkout-redesign"
                required
                value={form.key}
                onChange={(event) => set('key', event.currentTarget.value)}
                error={serverError('key')}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                data-autofocus
              />
            )}
            <TextInput
              label="Name"
              description={existing ? undefined : 'The key when left empty'}
              placeholder="One-page checkout"
              value={form.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={serverError('name')}
              data-autofocus={existing ? true : undefined}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Flag"
              description="Search the project’s flags"
              placeholder="Search by key, name or tag"
              required
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options }) => options}
              nothingFoundMessage={choices.isFetching ? 'Searching…' : 'No flag matches'}
              data={flagOptions}
              value={form.flag || null}
              onChange={(key) => key && setForm((current) => withFlag(current, key))}
              allowDeselect={false}
              error={serverError('flag')}
            />
            <Select
              label="Environment"
              required
              data={(environments.data ?? []).map((candidate) => ({ value: candidate.key, label: candidate.name }))}
              value={form.environment || null}
              onChange={(key) => key && setForm((current) => withEnvironment(current, key))}
              allowDeselect={false}
              error={serverError('environment')}
            />
          </Group>
          {form.flag && form.environment && (
            <Checkbox.Group
              label="Allocations it compares"
              description="Starting turns exposure tracking on for them; they must split traffic between the control and another variation"
              value={form.allocations}
              onChange={(chosen) =>
                setForm((current) => ({
                  ...current,
                  allocations: allocations.map((a) => a.id).filter((id) => chosen.includes(id)),
                }))
              }
              error={serverError('allocations')}
              required
            >
              <Stack gap={6} mt={6}>
                {flag.isPending && (
                  <Text size="sm" c="dimmed">
                    Loading the flag’s allocations…
                  </Text>
                )}
                {flag.isSuccess && allocations.length === 0 && (
                  <Text size="sm">
                    The flag has no allocations in this environment: add one that splits traffic on its{' '}
                    <Anchor component={Link} to={projectPath(project, `flags/${form.flag}`, form.environment)}>
                      targeting
                    </Anchor>{' '}
                    first.
                  </Text>
                )}
                {allocations.map((allocation) => (
                  <Checkbox
                    key={allocation.id}
                    value={allocation.id}
                    label={allocation.id}
                    description={`${sentenceText(allocationSentence(allocation, { variations }))}${
                      splitsTraffic(allocation) ? '' : ' (serves one variation: nothing to compare)'
                    }`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Group grow align="flex-start">
            <Select
              label="Control"
              description="The variation the others are compared with"
              placeholder={form.allocations.length === 0 ? 'Choose allocations first' : 'Choose a variation'}
              required
              data={served.map((key) => ({ value: key, label: variationLabel(key, variations) }))}
              value={form.controlVariation || null}
              onChange={(key) => key && set('controlVariation', key)}
              allowDeselect={false}
              disabled={served.length === 0}
              error={serverError('controlVariation')}
            />
            <Select
              label="Primary metric"
              description="The one the decision rests on"
              placeholder={noMetrics ? 'No metrics yet' : 'Choose a metric'}
              required
              searchable
              data={metricOptions}
              value={form.primaryMetric || null}
              onChange={(key) =>
                key &&
                setForm((current) => ({
                  ...current,
                  primaryMetric: key,
                  secondaryMetrics: current.secondaryMetrics.filter((m) => m !== key),
                  guardrailMetrics: current.guardrailMetrics.filter((m) => m !== key),
                }))
              }
              allowDeselect={false}
              error={serverError('primaryMetric')}
            />
          </Group>
          {noMetrics && (
            <Text size="sm" data-testid="no-metrics">
              An experiment measures metrics, and this project has none yet:{' '}
              <Anchor component={Link} to={projectPath(project, 'metrics', environment)}>
                create one on the metrics page
              </Anchor>{' '}
              (say which event counts as a conversion), then come back.
            </Text>
          )}
          <Group grow align="flex-start">
            <MultiSelect
              label="Secondary metrics"
              description="Also reported"
              searchable
              data={others(form.guardrailMetrics)}
              value={form.secondaryMetrics}
              onChange={(keys) => set('secondaryMetrics', keys)}
              error={serverError('secondaryMetrics')}
            />
            <MultiSelect
              label="Guardrail metrics"
              description="Must not get worse"
              searchable
              data={others(form.secondaryMetrics)}
              value={form.guardrailMetrics}
              onChange={(keys) => set('guardrailMetrics', keys)}
              error={serverError('guardrailMetrics')}
            />
          </Group>
          <Textarea
            label="Hypothesis"
            placeholder="The one-page checkout lifts completed checkouts by at least 5 % without hurting revenue"
            autosize
            minRows={2}
            maxRows={6}
            value={form.hypothesis}
            onChange={(event) => set('hypothesis', event.currentTarget.value)}
            error={serverError('hypothesis')}
          />
          <TextInput
            label="Minimum detectable effect (%)"
            description="The smallest relative change worth detecting: 5 for +5 %. Used to estimate how long it needs"
            placeholder="5"
            inputMode="decimal"
            value={form.minimumDetectableEffect}
            onChange={(event) => set('minimumDetectableEffect', event.currentTarget.value)}
            error={local.minimumDetectableEffect ?? serverError('minimumDetectableEffect')}
            maw={360}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {existing ? 'Save' : 'Create experiment'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
