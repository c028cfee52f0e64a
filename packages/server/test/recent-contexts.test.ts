import { describe, expect, it } from 'vitest';
import { RecentContexts } from '../src/sdk/recent-contexts.js';

/** The users list's write skipping (sdk/recent-contexts.ts): what is written again, and what is not. */

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 4, 12, 0, seconds)).toISOString();
const row = (overrides: Record<string, string> = {}) => ({
  environmentId: 'env',
  kind: 'user',
  key: 'ada',
  attributes: '{"plan":"pro"}',
  privateAttributes: '{}',
  firstSeen: at(0),
  lastSeen: at(0),
  ...overrides,
});

describe('recent contexts', () => {
  it('skips a report that changes nothing but moves last seen by less than a minute', () => {
    const recent = new RecentContexts();
    expect(recent.unchanged(row())).toBe(false);
    recent.remember([row()]);
    expect(recent.unchanged(row({ firstSeen: at(30), lastSeen: at(59) }))).toBe(true);
    // An older report with the same attributes changes nothing either.
    expect(recent.unchanged(row({ firstSeen: at(0), lastSeen: at(0) }))).toBe(true);
  });

  it('writes a report a minute later, with other attributes or private names, an earlier first seen, or another key', () => {
    const recent = new RecentContexts();
    recent.remember([row({ firstSeen: at(10), lastSeen: at(10) })]);
    expect(recent.unchanged(row({ firstSeen: at(70), lastSeen: at(70) }))).toBe(false);
    expect(recent.unchanged(row({ attributes: '{"plan":"team"}', firstSeen: at(20), lastSeen: at(20) }))).toBe(false);
    expect(recent.unchanged(row({ privateAttributes: '{"email":true}', firstSeen: at(20), lastSeen: at(20) }))).toBe(
      false,
    );
    expect(recent.unchanged(row({ firstSeen: at(5), lastSeen: at(20) }))).toBe(false);
    expect(recent.unchanged(row({ key: 'grace', firstSeen: at(20), lastSeen: at(20) }))).toBe(false);
    expect(recent.unchanged(row({ environmentId: 'other', firstSeen: at(20), lastSeen: at(20) }))).toBe(false);
  });

  it('remembers what the merged row holds: reports arriving out of order are skipped once written', () => {
    const recent = new RecentContexts();
    // Two SDK instances' flushes interleave: 10 s, then 0 s (first seen moves back), then 65 s.
    recent.remember([row({ firstSeen: at(10), lastSeen: at(10) })]);
    expect(recent.unchanged(row({ firstSeen: at(0), lastSeen: at(0) }))).toBe(false);
    recent.remember([row({ firstSeen: at(0), lastSeen: at(0) })]);
    // Within a minute of the latest last seen written (10 s), not of the last report written (0 s).
    expect(recent.unchanged(row({ firstSeen: at(65), lastSeen: at(65) }))).toBe(true);
    expect(recent.unchanged(row({ firstSeen: at(71), lastSeen: at(71) }))).toBe(false);
    // Nor does anything between first and last seen written change what the list shows.
    expect(recent.unchanged(row({ firstSeen: at(5), lastSeen: at(5) }))).toBe(true);
  });

  it('keeps the attributes of the latest report written, as a merge does', () => {
    const recent = new RecentContexts();
    recent.remember([row({ firstSeen: at(10), lastSeen: at(10) })]);
    // An older report with other attributes is written, but the merge keeps the newer ones over it.
    recent.remember([row({ attributes: '{"plan":"team"}', firstSeen: at(5), lastSeen: at(5) })]);
    expect(recent.unchanged(row({ firstSeen: at(20), lastSeen: at(20) }))).toBe(true);
    expect(recent.unchanged(row({ attributes: '{"plan":"team"}', firstSeen: at(20), lastSeen: at(20) }))).toBe(false);
    // A newer report with other attributes becomes what the list shows.
    recent.remember([row({ attributes: '{"plan":"team"}', firstSeen: at(30), lastSeen: at(30) })]);
    expect(recent.unchanged(row({ attributes: '{"plan":"team"}', firstSeen: at(40), lastSeen: at(40) }))).toBe(true);
    expect(recent.unchanged(row({ firstSeen: at(40), lastSeen: at(40) }))).toBe(false);
  });

  it('forgets the least recently written beyond its capacity', () => {
    const recent = new RecentContexts(2);
    recent.remember([row({ key: 'a' }), row({ key: 'b' })]);
    recent.remember([row({ key: 'a' })]);
    recent.remember([row({ key: 'c' })]);
    expect(recent.unchanged(row({ key: 'a' }))).toBe(true);
    expect(recent.unchanged(row({ key: 'b' }))).toBe(false);
    expect(recent.unchanged(row({ key: 'c' }))).toBe(true);
  });
});
