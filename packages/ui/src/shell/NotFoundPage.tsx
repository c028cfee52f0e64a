import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../components/use-page-title';

/** Any address the console has no page for. */
export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Stack maw={560}>
      <Title order={1}>Page not found</Title>
      <Text>There is no page at this address. It may have moved, or the link may be incomplete.</Text>
      <Anchor component={Link} to="/">
        Go to your flags
      </Anchor>
    </Stack>
  );
}
