import { describe, expect, it } from 'vitest';
import { environmentColor, isCritical } from '../../src/environments/colors.js';

describe('environment colours', () => {
  it('make production stand out and give the usual environments their usual colours', () => {
    expect(environmentColor('production')).toBe('red');
    expect(environmentColor('prod-eu')).toBe('red');
    expect(environmentColor('staging')).toBe('orange');
    expect(environmentColor('development')).toBe('teal');
    expect(environmentColor('qa')).toBe('blue');
  });

  it('give any other environment a colour of its own that never changes and is never production’s', () => {
    expect(environmentColor('sandbox')).toBe(environmentColor('sandbox'));
    for (const key of ['sandbox', 'demo', 'perf', 'canary-1', 'canary-2'])
      expect(environmentColor(key)).not.toBe('red');
  });

  it('take the server’s word on critical, and treat production as critical until it says', () => {
    expect(isCritical({ key: 'production' })).toBe(true);
    expect(isCritical({ key: 'production', critical: false })).toBe(false);
    expect(isCritical({ key: 'payments', critical: true })).toBe(true);
    expect(isCritical({ key: 'staging' })).toBe(false);
  });
});
