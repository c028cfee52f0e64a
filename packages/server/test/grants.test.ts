import { describe, expect, it } from 'vitest';
import { grantBeyondHolder } from '../src/auth/grants.js';
import { allows, effectiveRole, policyAllows, ROLE_POLICIES, type RoleBinding } from '../src/auth/roles.js';

const owner: RoleBinding[] = [{ role: 'owner' }];
const projectEditor: RoleBinding[] = [{ role: 'editor', project: 'shop' }];
const productionEditor: RoleBinding[] = [{ role: 'editor', project: 'shop', environment: 'production' }];
const editorButViewerInProduction: RoleBinding[] = [
  { role: 'editor', project: 'shop' },
  { role: 'viewer', project: 'shop', environment: 'production' },
];

describe('roles', () => {
  it('lets the most specific binding win', () => {
    expect(effectiveRole(editorButViewerInProduction, { project: 'shop', environment: 'staging' })).toBe('editor');
    expect(effectiveRole(editorButViewerInProduction, { project: 'shop', environment: 'production' })).toBe('viewer');
    expect(effectiveRole(editorButViewerInProduction, { project: 'blog' })).toBeUndefined();
    expect(effectiveRole(editorButViewerInProduction, {})).toBeUndefined();
  });

  it('lets a role on one environment look at its project, and nothing more there', () => {
    expect(effectiveRole(productionEditor, { project: 'shop' })).toBe('viewer');
    expect(effectiveRole(productionEditor, { project: 'shop', environment: 'staging' })).toBeUndefined();
    expect(allows(productionEditor, 'flag:write', { project: 'shop', environment: 'production' })).toBe(true);
    expect(allows(productionEditor, 'flag:write', { project: 'shop' })).toBe(false);
    expect(allows(productionEditor, 'flag:read', { project: 'shop' })).toBe(true);
  });

  it('reads policies as statements where a deny beats any allow', () => {
    expect(policyAllows(ROLE_POLICIES.admin, 'sdk-key:manage')).toBe(true);
    expect(policyAllows(ROLE_POLICIES.admin, 'member:manage')).toBe(false);
    expect(policyAllows(ROLE_POLICIES.editor, 'flag:write')).toBe(true);
    expect(policyAllows(ROLE_POLICIES.editor, 'environment:manage')).toBe(false);
    expect(policyAllows(ROLE_POLICIES.viewer, 'audit:read')).toBe(true);
    expect(policyAllows(ROLE_POLICIES.viewer, 'segment:write')).toBe(false);
    expect(policyAllows([{ effect: 'allow', actions: ['flag:*'], resources: ['segment'] }], 'flag:read')).toBe(false);
    expect(
      policyAllows(
        [
          { effect: 'allow', actions: ['*'] },
          { effect: 'deny', actions: ['*:read'] },
        ],
        'flag:read',
      ),
    ).toBe(false);
  });
});

describe('granting roles', () => {
  it('lets an owner grant anything', () => {
    expect(
      grantBeyondHolder(owner, [{ role: 'owner' }, { role: 'viewer', project: 'shop', environment: 'production' }]),
    ).toBe(-1);
  });

  it('lets a project’s editor grant up to editor in that project only', () => {
    expect(
      grantBeyondHolder(projectEditor, [
        { role: 'viewer', project: 'shop' },
        { role: 'editor', project: 'shop', environment: 'staging' },
      ]),
    ).toBe(-1);
    expect(
      grantBeyondHolder(projectEditor, [
        { role: 'viewer', project: 'shop' },
        { role: 'admin', project: 'shop' },
      ]),
    ).toBe(1);
    expect(grantBeyondHolder(projectEditor, [{ role: 'viewer' }])).toBe(0);
    expect(grantBeyondHolder(projectEditor, [{ role: 'viewer', project: 'blog' }])).toBe(0);
  });

  it('keeps an environment’s editor within that environment', () => {
    expect(grantBeyondHolder(productionEditor, [{ role: 'editor', project: 'shop', environment: 'production' }])).toBe(
      -1,
    );
    // A viewer of the whole project would see staging, which the holder cannot.
    expect(grantBeyondHolder(productionEditor, [{ role: 'viewer', project: 'shop' }])).toBe(0);
    expect(grantBeyondHolder(productionEditor, [{ role: 'viewer', project: 'shop', environment: 'staging' }])).toBe(0);
  });

  it('respects a weaker role on a named environment', () => {
    expect(grantBeyondHolder(editorButViewerInProduction, [{ role: 'editor', project: 'shop' }])).toBe(0);
    expect(
      grantBeyondHolder(editorButViewerInProduction, [
        { role: 'editor', project: 'shop' },
        { role: 'viewer', project: 'shop', environment: 'production' },
      ]),
    ).toBe(-1);
  });
});
