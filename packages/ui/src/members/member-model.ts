/**
 * The members page's decisions, apart from rendering: what a role allows (from the server's own
 * policy statements), what a member may do where once every grant is weighed, the last owner, the
 * grant editor's rows, and the page's URL state.
 */
import {
  type Action,
  effectiveRole,
  policyAllows,
  ROLE_POLICIES,
  ROLES,
  type Role,
  type RoleBinding,
} from '../../../server/src/auth/roles';
import { isProblem } from '../api/problem';

export type { Role, RoleBinding };
export { ROLES };

export const ROLE_WORDS: Record<Role, { label: string; summary: string }> = {
  owner: { label: 'Owner', summary: 'Everything, including members, service tokens and the organisation itself' },
  admin: { label: 'Admin', summary: 'Everything in its scope except members, service tokens and the organisation' },
  editor: { label: 'Editor', summary: 'Reads everything; creates and changes flags, segments and metrics' },
  viewer: { label: 'Viewer', summary: 'Reads everything, changes nothing' },
};

/** Where a grant applies; an action is checked at one of these. */
export type Level = 'organization' | 'project' | 'environment';
const DEPTH: Record<Level, number> = { organization: 0, project: 1, environment: 2 };
export const LEVEL_WORDS: Record<Level, string> = {
  organization: 'Organisation',
  project: 'Project',
  environment: 'Environment',
};

export interface Capability {
  label: string;
  /** All of these, as the server names them. */
  actions: Action[];
  /** The scope the server checks them at: a grant narrower than this never gives them. */
  level: Level;
}

/** What a person may do, in words, with the actions and the scope the server checks for each. */
export const CAPABILITIES: readonly Capability[] = [
  { label: 'See the members', actions: ['member:read'], level: 'organization' },
  { label: 'Invite, change and remove members', actions: ['member:manage'], level: 'organization' },
  { label: 'Create service tokens, see every token', actions: ['api-token:manage'], level: 'organization' },
  { label: 'Rename the organisation', actions: ['organization:update'], level: 'organization' },
  { label: 'Create projects', actions: ['project:create'], level: 'organization' },
  {
    label: 'See flags, segments, metrics and environments',
    actions: ['flag:read', 'segment:read', 'metric:read', 'environment:read'],
    level: 'project',
  },
  {
    label: 'Create and change flags, segments and metrics',
    actions: ['flag:write', 'segment:write', 'metric:write'],
    level: 'project',
  },
  { label: 'Create and reorder environments', actions: ['environment:manage'], level: 'project' },
  { label: 'Rename the project', actions: ['project:update'], level: 'project' },
  { label: 'Delete the project', actions: ['project:delete'], level: 'project' },
  { label: 'Turn flags on and off, change targeting', actions: ['flag:write'], level: 'environment' },
  { label: 'See users and the audit log', actions: ['user:read', 'audit:read'], level: 'environment' },
  { label: 'Manage SDK keys', actions: ['sdk-key:manage'], level: 'environment' },
  { label: 'Change or delete the environment', actions: ['environment:manage'], level: 'environment' },
  { label: 'Import from Eppo', actions: ['import:run'], level: 'environment' },
];

/** Whether a role's policy statements allow every action of a capability. */
export function roleAllows(role: Role, capability: Capability): boolean {
  return capability.actions.every((action) => policyAllows(ROLE_POLICIES[role], action));
}

export function levelOf(binding: RoleBinding): Level {
  if (binding.project === undefined) return 'organization';
  return binding.environment === undefined ? 'project' : 'environment';
}

/** What one grant allows where it applies: a role on a project gives nothing the organisation checks. */
export function grantCapabilities(binding: RoleBinding): Capability[] {
  const depth = DEPTH[levelOf(binding)];
  return CAPABILITIES.filter((capability) => DEPTH[capability.level] >= depth && roleAllows(binding.role, capability));
}

/** A grant's scope in words: "the organisation", "project default", "default / production". */
export function scopeWords(binding: Pick<RoleBinding, 'project' | 'environment'>): string {
  if (binding.project === undefined) return 'the whole organisation';
  if (binding.environment === undefined) return `project ${binding.project}`;
  return `${binding.project} / ${binding.environment}`;
}

/** One grant in a sentence: "Editor on project default: create and change flags, segments and metrics, …". */
export function describeGrant(binding: RoleBinding): string {
  const head = `${ROLE_WORDS[binding.role].label} on ${scopeWords(binding)}`;
  const depth = DEPTH[levelOf(binding)];
  const applicable = CAPABILITIES.filter((capability) => DEPTH[capability.level] >= depth);
  if (grantCapabilities(binding).length === applicable.length) return `${head}: everything there`;
  const can = grantCapabilities(binding)
    .filter((capability) => !capability.label.startsWith('See '))
    .map((capability) => capability.label.charAt(0).toLowerCase() + capability.label.slice(1));
  return can.length === 0 ? `${head}: read only` : `${head}: reads, and may ${can.join('; ')}`;
}

export interface ProjectEnvironments {
  project: string;
  environments: readonly string[];
}

export interface AccessRow {
  project: string;
  environment: string;
  /** The role that applies there, or none. */
  role: Role | undefined;
  /** Which grant decided: the environment's own, the project's, or the organisation's. */
  decidedBy: Level | undefined;
}

/**
 * Where a set of grants leaves someone, environment by environment, as the server decides it (the
 * most specific grant wins): the projects they reach, each of its environments with its role.
 */
export function effectiveAccess(
  bindings: readonly RoleBinding[],
  projects: readonly ProjectEnvironments[],
): AccessRow[] {
  const orgWide = bindings.some((binding) => binding.project === undefined);
  const rows: AccessRow[] = [];
  for (const { project, environments } of projects) {
    if (!orgWide && !bindings.some((binding) => binding.project === project)) continue;
    for (const environment of environments) {
      const role = effectiveRole(bindings, { project, environment });
      const decidedBy = bindings.some((b) => b.project === project && b.environment === environment)
        ? 'environment'
        : bindings.some((b) => b.project === project && b.environment === undefined)
          ? 'project'
          : role === undefined
            ? undefined
            : 'organization';
      rows.push({ project, environment, role, decidedBy });
    }
  }
  return rows;
}

/** Whether the grants make someone an owner of the whole organisation. */
export function ownsOrganization(bindings: readonly RoleBinding[]): boolean {
  return bindings.some((binding) => binding.role === 'owner' && binding.project === undefined);
}

/** The member is the organisation's only owner: removing or demoting them would leave nobody to manage it. */
export function isLastOwner(
  member: { id: string; roles: readonly RoleBinding[] },
  members: readonly { id: string; roles: readonly RoleBinding[] }[],
): boolean {
  return (
    ownsOrganization(member.roles) && !members.some((other) => other.id !== member.id && ownsOrganization(other.roles))
  );
}

/** A row of the grant editor: '' is "all projects" or "all environments". */
export interface GrantDraft {
  role: Role;
  project: string;
  environment: string;
}

export function draftsOf(bindings: readonly RoleBinding[]): GrantDraft[] {
  return bindings.map((binding) => ({
    role: binding.role,
    project: binding.project ?? '',
    environment: binding.environment ?? '',
  }));
}

export function bindingsOf(drafts: readonly GrantDraft[]): RoleBinding[] {
  return drafts.map(({ role, project, environment }) => ({
    role,
    ...(project === '' ? {} : { project }),
    ...(project === '' || environment === '' ? {} : { environment }),
  }));
}

/** The server's message for one part of a grant (`roles[1].environment`), or for the grant as a whole. */
export function grantError(
  error: unknown,
  field: string,
  index: number,
  part?: 'role' | 'project' | 'environment',
): string | undefined {
  if (!isProblem(error)) return undefined;
  return part === undefined ? error.fieldError(`${field}[${index}]`) : error.fieldError(`${field}[${index}].${part}`);
}

/** Every field path a grant editor shows at its rows, so the form lists only the others above it. */
export function grantFieldPaths(field: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => [
    `${field}[${index}]`,
    `${field}[${index}].role`,
    `${field}[${index}].project`,
    `${field}[${index}].environment`,
  ]).flat();
}

/** Members whose name or email contains the search, ignoring case. */
export function filterMembers<T extends { name: string; email: string }>(members: readonly T[], search: string): T[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return [...members];
  return members.filter(
    (member) => member.name.toLowerCase().includes(needle) || member.email.toLowerCase().includes(needle),
  );
}

export const MEMBER_TABS = ['members', 'invitations'] as const;
export type MemberTab = (typeof MEMBER_TABS)[number];

/** The tab a `?tab=` names; anything else is the member list. */
export function parseMemberTab(value: string | null): MemberTab {
  return MEMBER_TABS.find((tab) => tab === value) ?? 'members';
}

export const INVITATION_DAYS = [1, 3, 7, 14, 30] as const;
