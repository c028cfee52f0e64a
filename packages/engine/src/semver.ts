/** Semantic Versioning 2.0.0 (https://semver.org) parsing and precedence. */

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Numeric identifiers are numbers (digit strings only if beyond 2^53 - 1). */
  prerelease: (string | number)[];
}

const NUM = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUM}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const BUILD_ID = '[0-9a-zA-Z-]+';
// Minor and patch are optional here; the strict check demands both.
const SEMVER_RE = new RegExp(
  `^(${NUM})(?:\\.(${NUM})(?:\\.(${NUM}))?)?` +
    `(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?` +
    `(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?$`,
);
const DIGITS = /^\d+$/;
// Same cap as npm's semver; also bounds the regex's work on hostile input.
const MAX_LENGTH = 256;

function parse(text: string, strict: boolean): SemVer | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  // Apps often report `v1.2.3`; npm's semver (and so Eppo) accepts that one lowercase `v` too.
  const m = SEMVER_RE.exec(text.startsWith('v') ? text.slice(1) : text);
  if (!m || (strict && m[3] === undefined)) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  const patch = Number(m[3] ?? 0);
  if (major > Number.MAX_SAFE_INTEGER || minor > Number.MAX_SAFE_INTEGER || patch > Number.MAX_SAFE_INTEGER) {
    return undefined;
  }
  const prerelease: (string | number)[] = [];
  if (m[4] !== undefined) {
    for (const id of m[4].split('.')) {
      // Like npm's semver, keep huge numeric identifiers as digit strings to stay exact.
      prerelease.push(DIGITS.test(id) && Number(id) <= Number.MAX_SAFE_INTEGER ? Number(id) : id);
    }
  }
  return { major, minor, patch, prerelease };
}

/**
 * Parses a SemVer 2.0.0 version, optionally after a `v` (`v1.2.3` is `1.2.3`); build metadata is
 * accepted and dropped. Loose like LaunchDarkly: a missing minor/patch means 0 (`1` = `1.0.0`,
 * `1.2-rc.1` = `1.2.0-rc.1`).
 */
export function parseSemver(text: string): SemVer | undefined {
  return parse(text, false);
}

/** Strictly [v]MAJOR.MINOR.PATCH[-pre][+build], as npm's `semver.valid` (no loose mode). */
export function isValidSemver(text: string): boolean {
  return parse(text, true) !== undefined;
}

function cmp<T extends string | number>(a: T, b: T): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifiers(a: string | number, b: string | number): -1 | 0 | 1 {
  if (typeof a === 'number' && typeof b === 'number') return cmp(a, b);
  const aNum = typeof a === 'number' || DIGITS.test(a);
  const bNum = typeof b === 'number' || DIGITS.test(b);
  if (aNum !== bNum) return aNum ? -1 : 1; // numeric identifiers sort before alphanumeric ones
  const x = String(a);
  const y = String(b);
  // Numeric without leading zeros: a longer digit string is a larger number.
  if (aNum && x.length !== y.length) return x.length < y.length ? -1 : 1;
  return cmp(x, y); // ASCII order (UTF-16 code units coincide for the allowed characters)
}

/** SemVer 2.0.0 precedence (build metadata is not part of a SemVer, so it never counts). */
export function compareSemver(a: SemVer, b: SemVer): -1 | 0 | 1 {
  const core = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (core !== 0) return core;
  const pa = a.prerelease;
  const pb = b.prerelease;
  // A prerelease ranks below the release itself.
  if (pa.length === 0 || pb.length === 0) return pa.length === pb.length ? 0 : pa.length === 0 ? 1 : -1;
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(pa[i]!, pb[i]!);
    if (c !== 0) return c;
  }
  return cmp(pa.length, pb.length); // all shared identifiers equal: the shorter list ranks lower
}
