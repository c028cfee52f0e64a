/** The API tokens page's decisions, apart from rendering: status, expiry choices, which tokens a tab lists. */

export interface TokenLike {
  kind: 'service' | 'personal';
  memberId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** Revoked (by someone), expired (its date passed), or still working. */
export function tokenStatus(token: TokenLike, now: Date = new Date()): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

export const TOKEN_TABS = ['personal', 'service'] as const;
export type TokenTab = (typeof TOKEN_TABS)[number];

/** The tab `?tab=` names; service tokens only for those who may manage them. */
export function parseTokenTab(value: string | null, mayManageService: boolean): TokenTab {
  return value === 'service' && mayManageService ? 'service' : 'personal';
}

/**
 * The tokens a tab lists: one's own personal tokens, or the organisation's service tokens; those
 * still working first, then the rest, each group newest first.
 */
export function tokensOfTab<T extends TokenLike>(
  tokens: readonly T[],
  tab: TokenTab,
  me: string,
  now = new Date(),
): T[] {
  const shown = tokens.filter((token) =>
    tab === 'service' ? token.kind === 'service' : token.kind === 'personal' && token.memberId === me,
  );
  const working = (token: T) => (tokenStatus(token, now) === 'active' ? 0 : 1);
  return shown.sort((a, b) => working(a) - working(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export const EXPIRY_CHOICES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

/** When a token made now with this choice stops working; undefined for never. */
export function expiresAtFor(choice: ExpiryChoice, now: Date = new Date()): string | undefined {
  if (choice === 'never') return undefined;
  return new Date(now.getTime() + Number(choice) * 24 * 3_600_000).toISOString();
}

export const TOKEN_WORDS: Record<TokenTab, { title: string; description: string }> = {
  personal: {
    title: 'Personal tokens',
    description:
      'Act for you from scripts and tools (vx_pat_…): never more than your own grants, now and later, and they end when you leave the organisation.',
  },
  service: {
    title: 'Service tokens',
    description:
      'For automation that belongs to no one (vx_svc_…): CI, deployments, infrastructure as code. Only owners make them.',
  },
};
