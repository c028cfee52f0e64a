import { describe, expect, it } from 'vitest';
import {
  chiSquareSurvival,
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSurvival,
  regularizedGammaP,
  regularizedGammaQ,
  twoSidedPValue,
} from '@vexil/stats';

/**
 * erfc(x) by a second, independent method: the Maclaurin-type series erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) /
 * (1·3·…·(2n+1)) (all terms positive) below 3, the Laplace continued fraction (Abramowitz & Stegun 7.1.14) above.
 */
function erfcReference(x: number): number {
  if (x < 0) return 2 - erfcReference(-x);
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated from the tail up.
  let fraction = x;
  for (let k = 200; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
}

const phiReference = (x: number): number => 0.5 * erfcReference(-x / Math.SQRT2);

describe('normal distribution', () => {
  it('matches standard table values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-1.6448536269514722)).toBeCloseTo(0.05, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
  });

  it('agrees with an independent series / continued-fraction erfc to 1e-13 across the range', () => {
    for (let x = -8; x <= 8; x += 0.0625) {
      expect(Math.abs(normalCdf(x) - phiReference(x))).toBeLessThan(1e-13);
    }
  });

  it('keeps relative accuracy deep in the tails', () => {
    for (const x of [3, 5, 8, 10, 15, 20, 30]) {
      const reference = 0.5 * erfcReference(x / Math.SQRT2);
      expect(Math.abs(normalSurvival(x) / reference - 1)).toBeLessThan(1e-12);
    }
    // Table value: Q(10) = 7.619853024160527e-24.
    expect(normalSurvival(10) / 7.619853024160527e-24 - 1).toBeLessThan(1e-13);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('inverts the CDF: Φ(Φ⁻¹(p)) = p from 1e-300 to 1 − 1e-12, and Φ⁻¹(Φ(x)) = x down to x = −37', () => {
    const ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-12];
    for (const p of ps) {
      expect(Math.abs(normalCdf(normalQuantile(p)) / p - 1)).toBeLessThan(1e-12);
    }
    // Only the lower half: above 0, Φ(x) rounds to a multiple of 2⁻⁵³ and no inverse can recover x from it exactly.
    for (let x = -37; x <= 0; x += 0.25) {
      expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 12);
    }
  });

  it('handles the edges', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(twoSidedPValue(0)).toBe(1);
    expect(twoSidedPValue(-1.959963984540054)).toBeCloseTo(0.05, 14);
  });
});

describe('gamma and chi-square', () => {
  it('ln Γ matches factorials and Γ(½) = √π', () => {
    let logFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      expect(logGamma(n)).toBeCloseTo(logFactorial, 12); // Γ(n) = (n − 1)!
      logFactorial += Math.log(n);
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 13);
  });

  it('P + Q = 1 and Q(1, x) = e^(−x)', () => {
    for (const [a, x] of [
      [0.5, 0.2],
      [1, 3],
      [2.5, 1],
      [10, 12],
      [50, 40],
    ] as const) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
    for (const x of [0.1, 1, 5, 20]) expect(regularizedGammaQ(1, x)).toBeCloseTo(Math.exp(-x), 14);
  });

  it('χ² survival matches the table: 3.841 at 1 df, 5.991 at 2 df, 7.815 at 3 df, 18.307 at 10 df are all p = 0.05', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(7.814727903251178, 3)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(10.827566170662733, 1)).toBeCloseTo(0.001, 14);
  });

  it('χ² survival agrees with closed forms for 1–4 degrees of freedom', () => {
    for (const x of [0.01, 0.5, 1, 3.9, 10, 25, 60]) {
      const s = Math.sqrt(x);
      // df 1: 2(1 − Φ(√x)); df 2: e^(−x/2); df 3: 2(1 − Φ(√x)) + √(2x/π) e^(−x/2); df 4: e^(−x/2)(1 + x/2).
      expect(chiSquareSurvival(x, 1) / (2 * normalSurvival(s)) - 1).toBeCloseTo(0, 12);
      expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2) - 1).toBeCloseTo(0, 12);
      const df3 = 2 * normalSurvival(s) + Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2);
      expect(chiSquareSurvival(x, 3) / df3 - 1).toBeCloseTo(0, 12);
      expect(chiSquareSurvival(x, 4) / (Math.exp(-x / 2) * (1 + x / 2)) - 1).toBeCloseTo(0, 12);
    }
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
});
