/**
 * A small seeded generator for the simulation tests, so every run draws the same numbers: mulberry32 for uniforms,
 * Box–Muller for normals, inversion for binomial counts.
 */
export class Random {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform on [0, 1) (mulberry32). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    const u = 1 - this.uniform(); // (0, 1]: log(u) stays finite
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /**
   * Binomial(n, p) for p ≤ ½, exactly, by inverting the CDF in chunks of at most 1,000 trials (so (1 − p)^chunk never
   * underflows). Cost is about n·p steps — fine for the counts these tests draw.
   */
  binomial(n: number, p: number): number {
    let total = 0;
    for (let left = n; left > 0; left -= 1000) {
      const m = Math.min(1000, left);
      const ratio = p / (1 - p);
      let pmf = (1 - p) ** m;
      let cdf = pmf;
      let k = 0;
      const u = this.uniform();
      while (u > cdf && k < m) {
        pmf *= (ratio * (m - k)) / (k + 1);
        k++;
        cdf += pmf;
      }
      total += k;
    }
    return total;
  }
}
