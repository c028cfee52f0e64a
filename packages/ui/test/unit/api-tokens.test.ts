import { describe, expect, it } from 'vitest';
import {
  expiresAtFor,
  parseTokenTab,
  type TokenLike,
  tokenStatus,
  tokensOfTab,
} from '../../src/api-tokens/token-model';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const token = (overrides: Partial<TokenLike> & { name: string }) => ({
  kind: 'personal' as const,
  memberId: 'me',
  createdAt: '2026-02-01T00:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  ...overrides,
});

describe('API tokens', () => {
  it('says whether a token works: revoked wins over expired', () => {
    expect(tokenStatus(token({ name: 'a' }), NOW)).toBe('active');
    expect(tokenStatus(token({ name: 'a', expiresAt: '2026-03-01T11:59:59.000Z' }), NOW)).toBe('expired');
    expect(tokenStatus(token({ name: 'a', expiresAt: '2026-03-02T00:00:00.000Z' }), NOW)).toBe('active');
    expect(
      tokenStatus(
        token({ name: 'a', expiresAt: '2026-01-01T00:00:00.000Z', revokedAt: '2025-12-01T00:00:00.000Z' }),
        NOW,
      ),
    ).toBe('revoked');
  });

  it('lists one’s own personal tokens or the service tokens, working ones first, newest first', () => {
    const tokens = [
      token({ name: 'old', createdAt: '2026-01-01T00:00:00.000Z' }),
      token({ name: 'revoked', createdAt: '2026-02-20T00:00:00.000Z', revokedAt: '2026-02-21T00:00:00.000Z' }),
      token({ name: 'new', createdAt: '2026-02-10T00:00:00.000Z' }),
      token({ name: 'someone else’s', memberId: 'other' }),
      token({ name: 'ci', kind: 'service', memberId: null }),
    ];
    expect(tokensOfTab(tokens, 'personal', 'me', NOW).map((each) => each.name)).toEqual(['new', 'old', 'revoked']);
    expect(tokensOfTab(tokens, 'service', 'me', NOW).map((each) => each.name)).toEqual(['ci']);
  });

  it('opens the service tab only for those who may manage service tokens', () => {
    expect(parseTokenTab('service', true)).toBe('service');
    expect(parseTokenTab('service', false)).toBe('personal');
    expect(parseTokenTab(null, true)).toBe('personal');
  });

  it('turns an expiry choice into an instant, or none', () => {
    expect(expiresAtFor('30', NOW)).toBe('2026-03-31T12:00:00.000Z');
    expect(expiresAtFor('never', NOW)).toBeUndefined();
  });
});
