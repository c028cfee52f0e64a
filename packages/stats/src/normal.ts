/**
 * The standard normal distribution.
 *
 * - CDF: W. J. Cody's rational Chebyshev approximations, as in his ANORM routine (ACM TOMS Algorithm 715,
 *   "SPECFUN", 1993; the approximations are from Cody, "Rational Chebyshev approximations for the error
 *   function", Math. Comp. 23 (1969) 631–637). Relative error below 1e-15 over the whole range, tails included:
 *   the upper tail is computed directly, never as 1 − Φ(x).
 * - Quantile: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution", Applied
 *   Statistics 37 (1988) 477–484 (PPND16), relative error about 1e-16.
 */

// biome-ignore-all lint/correctness/noPrecisionLoss: published coefficients are kept digit for digit, to be checked
// against their sources; the nearest double of each is what runs.
const SQRT_2PI_INV = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;

// Cody, |x| ≤ 0.66291.
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249];
const A4 = 0.065682337918207449113;
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
// Cody, 0.66291 < |x| ≤ √32.
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
];
const C8 = 1.0765576773720192317e-8;
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
// Cody, |x| > √32.
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5,
];
const P5 = 0.02307344176494017303;
const Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5,
];

/** e^(−x²/2) without the cancellation error of squaring a large x in one step (Cody's splitting at 1/16). */
function halfGaussian(x: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5);
}

/** P(Z > |x|) for |x| > 0.66291, the tail both sides of Φ are built from. */
function tail(y: number): number {
  if (y <= SQRT_32) {
    let num = C8 * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    return (halfGaussian(y) * (num + C[7]!)) / (den + D[7]!);
  }
  if (y > 38.5) return 0;
  const xsq = 1 / (y * y);
  let num = P5 * xsq;
  let den = xsq;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]!) * xsq;
    den = (den + Q[i]!) * xsq;
  }
  const r = (xsq * (num + P[4]!)) / (den + Q[4]!);
  return (halfGaussian(y) * (SQRT_2PI_INV - r)) / y;
}

/** Φ(x) − ½ for |x| ≤ 0.66291. */
function centre(x: number): number {
  const xsq = x * x;
  let num = A4 * xsq;
  let den = xsq;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]!) * xsq;
    den = (den + B[i]!) * xsq;
  }
  return (x * (num + A[3]!)) / (den + B[3]!);
}

/** Φ(x) = P(Z ≤ x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= 0.66291) return 0.5 + centre(x);
  const t = tail(y);
  return x > 0 ? 1 - t : t;
}

/** 1 − Φ(x) = P(Z > x), accurate in the upper tail (no cancellation). */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return SQRT_2PI_INV * Math.exp(-0.5 * x * x);
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

// Wichura AS 241 (PPND16): |p − ½| ≤ 0.425.
const QA = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const QB = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
// r = √(−ln min(p, 1−p)) ≤ 5.
const QC = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const QD = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
// r > 5.
const QE = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const QF = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]!;
  return value;
}

/** Φ⁻¹(p): the x with Φ(x) = p. ±Infinity at 0 and 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(QA, r)) / polynomial(QB, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = polynomial(QC, r) / polynomial(QD, r);
  } else {
    r -= 5;
    value = polynomial(QE, r) / polynomial(QF, r);
  }
  return q < 0 ? -value : value;
}
