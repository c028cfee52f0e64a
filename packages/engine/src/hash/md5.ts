/**
 * MD5 (RFC 1321) over the UTF-8 bytes of a string, for Eppo-compatible sharding.
 *
 * Not for security. The string is UTF-8 encoded on the fly straight into one reusable
 * 16-word block buffer, so hashing allocates nothing per block (JS is single-threaded,
 * so sharing the module-level buffer and state between calls is safe).
 */

// T[i] = floor(abs(sin(i + 1)) * 2^32), written out rather than computed because Math.sin
// is not guaranteed to round identically in every engine.
const T = new Int32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8,
  0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
  0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87,
  0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
  0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
  0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
  0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
  0xeb86d391,
]);

// Left-rotation amounts: four per round, indexed by (round << 2) | (step & 3).
const S = new Int32Array([7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]);

const X = new Int32Array(16); // current block as little-endian words
let h0 = 0;
let h1 = 0;
let h2 = 0;
let h3 = 0;

function processBlock(): void {
  let a = h0;
  let b = h1;
  let c = h2;
  let d = h3;
  for (let i = 0; i < 64; i++) {
    const round = i >> 4;
    let f: number;
    let g: number;
    if (round === 0) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (round === 1) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (round === 2) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const t = (a + f + T[i]! + X[g]!) | 0;
    const s = S[(round << 2) | (i & 3)]!;
    a = d;
    d = c;
    c = b;
    b = (b + ((t << s) | (t >>> (32 - s)))) | 0;
  }
  h0 = (h0 + a) | 0;
  h1 = (h1 + b) | 0;
  h2 = (h2 + c) | 0;
  h3 = (h3 + d) | 0;
}

/** Hashes `text` into h0..h3. */
function digest(text: string): void {
  h0 = 0x67452301;
  h1 = 0xefcdab89 | 0;
  h2 = 0x98badcfe | 0;
  h3 = 0x10325476;

  const len = text.length;
  let w = 0; // pending word bytes, little-endian
  let bits = 0; // bits pending in w: 0, 8, 16 or 24
  let wi = 0; // next word index in X
  let n = 0; // total UTF-8 bytes

  for (let i = 0; i < len; i++) {
    let c = text.charCodeAt(i);
    let u: number; // this code point's UTF-8 bytes, first byte lowest
    let m: number; // how many bytes
    if (c < 0x80) {
      u = c;
      m = 1;
    } else if (c < 0x800) {
      u = 0xc0 | (c >> 6) | ((0x80 | (c & 0x3f)) << 8);
      m = 2;
    } else if ((c & 0xfc00) === 0xd800 && i + 1 < len && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      u =
        0xf0 |
        (cp >> 18) |
        ((0x80 | ((cp >> 12) & 0x3f)) << 8) |
        ((0x80 | ((cp >> 6) & 0x3f)) << 16) |
        ((0x80 | (cp & 0x3f)) << 24);
      m = 4;
    } else {
      if ((c & 0xf800) === 0xd800) c = 0xfffd; // lone surrogate: U+FFFD, as TextEncoder does
      u = 0xe0 | (c >> 12) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
      m = 3;
    }
    n += m;
    w |= u << bits;
    bits += m << 3;
    if (bits >= 32) {
      X[wi++] = w;
      if (wi === 16) {
        processBlock();
        wi = 0;
      }
      bits -= 32;
      // Bytes of u that did not fit in the finished word start the next one.
      w = bits === 0 ? 0 : u >>> ((m << 3) - bits);
    }
  }

  // Padding: a 0x80 byte, zeros up to 56 mod 64, then the bit length as a 64-bit LE integer.
  X[wi++] = w | (0x80 << bits);
  if (wi > 14) {
    while (wi < 16) X[wi++] = 0;
    processBlock();
    wi = 0;
  }
  while (wi < 14) X[wi++] = 0;
  X[14] = (n * 8) >>> 0; // low word; n * 8 is exact in a double
  X[15] = Math.floor(n / 0x20000000); // high word: n * 8 / 2^32
  processBlock();
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));

/** Word to 8 hex chars, least significant byte first (MD5 digests are little-endian). */
function hexLE(x: number): string {
  return HEX[x & 0xff]! + HEX[(x >>> 8) & 0xff]! + HEX[(x >>> 16) & 0xff]! + HEX[x >>> 24]!;
}

/** MD5 of the UTF-8 bytes of `text`, as 32 lowercase hex chars. */
export function md5Hex(text: string): string {
  digest(text);
  return hexLE(h0) + hexLE(h1) + hexLE(h2) + hexLE(h3);
}

/** First 4 digest bytes read big-endian, unsigned: `parseInt(md5Hex(text).slice(0, 8), 16)`. */
export function md5Prefix32(text: string): number {
  digest(text);
  // h0 holds digest bytes 0..3 little-endian; byte-swap to read them big-endian.
  return (((h0 & 0xff) << 24) | ((h0 & 0xff00) << 8) | ((h0 >>> 8) & 0xff00) | (h0 >>> 24)) >>> 0;
}
