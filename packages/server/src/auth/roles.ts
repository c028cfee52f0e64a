/**
 * Roles and what they allow, decided here and nowhere else.
 *
 * A binding grants a role on the whole organisation, one project, or one environment of a
 * project; in a given scope the most specific binding wins, so "editor on the project, viewer on
 * production" reads as it says. A role is a list of policy statements (effect, actions,
 * resources), so custom roles only need to store statements: nothing else changes.
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

/** What a request does, as `<resource>:<verb>`. */
export const ACTIONS = [
  'organization:read',
  'organization:update',
  'project:read',
  'project:create',
  'project:update',
  'project:delete',
  'environment:read',
  'environment:manage',
  'flag:read',
  'flag:write',
  'segment:read',
  'segment:write',
  'metric:read',
  'metric:write',
  'experiment:read',
  'experiment:write',
  'sdk-key:manage',
  'import:run',
  'audit:read',
  'user:read',
  'member:read',
  'member:manage',
  'api-token:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * One statement of a policy. `actions` and `resources` are patterns where `*` stands for any run of
 * characters (`flag:*`, `*:read`). Resources are `<type>` names for now: the binding already says
 * which organisation, project or environment a statement applies to. A `deny` beats any `allow`.
 */
export interface PolicyStatement {
  effect: 'allow' | 'deny';
  actions: string[];
  resources?: string[];
}

/** Actions that hand out power or reach beyond the project: the owner's alone. */
const OWNERS_ONLY = ['organization:update', 'project:create', 'project:delete', 'member:manage', 'api-token:manage'];

export const ROLE_POLICIES: Record<Role, readonly PolicyStatement[]> = {
  owner: [{ effect: 'allow', actions: ['*'] }],
  admin: [
    { effect: 'allow', actions: ['*'] },
    { effect: 'deny', actions: OWNERS_ONLY },
  ],
  editor: [{ effect: 'allow', actions: ['*:read', 'flag:*', 'segment:*', 'metric:*', 'experiment:*'] }],
  viewer: [{ effect: 'allow', actions: ['*:read'] }],
};

export interface Scope {
  project?: string;
  environment?: string;
}

/** Whether a policy allows an action: some statement allows it and none denies it. */
export function policyAllows(statements: readonly PolicyStatement[], action: Action): boolean {
  const resource = action.slice(0, action.indexOf(':'));
  let allowed = false;
  for (const statement of statements) {
    if (!statement.actions.some((pattern) => matches(pattern, action))) continue;
    if (statement.resources && !statement.resources.some((pattern) => matches(pattern, resource))) continue;
    if (statement.effect === 'deny') return false;
    allowed = true;
  }
  return allowed;
}

/**
 * The role that applies in a scope: environment binding, else project binding, else organisation.
 * Someone granted a role only on some environments of a project may still look at the project
 * (its flags, segments, environments): they cannot work in an environment without seeing them.
 */
export function effectiveRole(bindings: readonly RoleBinding[], scope: Scope): Role | undefined {
  let best: { role: Role; specificity: number } | undefined;
  for (const binding of bindings) {
    const specificity = specificityIn(binding, scope);
    if (specificity < 0) continue;
    if (
      !best ||
      specificity > best.specificity ||
      (specificity === best.specificity && rank(binding.role) < rank(best.role))
    ) {
      best = { role: binding.role, specificity };
    }
  }
  if (
    !best &&
    scope.project !== undefined &&
    scope.environment === undefined &&
    bindings.some((binding) => binding.project === scope.project)
  )
    return 'viewer';
  return best?.role;
}

export function allows(bindings: readonly RoleBinding[], action: Action, scope: Scope): boolean {
  const role = effectiveRole(bindings, scope);
  return role !== undefined && policyAllows(ROLE_POLICIES[role], action);
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

const patterns = new Map<string, RegExp>();
function matches(pattern: string, value: string): boolean {
  if (pattern === '*' || pattern === value) return true;
  if (!pattern.includes('*')) return false;
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    patterns.set(pattern, regex);
  }
  return regex.test(value);
}
