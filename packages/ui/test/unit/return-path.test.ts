import { describe, expect, it } from 'vitest';
import { returnPath, signInPath } from '../../src/auth/return-path.js';

describe('the way back after signing in', () => {
  it('keeps a console path with its query and fragment', () => {
    expect(returnPath('/projects/default/flags?env=production')).toBe('/projects/default/flags?env=production');
    expect(returnPath('/projects/a/flags/b#history')).toBe('/projects/a/flags/b#history');
  });

  it('ignores anything that could lead to another origin', () => {
    for (const hostile of [
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      '/\tevil',
      'javascript:alert(1)',
      '',
    ])
      expect(returnPath(hostile), hostile).toBe('/');
    expect(returnPath(null)).toBe('/');
  });

  it('never returns to the sign-in or invitation pages', () => {
    expect(returnPath('/sign-in?returnTo=/x')).toBe('/');
    expect(returnPath('/invitations/accept#vx_inv_x')).toBe('/');
  });

  it('builds the sign-in address from where the member was', () => {
    expect(signInPath({ pathname: '/projects/default/flags', search: '?env=staging' })).toBe(
      '/sign-in?returnTo=%2Fprojects%2Fdefault%2Fflags%3Fenv%3Dstaging',
    );
    expect(signInPath({ pathname: '/', search: '' })).toBe('/sign-in');
  });
});
