/**
 * MurmurHash3 x86 32-bit over the UTF-8 bytes of a string.
 *
 * On the hot path of bucketing, so the string is UTF-8 encoded on the fly (no TextEncoder, no
 * buffer), and a salt prefix can be absorbed once (`murmur3WithPrefix`) so each evaluation hashes
 * only the bucketing value, without concatenating strings.
 */
export function murmur3(text: string, seed = 0): number {
  absorb(text, seed | 0, 0, 0, 0);
  return finish(stateHash, stateBlock, stateBits, stateLength);
}

/** `murmur3WithPrefix(p)(text) === murmur3(p + text)`, with `p` hashed once. */
export function murmur3WithPrefix(prefix: string, seed = 0): (text: string) => number {
  absorb(prefix, seed | 0, 0, 0, 0);
  const hash = stateHash;
  const block = stateBlock;
  const bits = stateBits;
  const length = stateLength;
  return (text) => {
    absorb(text, hash, block, bits, length);
    return finish(stateHash, stateBlock, stateBits, stateLength);
  };
}

/** Bucket in [0, buckets) for `value` under `salt`: murmur3(salt + '.' + value) % buckets. */
export function bucketOf(salt: string, value: string, buckets = 10000): number {
  return murmur3(salt + '.' + value) % buckets;
}

// The state `absorb` leaves behind: JavaScript is single-threaded and `absorb` calls nothing
// that could re-enter it, so module scratch variables spare an allocation per hash.
let stateHash = 0;
let stateBlock = 0; // pending bytes of the current 4-byte block, little-endian
let stateBits = 0; // bits pending in the block: 0, 8, 16 or 24
let stateLength = 0; // UTF-8 bytes absorbed so far

function absorb(text: string, hash: number, block: number, bits: number, length: number): void {
  const count = text.length;
  for (let i = 0; i < count; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      block |= c << bits;
      length += 1;
      if ((bits += 8) === 32) {
        hash = mixBlock(hash, block);
        block = 0;
        bits = 0;
      }
      continue;
    }
    // Encode the code point as 2–4 UTF-8 bytes, first byte lowest.
    let bytes: number;
    let byteCount: number;
    if (c < 0x800) {
      bytes = 0xc0 | (c >> 6) | ((0x80 | (c & 0x3f)) << 8);
      byteCount = 2;
    } else if ((c & 0xfc00) === 0xd800 && i + 1 < count && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const codePoint = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      bytes =
        0xf0 |
        (codePoint >> 18) |
        ((0x80 | ((codePoint >> 12) & 0x3f)) << 8) |
        ((0x80 | ((codePoint >> 6) & 0x3f)) << 16) |
        ((0x80 | (codePoint & 0x3f)) << 24);
      byteCount = 4;
    } else {
      if ((c & 0xf800) === 0xd800) c = 0xfffd; // a lone surrogate encodes as U+FFFD, as TextEncoder does
      bytes = 0xe0 | (c >> 12) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
      byteCount = 3;
    }
    for (let b = 0; b < byteCount; b++) {
      block |= ((bytes >>> (b << 3)) & 0xff) << bits;
      length += 1;
      if ((bits += 8) === 32) {
        hash = mixBlock(hash, block);
        block = 0;
        bits = 0;
      }
    }
  }
  stateHash = hash;
  stateBlock = block;
  stateBits = bits;
  stateLength = length;
}

function finish(hash: number, block: number, bits: number, length: number): number {
  if (bits !== 0) hash ^= scramble(block);
  hash ^= length;
  // fmix32: the final avalanche.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function scramble(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

function mixBlock(hash: number, block: number): number {
  hash ^= scramble(block);
  hash = (hash << 13) | (hash >>> 19);
  return (Math.imul(hash, 5) + 0xe6546b64) | 0;
}
