import { Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { usePageTitle } from '../components/use-page-title';
import { useSelectedEnvironmentKey } from '../environments/selected-environment';

/** `/projects/:project/flags`: the flag list (a placeholder until the list is built). */
export function FlagListPage() {
  const { project = '' } = useParams();
  const [environment] = useSelectedEnvironmentKey();
  usePageTitle(`Flags · ${project}`);
  return (
    <Stack>
      <Title order={1}>Flags</Title>
      <Text c="dimmed">
        The flags of {project} in {environment} will be listed here.
      </Text>
    </Stack>
  );
}
