import { Center, Group, Loader, Text } from '@mantine/core';

/** While a page's data loads; every request gives up after 30 s, so this never stays for good. */
export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" data-page-loading>
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}
