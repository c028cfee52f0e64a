import { useId } from 'react';
import { Button, Group, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { environmentsQuery } from '../api/environments';
import { useProjects } from '../api/projects';
import { bindingsOf, describeGrant, type GrantDraft, grantError, ROLE_WORDS, ROLES, type Role } from './member-model';

interface GrantsEditorProps {
  /** How the rows are named to assistive technology: "Grants of Grace". */
  label: string;
  value: readonly GrantDraft[];
  onChange(value: GrantDraft[]): void;
  /** The last refusal: its errors about `roles[i]…` show at that row. */
  error: unknown;
  /** The request field the grants go in. */
  field?: string;
  /** Rows that cannot be changed or removed here (the last owner's grant), with why. */
  locked?: (draft: GrantDraft, index: number) => string | undefined;
}

/**
 * Role grants, one row each: a role on the whole organisation, one project, or one environment of
 * a project, with what that grant allows in words beneath it. The most specific grant wins.
 */
export function GrantsEditor({ label, value, onChange, error, field = 'roles', locked }: GrantsEditorProps) {
  const projects = useProjects();
  const change = (index: number, next: Partial<GrantDraft>) =>
    onChange(value.map((draft, at) => (at === index ? { ...draft, ...next } : draft)));
  const remove = (index: number) => onChange(value.filter((_, at) => at !== index));
  const add = () => onChange([...value, { role: 'viewer', project: projects.data?.[0]?.key ?? '', environment: '' }]);
  return (
    <Stack gap="xs">
      <Table aria-label={label} verticalSpacing={6} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Role</Table.Th>
            <Table.Th>Project</Table.Th>
            <Table.Th>Environment</Table.Th>
            <Table.Th w={90}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {value.map((draft, index) => (
            <GrantRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; the index is the grant's place.
              key={index}
              index={index}
              draft={draft}
              projects={projects.data?.map((project) => ({ value: project.key, label: project.name })) ?? []}
              onChange={(next) => change(index, next)}
              onRemove={value.length > 1 ? () => remove(index) : undefined}
              error={error}
              field={field}
              locked={locked?.(draft, index)}
            />
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" size="xs" onClick={add}>
          Add a grant
        </Button>
        <Text size="xs" c="dimmed">
          Where grants overlap, the most specific wins: an environment’s grant over its project’s, a project’s over the
          organisation’s.
        </Text>
      </Group>
    </Stack>
  );
}

interface GrantRowProps {
  index: number;
  draft: GrantDraft;
  projects: { value: string; label: string }[];
  onChange(next: Partial<GrantDraft>): void;
  onRemove: (() => void) | undefined;
  error: unknown;
  field: string;
  locked: string | undefined;
}

function GrantRow({ index, draft, projects, onChange, onRemove, error, field, locked }: GrantRowProps) {
  const messageId = useId();
  const environments = useQuery({ ...environmentsQuery(draft.project), enabled: draft.project !== '' });
  const n = index + 1;
  const [binding] = bindingsOf([draft]);
  const rowError = grantError(error, field, index);
  const knownProject = draft.project === '' || projects.some((project) => project.value === draft.project);
  const projectChoices = [
    { value: '', label: 'All projects (organisation)' },
    ...projects,
    ...(knownProject ? [] : [{ value: draft.project, label: draft.project }]),
  ];
  const environmentChoices = [
    { value: '', label: draft.project === '' ? '—' : 'All environments' },
    ...(environments.data ?? []).map((environment) => ({ value: environment.key, label: environment.name })),
    ...(draft.environment !== '' && !environments.data?.some((environment) => environment.key === draft.environment)
      ? [{ value: draft.environment, label: draft.environment }]
      : []),
  ];
  return (
    <>
      <Table.Tr data-testid="grant" style={{ borderBottom: 'none' }}>
        <Table.Td>
          <NativeSelect
            aria-label={`Role of grant ${n}`}
            size="xs"
            data={ROLES.map((role) => ({ value: role, label: ROLE_WORDS[role].label }))}
            value={draft.role}
            disabled={locked !== undefined}
            onChange={(event) => onChange({ role: event.currentTarget.value as Role })}
            error={grantError(error, field, index, 'role') ?? rowError !== undefined}
            aria-describedby={rowError === undefined ? undefined : messageId}
          />
        </Table.Td>
        <Table.Td>
          <NativeSelect
            aria-label={`Project of grant ${n}`}
            size="xs"
            data={projectChoices}
            value={draft.project}
            disabled={locked !== undefined}
            onChange={(event) => onChange({ project: event.currentTarget.value, environment: '' })}
            error={grantError(error, field, index, 'project') ?? rowError !== undefined}
            aria-describedby={rowError === undefined ? undefined : messageId}
          />
        </Table.Td>
        <Table.Td>
          <NativeSelect
            aria-label={`Environment of grant ${n}`}
            size="xs"
            data={environmentChoices}
            value={draft.environment}
            disabled={locked !== undefined || draft.project === ''}
            onChange={(event) => onChange({ environment: event.currentTarget.value })}
            error={grantError(error, field, index, 'environment') ?? rowError !== undefined}
            aria-describedby={rowError === undefined ? undefined : messageId}
          />
        </Table.Td>
        <Table.Td>
          {onRemove && locked === undefined && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove} aria-label={`Remove grant ${n}`}>
              Remove
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Td colSpan={4} pt={0}>
          <Text id={messageId} size="xs" c={rowError ? 'red.8' : 'dimmed'} data-testid="grant-allows">
            {rowError ?? locked ?? (binding && describeGrant(binding))}
          </Text>
        </Table.Td>
      </Table.Tr>
    </>
  );
}
