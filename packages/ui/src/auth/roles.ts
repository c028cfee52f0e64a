import type { Member } from '../api/session';

type RoleBinding = Member['roles'][number];

const ROLE_NAMES: Record<RoleBinding['role'], string> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  viewer: 'Viewer',
};

/** A member's roles in words: "Owner", "Editor on default", "Viewer on default / production". */
export function describeRoles(roles: readonly RoleBinding[]): string {
  if (roles.length === 0) return 'No role';
  return roles.map(describeRole).join(', ');
}

function describeRole(binding: RoleBinding): string {
  const role = ROLE_NAMES[binding.role];
  if (binding.project === undefined) return role;
  return `${role} on ${binding.project}${binding.environment === undefined ? '' : ` / ${binding.environment}`}`;
}
