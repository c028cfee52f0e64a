import { Badge, Group } from '@mantine/core';
import { ROLE_WORDS, type RoleBinding, scopeWords } from './member-model';

const COLORS = { owner: 'grape.9', admin: 'indigo.9', editor: 'teal.9', viewer: 'gray.7' } as const;

/** Grants as badges: "Editor · project default", "Viewer · default / production". */
export function GrantList({ roles }: { roles: readonly RoleBinding[] }) {
  if (roles.length === 0)
    return (
      <Badge variant="outline" color="gray.7" tt="none">
        No role
      </Badge>
    );
  return (
    <Group gap={4}>
      {roles.map((binding) => (
        <Badge
          key={`${binding.project ?? ''}/${binding.environment ?? ''}`}
          variant="outline"
          color={COLORS[binding.role]}
          tt="none"
          data-testid="grant-badge"
        >
          {ROLE_WORDS[binding.role].label} · {binding.project === undefined ? 'organisation' : scopeWords(binding)}
        </Badge>
      ))}
    </Group>
  );
}
