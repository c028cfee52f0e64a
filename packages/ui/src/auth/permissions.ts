// The server's own rules (a module with no imports), not a copy: what the console shows can never
// drift from what the API allows. The server still decides; this only hides controls a member
// could not use (CONSOLE.md: viewers see no edit controls, not disabled ones).
import { type Action, allows } from '../../../server/src/auth/roles';
import type { Member } from '../api/session';

export type { Action };

export interface PermissionScope {
  project?: string;
  environment?: string;
}

/** Whether the signed-in member may do `action` in `scope` (the most specific role binding wins). */
export function can(member: Member | null | undefined, action: Action, scope: PermissionScope): boolean {
  if (!member) return false;
  return allows(member.roles, action, scope);
}
