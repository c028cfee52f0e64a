import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { murmur3, bucketOf, murmur3WithPrefix } from '../src/hash/murmur3.js';

/** Straightforward MurmurHash3_x86_32 over bytes, written from the spec: the oracle for the fast version. */
function referenceMurmur3(bytes: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  const blocks = Math.floor(bytes.length / 4);
  let h = seed >>> 0;
  for (let b = 0; b < blocks; b++) {
    const o = b * 4;
    let k = bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
    k = Math.imul(rotl(Math.imul(k, c1), 15), c2);
    h = rotl(h ^ k, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  let k = 0;
  for (let i = bytes.length - 1; i >= blocks * 4; i--) k = (k << 8) | bytes[i]!;
  if (bytes.length % 4 !== 0) h ^= Math.imul(rotl(Math.imul(k, c1), 15), c2);
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

// UTF-16 code units biased towards every UTF-8 length class, lone surrogates and valid pairs.
const codeUnits = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0x7ff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x800, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);

describe('murmur3', () => {
  // Published MurmurHash3_x86_32 vectors, cross-checked against Appleby's C implementation.
  it.each([
    ['', 0, 0x00000000],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['hello', 0, 0x248bfa47],
    ['test', 0, 0xba6bd213],
    ['Hello, world!', 1234, 0xfaf6cdb3],
    ['Hello, world!', 4321, 0xbf505788],
    ['xxxxxxxxxxxxxxxxxxxxxxxxxxxx', 1234, 0x8905ac28],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    // Tail lengths 1, 2, 3.
    ['a', 0, 0x3c2569b2],
    ['abc', 0, 0xb3dd93fa],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['aa', 0x9747b28c, 0x5d211726],
    ['aaa', 0x9747b28c, 0x283e0130],
  ])('%j with seed %i', (text, seed, expected) => {
    expect(murmur3(text, seed)).toBe(expected);
    expect(referenceMurmur3(utf8(text), seed)).toBe(expected);
  });

  it('defaults the seed to 0', () => {
    expect(murmur3('hello')).toBe(murmur3('hello', 0));
  });

  it.each([
    'ü', // 2-byte UTF-8
    '日本語', // 3-byte UTF-8
    '😀', // surrogate pair, 4-byte UTF-8
    'a😀b',
    'x🏳️‍🌈 flag-ß-€',
    '\ud800', // lone high surrogate
    '\udc00', // lone low surrogate
    'ab\udc00\ud800c', // reversed pair: two lone surrogates
    'abc\ud83d', // high surrogate at the very end
  ])('hashes non-ASCII %j as its UTF-8 bytes', (text) => {
    expect(murmur3(text)).toBe(referenceMurmur3(utf8(text)));
    expect(murmur3(text, 42)).toBe(referenceMurmur3(utf8(text), 42));
  });

  it('matches the reference on every UTF-8 byte alignment', () => {
    // Multi-byte code points straddling block boundaries at each offset.
    for (let pad = 0; pad < 8; pad++) {
      for (const ch of ['é', '€', '😀', '\ud800']) {
        const text = 'x'.repeat(pad) + ch + 'y'.repeat(pad) + ch + ch;
        expect(murmur3(text)).toBe(referenceMurmur3(utf8(text)));
      }
    }
  });

  it('matches the reference on random strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: codeUnits })),
        fc.integer({ min: 0, max: 0xffffffff }),
        (text, seed) => murmur3(text, seed) === referenceMurmur3(utf8(text), seed),
      ),
      { numRuns: 4000 },
    );
  });

  it('returns an unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const h = murmur3(text);
        return Number.isInteger(h) && h >= 0 && h <= 0xffffffff;
      }),
    );
  });
});

describe('bucketOf', () => {
  it('is murmur3(salt + "." + value) % buckets', () => {
    expect(bucketOf('my-flag.rollout', 'user-123456')).toBe(murmur3('my-flag.rollout.user-123456') % 10000);
    expect(bucketOf('s', 'v', 100)).toBe(murmur3('s.v') % 100);
  });

  it('is an integer in [0, 10000)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (salt, value) => {
        const b = bucketOf(salt, value);
        return Number.isInteger(b) && b >= 0 && b < 10000;
      }),
      { numRuns: 2000 },
    );
  });

  it('spreads sequential users roughly evenly', () => {
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 20000; i++) {
      const b = bucketOf('flag.rollout', `user-${i}`);
      counts[Math.floor(b / 1000)]!++;
    }
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
});

describe('murmur3WithPrefix', () => {
  it('hashes like murmur3 on the concatenation, for any prefix and text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'binary' }),
        fc.integer(),
        (prefix, text, seed) => {
          expect(murmur3WithPrefix(prefix, seed)(text)).toBe(murmur3(prefix + text, seed));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('can be reused: each call starts from the prefix again', () => {
    const hash = murmur3WithPrefix('flag.allocation.');
    expect([hash('a'), hash('bb'), hash('a')]).toEqual([
      murmur3('flag.allocation.a'),
      murmur3('flag.allocation.bb'),
      murmur3('flag.allocation.a'),
    ]);
  });
});
