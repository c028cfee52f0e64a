import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../components/use-page-title';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';

/** `/projects/:project/flags/:flag`: one flag (a placeholder until the flag page is built). */
export function FlagPage() {
  const { project = '', flag = '' } = useParams();
  const [environment] = useSelectedEnvironmentKey();
  usePageTitle(`${flag} · ${project}`);
  return (
    <Stack>
      <Anchor component={Link} to={projectPath(project, 'flags', environment)} size="sm">
        ← Flags
      </Anchor>
      <Title order={1} ff="monospace">
        {flag}
      </Title>
      <Text c="dimmed">The flag's targeting in {environment} will be shown here.</Text>
    </Stack>
  );
}
