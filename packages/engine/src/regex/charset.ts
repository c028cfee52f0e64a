// ---------------------------------------------------------------------------------------------
// Character sets: sorted, disjoint, non-adjacent ranges of UTF-16 code units.
// ---------------------------------------------------------------------------------------------

export type CodeRange = readonly [number, number];

export class CharSet {
  private cachedKey: string | undefined;
  private constructor(readonly ranges: readonly CodeRange[]) {}

  static of(ranges: readonly CodeRange[]): CharSet {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [lo, hi] of sorted) {
      const last = merged[merged.length - 1];
      if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
      else merged.push([lo, hi]);
    }
    return new CharSet(merged);
  }

  static char(code: number): CharSet {
    return new CharSet([[code, code]]);
  }

  get key(): string {
    this.cachedKey ??= this.ranges.map(([lo, hi]) => `${lo}-${hi}`).join(',');
    return this.cachedKey;
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  union(other: CharSet): CharSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    return CharSet.of([...this.ranges, ...other.ranges]);
  }

  intersect(other: CharSet): CharSet {
    const out: CodeRange[] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const a = this.ranges[i]!;
      const b = other.ranges[j]!;
      const lo = Math.max(a[0], b[0]);
      const hi = Math.min(a[1], b[1]);
      if (lo <= hi) out.push([lo, hi]);
      if (a[1] < b[1]) i++;
      else j++;
    }
    return new CharSet(out);
  }

  overlaps(other: CharSet): boolean {
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const a = this.ranges[i]!;
      const b = other.ranges[j]!;
      if (a[1] < b[0]) i++;
      else if (b[1] < a[0]) j++;
      else return true;
    }
    return false;
  }

  complement(): CharSet {
    const out: CodeRange[] = [];
    let next = 0;
    for (const [lo, hi] of this.ranges) {
      if (lo > next) out.push([next, lo - 1]);
      next = hi + 1;
    }
    if (next <= 0xffff) out.push([next, 0xffff]);
    return new CharSet(out);
  }
}

export const EMPTY = CharSet.of([]);
export const ANY = CharSet.of([[0, 0xffff]]);
export const DIGIT = CharSet.of([[0x30, 0x39]]);
export const WORD = CharSet.of([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
export const SPACE = CharSet.of([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
/** `.` without the 's' flag: everything but line terminators. */
export const DOT = CharSet.of([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]).complement();

export const CLASS_ESCAPES: Record<string, CharSet> = {
  d: DIGIT,
  D: DIGIT.complement(),
  w: WORD,
  W: WORD.complement(),
  s: SPACE,
  S: SPACE.complement(),
};
export const CONTROL_ESCAPES: Record<string, number> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };
