import { effectiveRole, ROLES, type Role, type RoleBinding, type Scope } from '../auth/roles.js';

/**
 * The index of the first of `granted` that would give more than `holder` has somewhere, or -1:
 * no one hands out more power than they hold. Roles only change at the scopes some binding names
 * (a scope nobody names takes its parent's role), so comparing the two there compares them everywhere.
 */
export function grantBeyondHolder(holder: readonly RoleBinding[], granted: readonly RoleBinding[]): number {
  const named: Scope[] = [...holder, ...granted].map(({ project, environment }) => ({ project, environment }));
  const scopes: Scope[] = [{}, ...named];
  for (const scope of scopes) {
    const given = effectiveRole(granted, scope);
    if (given === undefined) continue;
    const held = effectiveRole(holder, scope);
    if (held === undefined || stronger(given, held)) {
      // A binding that gives that role there, to name in the refusal.
      return granted.findIndex((binding) => binding.role === given && effectiveRole([binding], scope) === given);
    }
  }
  return -1;
}

function stronger(role: Role, than: Role): boolean {
  return ROLES.indexOf(role) < ROLES.indexOf(than);
}
