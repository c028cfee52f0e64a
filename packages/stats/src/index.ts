/**
 * @vexil/stats — the statistics of Vexil's experiments: pure functions over per-variation summaries, no I/O and no
 * runtime dependencies. The formulas and their sources are in docs/experiments.md.
 */
export { normalCdf, normalSurvival, normalPdf, normalQuantile, twoSidedPValue } from './normal.js';
export { logGamma, regularizedGammaP, regularizedGammaQ, chiSquareSurvival } from './gamma.js';
export {
  conversionEstimate,
  numericEstimate,
  sampleVariance,
  type ConversionSummary,
  type NumericSummary,
  type PrePeriodSums,
  type MeanEstimate,
  type MetricKind,
} from './summary.js';
export { relativeLift, type LiftEstimate, type Interval } from './lift.js';
export {
  sequentialEstimate,
  sequentialMultiplier,
  optimalMixtureScale,
  type SequentialOptions,
  type SequentialEstimate,
} from './sequential.js';
export { chanceToBeatControl, effectPosterior, type ChanceToBeatOptions } from './bayes.js';
export { cupedAdjust, type CupedVariation, type CupedAdjustment } from './cuped.js';
export { sampleRatioMismatch, type SampleRatioMismatch } from './srm.js';
export { percentile, capAtPercentile } from './capping.js';
export { sampleSize, type SampleSizeInput, type SampleSize } from './sample-size.js';
export {
  analyzeMetric,
  type MetricInput,
  type AnalysisOptions,
  type Comparison,
  type VariationResult,
  type MetricAnalysis,
} from './analysis.js';
