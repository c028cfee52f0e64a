import { Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { environmentsQuery } from '../api/environments';
import { useProjects } from '../api/projects';
import { effectiveAccess, LEVEL_WORDS, ROLE_WORDS, type RoleBinding } from './member-model';

/**
 * Where a set of grants leaves someone, environment by environment, as the server will decide it:
 * "default / production — Viewer (its own grant)". Read before saving, it shows what the grants mean.
 */
export function EffectiveAccess({ roles }: { roles: readonly RoleBinding[] }) {
  const projects = useProjects();
  const keys = (projects.data ?? []).map((project) => project.key);
  const environments = useQueries({ queries: keys.map((key) => environmentsQuery(key)) });
  const rows = effectiveAccess(
    roles,
    keys.map((project, index) => ({
      project,
      environments: environments[index]?.data?.map((environment) => environment.key) ?? [],
    })),
  );
  if (rows.length === 0) return null;
  return (
    <Table aria-label="What these grants allow, per environment" withTableBorder verticalSpacing={4} fz="sm">
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
        <Text size="sm" fw={600} c="var(--mantine-color-text)">
          Where this leaves them
        </Text>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Project</Table.Th>
          <Table.Th>Environment</Table.Th>
          <Table.Th>Role there</Table.Th>
          <Table.Th>Decided by the grant on</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={`${row.project}/${row.environment}`}
            data-testid="access"
            data-scope={`${row.project}/${row.environment}`}
          >
            <Table.Td>{row.project}</Table.Td>
            <Table.Td>{row.environment}</Table.Td>
            <Table.Td>{row.role === undefined ? 'No access' : ROLE_WORDS[row.role].label}</Table.Td>
            <Table.Td>{row.decidedBy === undefined ? '—' : LEVEL_WORDS[row.decidedBy].toLowerCase()}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
