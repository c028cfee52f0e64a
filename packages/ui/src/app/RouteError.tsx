import { Alert, Anchor, Button, Center, Group, Stack, Text } from '@mantine/core';
import { useRouteError } from 'react-router';

/**
 * A page that failed to render. The usual cause after a deployment is a page's code that no longer
 * exists on the server (its file name changed), which reloading fixes.
 */
export function RouteError() {
  const error = useRouteError();
  const stale = error instanceof TypeError && /dynamically imported module|import/i.test(error.message);
  return (
    <Center mih="60vh" p="md" component="main">
      <Alert color="red" title="This page could not be shown" role="alert" maw={560}>
        <Stack gap="sm">
          <Text size="sm">
            {stale
              ? 'The console was updated since this page was opened. Reload to get the new version.'
              : 'Something unexpected went wrong while showing this page. Reload it; if it keeps failing, go back to your flags.'}
          </Text>
          <Group gap="sm">
            <Button size="xs" onClick={() => window.location.reload()}>
              Reload
            </Button>
            <Anchor href="/" size="sm">
              Go to your flags
            </Anchor>
          </Group>
        </Stack>
      </Alert>
    </Center>
  );
}
