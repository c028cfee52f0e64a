import { describe, expect, it } from 'vitest';
import type { UserFlag } from '../../src/api/users';
import {
  attributeLines,
  attributesSummary,
  evaluationOf,
  flagsMatching,
  privateSummary,
  testFlagPath,
  userFiltersFromParams,
  userPath,
} from '../../src/users/user-model';

describe('the users pages’ helpers', () => {
  it('reads the search and the kind from the URL, trimmed, empty when absent', () => {
    expect(userFiltersFromParams(new URLSearchParams('env=production&q=%20acme%20&kind=organization'))).toEqual({
      q: 'acme',
      kind: 'organization',
    });
    expect(userFiltersFromParams(new URLSearchParams('env=production'))).toEqual({ q: '', kind: '' });
  });

  it('addresses a user by kind and key, encoded, keeping the environment', () => {
    expect(userPath('default', 'user', 'team/ada b', 'production')).toBe(
      '/projects/default/users/user/team%2Fada%20b?env=production',
    );
    expect(userPath('default', 'device', 'd-1', undefined)).toBe('/projects/default/users/device/d-1');
  });

  it('shows attributes by name, text as it is and everything else as JSON', () => {
    const attributes = { plan: 'pro', seats: 3, beta: true, address: { city: 'Paris' }, tags: ['a'], nick: null };
    expect(attributeLines(attributes)).toEqual([
      { name: 'address', value: '{"city":"Paris"}' },
      { name: 'beta', value: 'true' },
      { name: 'nick', value: 'null' },
      { name: 'plan', value: 'pro' },
      { name: 'seats', value: '3' },
      { name: 'tags', value: '["a"]' },
    ]);
    expect(attributesSummary(attributes, 2)).toBe('address: {"city":"Paris"} · beta: true · 4 more');
    expect(attributesSummary({ plan: 'pro' })).toBe('plan: pro');
    expect(attributesSummary({})).toBe('No attributes reported');
  });

  it('shows private attributes by name only, hidden, a path beside the attribute it is in', () => {
    expect(attributeLines({ plan: 'pro', address: { city: 'Paris' } }, ['ssn', '/address/street', 'email'])).toEqual([
      { name: 'address', value: '{"city":"Paris"}' },
      { name: '/address/street', value: '', hidden: true },
      { name: 'email', value: '', hidden: true },
      { name: 'plan', value: 'pro' },
      { name: 'ssn', value: '', hidden: true },
    ]);
    expect(privateSummary([])).toBe('');
    expect(privateSummary(['ssn'])).toBe('ssn — private, never stored');
    expect(privateSummary(['/address/street', 'email', 'phone', 'ssn'], 2)).toBe(
      '/address/street, email +2 more — private, never stored',
    );
  });

  it('turns a flag’s answer into the test panel’s evaluation, the code’s default when no variation is served', () => {
    const steps = [{ step: 'switch', on: true }];
    const served: UserFlag = {
      key: 'checkout',
      type: 'boolean',
      result: { value: true, variation: 'on', reason: 'TARGETING_MATCH', allocation: 'beta' },
      steps,
    };
    expect(evaluationOf(served)).toEqual({
      value: true,
      variation: 'on',
      reason: 'TARGETING_MATCH',
      allocation: 'beta',
      trace: steps,
    });
    const none: UserFlag = {
      key: 'banner',
      type: 'string',
      result: { reason: 'ERROR', errorCode: 'GENERAL', errorMessage: 'no fallthrough' },
      steps: [],
    };
    expect(evaluationOf(none)).toEqual({
      value: null,
      variation: null,
      reason: 'ERROR',
      errorCode: 'GENERAL',
      errorMessage: 'no fallthrough',
      trace: [],
    });
  });

  it('finds flags by key or name, any case, in the server’s order', () => {
    const flags = [
      { key: 'new-checkout', name: 'New checkout' },
      { key: 'banner' },
      { key: 'dark-mode', name: 'Checkout theme' },
    ];
    expect(flagsMatching(flags, 'CHECKOUT').map((flag) => flag.key)).toEqual(['new-checkout', 'dark-mode']);
    expect(flagsMatching(flags, '  ')).toEqual(flags);
    expect(flagsMatching(flags, 'zzz')).toEqual([]);
  });

  it('links to a flag’s test panel with the user as the context, kind and key winning over attributes', () => {
    const path = testFlagPath(
      'default',
      'new-checkout',
      { kind: 'user', key: 'ada', attributes: { plan: 'pro', key: 'spoofed' } },
      'staging',
    );
    const url = new URL(path, 'http://x');
    expect(url.pathname).toBe('/projects/default/flags/new-checkout');
    expect(url.searchParams.get('env')).toBe('staging');
    expect(JSON.parse(url.searchParams.get('context') ?? '')).toEqual({ plan: 'pro', kind: 'user', key: 'ada' });
  });
});
