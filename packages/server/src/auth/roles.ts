/**
 * Roles and what they allow, decided here and nowhere else. A binding grants a role on the whole
 * organisation, one project, or one environment of a project; for a given environment the most
 * specific binding wins, so "editor on the project, viewer on production" reads as it says.
 */
export type Role = 'owner' | 'admin' | 'editor' | 'viewer';

export const ROLES: readonly Role[] = ['owner', 'admin', 'editor', 'viewer'];

export interface RoleBinding {
  role: Role;
  /** Project key; absent means every project of the organisation. */
  project?: string;
  /** Environment key within `project`; absent means every environment. */
  environment?: string;
}

/**
 * - `read`: see flags, segments, environments, audit, users;
 * - `write`: change flags, their environment state, segments;
 * - `manage`: environments, SDK keys, project settings, imports;
 * - `own`: the organisation itself, projects, API tokens and members.
 */
export type Permission = 'read' | 'write' | 'manage' | 'own';

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: ['read', 'write', 'manage', 'own'],
  admin: ['read', 'write', 'manage'],
  editor: ['read', 'write'],
  viewer: ['read'],
};

export interface Scope {
  project?: string;
  environment?: string;
}

/** The role that applies in a scope: environment binding, else project binding, else organisation. */
export function effectiveRole(bindings: readonly RoleBinding[], scope: Scope): Role | undefined {
  let best: { role: Role; specificity: number } | undefined;
  for (const binding of bindings) {
    const specificity = specificityIn(binding, scope);
    if (specificity < 0) continue;
    if (!best || specificity > best.specificity || (specificity === best.specificity && rank(binding.role) < rank(best.role))) {
      best = { role: binding.role, specificity };
    }
  }
  return best?.role;
}

export function allows(bindings: readonly RoleBinding[], permission: Permission, scope: Scope): boolean {
  const role = effectiveRole(bindings, scope);
  return role !== undefined && GRANTS[role].includes(permission);
}

/** Whether a role can see anything in the project (to list projects a member may open). */
export function seesProject(bindings: readonly RoleBinding[], project: string): boolean {
  return bindings.some((binding) => binding.project === undefined || binding.project === project);
}

function specificityIn(binding: RoleBinding, scope: Scope): number {
  if (binding.project === undefined) return 0;
  if (binding.project !== scope.project) return -1;
  if (binding.environment === undefined) return 1;
  return binding.environment === scope.environment ? 2 : -1;
}

function rank(role: Role): number {
  return ROLES.indexOf(role);
}
