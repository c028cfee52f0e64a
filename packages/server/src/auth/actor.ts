import { problems } from '../http/problems.js';
import { allows, seesProject, type Action, type RoleBinding, type Scope } from './roles.js';

/** Who is making a request: recorded in the audit log and checked by `authorize`. */
export interface Actor {
  type: 'admin-token' | 'api-token' | 'member';
  id: string;
  /** How the audit log names the actor: a member's email, a token's name. */
  name: string;
  organizationId: string;
  roles: RoleBinding[];
  /** The member a session or a personal token acts for. */
  memberId?: string;
  /** A personal token never does more than its member may do now: that member's roles. */
  ceiling?: RoleBinding[];
}

/** Whether the actor may do `action` in `scope`: its roles allow it, within its ceiling if any. */
export function actorMay(actor: Actor, action: Action, scope: Scope = {}): boolean {
  return allows(actor.roles, action, scope) && (actor.ceiling === undefined || allows(actor.ceiling, action, scope));
}

/** The single place permissions are checked: 403 naming what was refused, or nothing. */
export function authorize(actor: Actor, action: Action, scope: Scope = {}): void {
  if (!actorMay(actor, action, scope)) {
    const where = scope.environment
      ? `environment ${scope.project}/${scope.environment}`
      : scope.project
        ? `project ${scope.project}`
        : 'the organisation';
    throw problems.forbidden(`${actor.name} may not ${action} in ${where}`);
  }
}

export function canSeeProject(actor: Actor, project: string): boolean {
  return seesProject(actor.roles, project) && (actor.ceiling === undefined || seesProject(actor.ceiling, project));
}
