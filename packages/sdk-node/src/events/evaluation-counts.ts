import type { EvaluationResult } from '@vexil/engine';

/** One row of a `summary` event: how often a flag served a variation (none: the caller's default). */
export interface EvaluationCount {
  flag: string;
  variation?: string;
  count: number;
}

/** The evaluations of one flag that served one variation, in the current period. */
interface Tally {
  readonly flag: string;
  /** '' for the caller's default. */
  readonly variation: string;
  count: number;
}

/** How many recent results are compared by identity before the WeakMap is asked (a flag serves a handful). */
const RECENT = 4;

/**
 * Evaluation counts per flag and variation, between two summaries. The engine returns one shared,
 * frozen result object per flag and served variation, so a tally is found by the result's
 * identity: first among the last few results (a flag evaluated again and again, or one of its
 * variations: a few pointer comparisons), then in a WeakMap by result (its lookups cost about half
 * a Map's, and results of replaced rulesets go with them). No string is built and nothing is
 * allocated per evaluation.
 */
export class EvaluationCounts {
  /** flag → variation → tally: what the summary reports. */
  private byFlag = new Map<string, Map<string, Tally>>();
  private byResult = new WeakMap<EvaluationResult, Tally>();
  private readonly recentResults: (EvaluationResult | undefined)[] = new Array(RECENT).fill(undefined);
  private readonly recentTallies: (Tally | undefined)[] = new Array(RECENT).fill(undefined);
  private nextRecent = 0;

  count(flag: string, result: EvaluationResult): void {
    for (let i = 0; i < RECENT; i++) {
      if (this.recentResults[i] === result) {
        const tally = this.recentTallies[i]!;
        if (tally.flag === flag) {
          tally.count++;
          return;
        }
      }
    }
    this.countSlowly(flag, result);
  }

  /** The counts since the last call (each above zero), in the order first counted; starts a new period. */
  drain(): EvaluationCount[] {
    const counts: EvaluationCount[] = [];
    for (const [flag, byVariation] of this.byFlag) {
      for (const [variation, { count }] of byVariation)
        counts.push(variation === '' ? { flag, count } : { flag, variation, count });
    }
    this.byFlag = new Map();
    this.byResult = new WeakMap();
    this.recentResults.fill(undefined);
    this.recentTallies.fill(undefined);
    return counts;
  }

  private countSlowly(flag: string, result: EvaluationResult): void {
    let tally = this.byResult.get(result);
    // A result object belongs to one flag; the check guards against an engine that would share one.
    if (tally === undefined || tally.flag !== flag) {
      const variation = result.variation ?? '';
      let byVariation = this.byFlag.get(flag);
      if (byVariation === undefined) this.byFlag.set(flag, (byVariation = new Map()));
      tally = byVariation.get(variation);
      if (tally === undefined) byVariation.set(variation, (tally = { flag, variation, count: 0 }));
      // Results without a variation carry the caller's default: a new object each time, not worth remembering.
      if (result.variation === undefined) {
        tally.count++;
        return;
      }
      this.byResult.set(result, tally);
    }
    tally.count++;
    this.recentResults[this.nextRecent] = result;
    this.recentTallies[this.nextRecent] = tally;
    this.nextRecent = (this.nextRecent + 1) % RECENT;
  }
}
