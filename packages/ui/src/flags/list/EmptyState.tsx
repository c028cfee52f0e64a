import { Button, Code, CopyButton, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import type { Environment } from '../../api/environments';
import { useSdkKeys } from '../../api/sdk-keys';
import { nodeSnippet, ofrepSnippet } from './sdk-snippets';

interface NoFlagsYetProps {
  project: string;
  environment: Environment;
  canCreate: boolean;
  canSeeKeys: boolean;
  onCreate: () => void;
}

/** The flag the snippets evaluate: the one the member is about to create, by the look of most first flags. */
const EXAMPLE_FLAG = 'new-checkout';

/**
 * A project without flags teaches the first steps (CONSOLE.md: "empty states teach"): what a flag
 * is for, a button to create one, and the exact code that evaluates it in this environment.
 */
export function NoFlagsYet({ project, environment, canCreate, canSeeKeys, onCreate }: NoFlagsYetProps) {
  const keys = useSdkKeys(project, environment.key, canSeeKeys);
  const serverKey = keys.data?.find((key) => key.kind === 'server' && key.status === 'active');
  const input = {
    origin: window.location.origin,
    environment: environment.key,
    flag: EXAMPLE_FLAG,
    serverKeyHint: serverKey?.hint,
  };
  return (
    <Paper withBorder p="xl" maw={860} data-testid="no-flags">
      <Stack gap="md">
        <Title order={2} size="h3">
          No flags in {project} yet
        </Title>
        <Text>
          A flag lets you ship code switched off and turn it on later — for your team first, then a share of your users,
          then everyone — without deploying again. Each environment ({environment.name} is selected) has its own on/off
          switch and targeting.
        </Text>
        {canCreate ? (
          <Group>
            <Button onClick={onCreate}>Create your first flag</Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            You can view this project; ask an editor or admin to create flags.
          </Text>
        )}
        <Stack gap="xs">
          <Title order={3} size="h5">
            Then evaluate it in your code, in {environment.name}
          </Title>
          <Tabs defaultValue="node" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="node">Node.js (@vexil/node)</Tabs.Tab>
              <Tabs.Tab value="ofrep">OFREP (curl)</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="node" pt="sm">
              <Snippet code={nodeSnippet(input)} />
            </Tabs.Panel>
            <Tabs.Panel value="ofrep" pt="sm">
              <Snippet code={ofrepSnippet(input)} />
            </Tabs.Panel>
          </Tabs>
          {canSeeKeys && keys.isSuccess && serverKey === undefined && (
            <Text size="sm" c="dimmed">
              {environment.name} has no server SDK key yet: create one through the API (`POST …/environments/
              {environment.key}/sdk-keys`).
            </Text>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function Snippet({ code }: { code: string }) {
  return (
    <Stack gap={4} align="flex-start">
      <Code block w="100%" style={{ whiteSpace: 'pre' }}>
        {code}
      </Code>
      <CopyButton value={code}>
        {({ copied, copy }) => (
          <Button size="xs" variant="default" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}
