/**
 * What the server benchmark loads into the server: one segment and 20 client-side-available flags
 * of every type with realistic targeting (allocations with conditions, splits, a segment, individual
 * targets, a prerequisite, an exposure-limited experiment), and a pool of user contexts to send.
 *
 * The same flags are compiled locally with @vexil/engine, so every HTTP cell first checks that the
 * server serves, for every context of the pool, exactly what the engine computes.
 */
import type { FlagConfig, FlagState, Ruleset, Segment, SingleKindContext, Variation } from '@vexil/engine';
import { prng } from '../scenarios.js';
import { api, type ServerProcess } from './server.js';

export const PROJECT = 'default';
export const ENVIRONMENT = 'development';
/** The flag the propagation measurement turns on and off (it starts off). */
export const PROBE_FLAG = 'maintenance-mode';

const ON_OFF: Variation[] = [
  { key: 'on', value: true },
  { key: 'off', value: false },
];

function strings(...values: string[]): Variation[] {
  return values.map((value) => ({ key: value, value }));
}

type FixtureFlag = FlagConfig & { clientSideAvailable: true };

function flag(key: string, type: FlagConfig['type'], variations: Variation[], state: FlagState): FixtureFlag {
  return { key, type, variations, clientSideAvailable: true, ...state };
}

const EU = ['DE', 'FR', 'NL', 'ES', 'IT', 'SE', 'PL', 'IE', 'AT', 'BE'];
const IPHONE_OR_IPAD = '^Mozilla/5\\.0 \\((iPhone|iPad);';

export const SEGMENT: Segment = {
  key: 'beta-testers',
  name: 'Beta testers',
  included: ['user-00003', 'user-00042', 'user-00117', 'user-00200'],
  excluded: ['user-00005'],
  rules: [
    { clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@vexil.dev'] }] },
    {
      clauses: [
        { attribute: 'plan', operator: 'equals', values: ['enterprise'] },
        { attribute: 'country', operator: 'in', values: ['DE', 'FR', 'NL'] },
      ],
    },
  ],
};

export const FLAGS: FixtureFlag[] = [
  flag('new-checkout', 'boolean', ON_OFF, {
    on: true,
    offVariation: 'off',
    allocations: [
      { id: 'beta', conditions: [{ segment: SEGMENT.key }], serve: { variation: 'on' } },
      {
        id: 'gradual-rollout',
        serve: {
          split: [
            { variation: 'on', weight: 25 },
            { variation: 'off', weight: 75 },
          ],
        },
      },
    ],
    fallthrough: { variation: 'off' },
  }),
  flag('checkout-button-color', 'string', strings('blue', 'green', 'orange'), {
    on: true,
    offVariation: 'blue',
    allocations: [
      {
        id: 'color-experiment',
        conditions: [{ attribute: 'country', operator: 'in', values: ['US', 'CA', 'GB', 'DE', 'FR'] }],
        exposure: 50,
        track: true,
        serve: {
          split: [
            { variation: 'blue', weight: 34 },
            { variation: 'green', weight: 33 },
            { variation: 'orange', weight: 33 },
          ],
        },
      },
    ],
    fallthrough: { variation: 'blue' },
  }),
  flag('pricing-page-v2', 'boolean', ON_OFF, {
    on: true,
    offVariation: 'off',
    allocations: [
      {
        id: 'paid-on-recent-apps',
        conditions: [
          { attribute: 'plan', operator: 'in', values: ['pro', 'enterprise'] },
          { attribute: 'appVersion', operator: 'semver_gte', values: ['2.3.0'] },
        ],
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { variation: 'off' },
  }),
  flag(
    'max-upload-mb',
    'number',
    [
      { key: 'small', value: 10 },
      { key: 'medium', value: 100 },
      { key: 'large', value: 1000 },
    ],
    {
      on: true,
      offVariation: 'small',
      allocations: [
        {
          id: 'enterprise',
          conditions: [{ attribute: 'plan', operator: 'equals', values: ['enterprise'] }],
          serve: { variation: 'large' },
        },
        {
          id: 'pro',
          conditions: [{ attribute: 'plan', operator: 'equals', values: ['pro'] }],
          serve: { variation: 'medium' },
        },
      ],
      fallthrough: { variation: 'small' },
    },
  ),
  flag('search-backend', 'string', strings('legacy', 'elastic', 'vector'), {
    on: true,
    offVariation: 'legacy',
    allocations: [{ id: 'beta', conditions: [{ segment: SEGMENT.key }], serve: { variation: 'vector' } }],
    fallthrough: {
      split: [
        { variation: 'legacy', weight: 50 },
        { variation: 'elastic', weight: 50 },
      ],
    },
  }),
  flag(
    'banner-config',
    'json',
    [
      { key: 'none', value: { show: false } },
      { key: 'eu-cookie', value: { show: true, text: 'We use cookies', color: '#004494', dismissible: true } },
      {
        key: 'sale',
        value: { show: true, text: 'Spring sale: 20% off', color: '#d4380d', dismissible: false, endsAt: '2026-06-01' },
      },
    ],
    {
      on: true,
      offVariation: 'none',
      allocations: [
        {
          id: 'eu',
          conditions: [{ attribute: 'country', operator: 'in', values: EU }],
          serve: { variation: 'eu-cookie' },
        },
        {
          id: 'free-plan-sale',
          conditions: [{ attribute: 'plan', operator: 'equals', values: ['free'] }],
          serve: { variation: 'sale' },
        },
      ],
      fallthrough: { variation: 'none' },
    },
  ),
  flag('ios-app-rating-prompt', 'boolean', ON_OFF, {
    on: true,
    offVariation: 'off',
    allocations: [
      {
        id: 'apple-mobile',
        conditions: [{ attribute: 'userAgent', operator: 'matches', values: [IPHONE_OR_IPAD] }],
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { variation: 'off' },
  }),
  flag('kill-switch-payments', 'boolean', ON_OFF, { on: true, offVariation: 'off', fallthrough: { variation: 'on' } }),
  flag('dark-mode', 'boolean', ON_OFF, { on: true, offVariation: 'off', fallthrough: { variation: 'on' } }),
  flag('onboarding-flow', 'string', strings('classic', 'checklist', 'video'), {
    on: true,
    offVariation: 'classic',
    fallthrough: {
      split: [
        { variation: 'classic', weight: 40 },
        { variation: 'checklist', weight: 40 },
        { variation: 'video', weight: 20 },
      ],
    },
  }),
  flag('email-digest-frequency', 'string', strings('daily', 'weekly', 'never'), {
    on: true,
    offVariation: 'weekly',
    targets: [
      { variation: 'daily', values: ['user-00001', 'user-00002', 'user-00010', 'user-00099'] },
      { variation: 'never', values: ['user-00013'] },
    ],
    fallthrough: { variation: 'weekly' },
  }),
  flag(
    'rate-limit-per-minute',
    'number',
    [
      { key: 'standard', value: 600 },
      { key: 'high', value: 6000 },
    ],
    {
      on: true,
      offVariation: 'standard',
      allocations: [
        {
          id: 'enterprise',
          conditions: [{ attribute: 'plan', operator: 'equals', values: ['enterprise'] }],
          serve: { variation: 'high' },
        },
        {
          id: 'large-teams',
          conditions: [{ attribute: 'seats', operator: 'gte', values: [100] }],
          serve: { variation: 'high' },
        },
      ],
      fallthrough: { variation: 'standard' },
    },
  ),
  flag('legacy-export', 'boolean', ON_OFF, { on: false, offVariation: 'off', fallthrough: { variation: 'on' } }),
  flag('new-dashboard-widgets', 'boolean', ON_OFF, {
    on: true,
    offVariation: 'off',
    allocations: [
      {
        id: 'new-signups',
        conditions: [{ attribute: 'signedUpAt', operator: 'after', values: ['2025-01-01T00:00:00Z'] }],
        exposure: 50,
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { variation: 'off' },
  }),
  flag('recommendations-model', 'string', strings('v2', 'v3', 'v3-large'), {
    on: true,
    offVariation: 'v2',
    allocations: [
      {
        id: 'paid-outside-eu',
        conditions: [
          { attribute: 'country', operator: 'not_in', values: EU },
          { attribute: 'plan', operator: 'not_equals', values: ['free'] },
        ],
        serve: {
          split: [
            { variation: 'v3', weight: 80 },
            { variation: 'v3-large', weight: 20 },
          ],
        },
      },
    ],
    fallthrough: { variation: 'v2' },
  }),
  flag('support-chat', 'boolean', ON_OFF, {
    on: true,
    offVariation: 'off',
    prerequisites: [{ flag: 'kill-switch-payments', variations: ['on'] }],
    allocations: [
      {
        id: 'paying',
        conditions: [{ attribute: 'plan', operator: 'not_equals', values: ['free'] }],
        serve: { variation: 'on' },
      },
      {
        id: 'acme',
        conditions: [{ attribute: 'email', operator: 'contains', values: ['@acme'] }],
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { variation: 'off' },
  }),
  flag('cdn-region', 'string', strings('eu', 'us', 'ap'), {
    on: true,
    offVariation: 'us',
    allocations: [
      { id: 'eu', conditions: [{ attribute: 'country', operator: 'in', values: EU }], serve: { variation: 'eu' } },
      {
        id: 'americas',
        conditions: [{ attribute: 'country', operator: 'in', values: ['US', 'CA', 'MX', 'BR', 'AR'] }],
        serve: { variation: 'us' },
      },
    ],
    fallthrough: { variation: 'ap' },
  }),
  flag(
    'feature-announcements',
    'json',
    [
      { key: 'none', value: [] },
      {
        key: 'latest',
        value: [
          { id: 'ann-42', title: 'Scheduled flag changes', url: '/changelog/42' },
          { id: 'ann-41', title: 'Segments', url: '/changelog/41' },
        ],
      },
    ],
    {
      on: true,
      offVariation: 'none',
      allocations: [
        {
          id: 'recent-app',
          conditions: [{ attribute: 'appVersion', operator: 'semver_gte', values: ['2.0.0'] }],
          serve: { variation: 'latest' },
        },
      ],
      fallthrough: { variation: 'none' },
    },
  ),
  flag('beta-program', 'boolean', ON_OFF, {
    on: true,
    offVariation: 'off',
    allocations: [{ id: 'beta', conditions: [{ segment: SEGMENT.key }], serve: { variation: 'on' } }],
    fallthrough: { variation: 'off' },
  }),
  flag(PROBE_FLAG, 'boolean', ON_OFF, { on: false, offVariation: 'off', fallthrough: { variation: 'on' } }),
];

/** The fixture as the engine sees it, for the sanity check. */
export function fixtureRuleset(): Ruleset {
  return { flags: FLAGS, segments: [SEGMENT] };
}

// ── Contexts ─────────────────────────────────────────────────────────────────────────────────

export const CONTEXT_SEED = 0x5eed_5e7f;
const COUNTRIES = [
  'US',
  'US',
  'US',
  'CA',
  'GB',
  'DE',
  'FR',
  'NL',
  'ES',
  'IT',
  'SE',
  'PL',
  'BR',
  'MX',
  'IN',
  'JP',
  'AU',
  'KR',
  'NG',
  'ZA',
];
const PLANS = ['free', 'free', 'free', 'free', 'free', 'free', 'pro', 'pro', 'pro', 'enterprise'];
const DOMAINS = ['gmail.com', 'outlook.com', 'acme.io', 'example.org', 'fastmail.com', 'vexil.dev', 'corp.example'];
const APP_VERSIONS = ['1.9.4', '2.0.0', '2.1.3', '2.2.0', '2.3.0-beta.2', '2.3.0', '2.3.1', '2.4.0'];
const AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPad; CPU OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
];

/** A user context as a browser app would send it (single kind `user`). */
export interface UserContext extends SingleKindContext {
  key: string;
  email: string;
  country: string;
  plan: string;
  seats: number;
  appVersion: string;
  userAgent: string;
  signedUpAt: string;
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

/** `count` distinct user contexts, the same on every run (seeded PRNG). */
export function contextPool(count: number): UserContext[] {
  const rnd = prng(CONTEXT_SEED);
  const pool: UserContext[] = [];
  for (let i = 0; i < count; i++) {
    const key = `user-${String(i).padStart(5, '0')}`;
    const plan = pick(rnd, PLANS);
    const signedUp = Date.UTC(2023, 0, 1) + Math.floor(rnd() * 3 * 365) * 86_400_000;
    pool.push({
      key,
      email: `${key}@${pick(rnd, DOMAINS)}`,
      country: pick(rnd, COUNTRIES),
      plan,
      seats: plan === 'free' ? 1 : 1 + Math.floor(rnd() * (plan === 'enterprise' ? 2000 : 120)),
      appVersion: pick(rnd, APP_VERSIONS),
      userAgent: pick(rnd, AGENTS),
      signedUpAt: new Date(signedUp).toISOString(),
    });
  }
  return pool;
}

/** The same context in OFREP's shape: `targetingKey` instead of `key`. */
export function ofrepContext(context: UserContext): Record<string, unknown> {
  const { key, ...attributes } = context;
  return { targetingKey: key, ...attributes };
}

// ── Loading it into a server ─────────────────────────────────────────────────────────────────

/**
 * Creates the segment and the flags through the management API (states set for `development`;
 * the other environments keep the defaults).
 */
export async function loadFixture(server: ServerProcess): Promise<void> {
  await api(server, 'POST', `/api/v1/projects/${PROJECT}/segments`, SEGMENT);
  for (const config of FLAGS) {
    const { key, type, variations, clientSideAvailable, ...state } = config;
    await api(server, 'POST', `/api/v1/projects/${PROJECT}/flags`, {
      key,
      type,
      variations,
      clientSideAvailable,
      environments: { [ENVIRONMENT]: state },
    });
  }
}

/** Turns the probe flag on or off in `development` (the change the propagation measurement times). */
export function probeChange(on: boolean): { method: 'PATCH'; path: string; body: string } {
  return {
    method: 'PATCH',
    path: `/api/v1/projects/${PROJECT}/flags/${PROBE_FLAG}/environments/${ENVIRONMENT}`,
    body: JSON.stringify({ on }),
  };
}
