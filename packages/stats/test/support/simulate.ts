/**
 * Seeded experiment simulations for the statistical tests. Conversion experiments are drawn as one exact binomial
 * count per arm per day (the summaries the server keeps), not subject by subject; CUPED experiments draw subjects,
 * since their sums of cross-products have no simple summary-level distribution, at a few million draws in total.
 */
import { analyzeMetric, conversionEstimate, type NumericSummary, relativeLift, sequentialEstimate } from '@vexil/stats';
import { Random } from './random.js';

export interface ConversionPlan {
  seed: number;
  experiments: number;
  days: number;
  dailySubjectsPerArm: number;
  controlRate: number;
  treatmentRate: number;
  /** Tunes the always-valid interval; the experiment's full size by default. */
  plannedSubjectsPerVariation?: number;
}

export interface ConversionOutcome {
  /** The fixed-horizon 95 % interval at the last look excludes 0. */
  fixedRejectsAtEnd: number;
  /** The fixed-horizon 95 % interval excludes 0 at one of the daily looks or more. */
  fixedRejectsAtAnyLook: number;
  /** The always-valid 95 % interval excludes 0 at one of the daily looks or more. */
  sequentialRejectsAtAnyLook: number;
  /** The fixed-horizon interval at the last look contains the true lift. */
  fixedCoversAtEnd: number;
  /** The always-valid interval contains the true lift at every daily look. */
  sequentialCoversAtEveryLook: number;
}

const excludes = (interval: { lower: number; upper: number }, value: number): boolean =>
  interval.lower > value || interval.upper < value;

/** Fractions of experiments with each outcome, looking at cumulative results once a day. */
export function simulateConversions(plan: ConversionPlan): ConversionOutcome {
  const random = new Random(plan.seed);
  const trueLift = plan.treatmentRate / plan.controlRate - 1;
  const planned = plan.plannedSubjectsPerVariation ?? plan.days * plan.dailySubjectsPerArm;
  const counts = { fixedEnd: 0, fixedAny: 0, sequentialAny: 0, fixedCovers: 0, sequentialCovers: 0 };
  for (let e = 0; e < plan.experiments; e++) {
    let control = 0;
    let treatment = 0;
    let fixedAny = false;
    let sequentialAny = false;
    let sequentialCovers = true;
    for (let day = 1; day <= plan.days; day++) {
      control += random.binomial(plan.dailySubjectsPerArm, plan.controlRate);
      treatment += random.binomial(plan.dailySubjectsPerArm, plan.treatmentRate);
      const subjects = day * plan.dailySubjectsPerArm;
      const result = analyzeMetric(
        {
          kind: 'conversion',
          variations: [
            { subjects, conversions: control },
            { subjects, conversions: treatment },
          ],
        },
        { plannedSubjectsPerVariation: planned },
      ).variations[1]!.comparison;
      if (result === null) continue;
      const sequential = result.sequential!;
      if (excludes(result.interval, 0)) fixedAny = true;
      if (excludes(sequential.interval, 0)) sequentialAny = true;
      if (excludes(sequential.interval, trueLift)) sequentialCovers = false;
      if (day === plan.days) {
        if (excludes(result.interval, 0)) counts.fixedEnd++;
        if (!excludes(result.interval, trueLift)) counts.fixedCovers++;
      }
    }
    if (fixedAny) counts.fixedAny++;
    if (sequentialAny) counts.sequentialAny++;
    if (sequentialCovers) counts.sequentialCovers++;
  }
  const n = plan.experiments;
  return {
    fixedRejectsAtEnd: counts.fixedEnd / n,
    fixedRejectsAtAnyLook: counts.fixedAny / n,
    sequentialRejectsAtAnyLook: counts.sequentialAny / n,
    fixedCoversAtEnd: counts.fixedCovers / n,
    sequentialCoversAtEveryLook: counts.sequentialCovers / n,
  };
}

/**
 * The fractions of experiments of `subjects` per arm, analysed once at the end, whose fixed-horizon test and whose
 * always-valid interval (tuned for exactly that size) detect the effect.
 */
export function simulatePower(
  seed: number,
  experiments: number,
  subjects: number,
  controlRate: number,
  treatmentRate: number,
): { fixed: number; sequential: number } {
  const random = new Random(seed);
  let fixed = 0;
  let sequential = 0;
  for (let e = 0; e < experiments; e++) {
    const lift = relativeLift(
      conversionEstimate({ subjects, conversions: random.binomial(subjects, controlRate) }),
      conversionEstimate({ subjects, conversions: random.binomial(subjects, treatmentRate) }),
    );
    if (lift === null || lift.lift <= 0) continue;
    if (lift.pValue < 0.05) fixed++;
    if (sequentialEstimate(lift.lift, lift.standardError, { subjects, plannedSubjects: subjects }).pValue < 0.05) {
      sequential++;
    }
  }
  return { fixed: fixed / experiments, sequential: sequential / experiments };
}

export interface CupedPlan {
  seed: number;
  experiments: number;
  subjectsPerArm: number;
  /** Correlation of the pre-period value X with the metric Y (both with mean 10 and standard deviation 3). */
  correlation: number;
  /** Added to the treatment's Y: 1 is a +10 % lift. */
  shift: number;
}

export interface CupedOutcome {
  /** Mean over experiments of the CUPED interval's width divided by the unadjusted one's. */
  widthRatio: number;
  /** Mean reported variance reduction ρ². */
  varianceReduction: number;
  /** Fractions of experiments whose 95 % interval contains the true lift. */
  coverage: number;
  cupedCoverage: number;
}

function armSummary(random: Random, n: number, correlation: number, shift: number): NumericSummary {
  const noise = 3 * Math.sqrt(1 - correlation * correlation);
  let sum = 0;
  let sumSquares = 0;
  let preSum = 0;
  let preSquares = 0;
  let crossSum = 0;
  for (let i = 0; i < n; i++) {
    const x = 10 + 3 * random.normal();
    const y = 10 + correlation * (x - 10) + noise * random.normal() + shift;
    sum += y;
    sumSquares += y * y;
    preSum += x;
    preSquares += x * x;
    crossSum += x * y;
  }
  return { subjects: n, sum, sumSquares, pre: { sum: preSum, sumSquares: preSquares, crossSum } };
}

export function simulateCuped(plan: CupedPlan): CupedOutcome {
  const random = new Random(plan.seed);
  const trueLift = plan.shift / 10;
  let widthRatio = 0;
  let varianceReduction = 0;
  let covered = 0;
  let cupedCovered = 0;
  for (let e = 0; e < plan.experiments; e++) {
    const result = analyzeMetric({
      kind: 'numeric',
      variations: [
        armSummary(random, plan.subjectsPerArm, plan.correlation, 0),
        armSummary(random, plan.subjectsPerArm, plan.correlation, plan.shift),
      ],
    });
    const plain = result.variations[1]!.comparison!;
    const adjusted = result.variations[1]!.cuped!.comparison!;
    widthRatio += (adjusted.interval.upper - adjusted.interval.lower) / (plain.interval.upper - plain.interval.lower);
    varianceReduction += result.cuped!.varianceReduction;
    if (!excludes(plain.interval, trueLift)) covered++;
    if (!excludes(adjusted.interval, trueLift)) cupedCovered++;
  }
  const n = plan.experiments;
  return {
    widthRatio: widthRatio / n,
    varianceReduction: varianceReduction / n,
    coverage: covered / n,
    cupedCoverage: cupedCovered / n,
  };
}
