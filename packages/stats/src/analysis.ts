/**
 * One metric of one experiment, every figure of the results page: per variation its estimate, and against control
 * the relative lift with its fixed-horizon and always-valid intervals, p-values and chance to beat control — plain
 * and CUPED-adjusted.
 */
import { chanceToBeatControl } from './bayes.js';
import { type CupedAdjustment, cupedAdjust } from './cuped.js';
import { type LiftEstimate, relativeLift, requireAlpha } from './lift.js';
import { type SequentialEstimate, sequentialEstimate } from './sequential.js';
import {
  type ConversionSummary,
  conversionEstimate,
  type MeanEstimate,
  type NumericSummary,
  numericEstimate,
} from './summary.js';

export type MetricInput =
  | { kind: 'conversion'; variations: readonly ConversionSummary[] }
  | { kind: 'numeric'; variations: readonly NumericSummary[] };

export interface AnalysisOptions {
  /** Index of the control variation in `variations` (default 0). */
  control?: number;
  /** 1 − α intervals, p-values compared with α (default 0.05). */
  alpha?: number;
  /** Whether higher values of the metric are better (default) or lower ones; used by the chance to beat control. */
  direction?: 'higher' | 'lower';
  /**
   * Planned subjects per variation (e.g. `sampleSize(...).sequentialSubjectsPerVariation`), fixed when the
   * experiment starts; tunes the always-valid interval. Without it `sequential` is null.
   */
  plannedSubjectsPerVariation?: number;
  /**
   * Standard deviation of a normal prior on the relative lift, centred on 0, for the chance to beat control (e.g. 0.3:
   * lifts beyond ±60 % are implausible); flat if omitted.
   */
  priorStdDev?: number;
}

/** A treatment against control. */
export interface Comparison extends LiftEstimate {
  /** The always-valid interval and p-value, or null without `plannedSubjectsPerVariation`. */
  sequential: SequentialEstimate | null;
  /** Posterior probability that the variation beats control in the metric's direction. */
  chanceToBeatControl: number;
}

export interface VariationResult extends MeanEstimate {
  /** Converted subjects, for a conversion metric. */
  conversions?: number;
  isControl: boolean;
  /** Against control; null for the control itself and when the lift cannot be estimated (see `relativeLift`). */
  comparison: Comparison | null;
  /** CUPED-adjusted estimate and comparison; null when the metric has no pre-exposure data. */
  cuped: (MeanEstimate & { comparison: Comparison | null }) | null;
}

export interface MetricAnalysis {
  kind: 'conversion' | 'numeric';
  alpha: number;
  control: number;
  variations: VariationResult[];
  /** θ, ρ and the variance reduction, when every variation carries pre-exposure sums; else null. */
  cuped: Omit<CupedAdjustment, 'variations'> | null;
}

function compare(
  control: MeanEstimate,
  treatment: MeanEstimate,
  alpha: number,
  options: AnalysisOptions,
): Comparison | null {
  const lift = relativeLift(control, treatment, { alpha });
  if (lift === null) return null;
  const planned = options.plannedSubjectsPerVariation;
  return {
    ...lift,
    sequential:
      planned === undefined
        ? null
        : sequentialEstimate(lift.lift, lift.standardError, {
            subjects: (control.subjects + treatment.subjects) / 2,
            plannedSubjects: planned,
            alpha,
          }),
    chanceToBeatControl: chanceToBeatControl(lift.difference.estimate, lift.difference.standardError, {
      direction: options.direction ?? 'higher',
      // The prior is stated on the relative lift; on the difference its scale is |μ_C| times larger.
      ...(options.priorStdDev === undefined ? {} : { priorStdDev: options.priorStdDev * Math.abs(control.mean) }),
    }),
  };
}

/** Analyses one metric over the variations of an experiment; results come back in the order of the input. */
export function analyzeMetric(input: MetricInput, options: AnalysisOptions = {}): MetricAnalysis {
  const alpha = options.alpha ?? 0.05;
  requireAlpha(alpha);
  const control = options.control ?? 0;
  if (!Number.isInteger(control) || control < 0 || control >= input.variations.length) {
    throw new RangeError(`control must index one of the ${input.variations.length} variations, got ${control}`);
  }
  if (options.plannedSubjectsPerVariation !== undefined && !(options.plannedSubjectsPerVariation > 0)) {
    throw new RangeError(`plannedSubjectsPerVariation must be positive, got ${options.plannedSubjectsPerVariation}`);
  }

  const rows =
    input.kind === 'conversion'
      ? input.variations.map((v) => ({
          estimate: conversionEstimate(v),
          sum: v.conversions,
          pre: v.pre,
          conversions: v.conversions as number | undefined,
        }))
      : input.variations.map((v) => ({
          estimate: numericEstimate(v),
          sum: v.sum,
          pre: v.pre,
          conversions: undefined,
        }));

  let adjustment: CupedAdjustment | null = null;
  if (rows.every((r) => r.pre !== undefined)) {
    adjustment = cupedAdjust(rows.map((r) => ({ estimate: r.estimate, sum: r.sum, pre: r.pre! })));
  }

  const base = rows[control]!.estimate;
  const adjustedBase = adjustment?.variations[control];
  const variations = rows.map((row, i): VariationResult => {
    const isControl = i === control;
    const adjusted = adjustment?.variations[i];
    return {
      ...row.estimate,
      ...(row.conversions === undefined ? {} : { conversions: row.conversions }),
      isControl,
      comparison: isControl ? null : compare(base, row.estimate, alpha, options),
      cuped:
        adjusted === undefined || adjustedBase === undefined
          ? null
          : { ...adjusted, comparison: isControl ? null : compare(adjustedBase, adjusted, alpha, options) },
    };
  });

  const cuped =
    adjustment === null
      ? null
      : {
          theta: adjustment.theta,
          correlation: adjustment.correlation,
          varianceReduction: adjustment.varianceReduction,
          covariateMean: adjustment.covariateMean,
        };
  return { kind: input.kind, alpha, control, variations, cuped };
}
