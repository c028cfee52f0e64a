import type { EvaluationContext } from '@vexil/engine';
import { contextIdentity, contextKinds } from './contexts.js';

/** Identities remembered per period; beyond, the memory starts afresh (a context may then be sent twice, never lost). */
const MAX_IDENTITIES = 100_000;

/**
 * Which contexts were already recorded in the current period (between two flushes), so that each
 * is sent once. Asked on every evaluation, so the common answers come first and cheapest:
 *
 * 1. the object of the previous evaluation (a request evaluating several flags): one comparison;
 * 2. an object already looked at this period carries this period's mark (see `PeriodMark`): one
 *    field read on the context. A WeakSet would do the same job, but once thousands of contexts
 *    are live its lookups miss the CPU caches, and cost more than the evaluation itself;
 * 3. a new object: its identity (`user:ada`) against those recorded, so that a context rebuilt for
 *    each request is still sent once per period.
 *
 * Called before the engine reads the context, so that the engine's inline caches only ever see
 * marked contexts, not both shapes of each.
 */
export class SeenContexts {
  /** Who owns a mark: a token rather than this object, so that marks left on long-lived contexts keep nothing big alive. */
  private readonly owner = {};
  private period = new Period(this.owner);
  /** The context of the previous evaluation: a request usually evaluates several flags for one. */
  private last: object | undefined;
  /** Objects this client cannot mark: marked by another client, or refused by the runtime. */
  private unmarked = new WeakSet<object>();
  private identities = new Set<string>();

  /** True when `context` should be recorded: it has a key for every kind and was not recorded this period. */
  isNew(context: EvaluationContext): boolean {
    // Small, so that it is inlined into the evaluation; the rest is once per object and period.
    if (context === this.last || typeof context !== 'object' || context === null) return false;
    this.last = context;
    if (PeriodMark.of(context) === this.period) return false;
    return this.firstLook(context);
  }

  /** Starts a new period: every context is recorded again, once. */
  startPeriod(): void {
    this.period = new Period(this.owner);
    this.last = undefined;
    this.unmarked = new WeakSet();
    this.identities = new Set();
  }

  private firstLook(context: EvaluationContext): boolean {
    const mark = PeriodMark.of(context);
    const markable = (mark === undefined || mark.owner === this.owner) && PeriodMark.set(context, this.period);
    if (!markable) {
      if (this.unmarked.has(context)) return false;
      this.unmarked.add(context);
    }
    const identity = contextIdentity(context);
    if (identity === undefined || this.identities.has(identity) || contextKinds(context) === undefined) return false;
    if (this.identities.size >= MAX_IDENTITIES) this.identities.clear();
    this.identities.add(identity);
    return true;
  }
}

/** One client's period: what a mark holds. A new object per period, so an old mark never matches. */
class Period {
  constructor(readonly owner: object) {}
}

/** A base class whose constructor returns the object it is given, so that a subclass's private field lands on that object. */
const Adopt = class {
  constructor(target: object) {
    // biome-ignore lint/correctness/noConstructorReturn: returning the target is the point (see above)
    return target;
  }
} as new (
  target: object,
) => object;

/**
 * The period in which a client last looked at a context object, kept in a private field on the
 * object: invisible to the application (not in `Object.keys`, JSON, spread or `structuredClone`,
 * so a copy of a context is not taken for the original). The first client to look at an object
 * owns its mark; another client in the same process uses its WeakSet for that object instead.
 */
class PeriodMark extends Adopt {
  #period: Period;

  private constructor(target: object, period: Period) {
    super(target);
    this.#period = period;
  }

  static of(target: object): Period | undefined {
    return #period in target ? (target as PeriodMark).#period : undefined;
  }

  /** False when the runtime refuses a private field on this object. */
  static set(target: object, period: Period): boolean {
    if (#period in target) {
      (target as PeriodMark).#period = period;
      return true;
    }
    try {
      new PeriodMark(target, period);
      return true;
    } catch {
      return false;
    }
  }
}
