import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { md5Hex, md5Prefix32 } from '../src/hash/md5.js';

// node:crypto hashes a JS string as UTF-8 (lone surrogates become U+FFFD, like TextEncoder).
const nodeMd5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('md5Hex', () => {
  // RFC 1321, appendix A.5 test suite.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
  ])('RFC 1321: %j', (text, expected) => {
    expect(md5Hex(text)).toBe(expected);
    expect(nodeMd5(text)).toBe(expected);
  });

  it('handles padding boundaries and multi-block input', () => {
    for (const n of [1, 3, 4, 54, 55, 56, 57, 60, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 100_003]) {
      const text = Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7) % 90))).join('');
      expect(md5Hex(text), `length ${n}`).toBe(nodeMd5(text));
    }
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    for (const text of [
      'ü',
      '日本語',
      '😀',
      'a😀b',
      'Ünïcödé ✓ 𝄞',
      '\ud800',
      'ab\udc00\ud800c',
      'é'.repeat(28),
      '😀'.repeat(16),
    ]) {
      expect(md5Hex(text), JSON.stringify(text)).toBe(nodeMd5(text));
    }
  });

  it('matches node:crypto on random strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', maxLength: 200, minLength: 40 })),
        (text) => md5Hex(text) === nodeMd5(text),
      ),
      { numRuns: 2000 },
    );
  });

  it('is stable across calls (shared work buffer is reset)', () => {
    const long = 'x'.repeat(1000);
    const first = md5Hex('abc');
    md5Hex(long);
    expect(md5Hex('abc')).toBe(first);
  });
});

describe('md5Prefix32', () => {
  it('reads the first four digest bytes big-endian', () => {
    expect(md5Prefix32('')).toBe(0xd41d8cd9);
    expect(md5Prefix32('abc')).toBe(0x90015098);
    expect(md5Prefix32('message digest')).toBe(0xf96b697d);
  });

  it('equals parseInt(md5Hex(x).slice(0, 8), 16)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (text) => md5Prefix32(text) === parseInt(md5Hex(text).slice(0, 8), 16),
      ),
      { numRuns: 2000 },
    );
  });

  it('shards like Eppo: md5Prefix32(salt + "-" + subjectKey) % totalShards', () => {
    const shard = md5Prefix32('exp-salt-alice') % 10000;
    expect(shard).toBe(parseInt(nodeMd5('exp-salt-alice').slice(0, 8), 16) % 10000);
    expect(shard).toBeGreaterThanOrEqual(0);
    expect(shard).toBeLessThan(10000);
  });
});
