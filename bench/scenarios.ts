/**
 * The benchmark's population and scenarios, shared by every engine adapter.
 *
 * Everything here is engine-neutral: each adapter under `engines/` translates the constants below
 * into its own native flag configuration and context objects. Keeping the rule parameters in one
 * place is what makes the configurations equivalent across engines.
 */

export type ScenarioId = 'S1' | 'S2' | 'S3' | 'S4';
export const SCENARIO_IDS: readonly ScenarioId[] = ['S1', 'S2', 'S3', 'S4'];

/** The value an evaluation served, as the harness tallies it. */
export type Served = boolean | string;

/** One member of the population, before it is turned into an engine's native context. */
export interface User {
  readonly key: string;
  readonly email: string;
  readonly country: string;
  readonly plan: string;
  readonly age: number;
  readonly userAgent: string;
}

// ── Deterministic population ─────────────────────────────────────────────────────────────────

export const DEFAULT_POPULATION = 100_000;
export const SEED = 0x5eed_f1a6;

/** mulberry32: a small, fast, deterministic PRNG (uniform floats in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A user's attributes other than the key, as every engine's context carries them. */
export function attributesOf(user: User): {
  email: string;
  country: string;
  plan: string;
  age: number;
  userAgent: string;
} {
  return { email: user.email, country: user.country, plan: user.plan, age: user.age, userAgent: user.userAgent };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

const FIRST_NAMES = ['ada', 'grace', 'alan', 'linus', 'margaret', 'ken', 'barbara', 'dennis', 'frances', 'edsger'];
/**
 * None of these ends with "@example.com": some are look-alikes on purpose ("notexample.com",
 * "example.com.au", "example.org") so that a sloppy `contains`/`starts_with` would show up in the
 * sanity check.
 */
const EMAIL_DOMAINS = [
  'mail.test',
  'example.org',
  'example.net',
  'notexample.com',
  'example.com.au',
  'acme.io',
  'corp.example',
];
/** Countries outside {@link S2.countries}. */
const POPULATION_COUNTRIES = [
  'BR',
  'IN',
  'MX',
  'AU',
  'NG',
  'KR',
  'AR',
  'PL',
  'TR',
  'ZA',
  'ID',
  'EG',
  'PT',
  'IE',
  'NZ',
  'CH',
  'AT',
  'BE',
  'DK',
  'NO',
];
const MOBILE_APPLE_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPad; CPU OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
];
/** None of these matches {@link S2.userAgentPattern} (the iPod one is a near miss on purpose). */
const OTHER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPod touch; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.8 Mobile/15E148 Safari/604.1',
];
/** Share of the population whose user agent matches rule 5 of S2. */
export const APPLE_MOBILE_SHARE = 0.2;

/**
 * Builds the population: nobody matches S2's rules 1–4 (other e-mail domains, countries outside
 * the list, plans "free"/"pro", ages 18–65), and about 20 % match rule 5 (iPhone/iPad agents).
 */
export function generatePopulation(size: number = DEFAULT_POPULATION, seed: number = SEED): User[] {
  const rnd = prng(seed);
  const users: User[] = new Array<User>(size);
  for (let i = 0; i < size; i++) {
    const first = pick(rnd, FIRST_NAMES);
    users[i] = {
      key: `user-${String(i).padStart(6, '0')}`,
      email: `${first}.${i}@${pick(rnd, EMAIL_DOMAINS)}`,
      country: pick(rnd, POPULATION_COUNTRIES),
      plan: rnd() < 0.7 ? 'free' : 'pro',
      age: 18 + Math.floor(rnd() * 48), // 18..65 inclusive: never > 65
      userAgent: rnd() < APPLE_MOBILE_SHARE ? pick(rnd, MOBILE_APPLE_AGENTS) : pick(rnd, OTHER_AGENTS),
    };
  }
  return users;
}

// ── Scenario parameters (every adapter builds its native config from these) ──────────────────

export const S1 = { key: 's1' } as const;

export const S2 = {
  key: 's2',
  /** Variations in rule order; the last one is served when no rule matches. */
  variations: ['r1', 'r2', 'r3', 'r4', 'r5', 'none'],
  fallthrough: 'none',
  emailSuffix: '@example.com',
  countries: ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'JP'],
  plan: 'enterprise',
  /** Rule 4: age > 65. */
  ageAbove: 65,
  /** Rule 5, as a regular expression. */
  userAgentPattern: '^Mozilla/5\\.0 \\((iPhone|iPad);',
  /**
   * Rule 5 for engines without a regex operator: the pattern above is exactly "starts with one of
   * these two prefixes", so this form is equivalent (same matches), not an approximation.
   */
  userAgentPrefixes: ['Mozilla/5.0 (iPhone;', 'Mozilla/5.0 (iPad;'],
} as const;

export const S3 = { key: 's3', variations: ['a', 'b'], weights: [50, 50] } as const;

export const S4_FLAG_COUNT = 1000;
export const S4_KEYS: readonly string[] = Array.from(
  { length: S4_FLAG_COUNT },
  (_, i) => `flag-${String(i).padStart(4, '0')}`,
);

/** Escapes a literal for use inside a regular expression (for engines that express "ends with" as a regex). */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ── Scenarios ────────────────────────────────────────────────────────────────────────────────

export interface SanityResult {
  readonly ok: boolean;
  readonly detail: string;
}

export interface Scenario {
  readonly id: ScenarioId;
  readonly title: string;
  readonly valueType: 'boolean' | 'string';
  /** The caller's default; deliberately a value no correct configuration serves. */
  readonly defaultValue: Served;
  /** Every flag key of the environment this scenario loads. */
  readonly flagKeys: readonly string[];
  /** The flag key of evaluation `i` (precomputed, one per context, so no engine pays for a modulo). */
  readonly callKeys: readonly string[];
  /** Verifies the distribution of served values over the whole population. */
  check(tally: ReadonlyMap<string, number>, total: number): SanityResult;
}

function pct(count: number, total: number): string {
  return `${((100 * count) / total).toFixed(2)} %`;
}

function describe(tally: ReadonlyMap<string, number>, total: number): string {
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([value, count]) => `${value}=${count} (${pct(count, total)})`)
    .join(', ');
}

function allServed(expected: string) {
  return (tally: ReadonlyMap<string, number>, total: number): SanityResult => {
    const count = tally.get(expected) ?? 0;
    return { ok: count === total, detail: `${describe(tally, total)}; expected all ${expected}` };
  };
}

export function buildScenario(id: ScenarioId, population: number): Scenario {
  const repeat = (key: string): string[] => new Array<string>(population).fill(key);
  switch (id) {
    case 'S1':
      return {
        id,
        title: 'one boolean flag, on, no rules',
        valueType: 'boolean',
        defaultValue: false,
        flagKeys: [S1.key],
        callKeys: repeat(S1.key),
        check: allServed('true'),
      };
    case 'S2':
      return {
        id,
        title: 'string flag, five ordered rules (ends_with, in, equals, gt, regex)',
        valueType: 'string',
        defaultValue: 'default',
        flagKeys: [S2.key],
        callKeys: repeat(S2.key),
        check(tally, total) {
          const early = ['r1', 'r2', 'r3', 'r4'].reduce((sum, v) => sum + (tally.get(v) ?? 0), 0);
          const r5 = tally.get('r5') ?? 0;
          const none = tally.get('none') ?? 0;
          const share = r5 / total;
          const ok = early === 0 && r5 + none === total && share >= 0.18 && share <= 0.22;
          return { ok, detail: `${describe(tally, total)}; expected r1–r4 = 0, r5 in 18–22 %, rest none` };
        },
      };
    case 'S3':
      return {
        id,
        title: '50/50 split of "a"/"b" on the context key',
        valueType: 'string',
        defaultValue: 'default',
        flagKeys: [S3.key],
        callKeys: repeat(S3.key),
        check(tally, total) {
          const a = (tally.get('a') ?? 0) / total;
          const b = (tally.get('b') ?? 0) / total;
          const ok = a >= 0.48 && a <= 0.52 && b >= 0.48 && b <= 0.52 && Math.abs(a + b - 1) < 1e-9;
          return { ok, detail: `${describe(tally, total)}; expected a and b each in 48–52 %` };
        },
      };
    case 'S4':
      return {
        id,
        title: `${S4_FLAG_COUNT} boolean flags (on, no rules), round-robin`,
        valueType: 'boolean',
        defaultValue: false,
        flagKeys: S4_KEYS,
        callKeys: Array.from({ length: population }, (_, i) => S4_KEYS[i % S4_KEYS.length] as string),
        check: allServed('true'),
      };
  }
}
