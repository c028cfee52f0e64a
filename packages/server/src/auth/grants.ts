import type { Queryable } from '../db/database.js';
import { problems, type FieldError } from '../http/problems.js';
import type { Actor } from './actor.js';
import { effectiveRole, ROLES, type Role, type RoleBinding, type Scope } from './roles.js';

/** An environment key no binding can name (keys are letters, digits, `-`, `_`, `.`): "any other environment". */
const ANY_OTHER_ENVIRONMENT = '*';

/**
 * The index of the first of `granted` that would give more than `holder` has somewhere, or -1:
 * no one hands out more power than they hold. Roles only change at the scopes some binding names,
 * so comparing the two at the organisation, at each project named, at each environment named and
 * at "any other environment" of each project compares them everywhere.
 */
export function grantBeyondHolder(holder: readonly RoleBinding[], granted: readonly RoleBinding[]): number {
  const bindings = [...holder, ...granted];
  const projects = [...new Set(bindings.flatMap(({ project }) => (project === undefined ? [] : [project])))];
  const scopes: Scope[] = [
    {},
    ...projects.flatMap((project) => [{ project }, { project, environment: ANY_OTHER_ENVIRONMENT }]),
    ...bindings
      .filter((binding) => binding.environment !== undefined)
      .map(({ project, environment }) => ({ project, environment })),
  ];
  for (const scope of scopes) {
    const given = effectiveRole(granted, scope);
    if (given === undefined) continue;
    const held = effectiveRole(holder, scope);
    if (held === undefined || stronger(given, held)) {
      // A binding that gives that role there, to name in the refusal; else one in that project.
      const giving = granted.findIndex(
        (binding) => binding.role === given && effectiveRole([binding], scope) === given,
      );
      return giving >= 0
        ? giving
        : Math.max(
            0,
            granted.findIndex((binding) => binding.project === scope.project),
          );
    }
  }
  return -1;
}

function stronger(role: Role, than: Role): boolean {
  return ROLES.indexOf(role) < ROLES.indexOf(than);
}

/**
 * Checks role bindings someone hands out (to a token, a member, an invitation): 403 when they give
 * more than the giver holds (or, for a personal token's member, than that member holds), 400 when
 * they name projects or environments that do not exist. Returns them in their stored form.
 */
export async function checkedGrant(
  db: Queryable,
  actor: Actor,
  requested: readonly RoleBinding[],
  field = 'roles',
): Promise<RoleBinding[]> {
  const roles = requested.map(
    ({ role, project, environment }): RoleBinding => ({
      role,
      ...(project === undefined ? {} : { project }),
      ...(environment === undefined ? {} : { environment }),
    }),
  );
  for (const holder of [actor.roles, actor.ceiling ?? actor.roles]) {
    const beyond = grantBeyondHolder(holder, roles);
    if (beyond >= 0)
      throw problems.forbidden(
        `${actor.name} may not grant ${field}[${beyond}]: it gives more than ${actor.name} holds there`,
      );
  }
  const errors = await bindingErrors(db, actor.organizationId, roles, field);
  if (errors.length > 0) throw problems.validation(errors);
  return roles;
}

/** Bindings must name projects and environments that exist, and each scope once. */
async function bindingErrors(
  db: Queryable,
  organizationId: string,
  roles: RoleBinding[],
  field: string,
): Promise<FieldError[]> {
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'key'])
    .where('organizationId', '=', organizationId)
    .execute();
  const environments = await db
    .selectFrom('environments')
    .innerJoin('projects', 'projects.id', 'environments.projectId')
    .select(['projects.key as project', 'environments.key as environment'])
    .where('projects.organizationId', '=', organizationId)
    .execute();
  const errors: FieldError[] = [];
  const scopes = new Set<string>();
  roles.forEach((binding, index) => {
    const path = `${field}[${index}]`;
    if (binding.environment !== undefined && binding.project === undefined) {
      errors.push({ path: `${path}.environment`, message: 'needs the project it belongs to' });
    } else if (binding.project !== undefined && !projects.some((project) => project.key === binding.project)) {
      errors.push({ path: `${path}.project`, message: `unknown project "${binding.project}"` });
    } else if (
      binding.environment !== undefined &&
      !environments.some((row) => row.project === binding.project && row.environment === binding.environment)
    ) {
      errors.push({
        path: `${path}.environment`,
        message: `project "${binding.project}" has no environment "${binding.environment}"`,
      });
    }
    const scope = JSON.stringify([binding.project, binding.environment]);
    if (scopes.has(scope)) errors.push({ path, message: 'another role is already given for the same scope' });
    scopes.add(scope);
  });
  return errors;
}
