import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../src/api/problem';
import {
  bindingsOf,
  CAPABILITIES,
  type Capability,
  describeGrant,
  draftsOf,
  effectiveAccess,
  filterMembers,
  grantCapabilities,
  grantError,
  grantFieldPaths,
  isLastOwner,
  parseMemberTab,
  type RoleBinding,
  roleAllows,
  scopeWords,
} from '../../src/members/member-model';

const capability = (label: string): Capability => {
  const found = CAPABILITIES.find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no capability ${label}`);
  return found;
};
const labels = (binding: RoleBinding) => grantCapabilities(binding).map((found) => found.label);

describe('what a role allows, from its policy statements', () => {
  it('gives owners everything, and admins everything but members, service tokens and the organisation', () => {
    expect(CAPABILITIES.every((each) => roleAllows('owner', each))).toBe(true);
    expect(CAPABILITIES.filter((each) => !roleAllows('admin', each)).map((each) => each.label)).toEqual([
      'Invite, change and remove members',
      'Create service tokens, see every token',
      'Rename the organisation',
      'Create projects',
      'Delete the project',
    ]);
  });

  it('lets editors write flags, segments and metrics only, and viewers only read', () => {
    const editor = CAPABILITIES.filter((each) => roleAllows('editor', each)).map((each) => each.label);
    expect(editor).toEqual([
      'See the members',
      'See flags, segments, metrics and environments',
      'Create and change flags, segments and metrics',
      'Turn flags on and off, change targeting',
      'See users and the audit log',
    ]);
    expect(roleAllows('viewer', capability('See the members'))).toBe(true);
    expect(roleAllows('viewer', capability('Turn flags on and off, change targeting'))).toBe(false);
    expect(roleAllows('editor', capability('Manage SDK keys'))).toBe(false);
  });

  it('gives a grant only what is checked at its scope or narrower', () => {
    // An owner of one project cannot manage members: the organisation checks that.
    expect(labels({ role: 'owner', project: 'default' })).not.toContain('Invite, change and remove members');
    expect(labels({ role: 'owner', project: 'default' })).toContain('Delete the project');
    // A grant on one environment gives nothing the project checks.
    expect(labels({ role: 'editor', project: 'default', environment: 'development' })).toEqual([
      'Turn flags on and off, change targeting',
      'See users and the audit log',
    ]);
    expect(labels({ role: 'owner' })).toHaveLength(CAPABILITIES.length);
  });

  it('says a grant in a sentence', () => {
    expect(describeGrant({ role: 'viewer', project: 'default', environment: 'production' })).toBe(
      'Viewer on default / production: read only',
    );
    expect(describeGrant({ role: 'editor', project: 'default' })).toBe(
      'Editor on project default: reads, and may create and change flags, segments and metrics; turn flags on and off, change targeting',
    );
    expect(scopeWords({})).toBe('the whole organisation');
    expect(describeGrant({ role: 'owner' })).toBe('Owner on the whole organisation: everything there');
    expect(describeGrant({ role: 'admin', project: 'default', environment: 'production' })).toBe(
      'Admin on default / production: everything there',
    );
  });
});

describe('where grants leave someone', () => {
  const projects = [
    { project: 'default', environments: ['development', 'staging', 'production'] },
    { project: 'other', environments: ['development'] },
  ];

  it('applies the most specific grant per environment: editor on the project, viewer on production', () => {
    const rows = effectiveAccess(
      [
        { role: 'editor', project: 'default' },
        { role: 'viewer', project: 'default', environment: 'production' },
      ],
      projects,
    );
    expect(rows.map((row) => [row.environment, row.role, row.decidedBy])).toEqual([
      ['development', 'editor', 'project'],
      ['staging', 'editor', 'project'],
      ['production', 'viewer', 'environment'],
    ]);
  });

  it('reaches every project from the organisation, and says where there is no access', () => {
    const rows = effectiveAccess([{ role: 'viewer' }, { role: 'admin', project: 'other' }], projects);
    expect(rows.map((row) => `${row.project}/${row.environment}:${row.role}:${row.decidedBy}`)).toEqual([
      'default/development:viewer:organization',
      'default/staging:viewer:organization',
      'default/production:viewer:organization',
      'other/development:admin:project',
    ]);
    const only = effectiveAccess([{ role: 'editor', project: 'default', environment: 'staging' }], projects);
    expect(only.map((row) => row.role)).toEqual([undefined, 'editor', undefined]);
  });
});

describe('the last owner', () => {
  const owner = { id: 'a', roles: [{ role: 'owner' }] as RoleBinding[] };
  const projectOwner = { id: 'b', roles: [{ role: 'owner', project: 'default' }] as RoleBinding[] };
  it('is the only member owning the whole organisation (a project owner does not count)', () => {
    expect(isLastOwner(owner, [owner, projectOwner])).toBe(true);
    expect(isLastOwner(projectOwner, [owner, projectOwner])).toBe(false);
    const second = { id: 'c', roles: [{ role: 'viewer' }, { role: 'owner' }] as RoleBinding[] };
    expect(isLastOwner(owner, [owner, second])).toBe(false);
  });
});

describe('the grant editor', () => {
  it('turns rows into bindings and back, dropping an environment without its project', () => {
    const bindings: RoleBinding[] = [
      { role: 'owner' },
      { role: 'editor', project: 'default' },
      { role: 'viewer', project: 'default', environment: 'production' },
    ];
    expect(bindingsOf(draftsOf(bindings))).toEqual(bindings);
    expect(bindingsOf([{ role: 'viewer', project: '', environment: 'production' }])).toEqual([{ role: 'viewer' }]);
  });

  it('finds the server’s errors about a row and its parts', () => {
    const problem = new ApiProblem(400, 'Invalid request', undefined, [
      { path: 'roles[1].environment', message: 'project "default" has no environment "qa"' },
      { path: 'roles[0]', message: 'another role is already given for the same scope' },
    ]);
    expect(grantError(problem, 'roles', 1, 'environment')).toBe('Project "default" has no environment "qa"');
    expect(grantError(problem, 'roles', 1, 'project')).toBeUndefined();
    expect(grantError(problem, 'roles', 0)).toBe('Another role is already given for the same scope');
    expect(grantError(new Error('x'), 'roles', 0)).toBeUndefined();
    expect(grantFieldPaths('roles', 1)).toEqual([
      'roles[0]',
      'roles[0].role',
      'roles[0].project',
      'roles[0].environment',
    ]);
  });
});

describe('the page’s URL state', () => {
  it('reads the tab, defaulting to the member list', () => {
    expect(parseMemberTab('invitations')).toBe('invitations');
    expect(parseMemberTab('nonsense')).toBe('members');
    expect(parseMemberTab(null)).toBe('members');
  });

  it('searches name and email, ignoring case and surrounding spaces', () => {
    const members = [
      { name: 'Grace Hopper', email: 'grace@example.com' },
      { name: 'Linus', email: 'linus@acme.org' },
    ];
    expect(filterMembers(members, ' ACME ')).toEqual([members[1]]);
    expect(filterMembers(members, 'hop')).toEqual([members[0]]);
    expect(filterMembers(members, '')).toEqual(members);
  });
});
