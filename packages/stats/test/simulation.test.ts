/**
 * The statistics proven by simulation: seeded, so each run draws the same experiments and the bounds below are
 * checked against fixed numbers, wide enough (≥ 2 binomial standard errors) that a correct method passes for any seed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleSize } from '@vexil/stats';
import { type ConversionOutcome, simulateConversions, simulateCuped, simulatePower } from './support/simulate.js';

// 2,000 experiments, 1,000 subjects per arm per day for 14 days, a 10 % conversion rate, a look every day.
const daily = { experiments: 2_000, days: 14, dailySubjectsPerArm: 1_000, controlRate: 0.1 };

describe('A/A experiments (no true effect)', () => {
  let outcome: ConversionOutcome;
  beforeAll(() => {
    outcome = simulateConversions({ ...daily, seed: 1, treatmentRate: 0.1 });
  });

  it('the fixed-horizon test has a 3–7 % false-positive rate when looked at once', () => {
    expect(outcome.fixedRejectsAtEnd).toBeGreaterThanOrEqual(0.03);
    expect(outcome.fixedRejectsAtEnd).toBeLessThanOrEqual(0.07);
  });

  it('with daily peeking the fixed-horizon test exceeds 5 % and the always-valid interval stays below it', () => {
    expect(outcome.fixedRejectsAtAnyLook).toBeGreaterThan(0.08);
    expect(outcome.sequentialRejectsAtAnyLook).toBeLessThanOrEqual(0.05);
  });
});

describe('experiments with a true +10 % lift', () => {
  let outcome: ConversionOutcome;
  beforeAll(() => {
    outcome = simulateConversions({ ...daily, seed: 2, treatmentRate: 0.11 });
  });

  it('the 95 % interval covers the true lift in 93–97 % of runs', () => {
    expect(outcome.fixedCoversAtEnd).toBeGreaterThanOrEqual(0.93);
    expect(outcome.fixedCoversAtEnd).toBeLessThanOrEqual(0.97);
  });

  it('the always-valid interval covers it at every daily look in at least 95 % of runs', () => {
    expect(outcome.sequentialCoversAtEveryLook).toBeGreaterThanOrEqual(0.95);
  });
});

describe('sample size', () => {
  const plan = sampleSize({
    baselineMean: 0.1,
    baselineVariance: 0.1 * 0.9,
    treatmentVariance: 0.11 * 0.89,
    minimumDetectableEffect: 0.1,
  });

  // The formula is slightly conservative: the plug-in standard error grows with the estimated lift, which makes the
  // z statistic a little less variable under the alternative than N(·, 1); the simulated power is about 82 %.
  it('the planned fixed-horizon size detects the planned +10 % with 80–86 % power', () => {
    const power = simulatePower(3, 2_000, plan.subjectsPerVariation, 0.1, 0.11);
    expect(power.fixed).toBeGreaterThanOrEqual(0.8);
    expect(power.fixed).toBeLessThanOrEqual(0.86);
  });

  it('the planned sequential size gives the always-valid interval the same power at its last look', () => {
    const power = simulatePower(6, 2_000, plan.sequentialSubjectsPerVariation, 0.1, 0.11);
    expect(power.sequential).toBeGreaterThanOrEqual(0.8);
    expect(power.sequential).toBeLessThanOrEqual(0.86);
  });
});

describe('CUPED', () => {
  it('narrows the interval by about √(1 − ρ²) when the pre-period correlates (ρ = 0.7), keeping coverage', () => {
    const outcome = simulateCuped({ seed: 4, experiments: 2_000, subjectsPerArm: 500, correlation: 0.7, shift: 1 });
    expect(outcome.varianceReduction).toBeGreaterThan(0.46);
    expect(outcome.varianceReduction).toBeLessThan(0.52);
    expect(outcome.widthRatio).toBeGreaterThan(0.69);
    expect(outcome.widthRatio).toBeLessThan(0.74);
    for (const coverage of [outcome.coverage, outcome.cupedCoverage]) {
      expect(coverage).toBeGreaterThanOrEqual(0.93);
      expect(coverage).toBeLessThanOrEqual(0.97);
    }
  });

  it('does not narrow it when the pre-period is unrelated, and keeps the false-positive rate at 3–7 %', () => {
    const outcome = simulateCuped({ seed: 5, experiments: 2_000, subjectsPerArm: 500, correlation: 0, shift: 0 });
    expect(outcome.varianceReduction).toBeLessThan(0.005);
    expect(outcome.widthRatio).toBeGreaterThan(0.99);
    expect(outcome.widthRatio).toBeLessThanOrEqual(1);
    expect(1 - outcome.cupedCoverage).toBeGreaterThanOrEqual(0.03);
    expect(1 - outcome.cupedCoverage).toBeLessThanOrEqual(0.07);
  });
});
