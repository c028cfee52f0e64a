import { Accordion, Table, Text, VisuallyHidden } from '@mantine/core';
import { CAPABILITIES, LEVEL_WORDS, ROLE_WORDS, ROLES, roleAllows } from './member-model';

/**
 * What each role allows, read from the roles' policy statements (the server's own module), with the
 * scope each is checked at: a role on a project or environment gives nothing the organisation checks.
 */
export function RoleMatrix() {
  return (
    <Accordion variant="contained" chevronPosition="left">
      <Accordion.Item value="roles">
        <Accordion.Control>What each role allows</Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" mb="sm">
            A grant gives its role on the whole organisation, one project, or one environment of a project. Where grants
            overlap, the most specific one wins, so “Editor on a project, Viewer on its production” means exactly that.
            Anyone with a grant inside a project may look at it. What the organisation checks needs a grant on the
            organisation.
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="What each role allows" withTableBorder withColumnBorders verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Needs a grant on</Table.Th>
                  {ROLES.map((role) => (
                    <Table.Th key={role} ta="center">
                      {ROLE_WORDS[role].label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {CAPABILITIES.map((capability) => (
                  <Table.Tr key={`${capability.level}:${capability.label}`}>
                    <Table.Td>{capability.label}</Table.Td>
                    <Table.Td>
                      {capability.level === 'organization'
                        ? 'the organisation'
                        : `the ${LEVEL_WORDS[capability.level].toLowerCase()} or wider`}
                    </Table.Td>
                    {ROLES.map((role) => (
                      <Table.Td key={role} ta="center">
                        {roleAllows(role, capability) ? (
                          <>
                            <span aria-hidden>✓</span>
                            <VisuallyHidden>yes</VisuallyHidden>
                          </>
                        ) : (
                          <>
                            <Text span c="dimmed" aria-hidden>
                              —
                            </Text>
                            <VisuallyHidden>no</VisuallyHidden>
                          </>
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
